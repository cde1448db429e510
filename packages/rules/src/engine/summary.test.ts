import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { defaultPolicy } from '../policy/default-policy.js';
import { summarize } from './summary.js';

describe('summarize', () => {
  it('counts each level and gives percentages of tracked statuses', () => {
    const s = summarize([{ status: 'below' }, { status: 'on' }, { status: 'on' }, { status: null }], defaultPolicy);
    assert.deepEqual(s.counts, { below: 1, on: 2, above: 0 });
    assert.deepEqual(s.percent, { below: 33.3, on: 66.7, above: 0 });
    assert.equal(s.total, 3);
    assert.equal(s.untracked, 1);
  });
  it('gives 0 % everywhere when nothing is tracked', () => {
    assert.deepEqual(summarize([{ status: null }], defaultPolicy).percent, { below: 0, on: 0, above: 0 });
  });
  it('has counts summing to the total and percentages summing to 100 within rounding', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('below', 'on', 'above', null), { maxLength: 500 }), (statuses) => {
        const s = summarize(statuses.map((status) => ({ status })), defaultPolicy);
        const counted = Object.values(s.counts).reduce((a, b) => a + b, 0);
        assert.equal(counted, s.total);
        assert.equal(s.total + (s.untracked ?? 0), statuses.length);
        const sum = Object.values(s.percent).reduce((a, b) => a + b, 0);
        if (s.total > 0) assert.ok(Math.abs(sum - 100) <= 0.15, `percentages sum to ${sum}`);
      }),
      { numRuns: 500 },
    );
  });
});
