import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type Initiative } from './api';
import { createInitiativeChecked, errorText } from './contactsApi';
import { setLang } from './i18n';

describe('errors of the contacts and account pages', () => {
  it('says known codes in the user’s language and keeps the server’s text for others', () => {
    setLang('fr', false);
    expect(errorText(new ApiError(409, 'last_admin', 'this is the last enabled admin'))).toMatch(/dernier compte administrateur/);
    setLang('en', false);
    expect(errorText(new ApiError(410, 'link_expired', 'expired'))).toBe('This link has expired: ask for a new one.');
    expect(errorText(new ApiError(400, 'odd_code', 'Something odd'))).toBe('Error 400: Something odd');
  });
});

describe('launching a candidate twice', () => {
  const existing: Initiative = { id: 3, name: 'Agencement — démo' };
  const replies = (first: Response, second?: Response) => {
    const fetchMock = vi.fn().mockResolvedValueOnce(first);
    if (second) fetchMock.mockResolvedValueOnce(second);
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const taken = () => json(409, { error: { code: 'candidate_taken', message: 'already launched', existing } });
  afterEach(() => vi.unstubAllGlobals());

  it('opens the existing initiative when the user cancels', async () => {
    replies(taken());
    vi.stubGlobal('confirm', vi.fn(() => false));
    expect(await createInitiativeChecked({ name: 'Again', candidate_index: 0 })).toEqual({ ...existing, existing: true });
  });
  it('launches a second one with force when the user confirms', async () => {
    const fetchMock = replies(taken(), json(201, { id: 4, name: 'Again' }));
    vi.stubGlobal('confirm', vi.fn(() => true));
    expect(await createInitiativeChecked({ name: 'Again', candidate_index: 0 })).toEqual({ id: 4, name: 'Again' });
    expect(JSON.parse(fetchMock.mock.calls[1][1].body)).toEqual({ name: 'Again', candidate_index: 0, force: true });
  });
});
