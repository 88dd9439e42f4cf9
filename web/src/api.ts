// The JSON API client (grappe serve, /api/v1). Session cookie + X-CSRF-Token on state changes.
// Every endpoint the app uses is listed here, so following the server's API means editing one file.
export interface Member { siret: string; name: string; address?: string; commune?: string; commune_name?: string; headcount?: number | string | null; lon: number; lat: number; in_footprint?: boolean }
/** A scan candidate. `index` is its position in the server's candidates file (the API's id);
 *  the list endpoint gives `member_count` only, the detail endpoint the `members`. */
export interface Candidate {
  index: number; rank: number; score: number; p_value?: number; q_value?: number; trade: string; codes?: string[]; name?: string;
  center: { lon: number; lat: number }; radius_m: number; members: Member[]; member_count: number;
  trade_name?: string; llr?: number; relative_risk?: number | null; lq?: number; rarity?: number; employment?: number; establishments?: number; expected?: number;
  national_trade?: number; strong?: boolean; strong_flags?: Record<string, boolean>;
  footprint?: { type: 'MultiPolygon'; coordinates: number[][][][] };
}
/** A staff role (observer or animator) granted on one initiative only. */
export interface InitiativeRole { initiative_id: number; role: string }
export interface User { id?: number | string; email: string; name?: string; role: string; initiative_roles?: InitiativeRole[]; disabled?: boolean; must_change_password?: boolean }

const RANK: Record<string, number> = { member: 0, observer: 1, animator: 2, admin: 3 };
/** The role that applies inside an initiative: the global one or a higher one granted there. */
export function roleIn(user: User | null | undefined, initiative: number | string): string {
  if (!user) return 'member';
  let best = user.role;
  for (const g of user.initiative_roles ?? [])
    if (String(g.initiative_id) === String(initiative) && (RANK[g.role] ?? 0) > (RANK[best] ?? 0)) best = g.role;
  return best;
}
/** GET /candidates/{i}/kd: the K-density of the candidate's trade (per metre, at r metres) with its envelopes. */
export interface KdCurve { r: number[]; kd: number[]; lower?: number[]; upper?: number[]; global_lower?: number[]; global_upper?: number[];
  group?: { kind: string; code: string; label: string; establishments: number; points: number }; simulations?: number; confidence?: number; localised?: boolean; gamma?: number }
/** GET /candidates/{i}/lineage: `grappe lineage` JSON (firms only, never persons). */
export interface Lineage { ancestors: Array<{ siren: string; name?: string; descendants: number; created?: string }>; edges: Array<{ parent: string; child: string; source?: string; date?: string }>;
  roots?: Array<{ siren: string; name?: string; created?: string }>; summary?: string; names?: Record<string, string> }
