import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, type RuleProperties } from 'json-rules-engine';
import type { Assessment, Judgement, Pupil, Snapshot, TrackingDataset } from '../schema/dataset.js';
import type { Level, TrackingPolicy } from '../schema/policy.js';
import type { Intervention } from '../schema/result.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { buildDefaultRules, defaultRuleSettings } from '../policy/default-rules.js';
import { generateSchool, generateTrust } from '../synthetic/generate-school.js';
import { becauseFromResult } from '../compile/compile-rule.js';
import { safePathResolver } from '../compile/safe-path.js';
import { buildFactsIndex } from '../facts/facts-index.js';
import { pupilSubjectFacts } from '../facts/pupil-subject.js';
import { pupilFacts } from '../facts/pupil.js';
import { classSubjectFacts } from '../facts/class-subject.js';
import { evaluate } from './evaluate.js';
import { LARGE_RESULT_CELLS, compareInterventions } from './interventions.js';
import { liveStatuses } from './live-status.js';
import { summarize } from './summary.js';

const DATE = '2027-01-20'; // live since 2026-09-22
const SUBJECTS = ['maths', 'reading', 'writing', 'science'];

function pupil(id: string, attributes: Pupil['attributes'] = { send: 'none', attendance: 96 }, classId = '4K'): Pupil {
  return { id, givenName: id, familyName: 'Test', yearGroup: 'Y4', classId, attributes };
}
const judged = (pupilId: string, subjectId: string, status: string, day: string): Judgement => ({ pupilId, subjectId, status, recordedAt: `${day}T10:00:00Z`, recordedBy: 't1' });
const snap = (takenOn: string, statuses: [string, string, string | null][]): Snapshot => ({
  halfTermId: `ht-${takenOn}`,
  takenOn,
  statuses: statuses.map(([pupilId, subjectId, status]) => ({ pupilId, subjectId, status, source: status === null ? 'untracked' : 'recorded' })),
});

function data(parts: { pupils: Pupil[]; judgements?: Judgement[]; assessments?: Assessment[]; snapshots?: Snapshot[] }): TrackingDataset {
  return {
    version: 1,
    school: { id: 'hp', name: 'Hallwood Park' },
    calendar: { yearStart: '2026-09-01', halfTerms: [] },
    subjects: SUBJECTS.map((id) => ({ id, name: id })),
    pupils: parts.pupils,
    judgements: parts.judgements ?? [],
    assessments: parts.assessments ?? [],
    snapshots: parts.snapshots ?? [],
  };
}

const fired = (ivs: readonly Intervention[], ruleId: string): string[] =>
  ivs.filter((i) => i.ruleId === ruleId).map((i) => (i.pupilId === undefined ? `${i.classId ?? ''}/${i.subjectId ?? ''}` : [i.pupilId, i.subjectId].filter(Boolean).join('/')));

