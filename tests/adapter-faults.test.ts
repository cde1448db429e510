import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ConflictError, createHttpAdapter, createOfflineQueue, generateSchool, memoryQueueStorage, NetworkError, seededRandom, ValidationError,
  type JudgementInput, type StoredJudgement, type TrackingChange, type TrackingDataset,
} from '../packages/rules/src/index.js';
import { FAULTS, faultSchedule, faultyFetch, fileQueueStorage, type Fault } from './fault-fetch.js';
import { startTestServer, type TestServer } from './server-fixture.js';

const school: TrackingDataset = generateSchool({ seed: 21, pupils: 60, through: '2026-11-16' });
const SUBJECTS = ['reading', 'writing', 'maths', 'science'];
const LEVELS = ['below', 'on', 'above'];

/** Every stored judgement, read through a clean adapter (no faults). */
async function stored(server: TestServer, token: string): Promise<StoredJudgement[]> {
  const data = await createHttpAdapter({ baseUrl: `${server.url}/api`, token }).load();
  return data.judgements as StoredJudgement[];
}

function noteCounts(judgements: readonly StoredJudgement[], prefix: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const j of judgements) if (j.note?.startsWith(prefix)) counts.set(j.note, (counts.get(j.note) ?? 0) + 1);
  return counts;
}

