import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EvaluationResult } from '../packages/rules/src/index.js';
import { openDatabase } from '../examples/server/db.js';
import { startTestServer, twoSchools, type TestServer } from './server-fixture.js';

const data = twoSchools();
const mine = data.pupils[0]!;
const myPupils = new Set(data.pupils.filter((p) => p.schoolId === 'hp' && p.classId === mine.classId).map((p) => p.id));

describe('the reference server API', () => {
  let server: TestServer;
  let teacher: string;
  let leader: string;
  before(async () => {
    server = await startTestServer(data, [
      { id: 'teacher', role: 'teacher', schoolId: 'hp', classes: [['hp', mine.classId]] },
      { id: 'leader', role: 'leader', schoolId: 'hp' },
    ]);
    [teacher, leader] = await Promise.all([server.token('teacher'), server.token('leader')]);
  });
  after(async () => {
    await server.dispose();
  });
  const api = (token: string, path: string, init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {}): Promise<Response> => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...(init.headers ?? {}) };
    return fetch(`${server.url}/api${path}`, { ...init, headers });
  };

  it('gives each pupil × subject an ETag version, and refuses a write whose If-Match is stale with the current value', async () => {
    const cell = await api(leader, `/cells/${mine.id}/maths`);
    const etag = cell.headers.get('etag') ?? '';
    const { version } = (await cell.json()) as { version: number };
    assert.equal(etag, `"${String(version)}"`);
    const body = JSON.stringify({ pupilId: mine.id, subjectId: 'maths', status: 'above', recordedBy: 'x' });
    const first = await api(leader, '/judgements', { method: 'POST', body, headers: { 'If-Match': etag } });
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('etag'), `"${String(version + 1)}"`);
    const stale = await api(leader, '/judgements', { method: 'POST', body, headers: { 'If-Match': etag } });
    assert.equal(stale.status, 409);
    const { error } = (await stale.json()) as { error: { current: { version: number; judgement: { status: string } } } };
    assert.equal(error.current.version, version + 1);
    assert.equal(error.current.judgement.status, 'above');
  });

  it('runs the rules server-side over what the user may see', async () => {
    await api(leader, '/judgements', { method: 'POST', body: JSON.stringify({ pupilId: mine.id, subjectId: 'reading', status: 'below', recordedBy: 'x' }) });
    const today = new Date().toISOString().slice(0, 10);
    const result = (await (await api(teacher, `/evaluation?date=${today}`)).json()) as EvaluationResult;
    assert.equal(result.date, today);
    assert.ok(result.statuses.length > 0 && result.statuses.every((s) => myPupils.has(s.pupilId)));
    assert.ok(result.interventions.some((i) => i.ruleId === 'below-in-class' && i.pupilId === mine.id && i.subjectId === 'reading'));
    assert.ok(result.interventions.every((i) => i.pupilId === undefined || myPupils.has(i.pupilId)));
    assert.equal(result.summary.total, result.statuses.filter((s) => s.status !== null).length);
  });

  it('replays the judgements missed since Last-Event-ID when the live stream reconnects', async () => {
    const first = await api(leader, '/judgements', { method: 'POST', body: JSON.stringify({ pupilId: mine.id, subjectId: 'science', status: 'below', recordedBy: 'x', note: 'before' }) });
    assert.equal(first.status, 201);
    const seq = await (async (): Promise<string> => {
      const controller = new AbortController();
      const response = await api(teacher, '/events', { signal: controller.signal, headers: { 'Last-Event-ID': '0' } });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!text.includes(': connected')) text += (await reader.read()).value ?? '';
      controller.abort();
      const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => m[1]!);
      assert.ok(text.includes('"note":"before"'));
      return ids.at(-1)!;
    })();
    await api(leader, '/judgements', { method: 'POST', body: JSON.stringify({ pupilId: mine.id, subjectId: 'science', status: 'on', recordedBy: 'x', note: 'missed' }) });
    const controller = new AbortController();
    const response = await api(teacher, '/events', { signal: controller.signal, headers: { 'Last-Event-ID': seq } });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(': connected')) text += (await reader.read()).value ?? '';
    controller.abort();
    assert.ok(text.includes('"note":"missed"'));
    assert.ok(!text.includes('"note":"before"'));
  });

  it('keeps history append-only in the database itself, and migrates once', () => {
    const db = openDatabase(server.dbFile);
    try {
      assert.throws(() => db.prepare("UPDATE judgements SET recorded_by = 'x'").run(), /append-only/);
      assert.throws(() => db.prepare('DELETE FROM judgements').run(), /append-only/);
      assert.equal(db.pragma('user_version', { simple: true }), 1);
    } finally {
      db.close();
    }
  });
});
