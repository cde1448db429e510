import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { type BoundRule, type FactResolver, type IndexedFact, MISSING, compileRules } from './compile-rule.js';
import { BUILT_IN_OPERATOR_NAMES } from './operators.js';

// Binding a rule with fact domains (the values some facts can take) decides
// the conditions they decide once; the proof that this never changes an
// outcome: random rules and facts, bound with and without domains for a
// random part of those facts (their values, and maybe others), must agree on
// `test`, on `because` and on throwing, and a rule said never to fire must not.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

// Primitive facts (the level's facts in real use) and one that may hold a list.
const PRIMITIVE = ['status', 'rank', 'concern', 'streak', 'attendance'] as const;
const NAMES = [...PRIMITIVE, 'tags'] as const;
const VALUES: readonly Json[] = [null, true, false, 0, 1, 2, -2, 85.5, 'below', 'on', 'above', '1', ''];

const value = fc.constantFrom(...VALUES);
const valueList = fc.array(value, { maxLength: 3 });

const comparison: fc.Arbitrary<Record<string, Json>> = fc
  .tuple(
    fc.constantFrom(...NAMES),
    fc.constantFrom(...BUILT_IN_OPERATOR_NAMES),
    fc.oneof({ weight: 5, arbitrary: value }, { weight: 4, arbitrary: valueList }, { weight: 2, arbitrary: fc.constantFrom(...NAMES).map((fact) => ({ fact })) }),
    fc.constantFrom<number | undefined>(undefined, undefined, 1, 2),
  )
  .map(([fact, operator, v, priority]) => (priority === undefined ? { fact, operator, value: v } : { fact, operator, value: v, priority }));

const tree = fc.letrec<{ node: Record<string, Json> }>((self) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.array(self('node'), { maxLength: 3 }).map((all) => ({ all })),
    fc.array(self('node'), { maxLength: 3 }).map((any) => ({ any })),
    self('node').map((not) => ({ not })),
  ),
})).node;

const topLevel = fc.oneof(
  fc.array(tree, { maxLength: 4 }).map((all) => ({ all })),
  fc.array(tree, { maxLength: 4 }).map((any) => ({ any })),
  tree.map((not) => ({ not })),
);

const missing = Symbol('missing');
const factsArb = fc.tuple(
  fc.tuple(...PRIMITIVE.map(() => fc.oneof({ weight: 8, arbitrary: value }, { weight: 1, arbitrary: fc.constant<unknown>(missing) }))),
  fc.oneof(valueList, value, fc.constant<unknown>(missing)),
);

type Outcome = { readonly threw: true } | { readonly threw: false; readonly fired: boolean; readonly because: unknown };

function outcome(bound: BoundRule): Outcome {
  try {
    const fired = bound.test();
    return { threw: false, fired, because: fired ? [...bound.because()] : null };
  } catch {
    return { threw: true };
  }
}

