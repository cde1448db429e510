import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotFoundError, ValidationError } from '../errors.js';
import { generateSchool } from '../synthetic/generate-school.js';
import type { TrackingChange } from './tracking-adapter.js';
import { createMemoryAdapter } from './memory-adapter.js';

const seed = generateSchool({ seed: 4, pupils: 60 });

describe('createMemoryAdapter', () => {
  it('loads the whole school by default', async () => {
    const data = await createMemoryAdapter(seed).load();
    assert.equal(data.pupils.length, 60);
  });
  it('loads one class with only that class’s judgements', async () => {
    const classId = seed.pupils[0]?.classId ?? '';
    const data = await createMemoryAdapter(seed).load({ classId });
    assert.ok(data.pupils.length > 0 && data.pupils.every((p) => p.classId === classId));
    const ids = new Set(data.pupils.map((p) => p.id));
    assert.ok(data.judgements.every((j) => ids.has(j.pupilId)));
  });
  it('rejects a scope with no pupils as not found', async () => {
    await assert.rejects(createMemoryAdapter(seed).load({ classId: 'nope' }), NotFoundError);
  });
  it('stores a judgement, stamps its time and keeps the history', async () => {
    const adapter = createMemoryAdapter(seed, { now: () => new Date('2026-11-20T10:00:00Z') });
    const before = (await adapter.load()).judgements.length;
    const stored = await adapter.recordJudgement({ pupilId: seed.pupils[0]?.id ?? '', subjectId: 'maths', status: 'below', recordedBy: 't1' });
    assert.equal(stored.recordedAt, '2026-11-20T10:00:00.000Z');
    assert.equal((await adapter.load()).judgements.length, before + 1);
  });
  it('rejects a judgement for an unknown pupil, naming the path', async () => {
    const adapter = createMemoryAdapter(seed);
    await assert.rejects(adapter.recordJudgement({ pupilId: 'p999', subjectId: 'maths', status: 'below', recordedBy: 't1' }), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.match(error.message, /\$\.pupilId: unknown pupil "p999"/);
      return true;
    });
  });
  it('rejects a level the policy does not have', async () => {
    const adapter = createMemoryAdapter(seed);
    await assert.rejects(adapter.recordJudgement({ pupilId: seed.pupils[0]?.id ?? '', subjectId: 'maths', status: 'stellar', recordedBy: 't1' }), ValidationError);
  });
  it('tells subscribers about each stored change until they unsubscribe', async () => {
    const adapter = createMemoryAdapter(seed);
    const seen: TrackingChange[] = [];
    const stop = adapter.subscribe((c) => seen.push(c));
    await adapter.recordJudgement({ pupilId: seed.pupils[0]?.id ?? '', subjectId: 'maths', status: 'above', recordedBy: 't1' });
    stop();
    await adapter.recordJudgement({ pupilId: seed.pupils[0]?.id ?? '', subjectId: 'maths', status: 'on', recordedBy: 't1' });
    assert.equal(seen.length, 1);
  });
  it('never lets a caller change the store through a loaded copy', async () => {
    const adapter = createMemoryAdapter(seed);
    const first = await adapter.load();
    first.pupils.length = 0;
    assert.equal((await adapter.load()).pupils.length, 60);
  });
});
