import { expect } from '@open-wc/testing';
import { createMemoryAdapter, createOfflineQueue, generateSchool, indexedDbQueueStorage, NetworkError, type PendingEdit, type TrackingAdapter } from '@ontrack/rules';

// The demo keeps edits made offline in IndexedDB, so that they survive a reload.
describe('indexedDbQueueStorage (in Chromium)', () => {
  it('keeps pending edits for a new storage object over the same database, as after a reload', async () => {
    const name = `ontrack-test-${String(Date.now())}-${String(Math.random()).slice(2)}`;
    const edit: PendingEdit = {
      id: 'e1', bulk: false, queuedAt: '2026-11-20T09:00:00.000Z', attempts: 2, state: 'pending', reason: 'unreachable', code: 'network',
      judgements: [{ id: 'e1', pupilId: 'p1', subjectId: 'maths', status: 'below', recordedBy: 't1', recordedAt: '2026-11-20T09:00:00.000Z' }],
    };
    await indexedDbQueueStorage(name).save([edit]);
    expect(await indexedDbQueueStorage(name).load()).to.deep.equal([edit]);
  });

  it('lets a queue opened after a reload send what was left pending', async () => {
    const name = `ontrack-test-${String(Date.now())}-${String(Math.random()).slice(2)}`;
    const school = generateSchool({ seed: 9, pupils: 10, through: '2026-11-16' });
    const store = createMemoryAdapter(school);
    const offline: TrackingAdapter = { ...store, recordJudgement: () => Promise.reject(new NetworkError('unreachable')) };
    const first = createOfflineQueue(offline, indexedDbQueueStorage(name), { retryMs: 60_000 });
    void first.recordJudgement({ pupilId: school.pupils[0]!.id, subjectId: 'maths', status: 'above', recordedBy: 't1', note: 'made offline' });
    await new Promise((r) => setTimeout(r, 50));
    first.close();
    const second = createOfflineQueue(store, indexedDbQueueStorage(name));
    await second.ready;
    await second.flush();
    expect(second.pending()).to.deep.equal([]);
    expect((await store.load()).judgements.filter((j) => j.note === 'made offline')).to.have.length(1);
    second.close();
  });
});
