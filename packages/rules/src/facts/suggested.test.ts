import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPolicy } from '../policy/default-policy.js';
import { evidenceScale, suggestFromEvidence, suggestedLevel } from './suggested.js';

const scale = evidenceScale(defaultPolicy);

describe('suggestedLevel', () => {
  it('suggests the concern level strictly under `below` and the challenge level strictly over `above`', () => {
    assert.equal(suggestedLevel({ kind: 'standardised', score: 84 }, scale), 'below');
    assert.equal(suggestedLevel({ kind: 'standardised', score: 85 }, scale), 'on');
    assert.equal(suggestedLevel({ kind: 'standardised', score: 115 }, scale), 'on');
    assert.equal(suggestedLevel({ kind: 'standardised', score: 116 }, scale), 'above');
  });
  it('reads a quiz as score / outOf, and a teacher assessment as its own level', () => {
    assert.equal(suggestedLevel({ kind: 'quiz', score: 9, outOf: 20 }, scale), 'below');
    assert.equal(suggestedLevel({ kind: 'quiz', score: 18, outOf: 20 }, scale), 'above');
    assert.equal(suggestedLevel({ kind: 'quiz', score: 18 }, scale), null);
    assert.equal(suggestedLevel({ kind: 'teacher', level: 'above' }, scale), 'above');
    assert.equal(suggestedLevel({ kind: 'teacher', level: 'stellar' }, scale), null);
  });
  it('says nothing for a kind the policy has no thresholds for', () => {
    assert.equal(suggestedLevel({ kind: 'reading-age', score: 3 }, scale), null);
  });
});

describe('suggestFromEvidence', () => {
  it('takes the most recent usable evidence in the window', () => {
    const a = (score: number, takenOn: string): { kind: string; score: number; takenOn: string } => ({ kind: 'standardised', score, takenOn });
    assert.equal(suggestFromEvidence([a(120, '2026-11-01'), a(80, '2026-11-10')], defaultPolicy, '2026-11-16'), 'below');
    assert.equal(suggestFromEvidence([a(80, '2026-11-10'), a(100, '2026-11-10')], defaultPolicy, '2026-11-16'), 'on');
    assert.equal(suggestFromEvidence([a(80, '2026-10-04')], defaultPolicy, '2026-11-16'), null);
    assert.equal(suggestFromEvidence([a(80, '2026-10-05')], defaultPolicy, '2026-11-16'), 'below');
    assert.equal(suggestFromEvidence([a(80, '2026-11-17')], defaultPolicy, '2026-11-16'), null);
  });
});
