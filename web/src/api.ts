// The JSON API client (grappe serve, /api/v1). Session cookie + X-CSRF-Token on state changes.
// Every endpoint the app uses is listed here, so following the server's API means editing one file.
export interface Member { siret: string; name: string; address?: string; commune?: string; headcount?: number | string | null; lon: number; lat: number }
export interface Candidate {
  rank: number; score: number; p_value?: number; q_value?: number; trade: string; codes?: string[];
  center: { lon: number; lat: number }; radius_m: number; members: Member[];
  lq?: number; rarity?: number; strong?: boolean; id?: number | string;
}
export interface User { id?: number | string; email: string; name?: string; role: string }
export interface KdCurve { r: number[]; kd: number[]; lower?: number[]; upper?: number[]; global_lower?: number[]; global_upper?: number[] }
export interface Lineage { ancestors: Array<{ siren: string; name?: string; descendants: number; created?: string }>; edges: Array<{ parent: string; child: string; source?: string; date?: string }>; names?: Record<string, string> }
export interface Representative { name: string; email?: string; role?: string }
export interface InitiativeMember { id?: number | string; siret: string; name: string; commune?: string; headcount?: number | string | null; representatives?: Representative[]; status?: string }
export interface Initiative { id: number | string; name: string; trade?: string; created_at?: string; members?: InitiativeMember[]; member_count?: number; candidate_rank?: number }
export interface Invitation { siret?: string; name: string; token: string; url?: string; responded?: boolean }
export type LocalText = string | { fr?: string; en?: string };
export interface QuestionOption { value: string; label: LocalText }
export interface Question { id: string; type: 'single' | 'multiple' | 'scale' | 'text' | 'firms' | 'consent' | string; label: LocalText; help?: LocalText; options?: QuestionOption[]; required?: boolean; min?: number; max?: number; theme?: string }
export interface SurveyForm { title?: LocalText; intro?: LocalText; firm?: { name: string }; questions: Question[]; answers?: Record<string, unknown>; submitted?: boolean; closed?: boolean; firms?: Array<{ siret: string; name: string }> }
export interface QuestionResult { id: string; label: LocalText; type: string; counts?: Record<string, number>; options?: QuestionOption[]; texts?: string[]; mean?: number }
export interface SurveyResults { invited: number; responded: number; questions: QuestionResult[] }
export type Stage = 'need' | 'method' | 'implementation';
export interface Topic {
  id: number | string; title: string; stage: Stage; status?: string; initiated_by?: string; led_by?: string;
  supports?: number; polls?: unknown[]; proposals?: unknown[]; meetings?: unknown[]; actions?: Array<{ title: string; owner?: string; due?: string; status?: string }>;
  progress?: number; updated_at?: string;
}
export interface Need { id: number | string; label: string; theme?: string; firms?: string[]; texts?: string[]; support?: number }
export interface Referral { from: string; to: string; date?: string }
export interface NetworkGraph { nodes: Array<{ id: string; name: string; core?: number; degree?: number }>; edges: Array<{ source: string; target: string; kind?: string }> }
export interface IndicatorPoint { date: string; members?: number; density?: number; retention?: number; main_core?: number; member_led_topics?: number; autonomy_index?: number }
export interface SimulationResult {
  replications?: number; seed?: number;
  critical_mass?: Array<{ years: number; p: number; lo: number; hi: number }>;
  members?: { month: number[]; mean: number[]; lo: number[]; hi: number[] };
  autonomy?: { month: number[]; s: number[]; lo: number[]; hi: number[] };
  collapse_risk?: { p: number; lo: number; hi: number };
}

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string) { super(message); }
  /** The server does not have this endpoint yet (404 without a resource code, 405, 501). */
  get notAvailable(): boolean {
    return this.status === 501 || this.status === 405 || (this.status === 404 && this.code !== 'not_found');
  }
}

