import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { Engine, type RuleProperties } from 'json-rules-engine';
import { type BecauseDetail, becauseFromResult, compileRules } from './compile-rule.js';
import { BUILT_IN_OPERATOR_NAMES } from './operators.js';
import { safePathResolver } from './safe-path.js';

// The proof that the compiled path has json-rules-engine's semantics: random
// rules (all/any/not trees over facts and every built-in operator, values that
// are other facts, condition priorities, paths) and random facts, run through
// both; they must agree on which rules fire, on `because`, and on throwing.

const SCALARS = [null, true, false, 0, 1, 2, 3, -1, 2.5, 90, '', 'below', 'on', 'above', '2', 'x'] as const;
// Facts whose generated values are always primitives: the compiler may treat them as such.
const PRIMITIVE = ['status', 'rank', 'concern', 'concernStreak', 'attendance', 'send'];
const FACTS = [...PRIMITIVE, 'tags', 'obj', 'never'];
const PATHS = ['$.a', '$.a.b', '$.list[0]', '$["a"]', '$.list[3]'];

const scalar = fc.constantFrom(...SCALARS);
const list = fc.array(scalar, { maxLength: 3 });
// Through JSON, as rules and facts arrive: plain objects.
const object = fc.record({ a: fc.oneof(scalar, fc.record({ b: scalar })), list }, { requiredKeys: [] }).map((o) => JSON.parse(JSON.stringify(o)) as Json);
const literal = fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 2, arbitrary: list }, { weight: 1, arbitrary: object });
const priority = fc.option(fc.constantFrom(1, 2, 3, 0, -1), { nil: undefined });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const leaf: fc.Arbitrary<Record<string, Json>> = fc
  .record({
    fact: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...FACTS.slice(0, -1)) }, { weight: 1, arbitrary: fc.constant('never') }),
    operator: fc.constantFrom(...BUILT_IN_OPERATOR_NAMES),
    value: fc.oneof({ weight: 4, arbitrary: literal }, { weight: 1, arbitrary: fc.record({ fact: fc.constantFrom(...FACTS) }) }),
    priority,
    path: fc.option(fc.constantFrom(...PATHS), { nil: undefined, freq: 6 }),
    // `in` over a value that is not a list throws, and one throw fails the whole run: mostly give it a list.
    list: fc.option(list, { nil: undefined, freq: 5 }),
  })
  .map((c) => {
    const value = (c.operator === 'in' || c.operator === 'notIn') && c.list !== undefined ? c.list : c.value;
    const out: Record<string, Json> = { fact: c.fact, operator: c.operator, value: value };
    if (c.priority !== undefined) out.priority = c.priority;
    if (c.path !== undefined) out.path = c.path;
    return out;
  });

const { condition } = fc.letrec<{ condition: Record<string, Json> }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('condition'), { maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('condition'), { maxLength: 4 }) }),
    fc.record({ not: tie('condition') }),
    fc.record({ all: fc.array(tie('condition'), { maxLength: 4 }), priority: fc.constantFrom(1, 2, 3) }),
  ),
}));

const root = fc.oneof(
  fc.record({ all: fc.array(condition, { maxLength: 4 }) }),
  fc.record({ any: fc.array(condition, { maxLength: 4 }) }),
  fc.record({ not: condition }),
);

const rules = fc.array(fc.record({ conditions: root, priority: fc.option(fc.constantFrom(1, 2, 5), { nil: undefined }) }), { minLength: 1, maxLength: 3 }).map((rs) =>
  rs.map((r, i) => {
    const rule: Record<string, unknown> = { name: `r${i}`, conditions: r.conditions, event: { type: 'intervention', params: { i } } };
    if (r.priority !== undefined) rule.priority = r.priority;
    return JSON.parse(JSON.stringify(rule)) as Record<string, unknown>;
  }),
);

const absent = Symbol('absent');
const factValue = (name: string): fc.Arbitrary<unknown> => {
  if (name === 'never') return fc.constant(absent);
  const present = PRIMITIVE.includes(name) ? scalar : name === 'tags' ? fc.oneof(list, scalar) : fc.oneof(object, scalar, list);
  return fc.oneof({ weight: 6, arbitrary: present }, { weight: 1, arbitrary: fc.constant(absent) }, { weight: 1, arbitrary: fc.constant(undefined) });
};
const factSet = fc.tuple(...FACTS.map(factValue)).map((values) => {
  const facts: Record<string, unknown> = {};
  FACTS.forEach((name, i) => {
    if (values[i] !== absent) facts[name] = values[i];
  });
  return facts;
});

