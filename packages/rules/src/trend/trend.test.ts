import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakdownFromStatuses } from '../breakdown/breakdown.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { generateSchool } from '../synthetic/generate-school.js';
import { trend } from './trend.js';

const school = generateSchool({ seed: 5, pupils: 150, through: '2027-03-10' });

describe('trend', () => {
  it('has one point per snapshot taken by the date, oldest first, named by half-term', () => {
    const series = trend(school, defaultPolicy, {}, { date: '2027-03-10' });
    assert.deepEqual(series.points.map((p) => p.halfTermId), ['aut1', 'aut2', 'spr1']);
    assert.deepEqual(series.points.map((p) => p.label), ['Autumn 1', 'Autumn 2', 'Spring 1']);
    assert.ok(series.points.every((p) => !p.live));
    assert.equal(series.label, 'All pupils');
  });
  it('leaves out snapshots taken after the date', () => {
    const aut2 = school.snapshots.find((s) => s.halfTermId === 'aut2');
    assert.ok(aut2);
    const series = trend(school, defaultPolicy, {}, { date: aut2.takenOn });
    assert.deepEqual(series.points.map((p) => p.halfTermId), ['aut1', 'aut2']);
  });
  it('adds the live point last when asked', () => {
    const series = trend(school, defaultPolicy, { subjectId: 'maths' }, { date: '2027-03-10', live: true });
    const last = series.points.at(-1);
    assert.ok(last);
    assert.equal(last.live, true);
    assert.equal(last.date, '2027-03-10');
    assert.equal(last.halfTermId, undefined);
    assert.equal(series.points.length, 4);
  });
  it("breaks each point down from that snapshot's statuses", () => {
    const filter = { yearGroup: 'Y3' as const, subjectId: 'reading' };
    const series = trend(school, defaultPolicy, filter, { date: '2027-03-10' });
    school.snapshots.slice(0, 3).forEach((s, i) => {
      assert.deepEqual(series.points[i]?.breakdown, breakdownFromStatuses(s.statuses, school, defaultPolicy, s.takenOn, filter));
    });
  });
  it('suppresses each point on its own, so one pupil\'s trend shows no counts', () => {
    const pupilId = school.pupils[0]?.id ?? '';
    const series = trend(school, defaultPolicy, { pupilIds: [pupilId] }, { date: '2027-03-10', live: true });
    assert.ok(series.points.every((p) => p.breakdown.suppressed && p.breakdown.percent === null));
    const open = trend(school, { ...defaultPolicy, suppressUnder: 0 }, { pupilIds: [pupilId] }, { date: '2027-03-10', live: true });
    assert.ok(open.points.every((p) => !p.breakdown.suppressed && p.breakdown.total === 4));
  });
  it('is empty before the first snapshot without the live point', () => {
    assert.deepEqual(trend(school, defaultPolicy, {}, { date: '2026-09-10' }).points, []);
  });
});
