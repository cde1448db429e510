import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, NotFoundError } from '../errors.js';
import { liveStatuses } from '../engine/live-status.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { datasetIssues } from '../schema/validate-dataset.js';
import { generateSchool } from '../synthetic/generate-school.js';
import { takeSnapshot } from './take-snapshot.js';

// Through mid-November: the aut1 snapshot exists, aut2 does not yet.
const school = generateSchool({ seed: 11, pupils: 40, through: '2026-11-20' });

describe('takeSnapshot', () => {
  it('adds a snapshot of the live statuses as of the date', () => {
    const next = takeSnapshot(school, defaultPolicy, 'aut2', '2026-11-20');
    assert.equal(next.snapshots.length, school.snapshots.length + 1);
    const added = next.snapshots.at(-1);
    assert.ok(added);
    assert.equal(added.halfTermId, 'aut2');
    assert.equal(added.takenOn, '2026-11-20');
    assert.deepEqual(added.statuses, liveStatuses(school, defaultPolicy, '2026-11-20'));
  });
  it('ignores judgements recorded after the date', () => {
    const late = { ...school, judgements: [...school.judgements, { pupilId: school.pupils[0]?.id ?? '', subjectId: 'maths', status: 'above', recordedAt: '2026-11-21T09:00:00Z', recordedBy: 't1' }] };
    const next = takeSnapshot(late, defaultPolicy, 'aut2', '2026-11-20');
    assert.deepEqual(next.snapshots.at(-1)?.statuses, liveStatuses(school, defaultPolicy, '2026-11-20'));
  });
  it('never mutates the input dataset', () => {
    const before = structuredClone(school);
    takeSnapshot(school, defaultPolicy, 'aut2', '2026-11-20');
    assert.deepEqual(school, before);
  });
  it('gives a dataset that still validates', () => {
    assert.deepEqual(datasetIssues(takeSnapshot(school, defaultPolicy, 'aut2', '2026-11-20')), []);
  });
  it('refuses to overwrite an existing snapshot, holding the stored one', () => {
    assert.ok(school.snapshots.some((s) => s.halfTermId === 'aut1'));
    assert.throws(
      () => takeSnapshot(school, defaultPolicy, 'aut1', '2026-11-20'),
      (error: unknown) => error instanceof ConflictError && error.current === school.snapshots.find((s) => s.halfTermId === 'aut1'),
    );
  });
  it('rejects an unknown half-term', () => {
    assert.throws(() => takeSnapshot(school, defaultPolicy, 'winter', '2026-11-20'), NotFoundError);
  });
});