describe('evaluate', () => {
  it('gives the live statuses and summary of liveStatuses and summarize, as of the date', () => {
    const school = generateSchool({ seed: 9, pupils: 120, through: '2027-03-01' });
    for (const date of ['2026-09-10', '2026-11-16', '2027-03-01']) {
      const result = evaluate(school, defaultPolicy, { date });
      assert.equal(result.date, date);
      assert.deepEqual(result.statuses, liveStatuses(school, defaultPolicy, date));
      assert.deepEqual(result.summary, summarize(result.statuses, defaultPolicy));
    }
  });

  it('fires below-in-class for a concern level only, with its because', () => {
    const ds = data({ pupils: [pupil('a'), pupil('b')], judgements: [judged('a', 'maths', 'below', '2026-10-01'), judged('b', 'maths', 'above', '2026-10-01')] });
    const { interventions } = evaluate(ds, defaultPolicy, { date: DATE });
    const iv = interventions.find((i) => i.ruleId === 'below-in-class');
    assert.deepEqual(iv, {
      ruleId: 'below-in-class',
      pupilId: 'a',
      subjectId: 'maths',
      classId: '4K',
      action: 'In-class intervention: close the gaps in lessons',
      notify: ['class-teacher'],
      priority: 3,
      because: [{ fact: 'status', operator: 'in', value: ['below'], factValue: 'below' }],
    });
    assert.deepEqual(fired(interventions, 'below-in-class'), ['a/maths']);
    assert.deepEqual(fired(interventions, 'above-challenge'), ['b/maths']);
  });

  it('fires below-persistent after concern at each of the last two snapshots and now, not after one', () => {
    const ds = data({
      pupils: [pupil('two'), pupil('one'), pupil('gap'), pupil('recovered')],
      judgements: [judged('two', 'maths', 'below', '2026-09-25'), judged('one', 'maths', 'below', '2026-11-01'), judged('gap', 'maths', 'below', '2026-09-25'), judged('recovered', 'maths', 'below', '2026-09-25'), judged('recovered', 'maths', 'on', '2027-01-05')],
      snapshots: [
        snap('2026-10-23', [['two', 'maths', 'below'], ['one', 'maths', 'on'], ['gap', 'maths', 'below'], ['recovered', 'maths', 'below']]),
        snap('2026-12-18', [['two', 'maths', 'below'], ['one', 'maths', 'below'], ['gap', 'maths', 'on'], ['recovered', 'maths', 'below']]),
      ],
    });
    const { interventions } = evaluate(ds, defaultPolicy, { date: DATE });
    assert.deepEqual(fired(interventions, 'below-persistent'), ['two/maths']);
    const because = interventions.find((i) => i.ruleId === 'below-persistent')?.because;
    assert.deepEqual(because, [
      { fact: 'concern', operator: 'equal', value: true, factValue: true },
      { fact: 'concernStreak', operator: 'greaterThanInclusive', value: 2, factValue: 2 },
    ]);
  });

  it('fires below-multiple-subjects once per pupil at three concern subjects, not at two', () => {
    const three = ['maths', 'reading', 'writing'].map((s) => judged('three', s, 'below', '2026-10-01'));
    const two = ['maths', 'reading'].map((s) => judged('two', s, 'below', '2026-10-01'));
    const { interventions } = evaluate(data({ pupils: [pupil('three'), pupil('two')], judgements: [...three, ...two] }), defaultPolicy, { date: DATE });
    const ivs = interventions.filter((i) => i.ruleId === 'below-multiple-subjects');
    assert.deepEqual(ivs.map((i) => [i.pupilId, i.subjectId, i.priority]), [['three', undefined, 1]]);
  });

  it('fires below-send for SEN support and EHCP pupils at a concern level, and below-low-attendance under 90 only', () => {
    const pupils = [
      pupil('sup', { send: 'support', attendance: 90 }),
      pupil('ehcp', { send: 'ehcp', attendance: 89.9 }),
      pupil('none', { send: 'none', attendance: 80 }),
      pupil('bare', {}),
    ];
    const judgements = pupils.map((p) => judged(p.id, 'maths', 'below', '2026-10-01'));
    judgements.push(judged('none', 'reading', 'on', '2026-10-01'));
    const { interventions } = evaluate(data({ pupils, judgements }), defaultPolicy, { date: DATE });
    assert.deepEqual(fired(interventions, 'below-send'), ['ehcp/maths', 'sup/maths']);
    assert.deepEqual(fired(interventions, 'below-low-attendance'), ['ehcp/maths', 'none/maths']);
  });

  it('fires sharp-decline for a fall of two ranks since the last snapshot, not one', () => {
    const ds = data({
      pupils: [pupil('fell2'), pupil('fell1')],
      judgements: [judged('fell2', 'maths', 'above', '2026-10-01'), judged('fell2', 'maths', 'below', '2027-01-10'), judged('fell1', 'maths', 'below', '2027-01-10')],
      snapshots: [snap('2026-12-18', [['fell2', 'maths', 'above'], ['fell1', 'maths', 'on']])],
    });
    const { interventions } = evaluate(ds, defaultPolicy, { date: DATE });
    assert.deepEqual(fired(interventions, 'sharp-decline'), ['fell2/maths']);
    assert.deepEqual(interventions.find((i) => i.ruleId === 'sharp-decline')?.because, [{ fact: 'rankChange', operator: 'lessThanInclusive', value: -2, factValue: -2 }]);
  });

  it('fires evidence-mismatch from evidence within 42 days only, strictly past the thresholds', () => {
    const test = (pupilId: string, score: number, takenOn: string, kind = 'standardised', outOf?: number): Assessment =>
      outOf === undefined ? { pupilId, subjectId: 'maths', kind, score, takenOn } : { pupilId, subjectId: 'maths', kind, score, outOf, takenOn };
    const ds = data({
      pupils: ['low', 'edge', 'old', 'high', 'quiz', 'teacher', 'latest'].map((id) => pupil(id)),
      assessments: [
        test('low', 84, '2026-12-09'), // 42 days before: in the window
        test('edge', 85, '2027-01-10'), // not strictly under 85
        test('old', 70, '2026-12-08'), // 43 days before
        test('high', 116, '2027-01-20'),
        test('quiz', 9, '2027-01-15', 'quiz', 20), // 0.45 < 0.5
        { pupilId: 'teacher', subjectId: 'maths', kind: 'teacher', level: 'above', takenOn: '2027-01-15' },
        test('latest', 70, '2027-01-01'),
        test('latest', 100, '2027-01-12'), // the most recent wins: suggests On, as the status is
      ],
    });
    const { interventions } = evaluate(ds, defaultPolicy, { date: DATE });
    assert.deepEqual(fired(interventions, 'evidence-mismatch'), ['high/maths', 'low/maths', 'quiz/maths', 'teacher/maths']);
    assert.deepEqual(interventions.find((i) => i.ruleId === 'evidence-mismatch' && i.pupilId === 'low')?.because, [
      { fact: 'suggested', operator: 'notEqual', value: null, factValue: 'below' },
      { fact: 'status', operator: 'notEqual', value: null, factValue: 'on' },
      { fact: 'suggested', operator: 'notEqual', value: { fact: 'status' }, factValue: 'below', valueResult: 'on' },
    ]);
  });

  it('fires class-unreviewed for a class and subject with no judgement for six weeks while live', () => {
    const ds = data({
      pupils: [pupil('a', {}, '4K'), pupil('b', {}, '4M')],
      judgements: [...SUBJECTS.map((s) => judged('a', s, 'on', '2026-12-09')), ...SUBJECTS.map((s) => judged('b', s, 'on', '2026-12-10'))],
    });
    const { interventions } = evaluate(ds, defaultPolicy, { date: DATE });
    // 4K: 42 days = 6 weeks; 4M: 41 days.
    assert.deepEqual(fired(interventions, 'class-unreviewed'), ['4K/maths', '4K/reading', '4K/science', '4K/writing']);
    const iv = interventions.find((i) => i.ruleId === 'class-unreviewed');
    assert.equal(iv?.pupilId, undefined);
    assert.deepEqual(iv?.because, [
      { fact: 'live', operator: 'equal', value: true, factValue: true },
      { fact: 'weeksSinceRecorded', operator: 'greaterThanInclusive', value: 6, factValue: 6 },
    ]);
    // Before the live start nothing is unreviewed, and weeks count from the live start.
    assert.deepEqual(fired(evaluate(ds, defaultPolicy, { date: '2026-09-20' }).interventions, 'class-unreviewed'), []);
    assert.equal(fired(evaluate(data({ pupils: [pupil('c')] }), defaultPolicy, { date: '2026-11-03' }).interventions, 'class-unreviewed').length, 4);
    assert.equal(fired(evaluate(data({ pupils: [pupil('c')] }), defaultPolicy, { date: '2026-11-02' }).interventions, 'class-unreviewed').length, 0);
  });

  it('ignores judgements, assessments and snapshots after the date', () => {
    const ds = data({
      pupils: [pupil('a')],
      judgements: [judged('a', 'maths', 'below', '2026-10-01'), judged('a', 'maths', 'on', '2027-01-21')],
      assessments: [{ pupilId: 'a', subjectId: 'maths', kind: 'standardised', score: 130, takenOn: '2027-01-21' }],
      snapshots: [snap('2026-12-18', [['a', 'maths', 'below']]), snap('2027-01-21', [['a', 'maths', 'below']])],
    });
    const { statuses, interventions } = evaluate(ds, defaultPolicy, { date: DATE });
    assert.equal(statuses.find((s) => s.subjectId === 'maths')?.status, 'below');
    assert.deepEqual(fired(interventions, 'below-persistent'), []); // one snapshot by the date
    assert.deepEqual(fired(interventions, 'evidence-mismatch'), []);
    // A judgement late on the day itself counts (end of day, UTC).
    const late = data({ pupils: [pupil('a')], judgements: [{ ...judged('a', 'maths', 'above', DATE), recordedAt: `${DATE}T23:59:59Z` }] });
    assert.equal(evaluate(late, defaultPolicy, { date: DATE }).statuses[0]?.status, 'above');
  });

  it('sorts interventions by priority, then pupil, subject, class and rule id', () => {
    const school = generateSchool({ seed: 4, pupils: 200, through: '2027-03-01' });
    const { interventions } = evaluate(school, defaultPolicy, { date: '2027-03-01' });
    assert.ok(interventions.length > 20);
    const key = (i: Intervention): string[] => [String(i.priority).padStart(3, '0'), i.pupilId ?? '', i.subjectId ?? '', i.classId ?? '', i.ruleId];
    for (let k = 1; k < interventions.length; k++) {
      const a = key(interventions[k - 1] as Intervention);
      const b = key(interventions[k] as Intervention);
      const i = a.findIndex((x, j) => x !== b[j]);
      assert.ok(i === -1 || (a[i] as string) < (b[i] as string), `${a.join('|')} before ${b.join('|')}`);
    }
  });

  it('agrees with json-rules-engine run per item over the documented facts, on a generated trust', async () => {
    const trust = generateTrust({ seed: 3, schools: 2, pupils: 150, phases: ['primary', 'secondary'] });
    const date = '2027-05-10';
    const { interventions } = evaluate(trust, defaultPolicy, { date });
    const ix = buildFactsIndex(trust, defaultPolicy, date);
    const engines = new Map<string, Engine>();
    for (const r of defaultPolicy.rules) {
      const scope = (r.event as { params: { scope: string } }).params.scope;
      let e = engines.get(scope);
      if (!e) engines.set(scope, (e = new Engine([], { allowUndefinedFacts: true, pathResolver: safePathResolver })));
      e.addRule(r as unknown as RuleProperties);
    }
    const expected: string[] = [];
    const add = async (scope: string, facts: Record<string, unknown>, id: string): Promise<void> => {
      const { results } = await (engines.get(scope) as Engine).run(facts);
      for (const r of results) expected.push(`${r.name} ${id} ${JSON.stringify(becauseFromResult(r))}`);
    };
    for (const p of trust.pupils) {
      await add('pupil', pupilFacts(ix, p.id), p.id);
      for (const s of ix.subjects) await add('pupil-subject', pupilSubjectFacts(ix, p.id, s), `${p.id}/${s}`);
    }
    for (const c of ix.classes) for (const s of ix.subjects) await add('class-subject', classSubjectFacts(ix, c.classId, s, c.schoolId), `${c.classId}/${s}`);
    const actual = interventions.map((i) => `${i.ruleId} ${i.pupilId ? [i.pupilId, i.subjectId].filter(Boolean).join('/') : `${i.classId ?? ''}/${i.subjectId ?? ''}`} ${JSON.stringify(i.because)}`);
    assert.deepEqual([...actual].sort(), expected.sort());
    const rules = new Set(interventions.map((i) => i.ruleId));
    for (const id of ['below-in-class', 'below-persistent', 'below-multiple-subjects', 'below-send', 'above-challenge', 'evidence-mismatch', 'class-unreviewed']) assert.ok(rules.has(id), id);
    assert.ok(interventions.every((i) => (i as { schoolId?: string }).schoolId?.startsWith('s')));
  });

  it('builds a trust above the large-result size into the same statuses and interventions as its schools below it', () => {
    const trust = generateTrust({ seed: 12, schools: 2, pupils: 4400, phases: ['secondary', 'all-through'] });
    const date = '2027-05-10';
    assert.ok(trust.pupils.length * trust.subjects.length >= LARGE_RESULT_CELLS);
    const whole = evaluate(trust, defaultPolicy, { date });
    // Each school on its own (its pupils and what concerns them): a result below the size.
    const schools = trust.schools ?? [];
    assert.equal(schools.length, 2);
    const parts = schools.map((school) => {
      const pupils = trust.pupils.filter((p) => p.schoolId === school.id);
      const ids = new Set(pupils.map((p) => p.id));
      assert.ok(pupils.length * trust.subjects.length < LARGE_RESULT_CELLS);
      return evaluate(
        {
          ...trust,
          pupils,
          judgements: trust.judgements.filter((j) => ids.has(j.pupilId)),
          assessments: trust.assessments.filter((a) => ids.has(a.pupilId)),
          snapshots: trust.snapshots.map((sn) => ({ ...sn, statuses: sn.statuses.filter((e) => ids.has(e.pupilId)) })),
        },
        defaultPolicy,
        { date },
      );
    });
    const order = new Map(trust.pupils.map((p, i) => [p.id, i]));
    const statuses = parts.flatMap((r) => r.statuses).sort((a, b) => (order.get(a.pupilId) as number) - (order.get(b.pupilId) as number));
    // As JSON: the same keys in the same order too.
    assert.equal(JSON.stringify(whole.statuses), JSON.stringify(statuses));
    assert.equal(JSON.stringify(whole.interventions), JSON.stringify(parts.flatMap((r) => r.interventions).sort(compareInterventions)));
    assert.ok(whole.interventions.length > 10_000, `${whole.interventions.length} interventions`);
  });
});

