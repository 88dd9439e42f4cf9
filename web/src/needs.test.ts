import { describe, expect, it } from 'vitest';
import { ApiError, statementsOf, type Need } from './api';
import { setLang } from './i18n';
import { needRefusal, otherGroups } from './pages/needsTab';

describe('collective need helpers', () => {
  const items = [{ id: 'a', firm: '1', text: 'Shared training' }, { id: 'b', firm: '2', text: 'Joint purchasing' }];
  it('finds the statements of a group by need_ids, skipping unknown ids', () => {
    expect(statementsOf(['b', 'zz', 'a'], items).map((x) => x.id)).toEqual(['b', 'a']);
    expect(statementsOf(undefined, items)).toEqual([]);
  });
  it('lists the other grouped needs only', () => {
    const needs: Need[] = [{ id: 1, label: 'x', grouped: true }, { id: 2, label: 'y', grouped: true }, { id: 'theme', label: 'z' }];
    expect(otherGroups(needs, '1').map((n) => n.id)).toEqual([2]);
  });
  it('reads grouping refusals as sentences', () => {
    setLang('en');
    expect(needRefusal(new ApiError(409, 'not_grouped', 'the needs of this initiative are not grouped yet'))).toMatch(/not grouped yet/);
    expect(needRefusal(new ApiError(400, 'missing_field', 'with is required'))).toBe('Request refused: with is required');
    expect(needRefusal(new ApiError(403, 'forbidden', 'animators only'))).toMatch(/your account cannot do this/);
    setLang('fr');
    expect(needRefusal(new ApiError(404, 'not_found', 'collective need 9'))).toMatch(/n’existe plus/);
  });
});
