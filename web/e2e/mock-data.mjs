// Demo data for the mock API: a few candidates shaped like `grappe scan` JSON output.
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s + 0x9e3779b9) >>> 0; let z = s; z = Math.imul(z ^ (z >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35); return ((z ^ (z >>> 16)) >>> 0) / 4294967296; };
}
const PLACES = [
  // trade, codes, commune, lon, lat, members, score, q
  ['shop-fitting', ['31.01Z', '43.32B', '25.11Z'], 'Blois', 1.335, 47.586, 45, 0.94, 0.0004, '41018'],
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
  return PLACES.map(([trade, codes, commune, lon, lat, n, score, q, insee = '00000'], i) => {
    const r = rng(i + 7);
    const pre = PREFIX[trade] ?? PREFIX.default;
    const members = Array.from({ length: n }, (_, k) => {
      const a = r() * 2 * Math.PI; const d = Math.sqrt(r()) * 0.16;
      const siren = String(300000000 + i * 1000 + k * 7);
      return {
        siret: `${siren}000${String(10 + (k % 80)).padStart(2, '0')}`,
        name: `${pre[k % pre.length]} ${NAMES[(k * 7 + i) % NAMES.length]}${k >= NAMES.length ? ` ${k}` : ''}`,
        address: `${1 + Math.floor(r() * 120)} rue ${['des Artisans', 'de la Gare', 'du Moulin', 'Pasteur', 'Victor Hugo'][k % 5]}`,
        commune: insee, commune_name: commune, headcount: Math.round(2 + r() * r() * 80), lon: +(lon + Math.cos(a) * d * 1.4).toFixed(5), lat: +(lat + Math.sin(a) * d).toFixed(5),
      };
    });
    const ring = Array.from({ length: 13 }, (_, k) => [+(lon + Math.cos((k % 12) * Math.PI / 6) * 0.1 * (1 + 0.25 * Math.sin(k))).toFixed(4), +(lat + Math.sin((k % 12) * Math.PI / 6) * 0.07).toFixed(4)]);
    const establishments = n * 9;
    return { rank: i + 1, score: Math.round(score * 1000) / 10, p_value: q / 3, q_value: q, llr: 40 - i * 3, trade, trade_name: trade, codes, center: { lon, lat }, radius_m: 9000 + i * 1500,
      establishments, expected: n / 6, relative_risk: 6.5 - i * 0.4, lq: 6.2 - i * 0.5, employment: n * 11, rarity: 0.31 - i * 0.03, national_trade: Math.round(n / (0.31 - i * 0.03)),
      strong: i < 4, strong_flags: { lq_top_quartile: true, employment_above_bottom_quartile: i < 4, establishments_above_bottom_quartile: true },
      footprint: { type: 'MultiPolygon', coordinates: [[ring]] }, members };
  });
}

export function kdCurve() {
  const r = Array.from({ length: 60 }, (_, i) => i * 2500);
  const kd = r.map((x) => 0.9e-5 * Math.exp(-x / 25000) + 0.3e-5 * Math.exp(-((x - 90000) ** 2) / 2e9));
  const base = r.map((x) => 0.25e-5 + 0.25e-5 * Math.exp(-((x - 70000) ** 2) / 5e9));
  return { r, kd, lower: base.map((b) => b * 0.7), upper: base.map((b) => b * 1.35), global_lower: base.map((b) => b * 0.55), global_upper: base.map((b) => b * 1.6),
    group: { kind: 'trade', code: 'shop-fitting', label: 'Shop fitting', establishments: 45, points: 45 }, simulations: 99, seed: 1, confidence: 0.9, localised: true, gamma: 0.5 };
}

export function lineage(c) {
  const sirens = c.members.map((m) => m.siret.slice(0, 9));
  const pioneer = '287000011';
  const edges = [];
  const mid = sirens.slice(0, 4);
  mid.forEach((s) => edges.push({ parent: pioneer, child: s, source: 'succession', date: '1978-01-01' }));
  sirens.slice(4, 24).forEach((s, i) => edges.push({ parent: mid[i % 4], child: s, source: i % 3 ? 'founder' : 'succession', date: `${1990 + i}-06-01` }));
  return { ancestors: [{ siren: pioneer, name: 'Agencements Hervé (1962)', descendants: 24, created: '1962-03-01' }, { siren: mid[0], descendants: 6, created: '1978-01-01' }], edges };
}

// The workspace server's default launch questionnaire (src/workspace/survey_questions.cpp).
const opt = (value, fr, en) => ({ value, fr, en });
export function defaultQuestions() {
  return [
    { key: 'interest', kind: 'single', required: true, fr: 'Seriez-vous intéressé·e par une coopération avec les autres entreprises de ce groupe ?', en: 'Would you be interested in cooperating with the other firms of this group?',
      options: [opt('very', 'Très intéressé·e', 'Very interested'), opt('yes', 'Intéressé·e', 'Interested'), opt('maybe', 'Peut-être, à voir', 'Maybe'), opt('no', 'Pas intéressé·e', 'Not interested')] },
    { key: 'known_members', kind: 'firms', required: false, fr: 'Quelles entreprises du groupe connaissez-vous déjà ou avec lesquelles travaillez-vous ?', en: 'Which firms of the group do you already know or work with?', options: [] },
    { key: 'needs', kind: 'multiple', required: false, fr: 'Sur quels thèmes avez-vous des besoins ?', en: 'On which themes do you have needs?',
      options: [opt('digital', 'Numérique', 'Digital'), opt('environment', 'Transition environnementale', 'Environmental transition'), opt('export', 'Export', 'Export'),
        opt('skills_hiring', 'Compétences et recrutement', 'Skills and hiring'), opt('purchasing', 'Achats', 'Purchasing'), opt('rnd', 'R&D, innovation', 'R&D, innovation'),
        opt('logistics', 'Logistique', 'Logistics'), opt('communication', 'Communication', 'Communication'), opt('other', 'Autre', 'Other')] },
    { key: 'needs_detail', kind: 'text', required: false, fr: 'Décrivez ces besoins (un par thème si possible).', en: 'Describe these needs (one per theme if you can).', options: [] },
    { key: 'skills_to_share', kind: 'text', required: false, fr: 'Quelles compétences pourriez-vous partager avec les autres entreprises ?', en: 'Which skills could you share with the other firms?', options: [] },
    { key: 'equipment_to_share', kind: 'text', required: false, fr: 'Quels équipements ou locaux pourriez-vous partager ?', en: 'Which equipment or premises could you share?', options: [] },
    { key: 'founder_background', kind: 'text', required: false, fr: "Où le fondateur ou la fondatrice travaillait-il·elle avant de créer l'entreprise (entreprise, ville) ?", en: 'Where did the founder work before starting the firm (company, town)?', options: [] },
    { key: 'host_meeting', kind: 'single', required: false, fr: 'Pourriez-vous accueillir une réunion du groupe ?', en: 'Could you host a meeting of the group?', options: [opt('yes', 'Oui', 'Yes'), opt('maybe', 'Peut-être', 'Maybe'), opt('no', 'Non', 'No')] },
    { key: 'consent', kind: 'single', required: true, fr: "J'accepte que la chambre de commerce conserve ces réponses pour lancer et animer le groupe ; je peux les télécharger ou les effacer à tout moment par ce lien.",
      en: 'I agree that the chamber of commerce keeps these answers to launch and run the group; I can download or erase them at any time through this link.', options: [opt('yes', "J'accepte", 'I agree')] },
  ];
}
