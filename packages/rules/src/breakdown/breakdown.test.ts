import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotFoundError } from '../errors.js';
import { defaultPolicy } from '../policy/default-policy.js';
import type { Pupil, StatusEntry, TrackingDataset } from '../schema/dataset.js';
import type { TrackingPolicy } from '../schema/policy.js';
import { generateSchool } from '../synthetic/generate-school.js';
import { breakdown, breakdownFromStatuses, cohortLabel, cohortPupils } from './breakdown.js';
import { gapBetween, groupGap, shareAtOrAbove, targetGap } from './gap.js';
import { inGroup } from './groups.js';
import { isSuppressed, suppress } from './suppress.js';

function pupil(id: string, yearGroup: Pupil['yearGroup'], classId: string, attributes: Pupil['attributes'], schoolId?: string): Pupil {
  const p: Pupil = { id, givenName: id.toUpperCase(), familyName: 'Test', yearGroup, classId, attributes };
  if (schoolId !== undefined) p.schoolId = schoolId;
  return p;
}

// Ten Y4 pupils (six pupil premium, four girls among them) and three Y5 pupils in another school.
const pupils: Pupil[] = [
  ...Array.from({ length: 10 }, (_, i) =>
    pupil(`p${String(i)}`, 'Y4', '4K', { pupilPremium: i < 6, gender: i % 2 === 0 ? 'F' : 'M', attendance: 80 + i * 2 }, 'a'),
  ),
  ...Array.from({ length: 3 }, (_, i) => pupil(`q${String(i)}`, 'Y5', '5M', { pupilPremium: true, gender: 'F' }, 'b')),
];
const dataset: TrackingDataset = {
  version: 1,
  schools: [
    { id: 'a', name: 'Ash' },
    { id: 'b', name: 'Birch' },
  ],
  calendar: { yearStart: '2026-09-01', halfTerms: [] },
  subjects: [
    { id: 'maths', name: 'Maths' },
    { id: 'reading', name: 'Reading' },
  ],
  pupils,
  judgements: [],
  assessments: [],
  snapshots: [],
};
// Maths: p0–p2 below, p9 above, the rest on. Reading: all on except q0 untracked.
const statuses: StatusEntry[] = pupils.flatMap((p, i): StatusEntry[] => [
  { pupilId: p.id, subjectId: 'maths', status: i < 3 ? 'below' : i === 9 ? 'above' : 'on', source: 'recorded' },
  p.id === 'q0'
    ? { pupilId: p.id, subjectId: 'reading', status: null, source: 'untracked' }
    : { pupilId: p.id, subjectId: 'reading', status: 'on', source: 'default' },
]);
const date = '2026-11-16';

describe('inGroup', () => {
  it('matches a where value and any value of a where list', () => {
    const p = pupil('x', 'Y4', '4K', { send: 'ehcp', pupilPremium: true });
    assert.equal(inGroup(p, { id: 'send', label: 'SEND', where: { send: ['support', 'ehcp'] } }), true);
    assert.equal(inGroup(p, { id: 'pp', label: 'PP', where: { pupilPremium: false } }), false);
  });
  it('needs every where key to match (intersection)', () => {
    const p = pupil('x', 'Y4', '4K', { pupilPremium: true, gender: 'M' });
    assert.equal(inGroup(p, { id: 'ppg', label: 'PP girls', where: { pupilPremium: true, gender: 'F' } }), false);
  });
  it('reads yearGroup and classId from the pupil when not an attribute', () => {
    assert.equal(inGroup(pupil('x', 'Y4', '4K', {}), { id: 'y4', label: 'Y4', where: { yearGroup: 'Y4' } }), true);
  });
  it('puts a range at least min and under max, and a missing attribute outside it', () => {
    const band = { id: 'b', label: '90–95', range: { attribute: 'attendance', min: 90, max: 95 } };
    assert.equal(inGroup(pupil('x', 'Y4', '4K', { attendance: 90 }), band), true);
    assert.equal(inGroup(pupil('x', 'Y4', '4K', { attendance: 95 }), band), false);
    assert.equal(inGroup(pupil('x', 'Y4', '4K', { attendance: 89.9 }), band), false);
    assert.equal(inGroup(pupil('x', 'Y4', '4K', {}), band), false);
  });
  it('never reads inherited keys such as constructor', () => {
    const p = pupil('x', 'Y4', '4K', {});
    assert.equal(inGroup(p, { id: 'c', label: 'c', where: { constructor: 'Object' } }), false);
    assert.equal(inGroup(p, { id: 'c', label: 'c', range: { attribute: 'constructor' } }), false);
  });
  it('holds nobody for a group over nothing', () => {
    assert.equal(inGroup(pupil('x', 'Y4', '4K', {}), { id: 'e', label: 'empty' }), false);
  });
});