export interface Representative { name: string; email?: string; role?: string }
export interface InitiativeMember { id: number; siret: string; name: string; address?: string; commune?: string; headcount?: number | null; lon?: number | null; lat?: number | null; representatives?: Representative[] }
export interface Initiative { id: number; name: string; description?: string; trade?: string; status?: string; created_at?: string; member_count?: number; components?: Array<{ id: number; kind: string; name: string }> }
export interface Survey { id: number; initiative_id: number; title: LocalText; intro: LocalText; status: 'draft' | 'open' | 'closed' | string; anonymous: boolean; anonymised?: boolean; invited?: number; responded?: number }
export interface Invitation { id: number; token: string; member_id: number; firm: string; siret: string; name?: string; email?: string; responded_at?: string; invited_at?: string }
export type LocalText = string | { fr?: string; en?: string };
export interface QuestionOption { value: string; label: LocalText }
export interface Question { id: string; type: 'single' | 'multiple' | 'scale' | 'text' | 'firms' | 'consent' | string; label: LocalText; help?: LocalText; options?: QuestionOption[]; required?: boolean; min?: number; max?: number; theme?: string }
export interface SurveyForm { title?: LocalText; intro?: LocalText; firm?: string; respondent?: string; language?: string; status?: string; questions: Question[]; answers?: Record<string, unknown>; responded?: boolean; editable?: boolean; firms?: Array<{ id: number; name: string; commune?: string; address?: string }> }
export interface QuestionResult { id: string; label: LocalText; type: string; answered?: number; counts?: Record<string, number>; options?: QuestionOption[]; texts?: string[]; mean?: number | null }
export interface SurveyResults { invited: number; responded: number; response_rate?: number | null; questions: QuestionResult[] }
export type Stage = 'need' | 'method' | 'implementation';
/** A cooperation topic as the animation module writes it (topic_json.cpp); firms are member ids. */
export type TopicActor = { kind: 'member' | 'animator'; id: string } | string;
export interface FirmDate { firm: string; date?: string }
export type ActionStatus = 'planned' | 'in_progress' | 'done' | 'cancelled';
export interface TopicAction { id: number; title: string; owner_firm?: string; due?: string; status?: ActionStatus | string; progress?: number; outcome?: string; updated?: string }
export interface Topic {
  id: number | string; title: string; description?: string; stage: Stage; status?: 'active' | 'succeeded' | 'abandoned' | string;
  created?: string; collective_need_id?: number | null;
  initiator?: TopicActor; leader?: TopicActor; leaders?: Array<{ date?: string; leader: TopicActor }>; required_commitments?: number;
  supports?: FirmDate[]; sense_check?: Array<{ firm: string; vote: 'agree' | 'abstain' | 'disagree'; comment?: string; date?: string }>;
  poll?: { open?: boolean; opened?: string; closes?: string | null; commitments: FirmDate[] } | null;
  working_group?: string[]; proposals?: Array<{ id: number; title: string; text?: string; author?: TopicActor; date?: string; supports?: FirmDate[] }>;
  meetings?: Array<{ id: number; date: string; title: string; attendees?: string[]; minutes?: string }>;
  method?: { description: string; reasons: string; proposal_id?: number | null; decided_by?: TopicActor; date?: string } | null;
  actions?: TopicAction[];
  history?: Array<{ date: string; from?: Stage | null; to: Stage; by?: TopicActor; note?: string }>;
  outcome?: { status: string; reason: string; by?: TopicActor; date?: string } | null;
  last_activity?: string;
}
/** GET /initiatives/{id}/me: the firms the user may act for (animators: every member firm). */
export interface Acting { animator: boolean; firms: Array<{ id: number; name: string }> }
export interface NeedStatement { id: string; firm: string; theme?: string; text: string }
export interface Need { id: number | string; label: string; theme?: string; firms?: string[]; texts?: string[]; support?: number; grouped?: boolean; statements?: NeedStatement[]; supporters?: string[] }
export type CollectiveNeedOp = 'merge' | 'split' | 'rename' | 'move' | 'support';

/** The statements of a collective need, from its `need_ids` (unknown ids are skipped). */
export function statementsOf(needIds: string[] | undefined, items: NeedStatement[]): NeedStatement[] {
  const byId = new Map(items.map((x) => [String(x.id), x]));
  return (needIds ?? []).map((i) => byId.get(String(i))).filter((x): x is NeedStatement => !!x);
}
export interface Referral { from: string; to: string; date?: string; joined_as?: string | null }
export interface NetworkGraph { nodes: Array<{ id: string; name: string; core?: number; degree?: number; betweenness?: number }>; edges: Array<{ source: string; target: string; kind?: string }>; date?: string; density?: number }
export interface IndicatorPoint { date: string; members?: number; density?: number; retention?: number; ties?: number; main_core?: number; main_core_k?: number; member_led_topics?: number; autonomy_index?: number }
export interface SimulationResult {
  replications?: number; seed?: number; critical_mass_members?: number; calibration?: string | null;
  critical_mass?: Array<{ years: number; p: number; lo: number; hi: number }>;
  members?: { month: number[]; mean: number[]; lo: number[]; hi: number[] };
  autonomy?: { month: number[]; s: number[]; lo: number[]; hi: number[] };
  collapse_risk?: { p: number; lo: number; hi: number } | null;
}

export class ApiError extends Error {
  /** `details`: the server's error object (a 409 names the conflicting record in it). */
  constructor(public status: number, public code: string, message: string, public details: Record<string, unknown> = {}) { super(message); }
  /** The server does not have this endpoint yet (404 without a resource code, 405, 501). */
  get notAvailable(): boolean {
    return this.status === 501 || this.status === 405
      || (this.status === 404 && (this.code !== 'not_found' || /^no such endpoint/.test(this.message)));
  }
}

