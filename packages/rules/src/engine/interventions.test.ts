import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { TrackingPolicy } from '../schema/policy.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { generateSchool } from '../synthetic/generate-school.js';
import { type FactsIndex, NO_LEVEL, UNKNOWN_LEVEL, buildFactsIndex } from '../facts/facts-index.js';
import { type PupilSubjectCursor, levelFacts, pupilSubjectCursor } from '../facts/pupil-subject.js';
import { findInterventions, interventionPlan } from './interventions.js';

// Rules bound once per live level skip the rules a cell's level rules out;
// the proof that this changes nothing: random policies over real generated
// schools, run both ways, give the same interventions.

const school = generateSchool({ seed: 31, pupils: 60, through: '2027-03-01' });
const DATES = ['2026-09-10', '2026-11-16', '2027-03-01'];
// Two levels only: the school's `above` judgements are then a status the policy lacks.
const twoLevels: TrackingPolicy = {
  ...defaultPolicy,
  levels: [
    { id: 'below', label: 'Below', rank: 1, concern: true },
    { id: 'on', label: 'On', rank: 2, challenge: true },
  ],
};

// Every cell of the school under both policies at every date: its index, the cursor at it, its live level.
function forEachCell(visit: (ix: FactsIndex, cursor: PupilSubjectCursor, level: number, where: string) => void): number {
  let seen = 0;
  for (const policy of [defaultPolicy, twoLevels]) {
    for (const date of DATES) {
      const ix = buildFactsIndex(school, policy, date);
      const cursor = pupilSubjectCursor(ix);
      for (let p = 0; p < ix.pupils.length; p++) {
        for (let s = 0; s < ix.subjectCount; s++) {
          cursor.at(p, s);
          visit(ix, cursor, ix.levelOf[p * ix.subjectCount + s] as number, `pupil ${p}, subject ${s}, ${date}`);
          seen++;
        }
      }
    }
  }
  return seen;
}

describe('levelFacts', () => {
  it('holds what the pupil-subject cursor reads at every cell of that level', () => {
    const levels = new Set<number>();
    const seen = forEachCell((ix, cursor, level, where) => {
      for (const [name, values] of levelFacts(ix, level)) assert.ok(values.includes(cursor.read(name)), `${name} at ${where}`);
      levels.add(level);
    });
    // Every kind of level was met: a policy level, untracked, and a status the policy lacks.
    assert.ok(levels.has(0) && levels.has(NO_LEVEL) && levels.has(UNKNOWN_LEVEL) && seen > 1000, [...levels].join());
  });

  it("gives, with the cursor's indexed facts, the position of the value the cursor reads at every cell of a level", () => {
    const facts = new Set<string>();
    forEachCell((_, cursor, level, where) => {
      for (const [name, { values, index }] of cursor.indexed(level)) {
        assert.equal(values[index()], cursor.read(name), `${name} at ${where}`);
        facts.add(name);
      }
    });
    assert.deepEqual([...facts].sort(), ['concernStreak', 'rankChange', 'suggested']);
  });

  it('leaves out the status of a status the policy lacks', () => {
    const ix = buildFactsIndex(school, twoLevels, '2027-03-01');
    assert.deepEqual([...levelFacts(ix, UNKNOWN_LEVEL)], [['rank', [null]], ['concern', [false]], ['challenge', [false]], ['rankChange', [null]]]);
    assert.deepEqual(levelFacts(ix, NO_LEVEL).get('status'), [null]);
    // At the lower of two levels the rank can only stay or fall by one since a snapshot.
    assert.deepEqual(levelFacts(ix, 0).get('rankChange'), [null, 0, -1]);
  });
});

const FACT_VALUES: Record<string, readonly unknown[]> = {
  status: ['below', 'on', 'above', null],
  rank: [1, 2, 3, null, 0],
  concern: [true, false],
  challenge: [true, false],
  source: ['recorded', 'default', 'untracked'],
  concernStreak: [0, 1, 2, 3],
  rankChange: [-2, -1, 0, 1, null],
  suggested: ['below', 'on', 'above', null],
  concernSubjects: [0, 1, 3],
  send: ['none', 'support', 'ehcp'],
  attendance: [85, 90, 95],
  subjectId: ['maths', 'reading'],
};
const CELL_FACTS = Object.keys(FACT_VALUES);
const OPERATORS = ['equal', 'notEqual', 'in', 'notIn', 'lessThan', 'greaterThanInclusive'];