let csrfToken = '';
export const setCsrf = (token: string | undefined) => { csrfToken = token ?? ''; };
const BASE = '/api/v1';

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
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
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } | string; code?: string; message?: string }) ?? {};
    const e = typeof err.error === 'object' ? err.error : err;
    const code = (e as { code?: string }).code ?? (isJson ? 'error' : 'no_endpoint');
    throw new ApiError(res.status, code, (e as { message?: string }).message ?? (typeof err.error === 'string' ? err.error : res.statusText));
  }
  if (!isJson && text.trimStart().startsWith('<')) throw new ApiError(404, 'no_endpoint', 'not an API response');
  const token = res.headers.get('X-CSRF-Token');
  if (token) csrfToken = token;
  return data as T;
}

/** Accepts {key: [...]}, or a bare array, so small server-side shape choices do not break pages. */
function list<T>(data: unknown, key: string): T[] {
  if (Array.isArray(data)) return data as T[];
  const v = (data as Record<string, unknown> | null)?.[key];
  return Array.isArray(v) ? (v as T[]) : [];
}

type Session = { user: User; csrf_token?: string };
export const api = {
  async login(email: string, password: string): Promise<User> {
    const r = await request<Session | User>('POST', '/auth/login', { email, password });
    const s = ('user' in r ? r : { user: r as User }) as Session;
    setCsrf(s.csrf_token ?? csrfToken);
    return s.user;
  },
  async me(): Promise<User | null> {
    try {
      const r = await request<Session | User>('GET', '/auth/me');
      const s = ('user' in r ? r : { user: r as User }) as Session;
      if (s.csrf_token) setCsrf(s.csrf_token);
      return s.user;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
      throw e;
    }
  },
  logout: () => request<unknown>('POST', '/auth/logout', {}),

  candidates: async () => list<Candidate>(await request('GET', '/candidates'), 'candidates'),
  candidate: (rank: number | string) => request<Candidate>('GET', `/candidates/${rank}`),
  kd: (rank: number | string) => request<KdCurve>('GET', `/candidates/${rank}/kd`),
  lineage: (rank: number | string) => request<Lineage>('GET', `/candidates/${rank}/lineage`),

  initiatives: async () => list<Initiative>(await request('GET', '/initiatives'), 'initiatives'),
  initiative: (id: number | string) => request<Initiative>('GET', `/initiatives/${id}`),
  createInitiative: (body: { name: string; candidate_rank?: number }) => request<Initiative>('POST', '/initiatives', body),
  invitations: async (id: number | string) => list<Invitation>(await request('GET', `/initiatives/${id}/survey/invitations`), 'invitations'),
  surveyResults: (id: number | string) => request<SurveyResults>('GET', `/initiatives/${id}/survey/results`),

  survey: (token: string) => request<SurveyForm>('GET', `/survey/${encodeURIComponent(token)}`),
  saveSurvey: (token: string, answers: Record<string, unknown>) => request<unknown>('PUT', `/survey/${encodeURIComponent(token)}`, { answers }),
  submitSurvey: (token: string, answers: Record<string, unknown>) => request<unknown>('POST', `/survey/${encodeURIComponent(token)}/submit`, { answers }),

  needs: async (id: number | string) => list<Need>(await request('GET', `/initiatives/${id}/needs`), 'needs'),
  topics: async (id: number | string) => list<Topic>(await request('GET', `/initiatives/${id}/topics`), 'topics'),
  createTopic: (id: number | string, body: { title: string; need_id?: number | string }) => request<Topic>('POST', `/initiatives/${id}/topics`, body),
  moveTopic: (topicId: number | string, stage: Stage) => request<Topic>('POST', `/topics/${topicId}/stage`, { stage }),
  referrals: async (id: number | string) => list<Referral>(await request('GET', `/initiatives/${id}/referrals`), 'referrals'),
  network: (id: number | string) => request<NetworkGraph>('GET', `/initiatives/${id}/network`),
  indicators: async (id: number | string) => list<IndicatorPoint>(await request('GET', `/initiatives/${id}/indicators`), 'series'),

  simulate: (scenario: Record<string, unknown>) => request<SimulationResult>('POST', '/simulations', scenario),
};
