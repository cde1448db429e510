import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ConflictError, createHttpAdapter, createMemoryAdapter, generateSchool, NotFoundError, ValidationError,
  type CompleteTrackingAdapter, type StoredJudgement, type TrackingChange, type TrackingDataset,
} from '../packages/rules/src/index.js';
import { startTestServer, type TestServer } from './server-fixture.js';

// One suite, two stores: the in-memory adapter, and the HTTP adapter talking to
// the reference server on loopback over a real SQLite file.
const school: TrackingDataset = generateSchool({ seed: 11, pupils: 40, through: '2026-11-16' });
const pupil = school.pupils[0]!;
const other = school.pupils.find((p) => p.classId !== pupil.classId) ?? school.pupils[1]!;

interface Harness {
  /** The adapter under test. */
  readonly adapter: CompleteTrackingAdapter;
  /** A second client of the same store (another teacher's browser). */
  readonly elsewhere: CompleteTrackingAdapter;
  readonly close: () => Promise<void>;
}

function until(check: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (check()) resolve();
      else if (Date.now() - start > ms) reject(new Error('timed out waiting'));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

function contract(name: string, make: () => Promise<Harness>): void {
  describe(`TrackingAdapter contract: ${name}`, () => {
    let h: Harness;
    before(async () => {
      h = await make();
    });
    after(async () => {
      await h.close();
    });
    const judge = (status: string, extra: Record<string, unknown> = {}): Parameters<CompleteTrackingAdapter['recordJudgement']>[0] => ({
      pupilId: pupil.id, subjectId: 'maths', status, recordedBy: 'leader', ...extra,
    });

    it('loads the whole school with every judgement stamped with an id and a version', async () => {
      const data = await h.adapter.load();
      assert.equal(data.pupils.length, 40);
      assert.equal(data.judgements.length, school.judgements.length);
      assert.ok(data.judgements.every((j) => typeof j['id'] === 'string' && Number.isInteger(j['version'])));
    });
    it('loads one class with only its pupils and their judgements', async () => {
      const data = await h.adapter.load({ classId: pupil.classId });
      assert.ok(data.pupils.length > 0 && data.pupils.every((p) => p.classId === pupil.classId));
      const ids = new Set(data.pupils.map((p) => p.id));
      assert.ok(data.judgements.every((j) => ids.has(j.pupilId)));
    });
    it('rejects a scope with no pupils as not found', async () => {
      await assert.rejects(h.adapter.load({ classId: 'no-such-class' }), NotFoundError);
    });
    it('stores a judgement as the next version of its pupil × subject and keeps the history', async () => {
      const before = await h.adapter.load();
      const versions = before.judgements.filter((j) => j.pupilId === pupil.id && j.subjectId === 'maths').length;
      const stored = await h.adapter.recordJudgement(judge('below', { note: 'gaps in place value', recordedAt: '2026-11-20T10:00:00Z' }));
      assert.equal(stored.version, versions + 1);
      assert.equal(stored.status, 'below');
      assert.equal(stored.note, 'gaps in place value');
      assert.equal(stored.recordedAt, '2026-11-20T10:00:00Z');
      const afterLoad = await h.adapter.load();
      assert.equal(afterLoad.judgements.length, before.judgements.length + 1);
      assert.deepEqual(afterLoad.judgements.at(-1), stored);
    });
    it('stamps the time when the judgement has none', async () => {
      const stored = await h.adapter.recordJudgement(judge('on'));
      assert.ok(Math.abs(Date.parse(stored.recordedAt) - Date.now()) < 60_000);
    });
    it('writes an edit once however often it is sent', async () => {
      const first = await h.adapter.recordJudgement(judge('above', { id: 'edit-once-1' }));
      const again = await h.adapter.recordJudgement(judge('above', { id: 'edit-once-1' }));
      assert.deepEqual(again, first);
      const data = await h.adapter.load();
      assert.equal(data.judgements.filter((j) => j['id'] === 'edit-once-1').length, 1);
    });
    it('rejects a level the policy does not have, naming the path', async () => {
      await assert.rejects(h.adapter.recordJudgement(judge('stellar')), (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.match(error.message, /\$\.status: unknown level "stellar"/);
        return true;
      });
    });
    it('rejects a judgement for an unknown pupil', async () => {
      await assert.rejects(h.adapter.recordJudgement({ ...judge('below'), pupilId: 'p999' }), (error: unknown) => error instanceof ValidationError && /unknown pupil "p999"/.test(error.message));
    });
    it('refuses a write based on a stale version, carrying the current value', async () => {
      const current = await h.adapter.recordJudgement(judge('on'));
      await h.elsewhere.recordJudgement(judge('below', { expectedVersion: current.version }));
      await assert.rejects(h.adapter.recordJudgement(judge('above', { expectedVersion: current.version })), (error: unknown) => {
        assert.ok(error instanceof ConflictError);
        const now = error.current as { version: number; judgement: StoredJudgement };
        assert.equal(now.version, current.version + 1);
        assert.equal(now.judgement.status, 'below');
        return true;
      });
    });
    it('stores a bulk change in order, each as the next version', async () => {
      const stored = await h.adapter.recordJudgements([
        { pupilId: other.id, subjectId: 'reading', status: 'below', recordedBy: 'leader' },
        { pupilId: other.id, subjectId: 'reading', status: 'on', recordedBy: 'leader' },
      ]);
      assert.equal(stored.length, 2);
      assert.equal(stored[1]!.version, stored[0]!.version + 1);
    });
    it('writes nothing of a bulk change with one bad judgement, naming its index', async () => {
      const before = (await h.adapter.load()).judgements.length;
      await assert.rejects(
        h.adapter.recordJudgements([
          { pupilId: other.id, subjectId: 'writing', status: 'below', recordedBy: 'leader' },
          { pupilId: other.id, subjectId: 'writing', status: 'nope', recordedBy: 'leader' },
        ]),
        (error: unknown) => error instanceof ValidationError && /\$\[1\]\.status/.test(error.message),
      );
      assert.equal((await h.adapter.load()).judgements.length, before);
    });
    it('writes nothing of a bulk change with one stale version', async () => {
      const before = (await h.adapter.load()).judgements.length;
      await assert.rejects(
        h.adapter.recordJudgements([
          { pupilId: other.id, subjectId: 'science', status: 'below', recordedBy: 'leader' },
          { pupilId: pupil.id, subjectId: 'maths', status: 'above', recordedBy: 'leader', expectedVersion: 0 },
        ]),
        ConflictError,
      );
      assert.equal((await h.adapter.load()).judgements.length, before);
    });
    it('takes a snapshot once and never changes it', async () => {
      const snapshot = await h.adapter.takeSnapshot('aut2', '2026-12-18');
      assert.equal(snapshot.halfTermId, 'aut2');
      assert.equal(snapshot.statuses.length, 40 * 4);
      const frozen = snapshot.statuses.find((s) => s.pupilId === pupil.id && s.subjectId === 'maths');
      await h.adapter.recordJudgement(judge(frozen?.status === 'above' ? 'below' : 'above', { recordedAt: '2026-12-01T09:00:00Z' }));
      await assert.rejects(h.adapter.takeSnapshot('aut2', '2026-12-19'), (error: unknown) => {
        assert.ok(error instanceof ConflictError);
        assert.equal((error.current as { takenOn: string }).takenOn, '2026-12-18');
        return true;
      });
      const stored = (await h.adapter.load()).snapshots.find((s) => s.halfTermId === 'aut2');
      assert.deepEqual(stored?.statuses.find((s) => s.pupilId === pupil.id && s.subjectId === 'maths'), frozen);
    });
    it('rejects a snapshot of a half-term the calendar does not have', async () => {
      await assert.rejects(h.adapter.takeSnapshot('winter9', '2026-12-18'), NotFoundError);
    });
    it('tells subscribers about changes made elsewhere until they unsubscribe', async () => {
      const seen: TrackingChange[] = [];
      const stop = h.adapter.subscribe((c) => seen.push(c));
      // Let a live stream connect before the change is made.
      await new Promise((r) => setTimeout(r, 100));
      const stored = await h.elsewhere.recordJudgement({ pupilId: other.id, subjectId: 'maths', status: 'above', recordedBy: 'leader' });
      await until(() => seen.some((c) => c.type === 'judgement' && c.judgement['id'] === stored.id));
      stop();
      await h.elsewhere.recordJudgement({ pupilId: other.id, subjectId: 'maths', status: 'on', recordedBy: 'leader' });
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(seen.filter((c) => c.type === 'judgement').length, 1);
    });
  });
}

contract('in-memory adapter', () => {
  const adapter = createMemoryAdapter(school);
  return Promise.resolve({ adapter, elsewhere: adapter, close: () => Promise.resolve() });
});

contract('HTTP adapter + reference server (SQLite)', async () => {
  const server: TestServer = await startTestServer(school, [{ id: 'leader', role: 'leader', schoolId: 'hp' }]);
  const token = await server.token('leader');
  const adapter = createHttpAdapter({ baseUrl: `${server.url}/api`, token, timeoutMs: 5000, backoffMs: 20 });
  const elsewhere = createHttpAdapter({ baseUrl: `${server.url}/api`, token, timeoutMs: 5000, backoffMs: 20 });
  return {
    adapter,
    elsewhere,
    async close() {
      adapter.close();
      elsewhere.close();
      await server.dispose();
    },
  };
});
