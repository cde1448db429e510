import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createMemoryAdapter, createOfflineQueue, generateSchool, memoryQueueStorage, NetworkError, ValidationError,
  type CompleteTrackingAdapter, type JudgementInput, type PendingEdit, type TrackingAdapter,
} from '../packages/rules/src/index.js';

const school = generateSchool({ seed: 8, pupils: 20, through: '2026-11-16' });
const pupil = school.pupils[0]!;

/** A memory store behind a switch: while off, every call fails as unreachable. */
function flaky(store: CompleteTrackingAdapter): { adapter: TrackingAdapter; online: { value: boolean }; calls: string[] } {
  const online = { value: true };
  const calls: string[] = [];
  const guard = <T>(name: string, run: () => Promise<T>): Promise<T> => {
    calls.push(name);
    return online.value ? run() : Promise.reject(new NetworkError('unreachable'));
  };
  return {
    online,
    calls,
    adapter: {
      load: (scope) => guard('load', () => store.load(scope)),
      recordJudgement: (j) => guard('recordJudgement', () => store.recordJudgement(j)),
      recordJudgements: (js) => guard('recordJudgements', () => store.recordJudgements(js)),
      subscribe: (l) => store.subscribe(l),
    },
  };
}

const edit = (note: string, extra: Partial<JudgementInput> = {}): JudgementInput => ({ pupilId: pupil.id, subjectId: 'maths', status: 'below', recordedBy: 't1', note, ...extra });
const tick = (ms = 20): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('createOfflineQueue', () => {
  it('keeps edits made while the store is unreachable pending, in order, and sends them in order when it returns', async () => {
    const store = createMemoryAdapter(school);
    const net = flaky(store);
    net.online.value = false;
    const queue = createOfflineQueue(net.adapter, memoryQueueStorage(), { retryMs: 5, maxRetryMs: 10 });
    const saved = [queue.recordJudgement(edit('first')), queue.recordJudgement(edit('second', { status: 'on' })), queue.recordJudgement(edit('third', { status: 'above' }))];
    await tick();
    assert.deepEqual(queue.pending().map((e) => [e.judgements[0]?.note, e.state, e.code]), [['first', 'pending', 'network'], ['second', 'pending', undefined], ['third', 'pending', undefined]]);
    net.online.value = true;
    const stored = await Promise.all(saved);
    assert.deepEqual(stored.map((j) => j.version), [stored[0]!.version, stored[0]!.version + 1, stored[0]!.version + 2]);
    assert.deepEqual(queue.pending(), []);
    const history = (await store.load()).judgements.filter((j) => j.pupilId === pupil.id && j.subjectId === 'maths').map((j) => j.note);
    assert.deepEqual(history.slice(-3), ['first', 'second', 'third']);
    queue.close();
  });

  it('keeps the time an edit was made, not the time it was sent', async () => {
    const net = flaky(createMemoryAdapter(school));
    net.online.value = false;
    const queue = createOfflineQueue(net.adapter, memoryQueueStorage(), { retryMs: 5, maxRetryMs: 10, now: () => new Date('2026-11-20T09:30:00Z') });
    const saved = queue.recordJudgement(edit('made at 9:30'));
    await tick();
    net.online.value = true;
    assert.equal((await saved).recordedAt, '2026-11-20T09:30:00.000Z');
    queue.close();
  });

  it('survives a reload: a new queue over the same storage sends what the old one could not', async () => {
    const store = createMemoryAdapter(school);
    const storage = memoryQueueStorage();
    const net = flaky(store);
    net.online.value = false;
    const before = createOfflineQueue(net.adapter, storage, { retryMs: 60_000 });
    void before.recordJudgement(edit('before reload'));
    await tick();
    before.close();
    assert.equal((await storage.load()).length, 1);
    net.online.value = true;
    const after = createOfflineQueue(net.adapter, storage);
    await after.ready;
    await after.flush();
    assert.deepEqual(after.pending(), []);
    assert.equal((await store.load()).judgements.filter((j) => j.note === 'before reload').length, 1);
    after.close();
  });

  it('shows pending edits in what it loads, marked as pending', async () => {
    const net = flaky(createMemoryAdapter(school));
    const queue = createOfflineQueue(net.adapter, memoryQueueStorage(), { retryMs: 60_000 });
    net.online.value = false;
    void queue.recordJudgement(edit('not yet saved'));
    await tick();
    net.online.value = true;
    queue.close();
    const data = await queue.load();
    const mine = data.judgements.filter((j) => j.note === 'not yet saved');
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!['pending'], true);
  });

  it('rolls back an edit the store refuses, with the reason, and keeps it visible until discarded', async () => {
    const queue = createOfflineQueue(createMemoryAdapter(school), memoryQueueStorage());
    const seen: (readonly PendingEdit[])[] = [];
    queue.onPendingChange((edits) => seen.push(edits));
    await assert.rejects(queue.recordJudgement(edit('bad level', { status: 'stellar' })), ValidationError);
    const [refused] = queue.pending();
    assert.equal(refused?.state, 'rejected');
    assert.equal(refused.code, 'invalid-input');
    assert.match(refused.reason ?? '', /unknown level "stellar"/);
    await queue.discard(refused.id);
    assert.deepEqual(queue.pending(), []);
    assert.ok(seen.length >= 3);
    queue.close();
  });

  it('sends a bulk change as one all-or-nothing write', async () => {
    const store = createMemoryAdapter(school);
    const net = flaky(store);
    const queue = createOfflineQueue(net.adapter, memoryQueueStorage());
    const stored = await queue.recordJudgements([edit('bulk 1'), edit('bulk 2', { subjectId: 'reading' })]);
    assert.equal(stored.length, 2);
    assert.deepEqual(net.calls.filter((c) => c.startsWith('record')), ['recordJudgements']);
    queue.close();
  });
});