describe('evaluate with a custom grade set', () => {
  const five: Level[] = [
    { id: 'wt', label: 'Well below', rank: 0, concern: true },
    { id: 'bt', label: 'Below', rank: 1, concern: true },
    { id: 'ot', label: 'On', rank: 2 },
    { id: 'at', label: 'Above', rank: 3, challenge: true },
    { id: 'gd', label: 'Greater depth', rank: 4, challenge: true },
  ];
  const fivePolicy: TrackingPolicy = { ...defaultPolicy, levels: five, defaultLevel: 'ot', rules: buildDefaultRules(defaultRuleSettings, five) };

  it('runs the default rules end to end over five levels', () => {
    const ds = data({
      pupils: [pupil('a'), pupil('b'), pupil('c')],
      judgements: [judged('a', 'maths', 'wt', '2027-01-10'), judged('b', 'maths', 'gd', '2026-10-01'), judged('c', 'maths', 'bt', '2027-01-10')],
      snapshots: [snap('2026-12-18', [['a', 'maths', 'ot'], ['b', 'maths', 'gd'], ['c', 'maths', 'ot']])],
      assessments: [{ pupilId: 'c', subjectId: 'maths', kind: 'standardised', score: 120, takenOn: '2027-01-12' }],
    });
    const { interventions, summary } = evaluate(ds, fivePolicy, { date: DATE });
    assert.deepEqual(fired(interventions, 'below-in-class'), ['a/maths', 'c/maths']);
    assert.deepEqual(fired(interventions, 'above-challenge'), ['b/maths']);
    assert.deepEqual(fired(interventions, 'sharp-decline'), ['a/maths']);
    // Over `above` suggests the furthest-ahead challenge level.
    assert.equal(interventions.find((i) => i.ruleId === 'evidence-mismatch')?.because[0]?.factValue, 'gd');
    assert.deepEqual(Object.keys(summary.counts), ['wt', 'bt', 'ot', 'at', 'gd']);
  });

  it('runs over two levels with no challenge level: evidence over the threshold suggests the default', () => {
    const two: Level[] = [
      { id: 'not-on-track', label: 'Not on track', rank: 0, concern: true },
      { id: 'on-track', label: 'On track', rank: 1 },
    ];
    const policy: TrackingPolicy = { ...defaultPolicy, levels: two, defaultLevel: 'on-track', rules: buildDefaultRules(defaultRuleSettings, two) };
    const ds = data({
      pupils: [pupil('a'), pupil('b')],
      judgements: [judged('a', 'maths', 'not-on-track', '2026-10-01')],
      assessments: [
        { pupilId: 'b', subjectId: 'maths', kind: 'standardised', score: 140, takenOn: '2027-01-12' },
        { pupilId: 'a', subjectId: 'reading', kind: 'standardised', score: 60, takenOn: '2027-01-12' },
      ],
    });
    const { interventions } = evaluate(ds, policy, { date: DATE });
    assert.deepEqual(fired(interventions, 'below-in-class'), ['a/maths']);
    assert.deepEqual(fired(interventions, 'above-challenge'), []);
    assert.deepEqual(fired(interventions, 'evidence-mismatch'), ['a/reading']);
  });

  it('rejects a rule with an unknown scope, naming its path', () => {
    const policy: TrackingPolicy = {
      ...defaultPolicy,
      rules: [{ name: 'odd', conditions: { all: [] }, event: { type: 'intervention', params: { action: 'x', notify: [], priority: 1, scope: 'school' } } }],
    };
    assert.throws(() => evaluate(data({ pupils: [pupil('a')] }), policy, { date: DATE }), /\$\.rules\[0\]\.event\.params\.scope: scope must be one of/);
  });
});