describe('CompiledRule.bind with fact domains', () => {
  it('gives the same test, because and errors as binding without them, and never fires when it says never', () => {
    let cases = 0;
    let nevers = 0;
    let decided = 0;
    let tabled = 0;
    let always = 0;
    fc.assert(
      fc.property(
        fc.array(topLevel, { minLength: 1, maxLength: 3 }),
        fc.array(factsArb, { minLength: 20, maxLength: 20 }),
        fc.array(fc.option(fc.array(value, { maxLength: 2 }), { nil: undefined }), { minLength: PRIMITIVE.length, maxLength: PRIMITIVE.length }),
        fc.array(fc.option(fc.tuple(fc.array(value, { maxLength: 3 }), fc.nat()), { nil: undefined }), { minLength: PRIMITIVE.length, maxLength: PRIMITIVE.length }),
        fc.boolean(),
        (conditions, factSets, others, indexedOthers, allowUndefinedFacts) => {
          const rules = conditions.map((c, i) => JSON.parse(JSON.stringify({ name: `r${i}`, conditions: c, event: { type: 'intervention' } })) as unknown);
          const { rules: compiled } = compileRules(rules, { allowUndefinedFacts, primitiveFacts: PRIMITIVE });
          for (const [primitives, tags] of factSets) {
            const facts = new Map<string, unknown>();
            PRIMITIVE.forEach((name, i) => {
              if (primitives[i] !== missing) facts.set(name, primitives[i]);
            });
            if (tags !== missing) facts.set('tags', tags);
            const resolve: FactResolver = (name) => () => (facts.has(name) ? facts.get(name) : MISSING);
            // Domains for a chosen part of the primitive facts: the value the accessor gives (undefined
            // when missing), alone (a fixed fact) or among other values it could take elsewhere.
            const domains = new Map<string, unknown[]>();
            PRIMITIVE.forEach((name, i) => {
              const more = others[i];
              if (more !== undefined) domains.set(name, [...more, facts.get(name)]);
            });
            // Indexed facts for another chosen part: other values, with the accessor's value at a chosen position.
            const indexed = new Map<string, IndexedFact>();
            PRIMITIVE.forEach((name, i) => {
              const chosen = indexedOthers[i];
              if (chosen === undefined) return;
              const [more, at] = chosen;
              const position = at % (more.length + 1);
              const values = [...more.slice(0, position), facts.get(name), ...more.slice(position)];
              indexed.set(name, { values, index: () => position });
            });
            for (const rule of compiled) {
              const plain = outcome(rule.bind(resolve));
              for (const bound of [rule.bind(resolve, domains), rule.bind(resolve, domains, indexed), rule.bind(resolve, undefined, indexed)]) {
                const folded = outcome(bound);
                if (!isDeepStrictEqual(folded, plain)) assert.deepStrictEqual(folded, plain, JSON.stringify({ rules, facts: [...facts], domains: [...domains], indexed: [...indexed] }));
                if (bound.indexedBy !== undefined) {
                  // What findInterventions reads instead of calling test(): the decision at the value's position.
                  const position = (indexed.get(bound.indexedBy) as IndexedFact).index();
                  assert.equal(bound.decisions?.[position] === 1, !plain.threw && plain.fired, 'the decision at the position of the value');
                  tabled++;
                }
                if (bound.always) {
                  assert.equal(!plain.threw && plain.fired, true, 'a rule bound as always did not fire');
                  always++;
                }
                if (bound.never) {
                  nevers++;
                  assert.equal(plain.threw || plain.fired, false, 'a rule bound as never fired');
                }
              }
              if (!plain.threw) decided++;
              cases++;
            }
          }
        },
      ),
      { numRuns: 1500, seed: 20261126 },
    );
    console.log(`# fact domains: ${cases} cases (rule × fact set), ${nevers} bindings as never, ${tabled} decided by an indexed fact, ${always} as always, ${decided} without a throw`);
    // The generator must reach rules that the domains rule out, or the `never` check proves little.
    assert.ok(tabled > 1000 && always > 1000, `${tabled} bindings decided by an indexed fact, ${always} as always`);
    assert.ok(cases > 30_000 && nevers > cases / 50 && decided > cases / 2, `${cases} cases, ${nevers} never, ${decided} without a throw`);
  });

  it('rules out a rule whose condition on a fixed fact cannot hold, and decides one that must hold', () => {
    const [belowOnly, always] = compileRules([
      { name: 'below', conditions: { all: [{ fact: 'status', operator: 'in', value: ['below'] }, { fact: 'streak', operator: 'greaterThan', value: 1 }] }, event: { type: 'x' } },
      { name: 'any', conditions: { any: [{ fact: 'status', operator: 'equal', value: 'on' }, { fact: 'streak', operator: 'greaterThan', value: 1 }] }, event: { type: 'x' } },
    ], { primitiveFacts: ['status', 'streak'] }).rules;
    let streak = 0;
    const resolve: FactResolver = (name) => () => (name === 'status' ? 'on' : streak);
    assert.equal(belowOnly?.bind(resolve, new Map([['status', ['on']]])).never, true);
    const on = always?.bind(resolve, new Map([['status', ['on']]]));
    assert.equal(on?.never, false);
    assert.equal(on.test(), true);
    // `because` still reads every condition, as json-rules-engine evaluates them all.
    streak = 3;
    assert.deepEqual(on.because(), [
      { fact: 'status', operator: 'equal', value: 'on', factValue: 'on' },
      { fact: 'streak', operator: 'greaterThan', value: 1, factValue: 3 },
    ]);
  });

  it('leaves a rule that can throw as it is, however its fixed facts decide it', () => {
    // `in` over the value of another fact throws when that fact is null: json-rules-engine evaluates the whole group.
    const [rule] = compileRules([
      { name: 'r', conditions: { all: [{ fact: 'status', operator: 'equal', value: 'below' }, { fact: 'status', operator: 'in', value: { fact: 'list' } }] }, event: { type: 'x' } },
    ]).rules;
    const resolve: FactResolver = (name) => () => (name === 'status' ? 'on' : null);
    const bound = rule?.bind(resolve, new Map([['status', ['on']]]));
    assert.equal(bound?.never, false);
    assert.throws(() => bound.test(), /rule "r"/);
  });

  it('rules out a comparison that no value of the fact can meet, and keeps one that some can', () => {
    const [decline] = compileRules([{ name: 'decline', conditions: { all: [{ fact: 'rankChange', operator: 'lessThanInclusive', value: -2 }] }, event: { type: 'x' } }], {
      primitiveFacts: ['rankChange'],
    }).rules;
    assert.ok(decline);
    const resolve: FactResolver = () => () => -2;
    assert.equal(decline.bind(resolve, new Map([['rankChange', [null, 1, 0, -1]]])).never, true);
    const maybe = decline.bind(resolve, new Map([['rankChange', [null, 0, -1, -2]]]));
    assert.equal(maybe.never, false);
    assert.equal(maybe.test(), true);
  });
});
