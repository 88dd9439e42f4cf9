// Demo data for the mock API: a few candidates shaped like `grappe scan` JSON output.
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s + 0x9e3779b9) >>> 0; let z = s; z = Math.imul(z ^ (z >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35); return ((z ^ (z >>> 16)) >>> 0) / 4294967296; };
}
const PLACES = [
  // trade, codes, commune, lon, lat, members, score, q
  ['shop-fitting', ['31.01Z', '43.32B', '25.11Z'], 'Blois', 1.335, 47.586, 45, 0.94, 0.0004],
  ['cutlery', ['25.71Z'], 'Thiers', 3.547, 45.856, 38, 0.88, 0.0008],
  ['bar-turning', ['25.62A'], 'Cluses', 6.579, 46.060, 61, 0.91, 0.0002],
  ['eyewear', ['32.50B'], 'Morez', 6.024, 46.524, 27, 0.81, 0.002],
  ['porcelain', ['23.41Z'], 'Limoges', 1.261, 45.834, 22, 0.66, 0.011],
  ['plastics', ['22.29A', '22.29B'], 'Oyonnax', 5.655, 46.257, 54, 0.77, 0.003],
  ['watchmaking', ['26.52Z'], 'Besançon', 6.024, 47.238, 19, 0.58, 0.024],
  ['boat-building', ['30.12Z'], 'La Rochelle', -1.152, 46.160, 24, 0.52, 0.031],
];
const PREFIX = { 'shop-fitting': ['Agencement', 'Atelier', 'Menuiserie', 'Stand', 'Mobilier'], default: ['Ateliers', 'Société', 'Établissements', 'Manufacture', 'SARL'] };
const NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand'];

export function demoCandidates() {
  return PLACES.map(([trade, codes, commune, lon, lat, n, score, q], i) => {
    const r = rng(i + 7);
    const pre = PREFIX[trade] ?? PREFIX.default;
    const members = Array.from({ length: n }, (_, k) => {
      const a = r() * 2 * Math.PI; const d = Math.sqrt(r()) * 0.16;
      const siren = String(300000000 + i * 1000 + k * 7);
      return {
        siret: `${siren}000${String(10 + (k % 80)).padStart(2, '0')}`,
        name: `${pre[k % pre.length]} ${NAMES[(k * 7 + i) % NAMES.length]}${k >= NAMES.length ? ` ${k}` : ''}`,
        address: `${1 + Math.floor(r() * 120)} rue ${['des Artisans', 'de la Gare', 'du Moulin', 'Pasteur', 'Victor Hugo'][k % 5]}`,
        commune, headcount: Math.round(2 + r() * r() * 80), lon: +(lon + Math.cos(a) * d * 1.4).toFixed(5), lat: +(lat + Math.sin(a) * d).toFixed(5),
      };
    });
    return { rank: i + 1, score, p_value: q / 3, q_value: q, trade, codes, center: { lon, lat }, radius_m: 9000 + i * 1500, members };
  });
}

export function kdCurve() {
  const r = Array.from({ length: 60 }, (_, i) => i * 2500);
  const kd = r.map((x) => 0.9e-5 * Math.exp(-x / 25000) + 0.3e-5 * Math.exp(-((x - 90000) ** 2) / 2e9));
  const base = r.map((x) => 0.25e-5 + 0.25e-5 * Math.exp(-((x - 70000) ** 2) / 5e9));
  return { r, kd, lower: base.map((b) => b * 0.7), upper: base.map((b) => b * 1.35), global_lower: base.map((b) => b * 0.55), global_upper: base.map((b) => b * 1.6) };
}

export function lineage(c) {
  const sirens = c.members.map((m) => m.siret.slice(0, 9));
  const pioneer = '287000011';
  const edges = [];
  const mid = sirens.slice(0, 4);
  mid.forEach((s) => edges.push({ parent: pioneer, child: s, source: 'succession', date: '1978-01-01' }));
  sirens.slice(4, 24).forEach((s, i) => edges.push({ parent: mid[i % 4], child: s, source: i % 3 ? 'founders' : 'succession', date: `${1990 + i}-06-01` }));
  return { ancestors: [{ siren: pioneer, name: 'Agencements Hervé (1962)', descendants: 24, created: '1962-03-01' }, { siren: mid[0], descendants: 6, created: '1978-01-01' }], edges };
}

export function surveyQuestions() {
  const themes = [['digital', 'Numérique', 'Digital'], ['environment', 'Transition environnementale', 'Environmental transition'], ['export', 'Export', 'Export'],
    ['skills', 'Compétences et recrutement', 'Skills and hiring'], ['purchasing', 'Achats', 'Purchasing'], ['rd', 'R&D', 'R&D'], ['logistics', 'Logistique', 'Logistics'],
    ['communication', 'Communication', 'Communication'], ['other', 'Autre', 'Other']];
  return [
    { id: 'interest', type: 'scale', required: true, min: 1, max: 5, label: { fr: 'Votre intérêt pour coopérer avec les entreprises voisines de votre métier', en: 'Your interest in cooperating with nearby firms of your trade' } },
    { id: 'known', type: 'firms', label: { fr: 'Quelles entreprises connaissez-vous ou avec lesquelles travaillez-vous déjà ?', en: 'Which firms do you already know or work with?' } },
    { id: 'needs', type: 'multiple', required: true, label: { fr: 'Vos besoins, par thème', en: 'Your needs, by theme' }, options: themes.map(([value, fr, en]) => ({ value, label: { fr, en } })) },
    { id: 'needs_text', type: 'text', label: { fr: 'Décrivez votre besoin principal', en: 'Describe your main need' }, help: { fr: 'Quelques phrases suffisent.', en: 'A few sentences are enough.' } },
    { id: 'skills', type: 'text', label: { fr: 'Compétences ou équipements que vous pourriez partager', en: 'Skills or equipment you could share' } },
    { id: 'founder_origin', type: 'text', label: { fr: 'Où le fondateur travaillait-il avant de créer l’entreprise ?', en: 'Where did the founder work before starting the firm?' } },
    { id: 'host', type: 'single', label: { fr: 'Pourriez-vous accueillir une réunion ?', en: 'Could you host a meeting?' }, options: [{ value: 'yes', label: { fr: 'Oui', en: 'Yes' } }, { value: 'no', label: { fr: 'Non', en: 'No' } }] },
    { id: 'consent', type: 'consent', required: true, label: { fr: 'J’accepte que ces réponses soient utilisées par l’animateur de la grappe (RGPD : vous pouvez les télécharger ou les effacer à tout moment).', en: 'I agree that the cluster manager uses these answers (GDPR: you can download or erase them at any time).' } },
  ];
}
