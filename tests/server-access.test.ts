import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHttpAdapter, PermissionError, type TrackingChange } from '../packages/rules/src/index.js';
import { startTestServer, twoSchools, type TestServer } from './server-fixture.js';

const data = twoSchools();
const hp = data.pupils.filter((p) => p.schoolId === 'hp');
const mine = hp[0]!;
const myClass = mine.classId;
const notMine = hp.find((p) => p.classId !== myClass)!;
const westbrook = data.pupils.find((p) => p.schoolId === 'ws')!;

describe('the reference server: who may see what', () => {
  let server: TestServer;
  let teacher: string;
  let leader: string;
  let trust: string;
  before(async () => {
    server = await startTestServer(data, [
      { id: 'teacher', role: 'teacher', schoolId: 'hp', classes: [['hp', myClass]] },
      { id: 'leader', role: 'leader', schoolId: 'hp' },
      { id: 'trust', role: 'trust' },
    ]);
    [teacher, leader, trust] = await Promise.all([server.token('teacher'), server.token('leader'), server.token('trust')]);
  });
  after(async () => {
    await server.dispose();
  });

  const api = (token: string | undefined, path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${server.url}/api${path}`, {
      ...init,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
    });
  const write = (pupilId: string): RequestInit => ({ method: 'POST', body: JSON.stringify({ pupilId, subjectId: 'maths', status: 'below', recordedBy: 'x' }) });
  const countFor = (pupilId: string): number => data.judgements.filter((j) => j.pupilId === pupilId).length;

  it('gives an unsigned request nothing, on every route', async () => {
    const routes: [string, RequestInit][] = [
      ['/dataset', {}],
      ['/me', {}],
      ['/evaluation', {}],
      ['/events', {}],
      [`/cells/${mine.id}/maths`, {}],
      ['/judgements', write(mine.id)],
      ['/judgements/batch', { method: 'POST', body: JSON.stringify({ judgements: [JSON.parse(write(mine.id).body as string)] }) }],
      ['/snapshots', { method: 'POST', body: JSON.stringify({ halfTermId: 'aut1' }) }],
    ];
    for (const [path, init] of routes) {
      const response = await api(undefined, path, init);
      assert.equal(response.status, 401, path);
      const body = await response.text();
      assert.doesNotMatch(body, /givenName|pupilId/, path);
    }
    assert.equal((await api('not-a-real-token', '/dataset')).status, 401);
  });

  it('shows a teacher only their own class', async () => {
    const response = await api(teacher, '/dataset');
    assert.equal(response.status, 200);
    const dataset = (await response.json()) as typeof data;
    assert.ok(dataset.pupils.length > 0);
    assert.ok(dataset.pupils.every((p) => p.classId === myClass && p.schoolId === 'hp'));
    const ids = new Set(dataset.pupils.map((p) => p.id));
    assert.ok(dataset.judgements.every((j) => ids.has(j.pupilId)));
  });

  it('refuses a teacher another class by scope, by cell and through the adapter as PermissionError', async () => {
    assert.equal((await api(teacher, `/dataset?classId=${notMine.classId}`)).status, 403);
    assert.equal((await api(teacher, '/dataset?schoolId=ws')).status, 403);
    assert.equal((await api(teacher, `/cells/${notMine.id}/maths`)).status, 403);
    const adapter = createHttpAdapter({ baseUrl: `${server.url}/api`, token: teacher });
    await assert.rejects(adapter.load({ classId: notMine.classId }), PermissionError);
    await assert.rejects(adapter.recordJudgement({ pupilId: notMine.id, subjectId: 'maths', status: 'below', recordedBy: 'teacher' }), PermissionError);
  });

  it('refuses a teacher’s write for another class, single or bulk, and writes nothing', async () => {
    assert.equal((await api(teacher, '/judgements', write(notMine.id))).status, 403);
    const bulk = await api(teacher, '/judgements/batch', {
      method: 'POST',
      body: JSON.stringify({ judgements: [JSON.parse(write(mine.id).body as string), JSON.parse(write(notMine.id).body as string)] }),
    });
    assert.equal(bulk.status, 403);
    const everything = (await (await api(trust, '/dataset')).json()) as typeof data;
    assert.equal(everything.judgements.filter((j) => j.pupilId === notMine.id).length, countFor(notMine.id));
    assert.equal(everything.judgements.filter((j) => j.pupilId === mine.id).length, countFor(mine.id));
  });

  it('lets a teacher record for their own class, as themselves', async () => {
    const response = await api(teacher, '/judgements', write(mine.id));
    assert.equal(response.status, 201);
    const { judgement } = (await response.json()) as { judgement: { recordedBy: string } };
    assert.equal(judgement.recordedBy, 'teacher');
  });

  it('lets no teacher take a snapshot', async () => {
    assert.equal((await api(teacher, '/snapshots', { method: 'POST', body: JSON.stringify({ halfTermId: 'aut1', date: '2026-10-23' }) })).status, 403);
  });

  it('streams to a teacher only the changes in their class', async () => {
    const adapter = createHttpAdapter({ baseUrl: `${server.url}/api`, token: teacher, backoffMs: 20 });
    const seen: TrackingChange[] = [];
    const stop = adapter.subscribe((c) => seen.push(c));
    await new Promise((r) => setTimeout(r, 150));
    await api(leader, '/judgements', write(notMine.id));
    await api(leader, '/judgements', write(mine.id));
    const start = Date.now();
    while (!seen.some((c) => c.type === 'judgement' && c.judgement.pupilId === mine.id) && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    stop();
    assert.ok(seen.some((c) => c.type === 'judgement' && c.judgement.pupilId === mine.id));
    const myPupils = new Set(hp.filter((p) => p.classId === myClass).map((p) => p.id));
    assert.ok(seen.every((c) => c.type !== 'judgement' || myPupils.has(c.judgement.pupilId)));
  });

  it('shows a leader their school and not the other', async () => {
    const dataset = (await (await api(leader, '/dataset')).json()) as typeof data;
    assert.equal(dataset.pupils.length, hp.length);
    assert.equal((await api(leader, '/dataset?schoolId=ws')).status, 403);
    assert.equal((await api(leader, '/judgements', write(westbrook.id))).status, 403);
  });

  it('shows the trust every school', async () => {
    const dataset = (await (await api(trust, '/dataset')).json()) as typeof data;
    assert.equal(dataset.pupils.length, data.pupils.length);
    assert.deepEqual(dataset.schools?.map((s) => s.id), ['hp', 'ws']);
    assert.equal((await api(trust, '/judgements', write(westbrook.id))).status, 201);
  });

  it('signs in with an HttpOnly, SameSite=Strict session cookie that then works alone', async () => {
    const response = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'teacher', password: 'correct horse battery staple' }) });
    const cookie = response.headers.get('set-cookie') ?? '';
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Strict/i);
    const me = await fetch(`${server.url}/api/me`, { headers: { Cookie: cookie.split(';')[0]! } });
    assert.equal(((await me.json()) as { role: string }).role, 'teacher');
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const response = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'teacher', password: 'guess' }) });
    assert.equal(response.status, 401);
    assert.match(await response.text(), /Wrong user name or password/);
  });

  it('stops answering sign-ins for a user name after ten wrong passwords', async () => {
    const attempt = (password: string): Promise<Response> =>
      fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'trust', password }) });
    for (let i = 0; i < 10; i++) assert.equal((await attempt(`guess ${String(i)}`)).status, 401);
    assert.equal((await attempt('correct horse battery staple')).status, 429);
  });

  it('refuses a body over the size limit and a batch over the item limit', async () => {
    const huge = JSON.stringify({ pupilId: mine.id, subjectId: 'maths', status: 'below', recordedBy: 'x', note: 'x'.repeat(2 * 1024 * 1024) });
    assert.equal((await api(leader, '/judgements', { method: 'POST', body: huge })).status, 413);
    const many = Array.from({ length: 2001 }, () => JSON.parse(write(mine.id).body as string) as unknown);
    assert.equal((await api(leader, '/judgements/batch', { method: 'POST', body: JSON.stringify({ judgements: many }) })).status, 400);
  });

  it('treats hostile text as data: SQL in an id is just an unknown pupil', async () => {
    const response = await api(leader, '/dataset?classId=' + encodeURIComponent("x' OR '1'='1"));
    assert.equal(response.status, 404);
    const body = await api(leader, '/judgements', write("p1'; DROP TABLE judgements; --"));
    assert.equal(body.status, 400);
    assert.equal((await api(leader, '/dataset')).status, 200);
  });

  it('sends the strict headers with every answer', async () => {
    const response = await api(leader, '/dataset');
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });
});