describe('the HTTP adapter and the offline queue under faults', () => {
  let server: TestServer;
  let token: string;
  before(async () => {
    server = await startTestServer(school, [{ id: 'leader', role: 'leader', schoolId: 'hp' }]);
    token = await server.token('leader');
  });
  after(async () => {
    await server.dispose();
  });

  function scripted(faults: Fault[]): ReturnType<typeof faultyFetch> {
    return faultyFetch({ target: () => server.url, schedule: () => faults.shift() ?? 'ok' });
  }
  const edit = (n: string, extra: Partial<JudgementInput> = {}): JudgementInput => ({
    pupilId: school.pupils[3]!.id, subjectId: 'writing', status: 'below', recordedBy: 'leader', note: n, ...extra,
  });

  it('retries through 500s and saves the edit once', async () => {
    const net = scripted(['error-500', 'error-500-after']);
    const adapter = createHttpAdapter({ baseUrl: 'http://ontrack.test/api', token, fetch: net.fetch, backoffMs: 1 });
    const result = await adapter.recordJudgement(edit('retry-500'));
    const rows = (await stored(server, token)).filter((j) => j.note === 'retry-500');
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0], result);
    assert.equal(net.requests(), 3);
  });

  it('keeps an edit visibly pending through timeouts, then saves it once when answers come back', async () => {
    const faults: Fault[] = ['hang', 'hang', 'hang', 'hang'];
    const net = scripted(faults);
    const adapter = createHttpAdapter({ baseUrl: 'http://ontrack.test/api', token, fetch: net.fetch, timeoutMs: 30, retries: 1, backoffMs: 1 });
    const queue = createOfflineQueue(adapter, memoryQueueStorage(), { retryMs: 60_000 });
    const saved = queue.recordJudgement(edit('timeout-edit'));
    await new Promise((r) => setTimeout(r, 150));
    const pending = queue.pending();
    assert.equal(pending.length, 1);
    assert.equal(pending[0]!.state, 'pending');
    assert.equal(pending[0]!.code, 'network');
    assert.match(pending[0]!.reason ?? '', /no answer within 30 ms/);
    // The server did act on the timed-out requests: the pending edit is in the store, once, and the retry must not add another.
    assert.equal((await stored(server, token)).filter((j) => j.note === 'timeout-edit').length, 1);
    faults.length = 0;
    await queue.flush();
    const result = await saved;
    assert.deepEqual(queue.pending(), []);
    const rows = (await stored(server, token)).filter((j) => j.note === 'timeout-edit');
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0], result);
    queue.close();
  });

  it('rolls back an edit that lost a race with a concurrent edit, showing why and the current value', async () => {
    const adapter = createHttpAdapter({ baseUrl: `${server.url}/api`, token });
    const queue = createOfflineQueue(adapter, memoryQueueStorage());
    const cell = { pupilId: school.pupils[5]!.id, subjectId: 'science' };
    const base = (await adapter.load()).judgements.filter((j) => j.pupilId === cell.pupilId && j.subjectId === 'science').length;
    await adapter.recordJudgement({ ...cell, status: 'above', recordedBy: 'leader', expectedVersion: base, note: 'the other teacher' });
    await assert.rejects(queue.recordJudgement({ ...cell, status: 'below', recordedBy: 'leader', expectedVersion: base, note: 'lost race' }), ConflictError);
    const [rejected] = queue.pending();
    assert.equal(rejected?.state, 'rejected');
    assert.equal(rejected.code, 'conflict');
    assert.equal((rejected.current as { judgement: { note: string } }).judgement.note, 'the other teacher');
    assert.equal((await stored(server, token)).filter((j) => j.note === 'lost race').length, 0);
    await queue.discard(rejected.id);
    assert.deepEqual(queue.pending(), []);
  });

  it('turns a malformed answer into a clear error: NetworkError for broken JSON, ValidationError naming the path for a wrong shape', async () => {
    const broken = createHttpAdapter({ baseUrl: 'http://x/api', retries: 1, backoffMs: 1, fetch: () => Promise.resolve(new Response('{"version":1,"pupils":[', { status: 200 })) });
    await assert.rejects(broken.load(), (error: unknown) => error instanceof NetworkError && /malformed JSON/.test(error.message));
    const wrong = { ...school, pupils: [{ ...school.pupils[0], yearGroup: 'Y99' }] };
    const shaped = createHttpAdapter({ baseUrl: 'http://x/api', fetch: () => Promise.resolve(new Response(JSON.stringify(wrong), { status: 200 })) });
    await assert.rejects(shaped.load(), (error: unknown) => error instanceof ValidationError && /\$\.pupils\[0\]\.yearGroup/.test(error.message));
  });

  it('skips a malformed live event, reports it, and keeps the stream going', async () => {
    const events = [
      'event: judgement\ndata: {"pupilId": \n\n',
      `id: 999\nevent: judgement\ndata: ${JSON.stringify({ pupilId: 'p1', subjectId: 'maths', status: 'on', recordedAt: '2026-11-01T10:00:00Z', recordedBy: 't', id: 'e1', version: 1 })}\n\n`,
    ];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const e of events) controller.enqueue(new TextEncoder().encode(e));
      },
    });
    const problems: Error[] = [];
    const adapter = createHttpAdapter({ baseUrl: 'http://x/api', fetch: () => Promise.resolve(new Response(body, { status: 200 })), onStreamError: (e) => problems.push(e), backoffMs: 10_000 });
    const seen: TrackingChange[] = [];
    adapter.subscribe((c) => seen.push(c));
    await new Promise((r) => setTimeout(r, 50));
    adapter.close();
    assert.equal(seen.length, 1);
    assert.ok(problems[0] instanceof NetworkError);
  });

  it('survives the server being killed mid-batch: the batch is all or nothing, stays pending across a reload, and is saved once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ontrack-kill-'));
    const dbFile = join(dir, 'db.sqlite');
    const start = async (): Promise<{ child: ChildProcess; url: string }> => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'examples/server/main.ts', '--db', dbFile, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening (\S+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => {
          reject(new Error(`server exited with ${String(code)}`));
        });
      });
      return { child, url };
    };
    try {
      let current = await start();
      const signIn = async (): Promise<string> => {
        const r = await fetch(`${current.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'leader', password: 'ontrack-demo' }) });
        return ((await r.json()) as { token: string }).token;
      };
      let bearer = await signIn();
      const data = await createHttpAdapter({ baseUrl: `${current.url}/api`, token: bearer }).load();
      const batch: JudgementInput[] = Array.from({ length: 1500 }, (_, i) => ({
        pupilId: data.pupils[i % data.pupils.length]!.id, subjectId: SUBJECTS[i % 4]!, status: LEVELS[i % 3]!, recordedBy: 'leader', note: `kill-batch #${String(i)}`,
      }));
      const killer = (input: string, init: RequestInit): Promise<Response> => {
        const sent = fetch(input.replace('http://ontrack.test', current.url), init);
        if (init.method === 'POST') setTimeout(() => current.child.kill('SIGKILL'), 5);
        return sent;
      };
      const storage = fileQueueStorage(join(dir, 'queue.json'));
      const first = createOfflineQueue(createHttpAdapter({ baseUrl: 'http://ontrack.test/api', token: () => bearer, fetch: killer, retries: 0 }), storage, { retryMs: 60_000 });
      void first.recordJudgements(batch).catch(() => undefined);
      await new Promise<void>((resolve) => current.child.once('exit', () => { resolve(); }));
      await new Promise((r) => setTimeout(r, 50));
      first.close();
      const pendingBefore = first.pending();
      assert.equal(pendingBefore.length, 1);
      assert.equal(pendingBefore[0]!.judgements.length, 1500);

      current = await start();
      bearer = await signIn();
      const count = async (): Promise<number> => {
        const all = (await createHttpAdapter({ baseUrl: `${current.url}/api`, token: bearer }).load()).judgements;
        return all.filter((j) => j.note?.startsWith('kill-batch #')).length;
      };
      const afterKill = await count();
      assert.ok(afterKill === 0 || afterKill === 1500, `all or nothing, found ${String(afterKill)}`);
      // A "page reload": a new queue over the same storage finds the batch and sends it.
      const second = createOfflineQueue(createHttpAdapter({ baseUrl: `${current.url}/api`, token: () => bearer }), storage);
      await second.ready;
      await second.flush();
      assert.deepEqual(second.pending(), []);
      assert.equal(await count(), 1500);
      second.close();
      current.child.kill('SIGTERM');
      await new Promise<void>((resolve) => current.child.once('exit', () => { resolve(); }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loses nothing and writes nothing twice over 1,000 edits under a seeded fault schedule', async (t) => {
    const seed = Number(process.env['ONTRACK_FAULT_SEED'] ?? 20261125);
    const random = seededRandom(seed);
    let live = server;
    const net = faultyFetch({
      target: () => live.url,
      // Restarts are rarer than the other faults: each costs a real close and reopen of the database.
      schedule: faultSchedule(random, Number(process.env['ONTRACK_FAULT_RATE'] ?? 0.35), [...FAULTS.filter((f) => f !== 'restart'), ...FAULTS.filter((f) => f !== 'restart'), 'restart']),
      restart: async () => {
        live = await live.restart();
      },
    });
    const adapter = createHttpAdapter({ baseUrl: 'http://ontrack.test/api', token, fetch: net.fetch, timeoutMs: 60, retries: 2, backoffMs: 2, random: () => random.next() });
    const storage = memoryQueueStorage();
    const queue = createOfflineQueue(adapter, storage, { retryMs: 1, maxRetryMs: 8, random: () => random.next() });
    const pupils = school.pupils;
    const results: Promise<StoredJudgement[]>[] = [];
    let judgements = 0;
    for (let i = 0; i < 1000; i++) {
      const one = (k: number): JudgementInput => ({
        pupilId: random.pick(pupils).id, subjectId: random.pick(SUBJECTS), status: random.pick(LEVELS), recordedBy: 'leader', note: `fault-run #${String(k)}`,
      });
      if (i % 40 === 39) {
        const bulk = Array.from({ length: 5 }, (_, k) => one(judgements + k));
        judgements += 5;
        results.push(queue.recordJudgements(bulk));
      } else {
        results.push(queue.recordJudgement(one(judgements)).then((j) => [j]));
        judgements += 1;
      }
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    const settled = await Promise.allSettled(results);
    await queue.flush();
    const confirmed = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
    const failed = settled.filter((s) => s.status === 'rejected').length;

    const rows = await stored(live, token);
    const counts = noteCounts(rows, 'fault-run #');
    let lost = 0;
    let twice = 0;
    for (let k = 0; k < judgements; k++) {
      const n = counts.get(`fault-run #${String(k)}`) ?? 0;
      if (n === 0) lost++;
      if (n > 1) twice++;
    }
    // The client agrees with the store: every confirmed judgement is stored exactly as the client was told.
    const byId = new Map(rows.map((r) => [r.id, r]));
    const disagree = confirmed.filter((j) => JSON.stringify(byId.get(j.id)) !== JSON.stringify(j)).length;
    // Edits were sent in the order they were made: within each pupil × subject, versions follow edit numbers.
    const order = new Map<string, StoredJudgement[]>();
    for (const r of rows.filter((j) => j.note?.startsWith('fault-run #'))) order.set(`${r.pupilId}/${r.subjectId}`, [...(order.get(`${r.pupilId}/${r.subjectId}`) ?? []), r]);
    const outOfOrder = [...order.values()].filter((cell) => {
      const nums = cell.sort((a, b) => a.version - b.version).map((r) => Number(r.note?.slice('fault-run #'.length)));
      return nums.some((n, i) => i > 0 && n < (nums[i - 1] ?? 0));
    }).length;
    t.diagnostic(
      `fault run (seed ${String(seed)}): ${String(judgements)} judgements in ${String(results.length)} edits, ${String(net.requests())} requests, ` +
        `faults ${JSON.stringify(net.counts)}; lost ${String(lost)}, written twice ${String(twice)}, client/store disagreements ${String(disagree)}, ` +
        `out of order ${String(outOfOrder)}, still pending ${String(queue.pending().length)}`,
    );
    queue.close();
    server = live;
    assert.equal(failed, 0);
    assert.equal(lost, 0);
    assert.equal(twice, 0);
    assert.equal(disagree, 0);
    assert.equal(outOfOrder, 0);
    assert.deepEqual(queue.pending(), []);
    assert.deepEqual(await storage.load(), []);
    assert.ok(Object.entries(net.counts).every(([kind, n]) => kind === 'ok' || n > 0), 'every kind of fault happened');
  });
});