let csrfToken = '';
export const setCsrf = (token: string | undefined) => { csrfToken = token ?? ''; };
const BASE = '/api/v1';

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(BASE + path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const text = await res.text();
  let data: unknown = null;
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  if (text && isJson) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) { // the server's errors: {"error": {"code", "message", …}}
    const e = (data as { error?: { code?: string; message?: string } } | null)?.error ?? {};
    throw new ApiError(res.status, e.code ?? (isJson ? 'error' : 'no_endpoint'), e.message ?? res.statusText, e);
  }
  if (!isJson && text.trimStart().startsWith('<')) throw new ApiError(404, 'no_endpoint', 'not an API response');
  const token = res.headers.get('X-CSRF-Token');
  if (token) csrfToken = token;
  return data as T;
}

/** The items of a list endpoint ({items: [...], total}). */
export const items = async <T>(path: string) => (await request<{ items: T[] }>('GET', path)).items;

type Session = { user: User; csrf_token?: string };
type RawOption = { value: string; fr?: string; en?: string; label?: LocalText };
type RawQuestion = { key?: string; id?: string; kind?: string; type?: string; fr?: string; en?: string; label?: LocalText; required?: boolean; options?: RawOption[]; min?: number; max?: number };

const text = (o: { fr?: string; en?: string; label?: LocalText }): LocalText => o.label ?? { fr: o.fr, en: o.en };
/** Server questions ({key, kind, fr, en, options:[{value, fr, en}]}) → the app's Question. */
export function normaliseQuestion(q: RawQuestion): Question {
  return { id: String(q.key ?? q.id), type: String(q.kind ?? q.type), label: text(q), required: !!q.required, min: q.min, max: q.max,
    options: (q.options ?? []).map((o) => ({ value: String(o.value), label: text(o) })) };
}

/** Firm-picker answers travel as member ids (integers); the form keeps them as strings. */
export function answersForServer(questions: Question[], answers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of questions) {
    const v = answers[q.id];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
    if (q.type === 'firms' && Array.isArray(v)) out[q.id] = v.map(Number).filter(Number.isInteger);
    else if (q.type === 'scale') out[q.id] = Number(v);
    else out[q.id] = v;
  }
  return out;
}

