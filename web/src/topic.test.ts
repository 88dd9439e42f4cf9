import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { setLang } from './i18n';
import { refusal } from './pages/topic';

describe('topic refusals read as sentences', () => {
  it('keeps the rule the API names, in the user’s language', () => {
    setLang('en');
    const rule = new ApiError(409, 'topic_rule', "Topic '4' needs 3 committed firms to form its working group; it has 2.");
    expect(refusal(rule)).toBe("Refused: Topic '4' needs 3 committed firms to form its working group; it has 2.");
    setLang('fr');
    expect(refusal(rule)).toMatch(/^Refusé : Topic '4' needs 3/);
  });
  it('explains acting for a firm one does not represent, and a role too low', () => {
    setLang('en');
    expect(refusal(new ApiError(403, 'not_representative', 'you do not represent member 7'))).toMatch(/you do not represent this firm/);
    expect(refusal(new ApiError(403, 'forbidden', 'observers have read-only access'))).toMatch(/your account cannot do this/);
    expect(refusal(new ApiError(0, 'network', 'network'))).toMatch(/server does not answer/);
    expect(refusal(new ApiError(400, 'missing_field', 'reason is required'))).toBe('Error: reason is required');
  });
});
