import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluate, factNames, RULE_OPERATORS, resolvePolicy, validateDataset, ValidationError, type RuleScope } from '@ontrack/rules';

const school = validateDataset(JSON.parse(readFileSync(new URL('../examples/data/primary-school.json', import.meta.url), 'utf8')));

/** A random leaf condition over the facts of a scope (plus an open attribute name in the pupil scopes). */
const leaf = (scope: RuleScope): fc.Arbitrary<Record<string, unknown>> =>
  fc.record({
    fact: fc.constantFrom(...factNames(scope), ...(scope === 'class-subject' ? [] : ['youngCarer'])),
    operator: fc.constantFrom(...RULE_OPERATORS),
    value: fc.oneof(fc.constantFrom(...factNames(scope)).map((fact) => ({ fact })), fc.integer({ min: -3, max: 100 }), fc.constantFrom('below', 'on', 'above', 'maths', true, false, null), fc.array(fc.constantFrom('below', 'on', 'support'), { maxLength: 3 })),
  });

const rule = fc.constantFrom<RuleScope>('pupil-subject', 'pupil', 'class-subject').chain((scope) =>
  fc.record({
    name: fc.constantFrom('r1', 'r2', 'below-in-class'),
    conditions: fc.record({ any: fc.array(fc.oneof(leaf(scope), fc.record({ not: leaf(scope) })), { minLength: 1, maxLength: 4 }) }),
    event: fc.constant({ type: 'intervention', params: { action: 'Look again', notify: ['slt'], priority: 2, scope } }),
  }),
);

describe('policies resolvePolicy accepts', () => {
  it('always evaluate without error on the primary school example', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 3 }), (rules) => {
        let policy;
        try {
          policy = resolvePolicy({ rules });
        } catch (error) {
          // Refused cleanly (duplicate names, `in` over a non-list, …): nothing to run.
          assert.ok(error instanceof ValidationError, String(error));
          return;
        }
        const result = evaluate(school, policy, { date: '2027-01-20' });
        assert.equal(result.statuses.length, 48);
      }),
      { numRuns: 300 },
    );
  });
});