type Outcome = { threw: true } | { threw: false; fired: Record<string, BecauseDetail[]> };

async function viaEngine(engine: Engine, facts: Record<string, unknown>): Promise<Outcome> {
  try {
    const { results } = await engine.run(facts);
    const fired: Record<string, BecauseDetail[]> = {};
    for (const r of results) fired[r.name] = becauseFromResult(r);
    return { threw: false, fired };
  } catch {
    return { threw: true };
  }
}

function viaCompiled(run: (facts: Record<string, unknown>) => { name: string; because: readonly BecauseDetail[] }[], facts: Record<string, unknown>): Outcome {
  try {
    const fired: Record<string, BecauseDetail[]> = {};
    for (const f of run(facts)) fired[f.name] = [...f.because];
    return { threw: false, fired };
  } catch {
    return { threw: true };
  }
}

const FACT_SETS = 50;
const RUNS = 2000;

describe('compileRules against json-rules-engine', () => {
  it(`agrees on firing, because and errors for ${RUNS} random rule sets × ${FACT_SETS} random fact sets`, async () => {
    let cases = 0;
    let fired = 0;
    let threw = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(rules, fc.array(factSet, { minLength: FACT_SETS, maxLength: FACT_SETS }), fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), async (rs, factSets, allowUndefinedFacts) => {
        const compiled = compileRules(rs, { allowUndefinedFacts, primitiveFacts: PRIMITIVE });
        const fresh = (): Engine => new Engine(rs as unknown as RuleProperties[], { allowUndefinedFacts, pathResolver: safePathResolver });
        let engine = fresh();
        for (const facts of factSets) {
          const expected = await viaEngine(engine, facts);
          // A run that rejected keeps going in the background and flips the
          // engine's shared status under the next run: use a new engine.
          if (expected.threw) engine = fresh();
          const actual = viaCompiled(compiled.runSync, facts);
          // The message only on a mismatch: building it for every case would cost more than the runs.
          if (!isDeepStrictEqual(actual, expected)) assert.deepStrictEqual(actual, expected, JSON.stringify({ rs, facts }));
          cases++;
          if (expected.threw) threw++;
          else fired += Object.keys(expected.fired).length;
        }
      }),
      { numRuns: RUNS, seed: 20261125 },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`# differential: ${cases} cases (rule set × fact set), ${fired} firings, ${threw} runs that threw, in ${seconds.toFixed(1)} s`);
    assert.ok(cases >= 100_000, `${cases} cases`);
    // The generator must exercise both outcomes, or the agreement proves little.
    assert.ok(fired > cases / 10 && threw > 0, `${fired} firings, ${threw} throws`);
  });

  it('agrees with json-rules-engine through the fallback for a custom operator', async () => {
    const rs = [
      {
        name: 'starts',
        conditions: { any: [{ fact: 'status', operator: 'startsWith', value: 'ab' }, { fact: 'rank', operator: 'greaterThan', value: 1 }] },
        event: { type: 'intervention' },
      },
      { name: 'plain', conditions: { all: [{ fact: 'rank', operator: 'lessThan', value: 2 }] }, event: { type: 'intervention' } },
    ];
    const startsWith = (a: unknown, b: unknown): boolean => typeof a === 'string' && typeof b === 'string' && a.startsWith(b);
    const compiled = compileRules(rs, { operators: { startsWith } });
    assert.equal(compiled.usesFallback, true);
    assert.throws(() => compiled.runSync({ status: 'abc' }), /run\(\)/);
    const engine = new Engine(rs, { allowUndefinedFacts: true, pathResolver: safePathResolver });
    engine.addOperator('startsWith', startsWith);
    for (const facts of [{ status: 'abc', rank: 0 }, { status: 'xbc', rank: 2 }, { status: 'ab', rank: 1 }, { status: null }]) {
      const mine = Object.fromEntries((await compiled.run(facts)).map((f) => [f.name, f.because]));
      const { results } = await engine.run(facts);
      assert.deepStrictEqual(mine, Object.fromEntries(results.map((r) => [r.name, becauseFromResult(r)])));
    }
  });
});
