import { describe, expect, it } from 'vitest';
import { answersForServer, ApiError, normaliseQuestion } from './api';
import { matchRoute, pathToHash } from './router';
import { topicProgress } from './pages/board';
import { isAnswered } from './pages/survey';
import { fieldError } from './ui';
import { setLang } from './i18n';
import { scenarioQuery } from './pages/simulation';

describe('survey questions from the workspace server', () => {
  const q = normaliseQuestion({ key: 'needs', kind: 'multiple', fr: 'Besoins ?', en: 'Needs?', required: false, options: [{ value: 'digital', fr: 'Numérique', en: 'Digital' }] });
  it('maps key/kind/fr/en to the form model', () => {
    expect(q).toMatchObject({ id: 'needs', type: 'multiple', label: { fr: 'Besoins ?', en: 'Needs?' }, options: [{ value: 'digital', label: { fr: 'Numérique', en: 'Digital' } }] });
  });
  it('sends firm choices as member ids and drops empty answers', () => {
    const qs = [normaliseQuestion({ key: 'known', kind: 'firms', fr: '', en: '' }), normaliseQuestion({ key: 'note', kind: 'text', fr: '', en: '' }),
      normaliseQuestion({ key: 'level', kind: 'scale', fr: '', en: '', min: 1, max: 5 }), q];
    expect(answersForServer(qs, { known: ['12', '7', 'x'], note: '', level: '4', needs: [] })).toEqual({ known: [12, 7], level: 4 });
  });
  it('knows what counts as answered', () => {
    expect(isAnswered(q, [])).toBe(false);
    expect(isAnswered(q, '  ')).toBe(false);
    expect(isAnswered(q, ['digital'])).toBe(true);
    expect(isAnswered(q, undefined)).toBe(false);
  });
});

describe('API errors', () => {
  it('tells a missing endpoint from a missing resource', () => {
    expect(new ApiError(404, 'not_found', 'no such endpoint or file: /api/v1/x').notAvailable).toBe(true);
    expect(new ApiError(404, 'not_found', 'initiative 3 not found').notAvailable).toBe(false);
    expect(new ApiError(501, 'x', '').notAvailable).toBe(true);
    expect(new ApiError(400, 'invalid', '').notAvailable).toBe(false);
  });
});

describe('router', () => {
  const routes = [{ pattern: '/', name: 'map' }, { pattern: '/candidates/:index', name: 'candidate' }, { pattern: '/initiatives/:id/:tab', name: 'ws' }];
  it('matches parameters and query', () => {
    expect(matchRoute(routes, '#/candidates/3')?.params).toEqual({ index: '3' });
    expect(matchRoute(routes, '#/initiatives/2/topics?x=1')).toMatchObject({ name: 'ws', params: { id: '2', tab: 'topics' } });
    expect(matchRoute(routes, '#/initiatives/2/topics?x=1')?.query.get('x')).toBe('1');
    expect(matchRoute(routes, '')?.name).toBe('map');
    expect(matchRoute(routes, '#/nothing/here/at/all')).toBeNull();
  });
  it('turns personal links into the survey route', () => {
    expect(pathToHash('/survey/0123456789abcdef0123456789abcdef')).toBe('#/survey/0123456789abcdef0123456789abcdef');
    expect(pathToHash('/map')).toBeNull();
  });
});

describe('topic stages', () => {
  it('progress is the mean of live actions, done counting 100 %', () => {
    expect(topicProgress({ id: 1, title: '', stage: 'implementation', actions: [] })).toBeNull();
    expect(topicProgress({ id: 1, title: '', stage: 'implementation', actions: [
      { id: 1, title: 'a', status: 'done', progress: 10 }, { id: 2, title: 'b', status: 'in_progress', progress: 50 }, { id: 3, title: 'c', status: 'cancelled', progress: 0 }] })).toBeCloseTo(0.75);
  });
});

describe('fieldError', () => {
  it('names the field of a 400 and says what is wrong in the user language', () => {
    setLang('fr', false);
    expect(fieldError(new ApiError(400, 'too_long', "'needs_detail' is too long (at most 4000 characters)"))).toEqual({ field: 'needs_detail', text: 'Trop long : 4000 caractères au plus.' });
    setLang('en', false);
    expect(fieldError(new ApiError(400, 'out_of_range', "'replications': firms × replications × months is 9"))?.field).toBe('replications');
    expect(fieldError(new ApiError(500, 'x', 'boom'))).toBeNull();
  });
});

describe('scenarioQuery', () => {
  it('carries a candidate scenario to the simulation page', () => {
    const q = new URLSearchParams(scenarioQuery({ candidate_index: 4, animator_hours_per_month: 34, sponsor_withdrawal_month: 0 }));
    expect(q.get('candidate')).toBe('4');
    expect(q.get('animator_hours_per_month')).toBe('34');
    expect(q.has('candidate_index')).toBe(false);
  });
});
