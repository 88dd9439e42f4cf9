// A small stand-in for `grappe serve` used until the real server lands: serves web/dist and
// the /api/v1 endpoints the app calls (same shapes as docs/web.md), with in-memory state.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { extname, join, normalize } from 'node:path';
import { demoCandidates, kdCurve, lineage, surveyQuestions } from './mock-data.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };
export const DEMO_USER = { email: 'animator@grappe.test', password: 'demo-password-2026', name: 'Claire Animatrice', role: 'animator' };

export function startMockServer({ dist, port = 0, candidates = demoCandidates() }) {
  const sessions = new Map();
  const initiatives = [];
  const responses = new Map(); // token → { answers, submitted }
  let topicSeq = 1;
  const token = () => randomBytes(16).toString('hex');

  const json = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res, status, code, message) => json(res, status, { error: { code, message } });
  const readBody = (req) => new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => { data += c; if (data.length > 1e6) reject(new Error('too large')); });
    req.on('end', () => { try { resolve(data ? JSON.parse(data) : {}); } catch (e) { reject(e); } });
  });
  const sessionOf = (req) => {
    const m = /(?:^|;\s*)grappe_session=([a-f0-9]+)/.exec(req.headers.cookie ?? '');
    return m ? sessions.get(m[1]) : undefined;
  };
  const findIni = (id) => initiatives.find((i) => String(i.id) === String(id));
  const allInvitations = () => initiatives.flatMap((i) => i.invitations.map((v) => ({ ini: i, inv: v })));

  function results(ini) {
    const qs = surveyQuestions();
    const rs = ini.invitations.map((v) => responses.get(v.token)).filter((r) => r?.submitted);
    return {
      invited: ini.invitations.length, responded: rs.length,
      questions: qs.filter((q) => q.type !== 'consent').map((q) => {
        const out = { id: q.id, label: q.label, type: q.type, options: q.type === 'firms' ? ini.members.map((m) => ({ value: m.siret, label: m.name })) : q.options };
        if (q.type === 'text') out.texts = rs.map((r) => r.answers[q.id]).filter((x) => typeof x === 'string' && x.trim());
        else {
          out.counts = {};
          for (const r of rs) for (const v of [].concat(r.answers[q.id] ?? [])) out.counts[v] = (out.counts[v] ?? 0) + 1;
          if (q.type === 'scale' && rs.length) out.mean = rs.reduce((s, r) => s + Number(r.answers[q.id] ?? 0), 0) / rs.length;
        }
        return out;
      }),
    };
  }

  async function api(req, res, path) {
    const method = req.method;
    const sess = sessionOf(req);
    if (path === '/auth/login' && method === 'POST') {
      const b = await readBody(req);
      if (b.email !== DEMO_USER.email || b.password !== DEMO_USER.password) return error(res, 401, 'bad_credentials', 'wrong email or password');
      const sid = token(); const csrf = token();
      sessions.set(sid, { user: { email: DEMO_USER.email, name: DEMO_USER.name, role: DEMO_USER.role }, csrf });
      return json(res, 200, { user: sessions.get(sid).user, csrf_token: csrf }, { 'Set-Cookie': `grappe_session=${sid}; HttpOnly; SameSite=Strict; Path=/` });
    }
    let m;
    if ((m = /^\/survey\/([a-f0-9]+)(\/submit)?$/.exec(path))) {
      const found = allInvitations().find((x) => x.inv.token === m[1]);
      if (!found) return error(res, 404, 'not_found', 'unknown survey link');
      const r = responses.get(m[1]) ?? { answers: {}, submitted: false };
      if (method === 'GET') {
        return json(res, 200, { title: { fr: `Enquête de lancement — ${found.ini.name}`, en: `Launch survey — ${found.ini.name}` },
          intro: { fr: 'Dix minutes pour dire ce dont votre entreprise a besoin et ce qu’elle peut apporter.', en: 'Ten minutes to tell us what your firm needs and what it can bring.' },
          firm: { name: found.inv.name }, questions: surveyQuestions(), answers: r.answers, submitted: r.submitted, closed: false,
          firms: found.ini.members.filter((x) => x.siret !== found.inv.siret).map((x) => ({ siret: x.siret, name: x.name })) });
      }
      const b = await readBody(req);
      if (typeof b.answers !== 'object' || b.answers === null) return error(res, 400, 'bad_request', 'answers must be an object');
      if (method === 'PUT' && !m[2]) { responses.set(m[1], { answers: b.answers, submitted: r.submitted }); return json(res, 200, { saved: true }); }
      if (method === 'POST' && m[2]) { responses.set(m[1], { answers: b.answers, submitted: true }); found.inv.responded = true; return json(res, 200, { submitted: true }); }
      return error(res, 405, 'method_not_allowed', 'method not allowed');
    }
    if (!sess) return error(res, 401, 'unauthenticated', 'log in first');
    if (method !== 'GET' && req.headers['x-csrf-token'] !== sess.csrf) return error(res, 403, 'csrf', 'missing or wrong CSRF token');
    if (path === '/auth/me') return json(res, 200, { user: sess.user, csrf_token: sess.csrf });
    if (path === '/auth/logout') { return json(res, 200, { ok: true }, { 'Set-Cookie': 'grappe_session=; Max-Age=0; Path=/' }); }
    if (path === '/candidates') return json(res, 200, { candidates });
    if ((m = /^\/candidates\/(\d+)(\/kd|\/lineage)?$/.exec(path))) {
      const c = candidates.find((x) => String(x.rank) === m[1]);
      if (!c) return error(res, 404, 'not_found', 'no such candidate');
      if (m[2] === '/kd') return json(res, 200, kdCurve());
      if (m[2] === '/lineage') return json(res, 200, lineage(c));
      return json(res, 200, c);
    }
    if (path === '/initiatives' && method === 'GET') return json(res, 200, { initiatives: initiatives.map(({ id, name, trade, created_at, members }) => ({ id, name, trade, created_at, member_count: members.length })) });
    if (path === '/initiatives' && method === 'POST') {
      const b = await readBody(req);
      const c = candidates.find((x) => x.rank === b.candidate_rank);
      if (!b.name || typeof b.name !== 'string') return error(res, 400, 'bad_request', 'name is required');
      const members = (c?.members ?? []).map((x, k) => ({ ...x, representatives: k % 3 === 0 ? [{ name: `${x.name.split(' ').pop()} Représentant`, email: `contact${k}@example.fr`, role: 'gérant' }] : [] }));
      const ini = { id: initiatives.length + 1, name: b.name, trade: c?.trade, created_at: new Date().toISOString(), members, topics: [],
        invitations: members.map((x) => ({ siret: x.siret, name: x.name, token: token(), responded: false })) };
      initiatives.push(ini);
      return json(res, 201, { id: ini.id, name: ini.name, trade: ini.trade, created_at: ini.created_at });
    }
    if ((m = /^\/initiatives\/(\d+)(?:\/(.+))?$/.exec(path))) {
      const ini = findIni(m[1]);
      if (!ini) return error(res, 404, 'not_found', 'no such initiative');
      const sub = m[2];
      if (!sub) return json(res, 200, { id: ini.id, name: ini.name, trade: ini.trade, created_at: ini.created_at, members: ini.members });
      if (sub === 'survey/invitations') return json(res, 200, { invitations: ini.invitations });
      if (sub === 'survey/results') return json(res, 200, results(ini));
      if (sub === 'needs') {
        const rs = ini.invitations.map((v) => responses.get(v.token)).filter((r) => r?.submitted);
        const byTheme = new Map();
        rs.forEach((r, k) => [].concat(r.answers.needs ?? []).forEach((th) => { const e = byTheme.get(th) ?? { firms: [], texts: [] }; e.firms.push(ini.invitations[k]?.name ?? '?'); if (r.answers.needs_text) e.texts.push(r.answers.needs_text); byTheme.set(th, e); }));
        const base = [{ id: 'n1', label: 'Achats groupés de panneaux bois', theme: 'purchasing', firms: ini.members.slice(0, 9).map((x) => x.name), texts: ['Nos volumes de panneaux sont trop faibles pour négocier.', 'Acheter ensemble le MDF et le stratifié.'] },
          { id: 'n2', label: 'Recrutement d’agenceurs qualifiés', theme: 'skills', firms: ini.members.slice(3, 10).map((x) => x.name), texts: ['Impossible de trouver des poseurs.'] },
          { id: 'n3', label: 'Répondre ensemble aux appels d’offres des enseignes', theme: 'export', firms: ini.members.slice(5, 9).map((x) => x.name), texts: ['Les grandes enseignes veulent un interlocuteur unique.'] }];
        return json(res, 200, { needs: [...base, ...[...byTheme].map(([th, e], k) => ({ id: `s${k}`, label: `Survey: ${th}`, theme: th, firms: e.firms, texts: e.texts }))] });
      }
      if (sub === 'topics' && method === 'GET') return json(res, 200, { topics: ini.topics });
      if (sub === 'topics' && method === 'POST') {
        const b = await readBody(req);
        if (!b.title || typeof b.title !== 'string' || b.title.length > 200) return error(res, 400, 'bad_request', 'title is required (≤ 200 characters)');
        const tp = { id: topicSeq++, title: b.title, stage: 'need', initiated_by: sess.user.name, led_by: sess.user.name, supports: 0, polls: [], proposals: [], meetings: [], actions: [], history: [{ stage: 'need', at: new Date().toISOString() }] };
        ini.topics.push(tp);
        return json(res, 201, tp);
      }
      if (sub === 'referrals') return json(res, 200, { referrals: ini.members.slice(1, 6).map((x, k) => ({ from: ini.members[0].name, to: x.name, date: `2026-0${k + 1}-15` })) });
      if (sub === 'network') {
        const nodes = ini.members.slice(0, 24).map((x, k) => ({ id: x.siret, name: x.name, core: k < 6 ? 3 : k < 14 ? 2 : 1 }));
        const edges = [];
        nodes.forEach((a, i) => nodes.forEach((b, j) => { if (j > i && ((i < 6 && j < 6) || (j - i) % 7 === 1 || (i < 3 && j % 5 === 0))) edges.push({ source: a.id, target: b.id, kind: 'survey' }); }));
        return json(res, 200, { nodes, edges });
      }
      if (sub === 'indicators') {
        const series = Array.from({ length: 12 }, (_, k) => ({ date: new Date(Date.UTC(2025, k * 2, 1)).toISOString().slice(0, 10), members: 8 + Math.round(k * 2.6), density: 0.08 + k * 0.012, main_core: 3 + Math.floor(k / 2), autonomy_index: Math.min(0.8, 0.05 * k ** 1.1), member_led_topics: Math.floor(k / 3) }));
        return json(res, 200, { series });
      }
      return error(res, 404, 'no_endpoint', 'unknown endpoint');
    }
    if ((m = /^\/topics\/(\d+)\/stage$/.exec(path)) && method === 'POST') {
      const b = await readBody(req);
      const tp = initiatives.flatMap((i) => i.topics).find((x) => String(x.id) === m[1]);
      if (!tp) return error(res, 404, 'not_found', 'no such topic');
      if (!['need', 'method', 'implementation'].includes(b.stage)) return error(res, 400, 'bad_request', 'stage must be need, method or implementation');
      tp.stage = b.stage; tp.history.push({ stage: b.stage, at: new Date().toISOString() });
      if (b.stage === 'method') { tp.proposals.push({ title: 'Centrale d’achat régionale' }); tp.meetings.push({ date: '2026-12-10' }); }
      if (b.stage === 'implementation') { tp.actions.push({ title: 'Premier achat groupé', owner: 'Agencement Martin', due: '2027-02-01', status: 'open' }); tp.progress = 0.2; }
      return json(res, 200, tp);
    }
    if (path === '/simulations' && method === 'POST') {
      const b = await readBody(req);
      const hrs = Number(b.animator_hours_per_month ?? 20);
      const p = (y) => Math.min(0.95, 0.15 + hrs / 80 + y * 0.03);
      const month = Array.from({ length: 61 }, (_, k) => k * 3);
      const mean = month.map((x) => (b.firms ?? 45) * (1 - Math.exp(-x / 50)) * 0.7);
      const s = month.map((x) => Math.exp(-((x / 90) ** 1.6)));
      return json(res, 200, { replications: b.replications, seed: b.seed,
        critical_mass: [5, 10, 15].map((y) => ({ years: y, p: p(y), lo: Math.max(0, p(y) - 0.07), hi: Math.min(1, p(y) + 0.07) })),
        members: { month, mean, lo: mean.map((v) => v * 0.7), hi: mean.map((v) => v * 1.25) },
        autonomy: { month, s, lo: s.map((v) => Math.max(0, v - 0.06)), hi: s.map((v) => Math.min(1, v + 0.06)) },
        collapse_risk: { p: 0.18, lo: 0.15, hi: 0.21 } });
    }
    return error(res, 404, 'no_endpoint', 'unknown endpoint');
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    try {
      if (url.pathname.startsWith('/api/v1/')) return await api(req, res, url.pathname.slice(7));
      let file = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
      if (file === '/' || !extname(file)) file = '/index.html'; // SPA fallback (personal links /survey/TOKEN)
      const body = await readFile(join(dist, file));
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch (e) {
      if (e?.code === 'ENOENT') { res.writeHead(404); res.end('not found'); return; }
      json(res, 400, { error: { code: 'bad_request', message: String(e?.message ?? e) } });
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, port: server.address().port, url: `http://127.0.0.1:${server.address().port}` })));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? new URL('../dist', import.meta.url).pathname;
  const { url } = await startMockServer({ dist, port: Number(process.env.PORT ?? 5174) });
  console.log(`mock grappe API + app on ${url} (log in as ${DEMO_USER.email} / ${DEMO_USER.password})`);
}
