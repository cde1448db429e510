import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDataset } from '../schema/parse.js';
import { liveStatuses } from '../engine/live-status.js';
import { summarize } from '../engine/summary.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { generateSchool } from './generate-school.js';

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
