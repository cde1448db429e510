import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { breakdown, datasetIssues, groupGap, liveStatuses, resolvePolicy, trend, validateDataset } from '@ontrack/rules';

const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`../examples/data/${name}`, import.meta.url), 'utf8'));
const date = '2027-01-20';

describe('examples/data', () => {
  it('primary-school.json is a valid data file under the default policy', () => {
    assert.deepEqual(datasetIssues(read('primary-school.json')), []);
  });
  it('trust-policy.json is a valid partial policy: five levels, a changed threshold, one rule added and one removed', () => {
    const policy = resolvePolicy(read('trust-policy.json'), 'trust-policy.json');
    assert.deepEqual(policy.levels.map((l) => l.id), ['well-below', 'below', 'on', 'above', 'well-above']);
    assert.equal(policy.ruleSettings.attendanceBelow, 92);
    const names = policy.rules.map((r) => r.name);
    assert.ok(names.includes('pp-below-reading'));
    assert.ok(!names.includes('above-challenge'));
    assert.equal(names.length, 9);
  });
  it('two-school-trust.json is valid under the trust policy, with pupils in both schools', () => {
    const policy = resolvePolicy(read('trust-policy.json'));
    const data = validateDataset(read('two-school-trust.json'), policy, 'two-school-trust.json');
    assert.deepEqual(data.schools?.map((s) => s.id), ['hp', 'wd']);
    assert.equal(breakdown(data, { ...policy, suppressUnder: 0 }, date, { schoolId: 'wd' }).pupils, 6);
  });
  it('primary-school.json snapshots agree with its judgements', () => {
    const data = validateDataset(read('primary-school.json'));
    const policy = resolvePolicy(undefined);
    for (const s of data.snapshots) assert.deepEqual(s.statuses, liveStatuses(data, policy, s.takenOn));
  });
  it('primary-school.json has the cohorts the README shows', () => {
    const data = validateDataset(read('primary-school.json'));
    const policy = resolvePolicy(undefined);
    const y4maths = breakdown(data, policy, date, { yearGroup: 'Y4', subjectId: 'maths' });
    assert.deepEqual(y4maths.counts, { below: 4, on: 4, above: 0 });
    assert.equal(groupGap(liveStatuses(data, policy, date), data, policy, date, 'pupil-premium').points?.below, 9.3);
    assert.deepEqual(
      trend(data, policy, { yearGroup: 'Y4', subjectId: 'maths' }, { date, live: true }).points.map((p) => p.breakdown.percent?.below),
      [25, 25, 50],
    );
  });
});
