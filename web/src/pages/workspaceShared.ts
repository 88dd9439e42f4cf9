// Helpers shared by the workspace's tabs (workspace.ts and the *Tab.ts files).
import { api, type InitiativeMember, type Survey } from '../api';

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