function normaliseResults(r: { invited: number; responded: number; response_rate?: number | null; questions: Array<RawQuestion & { answered?: number; counts?: Record<string, number> | Array<{ member_id: number; name: string; count: number }>; texts?: string[]; mean?: number | null }> }): SurveyResults {
  return { invited: r.invited, responded: r.responded, response_rate: r.response_rate,
    questions: r.questions.map((q) => {
      const base = normaliseQuestion(q);
      let counts: Record<string, number> | undefined;
      let options = base.options;
      if (Array.isArray(q.counts)) { // firm picker: [{member_id, name, count}]
        counts = Object.fromEntries(q.counts.map((c) => [String(c.member_id), c.count]));
        options = q.counts.map((c) => ({ value: String(c.member_id), label: c.name }));
      } else counts = q.counts;
      return { id: base.id, label: base.label, type: base.type, options, counts, texts: q.texts, mean: q.mean, answered: q.answered };
    }) };
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
function normaliseCandidate(c: Partial<Candidate> & { members?: Member[] }, index: number): Candidate {
  const members = c.members ?? [];
  return { ...c, index: c.index ?? index, rank: num(c.rank ?? index + 1), score: num(c.score ?? 0), trade: String(c.trade ?? c.name ?? ''),
    center: c.center ?? { lon: members[0]?.lon ?? 2.5, lat: members[0]?.lat ?? 46.5 }, radius_m: num(c.radius_m ?? 0),
    members, member_count: c.member_count ?? members.length } as Candidate;
}

export const api = {
  async login(email: string, password: string): Promise<User> {
    const r = await request<Session>('POST', '/session', { email, password });
    setCsrf(r.csrf_token ?? csrfToken);
    return r.user;
  },
  async me(): Promise<User | null> {
    try {
      const r = await request<Session>('GET', '/session');
      if (r.csrf_token) setCsrf(r.csrf_token);
      return r.user;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
      throw e;
    }
  },
  logout: () => request<unknown>('DELETE', '/session'),

  candidates: async () => (await items<Partial<Candidate>>('/candidates')).map((c, i) => normaliseCandidate(c, i)),
  candidate: async (index: number | string) => normaliseCandidate(await request<Partial<Candidate>>('GET', `/candidates/${index}`), Number(index)),
  kd: (index: number | string) => request<KdCurve>('GET', `/candidates/${index}/kd`),
  lineage: (index: number | string) => request<Lineage>('GET', `/candidates/${index}/lineage`),

  initiatives: () => items<Initiative>('/initiatives'),
  initiative: (id: number | string) => request<Initiative>('GET', `/initiatives/${id}`),
  members: (id: number | string) => items<InitiativeMember>(`/initiatives/${id}/members`),
  representatives: (id: number | string, member: number) => items<Representative>(`/initiatives/${id}/members/${member}/representatives`),
  createInitiative: (body: { name: string; trade?: string; description?: string; candidate_index?: number }) => request<Initiative>('POST', '/initiatives', body),

  surveys: (initiative: number | string) => items<Survey>(`/initiatives/${initiative}/surveys`),
  createSurvey: (initiative: number | string) => request<Survey>('POST', `/initiatives/${initiative}/surveys`, {}),
  createInvitations: (survey: number) => request<unknown>('POST', `/surveys/${survey}/invitations`, {}),
  openSurvey: (survey: number) => request<Survey>('POST', `/surveys/${survey}/open`, {}),
  closeSurvey: (survey: number) => request<Survey>('POST', `/surveys/${survey}/close`, {}),
  invitations: (survey: number) => items<Invitation>(`/surveys/${survey}/invitations`),
  /** Aggregated results, with option labels taken from the survey's questions (the results carry values only). */
  async surveyResults(survey: number): Promise<SurveyResults> {
    const [raw, detail] = await Promise.all([request<Parameters<typeof normaliseResults>[0]>('GET', `/surveys/${survey}/results`),
      request<{ questions?: RawQuestion[] }>('GET', `/surveys/${survey}`).catch(() => ({ questions: [] as RawQuestion[] }))]);
    const r = normaliseResults(raw);
    const byId = new Map((detail.questions ?? []).map((q) => { const n = normaliseQuestion(q); return [n.id, n] as const; }));
    for (const q of r.questions) if (!q.options?.length && byId.get(q.id)?.options?.length) q.options = byId.get(q.id)!.options;
    return r;
  },
  surveyExportUrl: (survey: number) => `${BASE}/surveys/${survey}/export.csv`,
  mailMergeUrl: (survey: number) => `${BASE}/surveys/${survey}/mail-merge.csv`,

  async survey(token: string): Promise<SurveyForm> {
    const r = await request<{ survey: { title: LocalText; intro: LocalText; status: string }; questions: RawQuestion[]; firms: Array<{ id: number; name: string; commune?: string }>; firm: string; respondent?: string; language?: string; responded: boolean; editable: boolean; response: { answers: Record<string, unknown> } | null }>('GET', `/survey/${encodeURIComponent(token)}`);
    const questions = r.questions.map(normaliseQuestion);
    const answers: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r.response?.answers ?? {})) {
      const q = questions.find((x) => x.id === k);
      answers[k] = q?.type === 'firms' && Array.isArray(v) ? v.map(String) : q?.type === 'scale' ? String(v) : v;
    }
    return { title: r.survey.title, intro: r.survey.intro, status: r.survey.status, questions, firms: r.firms, firm: r.firm, respondent: r.respondent,
      language: r.language, responded: r.responded, editable: r.editable, answers };
  },
  submitSurvey: (token: string, questions: Question[], answers: Record<string, unknown>, language: string) =>
    request<{ saved: boolean; updated_at: string }>('PUT', `/survey/${encodeURIComponent(token)}`, { answers: answersForServer(questions, answers), language }),

  surveyData: (token: string) => request<unknown>('GET', `/survey/${encodeURIComponent(token)}/data`),
  eraseSurveyData: (token: string) => request<unknown>('DELETE', `/survey/${encodeURIComponent(token)}`),

  // Animation (issue 7): routes of src/server/routes_animation.cpp (docs/animation.md §6); firm ids are member ids.
  async needs(id: number | string): Promise<Need[]> {
    const r = await request<{ items: Array<{ id: string; firm: string; theme: string; text: string }>; grouping: { groups: Array<{ id: number; name: string; firms: string[]; supporting_firms?: string[]; supporters?: string[]; sample_texts: string[]; need_ids?: string[] }> } | null }>('GET', `/initiatives/${id}/needs`);
    if (r.grouping?.groups?.length) {
      return r.grouping.groups.map((g) => ({ id: g.id, label: g.name, firms: g.supporting_firms ?? g.firms, texts: g.sample_texts, grouped: true,
        statements: statementsOf(g.need_ids, r.items ?? []), supporters: g.supporters }))
        .sort((a, b) => (b.firms?.length ?? 0) - (a.firms?.length ?? 0));
    }
    const byTheme = new Map<string, Need>(); // not grouped yet: one line per theme
    for (const st of r.items ?? []) {
      const n = byTheme.get(st.theme) ?? byTheme.set(st.theme, { id: st.theme, label: st.theme, theme: st.theme, firms: [], texts: [] }).get(st.theme)!;
      if (!n.firms!.includes(st.firm)) n.firms!.push(st.firm);
      n.texts!.push(st.text);
    }
    return [...byTheme.values()];
  },
  addNeed: (id: number | string, body: { text: string; member_id?: number; theme?: string; language?: string }) => request<unknown>('POST', `/initiatives/${id}/needs`, body),
  importNeeds: (id: number | string, survey_id: number) => request<unknown>('POST', `/initiatives/${id}/needs/import`, { survey_id }),
  groupNeeds: (id: number | string) => request<unknown>('POST', `/initiatives/${id}/needs/group`, {}),
  /** An edit of a collective need (docs/animation.md §6): merge {with}, split {need_ids}, rename {name},
   *  move {need_id} (into this group), support {member_id}. */
  collectiveNeed: (id: number | string, group: number | string, op: CollectiveNeedOp, body: Record<string, unknown>) =>
    request<unknown>('POST', `/initiatives/${id}/collective-needs/${group}/${op}`, body),
  needToTopic: (id: number | string, group: number | string, body: { member_id?: number } = {}) => request<Topic>('POST', `/initiatives/${id}/collective-needs/${group}/topic`, body),
  topics: (id: number | string) => items<Topic>(`/initiatives/${id}/topics`),
  createTopic: (id: number | string, body: { title: string; description?: string; required_commitments?: number; member_id?: number }) => request<Topic>('POST', `/initiatives/${id}/topics`, body),
  /** A topic operation: poll, commit, method, chosen-method, implementation, actions, … (acting as animator unless member_id). */
  topicOp: (id: number | string, topic: number | string, op: string, body: Record<string, unknown> = {}) =>
    request<Topic>('POST', `/initiatives/${id}/topics/${topic}/${op}`, body),
  async referrals(id: number | string): Promise<Referral[]> {
    const r = await items<{ referrer: string; referred: string; date: string; joined_as?: string | null }>(`/initiatives/${id}/referrals`);
    return r.map((x) => ({ from: x.referrer, to: x.referred, date: x.date, joined_as: x.joined_as }));
  },
  addReferral: (id: number | string, body: { referrer_id?: number; referred: string; joined_member_id?: number }) => request<unknown>('POST', `/initiatives/${id}/referrals`, body),
  acting: (id: number | string) => request<Acting>('GET', `/initiatives/${id}/me`),
  topic: (id: number | string, topic: number | string) => request<Topic>('GET', `/initiatives/${id}/topics/${topic}`),
  network: (id: number | string) => request<NetworkGraph>('GET', `/initiatives/${id}/network`),
  /** Month-end series as aligned arrays ({dates, members, density, main_core_size, autonomy_index, …}) → points. */
  async indicators(id: number | string): Promise<IndicatorPoint[]> {
    const r = await request<{ series: Record<string, Array<number | string | null>> }>('GET', `/initiatives/${id}/indicators`);
    const sr = r.series ?? {};
    const dates = (sr.dates ?? []) as string[];
    const col = (k: string, i: number) => { const v = sr[k]?.[i]; return v === null || v === undefined ? undefined : Number(v); };
    return dates.map((d, i) => ({ date: d, members: col('members', i), density: col('density', i), retention: col('retention', i),
      ties: col('ties', i), main_core: col('main_core_size', i), main_core_k: col('main_core_k', i), member_led_topics: col('member_led_topics_in_year', i), autonomy_index: col('autonomy_index', i) }));
  },

  simulate: (scenario: Record<string, unknown>) => request<SimulationResult>('POST', '/simulations', scenario),
};