const leaf = fc.constantFrom(...CELL_FACTS).chain((fact) =>
  fc.record({
    fact: fc.constant(fact),
    operator: fc.constantFrom(...OPERATORS),
    one: fc.constantFrom(...(FACT_VALUES[fact] as unknown[])),
    some: fc.subarray(FACT_VALUES[fact] as unknown[]),
    other: fc.option(fc.constantFrom(...CELL_FACTS), { freq: 5, nil: undefined }),
    throwing: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
  }).map(({ operator, one, some, other, throwing }) => {
    const list = operator === 'in' || operator === 'notIn';
    // Another fact sometimes; `in` over another fact rarely (it throws on a null: the rule is then left unspecialised).
    const value = other !== undefined && (!list || throwing) ? { fact: other } : list ? some : one;
    return { fact, operator, value };
  }),
);

const conditions = fc.letrec<{ node: object }>((self) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(self('node'), { maxLength: 3 }).map((all) => ({ all })),
    fc.array(self('node'), { maxLength: 3 }).map((any) => ({ any })),
    self('node').map((not) => ({ not })),
  ),
})).node;

const classRule = fc.constantFrom(true, false).map((live) => ({
  name: 'class',
  conditions: { all: [{ fact: 'live', operator: 'equal', value: live }, { fact: 'weeksSinceRecorded', operator: 'greaterThan', value: 1 }] },
  event: { type: 'intervention', params: { scope: 'class-subject' } },
}));

const policies = fc
  .tuple(fc.array(fc.oneof(conditions.map((c) => ({ all: [c] })), conditions.map((c) => ({ any: [c] }))), { minLength: 1, maxLength: 6 }), classRule, fc.boolean())
  .map(([roots, cls, fiveLevels]): TrackingPolicy => ({
    ...(fiveLevels ? defaultPolicy : twoLevels),
    rules: [...roots.map((c, i) => ({ name: `r${i}`, conditions: c, event: { type: 'intervention', params: { priority: 1 + (i % 3) } } })), cls],
  }));

describe('findInterventions', () => {
  it('finds the same interventions with rules bound per level as with every rule run on every cell', () => {
    let fired = 0;
    let threw = 0;
    fc.assert(
      fc.property(policies, fc.constantFrom(...DATES), (policy, date) => {
        const plan = interventionPlan(policy);
        const run = (specialize: boolean): unknown => {
          try {
            return findInterventions(buildFactsIndex(school, policy, date), plan, { specialize });
          } catch (error) {
            return { threw: error instanceof Error ? error.message : String(error) };
          }
        };
        const plain = run(false);
        const fast = run(true);
        if (!isDeepStrictEqual(fast, plain)) assert.deepStrictEqual(fast, plain, JSON.stringify(policy.rules));
        if (Array.isArray(plain)) fired += plain.length;
        else threw++;
      }),
      { numRuns: 300, seed: 20261127 },
    );
    console.log(`# per-level binding: ${fired} interventions, ${threw} runs that threw`);
    assert.ok(fired > 10_000 && threw > 0, `${fired} interventions, ${threw} runs that threw`);
  });

  it('shares only frozen notify and because lists between interventions, so no consumer can change another\'s', () => {
    const policy: TrackingPolicy = {
      ...defaultPolicy,
      // A rule without notify: its interventions share one empty list.
      rules: [...defaultPolicy.rules, { name: 'quiet', conditions: { all: [{ fact: 'concern', operator: 'equal', value: true }] }, event: { type: 'intervention' } }],
    };
    const found = findInterventions(buildFactsIndex(school, policy, '2027-03-01'), interventionPlan(policy));
    const uses = new Map<unknown, number>();
    for (const i of found) for (const list of [i.notify, i.because]) uses.set(list, (uses.get(list) ?? 0) + 1);
    const shared = [...uses].filter(([, n]) => n > 1).map(([list]) => list as unknown[]);
    assert.ok(shared.length > 10 && found.some((i) => i.ruleId === 'quiet' && i.notify.length === 0), `${shared.length} shared lists`);
    for (const list of shared) {
      assert.ok(Object.isFrozen(list), JSON.stringify(list));
      for (const item of list) if (item !== null && typeof item === 'object') assert.ok(Object.isFrozen(item), JSON.stringify(item));
      assert.throws(() => (list).push('x'), TypeError);
    }
  });

  it('finds the same interventions both ways under the default policy', () => {
    for (const date of DATES) {
      const plan = interventionPlan(defaultPolicy);
      const fast = findInterventions(buildFactsIndex(school, defaultPolicy, date), plan);
      assert.deepStrictEqual(fast, findInterventions(buildFactsIndex(school, defaultPolicy, date), plan, { specialize: false }));
      if (date === '2027-03-01') assert.ok(fast.length > 50, `${fast.length} interventions`);
    }
  });
});
