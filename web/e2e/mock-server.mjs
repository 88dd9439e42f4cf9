// A stand-in for `grappe serve` while the real server is not on this branch: serves web/dist
// and /api/v1 with the workspace server's shapes (src/server/routes_*.cpp on the workspace
// branch: session, candidates by index, initiatives, members, surveys, personal links), plus
// the animation endpoints and the analyses (K-density, lineage, network, simulations: shapes of
// src/server/routes_analyses.cpp, docs/api.md "Analyses"). In memory.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { extname, join, normalize } from 'node:path';
import { demoCandidates, defaultQuestions, kdCurve, lineage } from './mock-data.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };
// The same headers as the real server, so a CSP violation shows up in the browser test.
const SECURITY = { 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; frame-ancestors 'none'" };
export const DEMO_USER = { email: 'animatrice@demo.grappe.fr', password: 'demo-password-2026', name: 'Animatrice (démo)', role: 'animator' };

class HttpError extends Error { constructor(status, code, message) { super(message); this.status = status; this.code = code; } }
const fail = (status, code, message) => { throw new HttpError(status, code, message); };
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const token = () => randomBytes(16).toString('hex');

export function startMockServer({ dist, port = 0, candidates = demoCandidates() }) {
  const db = { sessions: new Map(), initiatives: [], members: [], reps: [], surveys: [], invitations: [], responses: [], topics: [] };
  const seq = { ini: 1, member: 1, rep: 1, survey: 1, inv: 1, topic: 1 };

  const summary = (c, index) => ({ index, rank: c.rank, score: c.score, p_value: c.p_value, codes: c.codes, center: c.center, radius_m: c.radius_m, trade: c.trade, member_count: c.members.length });
  const iniJson = (i) => ({ ...i, member_count: db.members.filter((m) => m.initiative_id === i.id).length });
  const findIni = (id) => db.initiatives.find((i) => i.id === Number(id)) ?? fail(404, 'not_found', `initiative ${id} not found`);
  const findSurvey = (id) => db.surveys.find((s) => s.id === Number(id)) ?? fail(404, 'not_found', `survey ${id} not found`);
  const findInvitation = (tk) => db.invitations.find((i) => i.token === tk) ?? fail(404, 'not_found', 'this survey link not found');
  const counts = (sid) => { const inv = db.invitations.filter((i) => i.survey_id === sid); return { invited: inv.length, responded: inv.filter((i) => i.responded_at).length }; };

  function validateAnswers(questions, answers, memberIds) {
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) fail(400, 'invalid', "'answers' must be an object");
    for (const k of Object.keys(answers)) if (!questions.some((q) => q.key === k)) fail(400, 'unknown_question', `there is no question '${k}'`);
    const out = {};
    for (const q of questions) {
      const v = answers[q.key];
      const missing = v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length);
      if (missing) { if (q.required) fail(400, 'missing_answer', `the question '${q.key}' must be answered`); continue; }
      const values = q.options.map((o) => o.value);
      if (q.kind === 'single' && !values.includes(v)) fail(400, 'invalid_answer', `'${q.key}': '${v}' is not one of the choices`);
      if (q.kind === 'multiple' && (!Array.isArray(v) || v.some((x) => !values.includes(x)))) fail(400, 'invalid_answer', `'${q.key}' must be a list of choices`);
      if (q.kind === 'firms' && (!Array.isArray(v) || v.some((x) => !Number.isInteger(x) || !memberIds.includes(x)))) fail(400, 'invalid_answer', `'${q.key}' names a firm that is not a member of this initiative`);
      if (q.kind === 'text' && typeof v !== 'string') fail(400, 'invalid_answer', `'${q.key}' must be text`);
      out[q.key] = v;
    }
    return out;
  }

  function results(survey) {
    const rs = db.responses.filter((r) => r.survey_id === survey.id);
    const { invited, responded } = counts(survey.id);
    const firms = new Map(db.members.map((m) => [m.id, m.name]));
    return { survey_id: survey.id, invited, responded, responses: rs.length, response_rate: invited ? responded / invited : null,
      questions: survey.questions.map((q) => {
        const out = { key: q.key, kind: q.kind, fr: q.fr, en: q.en };
        const answered = rs.filter((r) => q.key in r.answers);
        out.answered = answered.length;
        if (q.kind === 'text') out.texts = answered.map((r) => r.answers[q.key]);
        else if (q.kind === 'firms') {
          const c = new Map();
          answered.forEach((r) => r.answers[q.key].forEach((id) => c.set(id, (c.get(id) ?? 0) + 1)));
          out.counts = [...c].map(([id, n]) => ({ member_id: id, name: firms.get(id) ?? '', count: n }));
        } else {
          out.counts = Object.fromEntries(q.options.map((o) => [o.value, 0]));
          answered.forEach((r) => [].concat(r.answers[q.key]).forEach((v) => { out.counts[v] = (out.counts[v] ?? 0) + 1; }));
        }
        return out;
      }) };
  }

  async function api(req, res, path, body, sess) {
    const m = (re) => re.exec(path);
    const method = req.method;
    let g;
    if (path === '/health') return { status: 'ok', store: 'mock' };
    if (path === '/session' && method === 'POST') {
      if (body.email !== DEMO_USER.email || body.password !== DEMO_USER.password) fail(401, 'bad_credentials', 'wrong email or password');
      const sid = token(); const csrf = token();
      db.sessions.set(sid, { user: { id: 2, email: DEMO_USER.email, name: DEMO_USER.name, role: DEMO_USER.role }, csrf });
      res.setHeader('Set-Cookie', `grappe_session=${sid}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200`);
      return { user: db.sessions.get(sid).user, csrf_token: csrf };
    }
    if ((g = m(/^\/survey\/([^/]+)\/data$/)) && method === 'GET') {
      const inv = findInvitation(g[1]);
      const x = db.members.find((y) => y.id === inv.member_id);
      const r = db.responses.find((y) => y.invitation_id === inv.id);
      return { firm: x ? { siret: x.siret, name: x.name, address: x.address, commune: x.commune } : null, response: r ? { answers: r.answers, submitted_at: r.submitted_at, updated_at: r.updated_at } : null };
    }
    if ((g = m(/^\/survey\/([^/]+)$/)) && method === 'DELETE') {
      const inv = findInvitation(g[1]);
      db.responses = db.responses.filter((r) => r.invitation_id !== inv.id);
      db.invitations = db.invitations.filter((i) => i.id !== inv.id);
      return null;
    }
    if ((g = m(/^\/survey\/([^/]+)$/))) {
      const inv = findInvitation(g[1]);
      const survey = findSurvey(inv.survey_id);
      const memberIds = db.members.filter((x) => x.initiative_id === survey.initiative_id).map((x) => x.id);
      const response = db.responses.find((r) => r.invitation_id === inv.id);
      if (method === 'GET') {
        const me = db.members.find((x) => x.id === inv.member_id);
        return { survey: { title: survey.title, intro: survey.intro, status: survey.status, anonymous: false }, questions: survey.questions,
          firms: db.members.filter((x) => x.initiative_id === survey.initiative_id && x.id !== inv.member_id).map((x) => ({ id: x.id, name: x.name, commune: x.commune, address: x.address })),
          firm: me?.name ?? '', respondent: '', language: 'fr', responded: !!inv.responded_at, editable: survey.status === 'open',
          response: response ? { answers: response.answers, language: response.language, submitted_at: response.submitted_at, updated_at: response.updated_at } : null };
      }
      if (method === 'PUT') {
        if (!('answers' in body)) fail(400, 'missing_field', "'answers' is required");
        const answers = validateAnswers(survey.questions, body.answers, memberIds);
        if (survey.status !== 'open') fail(409, 'survey_not_open', 'this survey is closed');
        const at = now();
        if (response) Object.assign(response, { answers, updated_at: at }); else db.responses.push({ survey_id: survey.id, invitation_id: inv.id, member_id: inv.member_id, language: body.language ?? 'fr', answers, submitted_at: at, updated_at: at });
        if (!inv.responded_at) inv.responded_at = at;
        return { saved: true, updated_at: at, answers, editable: true };
      }
    }
    if (!sess) fail(401, 'unauthenticated', 'log in first (no valid session)');
    if (method !== 'GET' && req.headers['x-csrf-token'] !== sess.csrf) fail(403, 'csrf', 'missing or wrong X-CSRF-Token header');
    if (path === '/session' && method === 'GET') return { user: sess.user, csrf_token: sess.csrf };
    if (path === '/session' && method === 'DELETE') { res.setHeader('Set-Cookie', 'grappe_session=; Path=/; Max-Age=0'); return null; }
    if (path === '/candidates') return { items: candidates.map(summary), total: candidates.length };
    if ((g = m(/^\/candidates\/(\d+)(\/kd|\/lineage)?$/))) {
      const c = candidates[Number(g[1])] ?? fail(404, 'not_found', `candidate ${g[1]} not found`);
      return g[2] === '/kd' ? kdCurve() : g[2] === '/lineage' ? lineage(c) : c;
    }
    if (path === '/initiatives' && method === 'GET') return { items: db.initiatives.map(iniJson), total: db.initiatives.length, offset: 0, limit: 50 };
    if (path === '/initiatives' && method === 'POST') {
      if (typeof body.name !== 'string' || !body.name.trim()) fail(400, 'missing_field', "'name' is required");
      const c = body.candidate_index !== undefined ? candidates[body.candidate_index] ?? fail(404, 'not_found', `candidate ${body.candidate_index} not found`) : null;
      const ini = { id: seq.ini++, name: body.name, description: body.description ?? '', trade: body.trade ?? '', status: 'active', center: c?.center ?? { lon: null, lat: null }, radius_m: c?.radius_m ?? null, created_at: now(), components: [] };
      db.initiatives.push(ini);
      (c?.members ?? []).forEach((x, k) => {
        const member = { id: seq.member++, initiative_id: ini.id, siret: x.siret, name: x.name, address: x.address, commune: x.commune, headcount: x.headcount, lon: x.lon, lat: x.lat, source: 'candidate', added_at: now() };
        db.members.push(member);
        if (k % 3 === 0) db.reps.push({ id: seq.rep++, member_id: member.id, name: `Dirigeant·e ${x.name.split(' ').pop()}`, email: `contact${k}@example.fr`, role: 'gérant·e', language: 'fr', created_at: now() });
      });
      return [201, iniJson(ini)];
    }
    if ((g = m(/^\/initiatives\/(\d+)$/))) return iniJson(findIni(g[1]));
    if ((g = m(/^\/initiatives\/(\d+)\/members$/))) { findIni(g[1]); const items = db.members.filter((x) => x.initiative_id === Number(g[1])); return { items, total: items.length }; }
    if ((g = m(/^\/initiatives\/(\d+)\/members\/(\d+)\/representatives$/))) { const items = db.reps.filter((r) => r.member_id === Number(g[2])); return { items, total: items.length }; }
    if ((g = m(/^\/initiatives\/(\d+)\/surveys$/))) {
      const ini = findIni(g[1]);
      if (method === 'GET') { const items = db.surveys.filter((s) => s.initiative_id === ini.id); return { items: items.map(({ questions, ...rest }) => rest), total: items.length }; }
      const s = { id: seq.survey++, initiative_id: ini.id, title: { fr: 'Questionnaire de lancement', en: 'Launch survey' }, intro: { fr: '', en: '' }, status: 'draft', anonymous: false, anonymised: false, created_at: now(), questions: defaultQuestions() };
      db.surveys.push(s);
      return [201, { ...s, ...counts(s.id) }];
    }
    if ((g = m(/^\/surveys\/(\d+)\/invitations$/))) {
      const s = findSurvey(g[1]);
      if (method === 'POST') {
        for (const x of db.members.filter((y) => y.initiative_id === s.initiative_id)) {
          if (db.invitations.some((i) => i.survey_id === s.id && i.member_id === x.id)) continue;
          const rep = db.reps.find((r) => r.member_id === x.id);
          db.invitations.push({ id: seq.inv++, survey_id: s.id, token: token(), member_id: x.id, representative_id: rep?.id ?? null, created_at: now(), responded_at: '' });
        }
      }
      const items = db.invitations.filter((i) => i.survey_id === s.id).map((i) => {
        const x = db.members.find((y) => y.id === i.member_id); const r = db.reps.find((y) => y.id === i.representative_id);
        return { ...i, firm: x?.name ?? '', siret: x?.siret ?? '', name: r?.name ?? '', email: r?.email ?? '', invited_at: '', reminded_at: '' };
      });
      return [method === 'POST' ? 201 : 200, { items, total: items.length }];
    }
    if ((g = m(/^\/surveys\/(\d+)$/))) { const sv = findSurvey(g[1]); return { ...sv, ...counts(sv.id) }; }
    if ((g = m(/^\/surveys\/(\d+)\/(open|close)$/))) { const s = findSurvey(g[1]); s.status = g[2] === 'open' ? 'open' : 'closed'; return s; }
    if ((g = m(/^\/surveys\/(\d+)\/results$/))) return results(findSurvey(g[1]));
    // --- animation (routes_animation.cpp on the animation branch; firm ids are member ids)
    if ((g = m(/^\/initiatives\/(\d+)\/(needs|topics|referrals|indicators)$/))) {
      const ini = findIni(g[1]);
      const members = db.members.filter((x) => x.initiative_id === ini.id);
      const day = now().slice(0, 10);
      if (g[2] === 'topics' && method === 'POST') {
        if (typeof body.title !== 'string' || !body.title.trim() || body.title.length > 200) fail(400, 'invalid', "'title' is required (at most 200 characters)");
        const actor = { kind: 'animator', id: String(sess.user.id) };
        const tp = { id: String(seq.topic++), initiative_id: ini.id, title: body.title, description: body.description ?? '', collective_need_id: null, initiator: actor, created: day,
          required_commitments: body.required_commitments ?? 3, stage: 'need', status: 'active', leaders: [{ date: day, leader: actor }],
          supports: members.slice(0, 4).map((x) => ({ firm: String(x.id), date: day })), sense_check: [], poll: null, working_group: [], proposals: [], meetings: [],
          method: null, actions: [], history: [{ date: day, from: null, to: 'need', by: actor, note: 'opened' }], outcome: null, last_activity: day };
        db.topics.push(tp);
        return [201, tp];
      }
      if (g[2] === 'topics') { const items = db.topics.filter((x) => x.initiative_id === ini.id); return { items, total: items.length }; }
      if (g[2] === 'needs') {
        const items = members.slice(0, 10).map((x, k) => ({ id: `n${k + 1}`, firm: String(x.id), theme: k < 6 ? 'purchasing' : 'skills_hiring', language: 'fr',
          text: k < 6 ? ['Nos volumes de panneaux sont trop faibles pour négocier.', 'Acheter ensemble le MDF et le stratifié.', 'Grouper les achats de quincaillerie.'][k % 3] : 'Impossible de trouver des poseurs qualifiés.' }));
        const groups = [{ id: 1, name: 'Achats groupés de panneaux bois', named_by_animator: false, need_ids: items.slice(0, 6).map((n) => n.id), firms: items.slice(0, 6).map((n) => n.firm), supporters: [], supporting_firms: items.slice(0, 6).map((n) => n.firm), sample_texts: items.slice(0, 3).map((n) => n.text) },
          { id: 2, name: 'Recrutement de poseurs qualifiés', named_by_animator: false, need_ids: items.slice(6).map((n) => n.id), firms: items.slice(6).map((n) => n.firm), supporters: [], supporting_firms: items.slice(6).map((n) => n.firm), sample_texts: [items[6]?.text].filter(Boolean) }];
        return { items, total: items.length, grouping: { groups, next_id: 3, candidate_ids: [1, 2] } };
      }
      if (g[2] === 'referrals') { const items = members.slice(1, 6).map((x, k) => ({ referrer: String(members[0].id), referred: x.name, date: `2026-0${k + 1}-15`, joined_as: String(x.id) })); return { items, summary: { referrals: items.length, converted: items.length } }; }
      const dates = Array.from({ length: 12 }, (_, k) => new Date(Date.UTC(2025, k * 2 + 1, 0)).toISOString().slice(0, 10));
      const series = { dates, members: dates.map((_, k) => 8 + Math.round(k * 2.6)), density: dates.map((_, k) => 0.08 + k * 0.012), main_core_size: dates.map((_, k) => 3 + Math.floor(k / 2)),
        autonomy_index: dates.map((_, k) => (k < 2 ? null : Math.min(0.8, 0.05 * k ** 1.1))), member_led_topics_in_year: dates.map((_, k) => Math.floor(k / 3)) };
      const firms = members.slice(0, 20).map((x, k) => ({ firm: String(x.id), degree: 12 - (k % 12), degree_centrality: (12 - (k % 12)) / 19, betweenness: Math.max(0, 0.3 - k * 0.015), core_number: k < 6 ? 4 : k < 14 ? 3 : 1 }));
      return { series, latest: null, autonomy_index: series.autonomy_index.at(-1), member_led_topics_per_year: 3, referrals: null, firms };
    }
    if ((g = m(/^\/initiatives\/(\d+)\/network$/))) { // shape of GET …/network (routes_analyses.cpp)
      const ini = findIni(g[1]);
      const members = db.members.filter((x) => x.initiative_id === ini.id);
      const core = members.slice(0, 6);
      const edges = [];
      core.forEach((a, i) => core.slice(i + 1).forEach((b) => edges.push({ source: String(a.id), target: String(b.id), kind: 'working_group' })));
      members.slice(6, 14).forEach((x, k) => edges.push({ source: String(core[k % core.length].id), target: String(x.id), kind: 'survey' }));
      const degree = new Map();
      for (const e of edges) for (const f of [e.source, e.target]) degree.set(f, (degree.get(f) ?? 0) + 1);
      const nodes = members.map((x, k) => ({ id: String(x.id), name: x.name, core: k < 6 ? 5 : k < 14 ? 1 : 0, degree: degree.get(String(x.id)) ?? 0, betweenness: 0 }));
      return { date: now().slice(0, 10), nodes, edges, density: members.length > 1 ? (2 * edges.length) / (members.length * (members.length - 1)) : 0, main_core: { k: 5, size: core.length } };
    }
    if ((g = m(/^\/initiatives\/(\d+)\/needs\/(import|group)$/)) && method === 'POST') { findIni(g[1]); return { ok: true }; }
    if ((g = m(/^\/initiatives\/(\d+)\/collective-needs\/(\d+)\/topic$/)) && method === 'POST') {
      const title = g[2] === '1' ? 'Achats groupés de panneaux bois' : 'Recrutement de poseurs qualifiés';
      return api(req, res, `/initiatives/${g[1]}/topics`, { title }, sess);
    }
    if ((g = m(/^\/initiatives\/(\d+)\/topics\/(\d+)\/([a-z-]+)$/)) && method === 'POST') {
      const tp = db.topics.find((x) => x.id === g[2] && x.initiative_id === Number(g[1])) ?? fail(404, 'not_found', `topic ${g[2]} not found`);
      const day = now().slice(0, 10);
      const actor = { kind: 'animator', id: String(sess.user.id) };
      const rule = (ok, message) => { if (!ok) fail(409, 'topic_rule', message); };
      switch (g[3]) {
        case 'poll': rule(tp.stage === 'need', 'a poll belongs to the need stage'); tp.poll = { opened: day, closes: null, commitments: [], open: true }; break;
        case 'commit': rule(tp.poll?.open, 'there is no open poll'); if (!tp.poll.commitments.some((c) => c.firm === String(body.member_id))) tp.poll.commitments.push({ firm: String(body.member_id), date: day }); break;
        case 'method':
          rule(tp.stage === 'need', 'the topic is not at the need stage');
          rule((tp.poll?.commitments.length ?? 0) >= tp.required_commitments, `${tp.required_commitments} firms must commit before the method stage`);
          tp.working_group = tp.poll.commitments.map((c) => c.firm); tp.poll.open = false; tp.stage = 'method';
          tp.history.push({ date: day, from: 'need', to: 'method', by: actor, note: body.note ?? '' });
          tp.proposals.push({ id: 1, author: actor, title: 'Centrale d’achat régionale', text: '', date: day, supports: [] });
          tp.meetings.push({ id: 2, date: day, title: 'Atelier achats', attendees: tp.working_group, minutes: '' });
          break;
        case 'chosen-method': rule(tp.stage === 'method', 'a method is chosen at the method stage'); if (!body.reasons) fail(400, 'missing_field', "'reasons' is required"); tp.method = { proposal_id: null, description: body.description ?? '', reasons: body.reasons, decided_by: actor, date: day }; break;
        case 'implementation':
          rule(tp.stage === 'method' && tp.method, 'choose a method before implementation');
          tp.stage = 'implementation'; tp.history.push({ date: day, from: 'method', to: 'implementation', by: actor, note: '' });
          tp.actions.push({ id: 3, title: 'Premier achat groupé', owner_firm: tp.working_group[0], due: '2027-02-01', status: 'in_progress', progress: 20, outcome: '', updated: day });
          break;
        default: fail(404, 'not_found', `no such endpoint or file: /api/v1${path}`);
      }
      tp.last_activity = day;
      return tp;
    }
    if (path === '/simulations' && method === 'POST') { // shape and checks of POST /simulations (simulation_api.cpp)
      const known = ['firms', 'animator_hours_per_month', 'core_size', 'sponsor_withdrawal_month', 'horizon_months', 'replications', 'seed', 'candidate_index', 'initiative_id', 'scenario'];
      for (const k of Object.keys(body)) if (!known.includes(k)) fail(400, 'unknown_field', `unknown field '${k}'`);
      const range = (k, lo, hi) => { if (k in body && !(Number.isInteger(body[k]) && body[k] >= lo && body[k] <= hi)) fail(400, 'out_of_range', `'${k}' is out of range (from ${lo} to ${hi})`); };
      range('firms', 2, 5000); range('core_size', 0, 5000); range('sponsor_withdrawal_month', 0, 600); range('horizon_months', 1, 600); range('replications', 1, 5000);
      if ((body.core_size ?? 5) > (body.firms ?? 45)) fail(400, 'out_of_range', `'core_size' (${body.core_size}) is larger than the number of firms (${body.firms ?? 45})`);
      const work = (body.firms ?? 45) * (body.replications ?? 500) * (body.horizon_months ?? 180);
      if (work > 1e8) fail(400, 'out_of_range', `'replications': firms × replications × months is ${work}, above the server's limit of 100000000; use fewer replications, firms or months`);
      const hrs = Number(body.animator_hours_per_month ?? 20);
      const p = (y) => Math.min(0.95, 0.15 + hrs / 80 + y * 0.03);
      const month = Array.from({ length: 61 }, (_, k) => k * 3);
      const mean = month.map((x) => (body.firms ?? 45) * (1 - Math.exp(-x / 50)) * 0.7);
      const s = month.map((x) => Math.exp(-((x / 90) ** 1.6)));
      return { replications: body.replications, seed: body.seed,
        critical_mass: [5, 10, 15].map((y) => ({ years: y, p: p(y), lo: Math.max(0, p(y) - 0.07), hi: Math.min(1, p(y) + 0.07) })),
        members: { month, mean, lo: mean.map((v) => v * 0.7), hi: mean.map((v) => v * 1.25) },
        autonomy: { month, s, lo: s.map((v) => Math.max(0, v - 0.06)), hi: s.map((v) => Math.min(1, v + 0.06)) },
        collapse_risk: (body.sponsor_withdrawal_month ?? 36) > 0 ? { p: 0.18, lo: 0.15, hi: 0.21, withdrawal_month: body.sponsor_withdrawal_month ?? 36 } : null };
    }
    fail(404, 'not_found', `no such endpoint or file: /api/v1${path}`);
  }

  const readBody = (req) => new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => { data += c; if (data.length > 1e6) reject(new HttpError(413, 'payload_too_large', 'the request body is too large')); });
    req.on('end', () => { try { resolve(data ? JSON.parse(data) : {}); } catch { reject(new HttpError(400, 'malformed_json', 'the body is not valid JSON')); } });
  });

  const server = createServer(async (req, res) => {
    for (const [k, v] of Object.entries(SECURITY)) res.setHeader(k, v);
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith('/api/v1/')) {
      res.setHeader('Cache-Control', 'no-store');
      try {
        const sid = /(?:^|;\s*)grappe_session=([a-f0-9]+)/.exec(req.headers.cookie ?? '')?.[1];
        const body = ['POST', 'PUT', 'PATCH'].includes(req.method) ? await readBody(req) : {};
        const out = await api(req, res, url.pathname.slice(7), body, sid ? db.sessions.get(sid) : undefined);
        const [status, payload] = Array.isArray(out) ? out : [out === null ? 204 : 200, out];
        res.writeHead(status, status === 204 ? {} : { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(status === 204 ? undefined : JSON.stringify(payload));
      } catch (e) {
        const status = e instanceof HttpError ? e.status : 500;
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: { code: e.code ?? 'internal', message: e.message } }));
      }
      return;
    }
    try {
      let file = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
      if (file === '/' || !extname(file)) file = '/index.html'; // the app routes in the browser (/survey/TOKEN)
      const body = await readFile(join(dist, file));
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: `no such endpoint or file: ${url.pathname}` } }));
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, port: server.address().port, url: `http://127.0.0.1:${server.address().port}` })));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? new URL('../dist', import.meta.url).pathname;
  const { url } = await startMockServer({ dist, port: Number(process.env.PORT ?? 5174) });
  console.log(`mock grappe API + app on ${url} (log in as ${DEMO_USER.email} / ${DEMO_USER.password})`);
}
