import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Judgement, TrackingDataset } from '../schema/dataset.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { liveStatus, liveStatuses, liveFrom } from './live-status.js';

const week4 = '2026-09-22'; // year starting 2026-09-01
const j = (status: string, recordedAt: string, extra: Partial<Judgement> = {}): Judgement => ({
  pupilId: 'p1', subjectId: 'maths', status, recordedAt, recordedBy: 't1', ...extra,
});

const dataset = (judgements: Judgement[]): TrackingDataset => ({
  version: 1,
  school: { id: 's', name: 'S' },
  calendar: { yearStart: '2026-09-01', halfTerms: [] },
  subjects: [{ id: 'maths', name: 'Maths' }, { id: 'reading', name: 'Reading' }],
  pupils: [{ id: 'p1', givenName: 'A', familyName: 'B', yearGroup: 'Y4', classId: '4K', attributes: {} }],
  judgements,
  assessments: [],
  snapshots: [],
});

describe('liveStatus', () => {
  it('defaults to On from the first day of week 4', () => {
    assert.deepEqual(liveStatus([], week4, week4, 'on'), { status: 'on', source: 'default' });
  });
  it('is untracked on the last day before the live week', () => {
    assert.deepEqual(liveStatus([], '2026-09-21', week4, 'on'), { status: null, source: 'untracked' });
  });
  it('counts a judgement recorded before the live week', () => {
    assert.deepEqual(liveStatus([j('below', '2026-09-10T09:00:00Z')], '2026-09-15', week4, 'on'), { status: 'below', source: 'recorded' });
  });
  it('takes the judgement with the latest recordedAt, whatever the file order', () => {
    const js = [j('above', '2026-10-05T09:00:00Z'), j('below', '2026-10-01T09:00:00Z')];
    assert.equal(liveStatus(js, '2026-10-10', week4, 'on').status, 'above');
  });
  it('breaks a tie in recordedAt by taking the later entry in the file', () => {
    const js = [j('below', '2026-10-05T09:00:00Z'), j('above', '2026-10-05T09:00:00Z')];
    assert.equal(liveStatus(js, '2026-10-10', week4, 'on').status, 'above');
  });
  it('compares instants, not strings, across offsets', () => {
    // 10:30+02:00 is 08:30Z, earlier than 09:00Z.
    const js = [j('below', '2026-10-05T09:00:00Z'), j('above', '2026-10-05T10:30:00+02:00')];
    assert.equal(liveStatus(js, '2026-10-10', week4, 'on').status, 'below');
  });
  it('includes a judgement recorded at the last millisecond of the as-of day (UTC)', () => {
    assert.equal(liveStatus([j('below', '2026-10-05T23:59:59.999Z')], '2026-10-05', week4, 'on').status, 'below');
  });
  it('ignores a judgement recorded after the end of the as-of day (UTC)', () => {
    assert.deepEqual(liveStatus([j('below', '2026-10-06T00:00:00Z')], '2026-10-05', week4, 'on'), { status: 'on', source: 'default' });
  });
  it('ignores a judgement whose local date is the as-of day but whose UTC instant is the next day', () => {
    assert.equal(liveStatus([j('below', '2026-10-05T23:30:00-02:00')], '2026-10-05', week4, 'on').source, 'default');
  });
  it('keeps a move back to On as a recorded On', () => {
    const js = [j('below', '2026-10-01T09:00:00Z'), j('on', '2026-10-08T09:00:00Z')];
    assert.deepEqual(liveStatus(js, '2026-10-10', week4, 'on'), { status: 'on', source: 'recorded' });
  });
});

describe('liveStatuses', () => {
  it('starts the live week at yearStart + 7·(n−1) days', () => {
    assert.equal(liveFrom(dataset([]), defaultPolicy), week4);
    assert.equal(liveFrom(dataset([]), { liveFromWeek: 1 }), '2026-09-01');
  });
  it('gives one status per pupil × tracked subject', () => {
    const out = liveStatuses(dataset([j('below', '2026-10-01T09:00:00Z')]), defaultPolicy, '2026-10-10');
    assert.deepEqual(out, [
      { pupilId: 'p1', subjectId: 'maths', status: 'below', source: 'recorded' },
      { pupilId: 'p1', subjectId: 'reading', status: 'on', source: 'default' },
    ]);
  });
  it('computes statuses only for the subjects the policy tracks', () => {
    const out = liveStatuses(dataset([]), { ...defaultPolicy, subjects: ['reading'] }, '2026-10-10');
    assert.deepEqual(out.map((s) => s.subjectId), ['reading']);
  });
  it('marks untracked cells with a null status before the live week', () => {
    const out = liveStatuses(dataset([]), defaultPolicy, '2026-09-21');
    assert.ok(out.every((s) => s.status === null && s.source === 'untracked'));
  });
  it('agrees with liveStatus cell by cell on a tie', () => {
    const js = [j('below', '2026-10-05T09:00:00Z'), j('above', '2026-10-05T09:00:00Z')];
    assert.equal(liveStatuses(dataset(js), defaultPolicy, '2026-10-10')[0]?.status, 'above');
  });
});
