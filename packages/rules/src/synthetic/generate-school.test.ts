import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDataset } from '../schema/parse.js';
import { liveStatuses } from '../engine/live-status.js';
import { summarize } from '../engine/summary.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { generateSchool, generateTrust } from './generate-school.js';

describe('generateSchool', () => {
  it('gives the same school for the same seed', () => {
    assert.deepEqual(generateSchool({ seed: 7, pupils: 60 }), generateSchool({ seed: 7, pupils: 60 }));
  });
  it('gives a different school for another seed', () => {
    assert.notDeepEqual(generateSchool({ seed: 7, pupils: 60 }).pupils, generateSchool({ seed: 8, pupils: 60 }).pupils);
  });
  it('makes exactly the pupils asked for, in primary year groups', () => {
    const school = generateSchool({ seed: 1, pupils: 30 });
    assert.equal(school.pupils.length, 30);
    assert.ok(school.pupils.every((p) => ['R', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6'].includes(p.yearGroup)));
  });
  it('produces a dataset that passes its own schema', () => {
    assert.doesNotThrow(() => parseDataset(generateSchool({ seed: 3, pupils: 200 })));
  });
  it('records exceptions only, so most live statuses are the default On', () => {
    const school = generateSchool({ seed: 5, pupils: 1000 });
    const statuses = liveStatuses(school, defaultPolicy, '2026-11-16');
    const defaults = statuses.filter((s) => s.source === 'default').length;
    assert.ok(defaults / statuses.length > 0.6, `${defaults} of ${statuses.length} default`);
    const summary = summarize(statuses, defaultPolicy);
    assert.ok((summary.percent.below ?? 0) > 5 && (summary.percent.below ?? 0) < 30, `below ${summary.percent.below}%`);
    assert.ok((summary.percent.above ?? 0) > 3 && (summary.percent.above ?? 0) < 25, `above ${summary.percent.above}%`);
  });
  it('gives pupils attributes in realistic proportions', () => {
    const pupils = generateSchool({ seed: 11, pupils: 5000 }).pupils;
    const share = (f: (p: (typeof pupils)[number]) => boolean): number => pupils.filter(f).length / pupils.length;
    const pp = share((p) => p.attributes.pupilPremium === true);
    const send = share((p) => p.attributes.send !== 'none');
    assert.ok(pp > 0.2 && pp < 0.32, `pupil premium ${pp}`);
    assert.ok(send > 0.12 && send < 0.22, `SEND ${send}`);
  });
  it('freezes a snapshot for each half-term that has ended, matching the live statuses then', () => {
    const school = generateSchool({ seed: 2, pupils: 40, through: '2026-12-20' });
    assert.deepEqual(school.snapshots.map((s) => s.halfTermId), ['aut1', 'aut2']);
    const aut1 = school.snapshots[0];
    assert.ok(aut1);
    assert.deepEqual(aut1.statuses, liveStatuses(school, defaultPolicy, aut1.takenOn));
  });
});

describe('generateSchool phases', () => {
  it('makes a secondary school of Years 7 to 13 with twelve subjects', () => {
    const school = generateSchool({ seed: 2, pupils: 700, phase: 'secondary' });
    assert.equal(school.subjects.length, 12);
    assert.deepEqual([...new Set(school.pupils.map((p) => p.yearGroup))], ['Y7', 'Y8', 'Y9', 'Y10', 'Y11', 'Y12', 'Y13']);
  });
  it('makes an all-through school from nursery to Year 13', () => {
    const years = new Set(generateSchool({ seed: 2, pupils: 300, phase: 'all-through' }).pupils.map((p) => p.yearGroup));
    assert.equal(years.size, 15);
  });
});

describe('generateTrust', () => {
  const trust = generateTrust({ seed: 5, schools: 3, pupils: 900, phases: ['primary', 'secondary', 'all-through'] });
  it('gives the same trust for the same seed', () => {
    assert.deepEqual(generateTrust({ seed: 5, schools: 3, pupils: 900, phases: ['primary', 'secondary', 'all-through'] }), trust);
  });
  it('holds its schools, each pupil with a schoolId and ids unique across the trust', () => {
    assert.equal(trust.schools!.length, 3);
    assert.equal(trust.pupils.length, 900);
    const schools = new Set(trust.schools!.map((s) => s.id));
    assert.ok(trust.pupils.every((p) => p.schoolId !== undefined && schools.has(p.schoolId) && p.classId.startsWith(`${p.schoolId}-`)));
    assert.equal(new Set(trust.pupils.map((p) => p.id)).size, 900);
    assert.doesNotThrow(() => parseDataset(trust));
  });
  it('records a year: judgements all year, six snapshots, levels that change', () => {
    assert.equal(trust.snapshots.length, 6);
    const months = new Set(trust.judgements.map((j) => j.recordedAt.slice(0, 7)));
    assert.ok(months.size >= 9, [...months].join());
    const first = trust.snapshots[0]?.statuses ?? [];
    const last = trust.snapshots[5]?.statuses ?? [];
    const changed = first.filter((s, i) => s.status !== last[i]?.status).length;
    assert.ok(changed / first.length > 0.03 && changed / first.length < 0.3, `${changed} of ${first.length} changed`);
    assert.ok(trust.assessments.some((a) => a.kind === 'quiz') && trust.assessments.some((a) => a.kind === 'standardised'));
  });
});
