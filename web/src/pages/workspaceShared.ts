// Helpers shared by the workspace's tabs (workspace.ts and the *Tab.ts files).
import { api, type InitiativeMember, type Survey } from '../api';

/** Runs f over items with at most `limit` requests in flight (representatives are per member). */
export async function mapLimit<T, R>(items: T[], limit: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) { const i = next++; out[i] = await f(items[i]); }
  }));
  return out;
}

export async function latestSurvey(id: number | string): Promise<Survey | undefined> {
  const surveys = await api.surveys(id);
  return surveys[surveys.length - 1];
}

export function surveyLink(token: string): string {
  return `${location.origin}/survey/${token}`;
}

/** Firm ids in the animation API are member ids: names come from the members list. */
export async function firmNamer(id: string): Promise<(firm: string) => string> {
  const members = await api.members(id).catch(() => [] as InitiativeMember[]);
  const byId = new Map(members.map((m) => [String(m.id), m.name]));
  return (firm: string) => byId.get(String(firm)) ?? firm;
}