describe('breakdownFromStatuses', () => {
  it('counts each level of a subject and gives percentages of tracked statuses', () => {
    const b = breakdownFromStatuses(statuses, dataset, defaultPolicy, date, { schoolId: 'a', subjectId: 'maths' });
    assert.deepEqual(b.counts, { below: 3, on: 6, above: 1 });
    assert.deepEqual(b.percent, { below: 30, on: 60, above: 10 });
    assert.equal(b.pupils, 10);
    assert.equal(b.total, 10);
    assert.equal(b.suppressed, false);
    assert.equal(b.label, 'Ash × Maths');
  });
  it('intersects year group, subject and several groups', () => {
    const b = breakdownFromStatuses(statuses, dataset, defaultPolicy, date, { yearGroup: 'Y4', subjectId: 'maths', groups: ['pupil-premium', 'girls'] });
    // p0, p2, p4 are pupil-premium girls: below, below, on.
    assert.equal(b.pupils, 3);
    assert.equal(b.suppressed, true);
    const loose = breakdownFromStatuses(statuses, dataset, { ...defaultPolicy, suppressUnder: 0 }, date, {
      yearGroup: 'Y4',
      subjectId: 'maths',
      groups: ['pupil-premium', 'girls'],
    });
    assert.deepEqual(loose.counts, { below: 2, on: 1, above: 0 });
    assert.equal(loose.label, 'Y4 × Maths × Pupil premium × Girls');
  });
  it('counts every subject when no subject is given, untracked apart', () => {
    const b = breakdownFromStatuses(statuses, dataset, defaultPolicy, date, {});
    assert.equal(b.total, 25);
    assert.equal(b.untracked, 1);
    assert.equal(b.pupils, 13);
    assert.equal(b.label, 'All pupils');
  });
  it('filters by class and by named pupils', () => {
    assert.equal(breakdownFromStatuses(statuses, dataset, defaultPolicy, date, { classId: '5M' }).pupils, 3);
    const one = breakdownFromStatuses(statuses, dataset, { ...defaultPolicy, suppressUnder: 0 }, date, { pupilIds: ['p9'] });
    assert.deepEqual(one.counts, { below: 0, on: 1, above: 1 });
    assert.equal(one.label, 'P9 Test');
  });
  it('treats pupils of a one-school file as that school', () => {
    const single = { ...dataset, schools: undefined, school: { id: 'solo', name: 'Solo' }, pupils: pupils.map((p) => pupil(p.id, p.yearGroup, p.classId, p.attributes)) };
    assert.equal(breakdownFromStatuses(statuses, single, defaultPolicy, date, { schoolId: 'solo' }).pupils, 13);
  });
  it('leaves out subjects the policy does not track', () => {
    const b = breakdownFromStatuses(statuses, dataset, { ...defaultPolicy, subjects: ['maths'] }, date, {});
    assert.equal(b.total, 13);
  });
  it('rejects a group the policy does not define', () => {
    assert.throws(() => breakdownFromStatuses(statuses, dataset, defaultPolicy, date, { groups: ['nope'] }), NotFoundError);
  });
  it('gives null percentages, not 0 %, when nothing in the cohort is tracked', () => {
    const b = breakdownFromStatuses(
      statuses.map((s) => ({ ...s, status: null })),
      dataset,
      defaultPolicy,
      date,
      {},
    );
    assert.equal(b.percent, null);
    assert.equal(b.untracked, 26);
  });
  it('agrees with summing per-school breakdowns of a generated school', () => {
    const school = generateSchool({ seed: 3, pupils: 120, through: date });
    const all = breakdown(school, defaultPolicy, date);
    const byYear = ['R', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6'].map((y) => breakdown(school, { ...defaultPolicy, suppressUnder: 0 }, date, { yearGroup: y as Pupil['yearGroup'] }));
    assert.equal(
      byYear.reduce((n, b) => n + b.total, 0),
      all.total,
    );
    for (const level of ['below', 'on', 'above']) {
      assert.equal(
        byYear.reduce((n, b) => n + (b.counts?.[level] ?? 0), 0),
        all.counts?.[level],
      );
    }
  });
});

describe('cohortPupils and cohortLabel', () => {
  it('excludes pupils in notGroups', () => {
    assert.deepEqual([...cohortPupils(dataset, defaultPolicy, { schoolId: 'a', notGroups: ['pupil-premium'] })], ['p6', 'p7', 'p8', 'p9']);
  });
  it('names a class, a group exclusion and a count of pupils', () => {
    assert.equal(cohortLabel(dataset, defaultPolicy, { classId: '4K', notGroups: ['girls'], pupilIds: ['p1', 'p3'] }), 'Class 4K × not Girls × 2 pupils');
  });
});

describe('suppress', () => {
  it('suppresses a cohort of fewer pupils than suppressUnder, and not one of exactly that many', () => {
    const policy: TrackingPolicy = { ...defaultPolicy, suppressUnder: 5 };
    assert.equal(isSuppressed(4, policy), true);
    assert.equal(isSuppressed(5, policy), false);
  });
  it('nulls counts and percentages of a suppressed cohort instead of showing 0 % or 100 %', () => {
    const b = breakdownFromStatuses(statuses, dataset, defaultPolicy, date, { schoolId: 'b', subjectId: 'maths' });
    assert.equal(b.pupils, 3);
    assert.equal(b.suppressed, true);
    assert.equal(b.counts, null);
    assert.equal(b.percent, null);
  });
  it('leaves a large enough breakdown unchanged', () => {
    const b = breakdownFromStatuses(statuses, dataset, defaultPolicy, date, {});
    assert.equal(suppress(b, defaultPolicy), b);
  });
});

describe('gaps', () => {
  const policy = { ...defaultPolicy, suppressUnder: 3 };
  it('gives a group minus the rest in percentage points per level', () => {
    const gap = groupGap(statuses, dataset, policy, date, 'pupil-premium', { schoolId: 'a', subjectId: 'maths' });
    // PP (p0–p5): 3 below, 3 on. Others (p6–p9): 3 on, 1 above.
    assert.deepEqual(gap.left.counts, { below: 3, on: 3, above: 0 });
    assert.deepEqual(gap.right.counts, { below: 0, on: 3, above: 1 });
    assert.deepEqual(gap.points, { below: 50, on: -25, above: -25 });
    assert.equal(gap.label, 'Pupil premium vs others');
  });
  it('has no points when either side is suppressed', () => {
    const gap = groupGap(statuses, dataset, defaultPolicy, date, 'pupil-premium', { schoolId: 'a', subjectId: 'maths' });
    assert.equal(gap.right.suppressed, true);
    assert.equal(gap.points, null);
    assert.equal(gapBetween(gap.right, gap.left).points, null);
  });
  it('measures the share at or above a level against a target', () => {
    const b = breakdownFromStatuses(statuses, dataset, policy, date, { schoolId: 'a', subjectId: 'maths' });
    assert.equal(shareAtOrAbove(b, 'on', policy), 70);
    assert.equal(shareAtOrAbove(b, 'above', policy), 10);
    const gap = targetGap(b, { label: 'Trust target', atOrAbove: 'on', percent: 85 }, policy);
    assert.equal(gap.actual, 70);
    assert.equal(gap.points, -15);
  });
  it('gives no share against a target for a suppressed cohort', () => {
    const b = breakdownFromStatuses(statuses, dataset, defaultPolicy, date, { schoolId: 'b' });
    assert.equal(targetGap(b, { label: 'National', atOrAbove: 'on', percent: 80 }, defaultPolicy).points, null);
  });
  it('rejects an unknown level or group', () => {
    const b = breakdownFromStatuses(statuses, dataset, policy, date, {});
    assert.throws(() => shareAtOrAbove(b, 'stellar', policy), NotFoundError);
    assert.throws(() => groupGap(statuses, dataset, policy, date, 'nope'), NotFoundError);
  });
});

describe('custom grade sets in cohorts', () => {
  const five: TrackingPolicy = {
    ...defaultPolicy,
    suppressUnder: 0,
    levels: [
      { id: 'wb', label: 'Well below', rank: 0, concern: true },
      { id: 'b', label: 'Below', rank: 1, concern: true },
      { id: 'on', label: 'On', rank: 2 },
      { id: 'a', label: 'Above', rank: 3, challenge: true },
      { id: 'wa', label: 'Well above', rank: 4, challenge: true },
    ],
  };
  const entries: StatusEntry[] = ['wb', 'b', 'b', 'on', 'on', 'on', 'a', 'wa'].map((status, i) => ({ pupilId: `p${String(i)}`, subjectId: 'maths', status, source: 'recorded' }));
  it('counts every level of a five-level set in rank order', () => {
    const b = breakdownFromStatuses(entries, dataset, five, date, { subjectId: 'maths' });
    assert.deepEqual(Object.keys(b.counts ?? {}), ['wb', 'b', 'on', 'a', 'wa']);
    assert.deepEqual(b.percent, { wb: 12.5, b: 25, on: 37.5, a: 12.5, wa: 12.5 });
  });
  it('measures the share at or above a middle level of a five-level set', () => {
    const b = breakdownFromStatuses(entries, dataset, five, date, { subjectId: 'maths' });
    assert.equal(shareAtOrAbove(b, 'on', five), 62.5);
    assert.equal(shareAtOrAbove(b, 'b', five), 87.5);
  });
  it('works with a two-level set', () => {
    const two: TrackingPolicy = { ...five, levels: [{ id: 'not-on', label: 'Not on track', rank: 0, concern: true }, { id: 'on', label: 'On track', rank: 1 }] };
    const b = breakdownFromStatuses(entries.map((e, i) => ({ ...e, status: i < 3 ? 'not-on' : 'on' })), dataset, two, date, {});
    assert.deepEqual(b.counts, { 'not-on': 3, on: 5 });
  });
});
