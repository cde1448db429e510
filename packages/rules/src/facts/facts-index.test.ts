import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Judgement, Pupil, Snapshot, TrackingDataset } from '../schema/dataset.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { generateTrust } from '../synthetic/generate-school.js';
import { liveStatuses } from '../engine/live-status.js';
import { evaluate } from '../engine/evaluate.js';
import { findInterventions, interventionPlan } from '../engine/interventions.js';
import { NO_LEVEL, TypedArrayPool, UNKNOWN_LEVEL, buildFactsIndex, FactsIndex, instantMs, scanJudgements } from './facts-index.js';
import { suggestFromEvidence } from './suggested.js';

// The index's fast paths — an instant or status equal to the previous
// judgement's reuses its answer, a snapshot in our own cell order skips the
// id lookups, arrays lent by a pool — checked against plain references over
// data built to hit them: repeated and equal-but-differently-written instants,
// ties, statuses the policy lacks, snapshots shuffled, with duplicates,
// strangers and nulls.

const SUBJECTS = ['maths', 'reading', 'science'];
const PUPILS = ['p1', 'p2', 'p3', 'p4'];
const DATE = '2026-11-20';
// Some instants written twice (as the same text, and the same instant written another way).
const INSTANTS = [
  '2026-10-01T10:00:00Z',
  '2026-10-01T10:00:00.000Z',
  '2026-10-01T11:00:00+01:00',
  '2026-10-02T09:30:00Z',
  '2026-11-20T23:59:59Z',
  '2026-11-21T00:00:00Z',
  '2026-02-31T10:00:00Z',
];
const STATUSES = ['below', 'on', 'above', 'gone'];

const pupil = (id: string, classId: string): Pupil => ({ id, givenName: id, familyName: 'T', yearGroup: 'Y4', classId, attributes: {} });

function dataset(judgements: Judgement[], snapshots: Snapshot[] = []): TrackingDataset {
  return {
    version: 1,
    school: { id: 'hp', name: 'Hallwood Park' },
    calendar: { yearStart: '2026-09-01', halfTerms: [] },
    subjects: SUBJECTS.map((id) => ({ id, name: id })),
    pupils: PUPILS.map((id, i) => pupil(id, i < 2 ? '4K' : '4M')),
    judgements,
    assessments: [],
    snapshots,
  };
}

const judgementArb = fc.record({
  pupilId: fc.constantFrom(...PUPILS, 'stranger'),
  subjectId: fc.constantFrom(...SUBJECTS, 'latin'),
  status: fc.constantFrom(...STATUSES),
  recordedAt: fc.constantFrom(...INSTANTS),
  recordedBy: fc.constant('t1'),
});

// A run of judgements that often repeats the previous instant and status (as a sorted file does).
const judgementsArb = fc.array(fc.tuple(judgementArb, fc.boolean()), { maxLength: 40 }).map((xs) => {
  const out: Judgement[] = [];
  for (const [j, repeat] of xs) {
    const prev = out[out.length - 1];
    // The same text as a new string (not the same string object), as JSON.parse gives.
    out.push(repeat && prev ? { ...j, recordedAt: `${prev.recordedAt} `.trimEnd(), status: `${prev.status} `.trimEnd() } : j);
  }
  return out;
});

// Per class × subject, the latest instant, by Date.parse over every judgement.
function classLastReference(data: TrackingDataset): Map<string, number> {
  const cutOff = Date.parse(`${DATE}T23:59:59.999Z`);
  const classOf = new Map(data.pupils.map((p) => [p.id, p.classId]));
  const out = new Map<string, number>();
  for (const j of data.judgements) {
    const c = classOf.get(j.pupilId);
    const at = Date.parse(j.recordedAt);
    if (c === undefined || !SUBJECTS.includes(j.subjectId) || !(at <= cutOff)) continue;
    const key = `${c}/${j.subjectId}`;
    if (at > (out.get(key) ?? -Infinity)) out.set(key, at);
  }
  return out;
}

// Per cell, the level of the snapshot's last entry for it (the file's later entry wins).
function snapshotReference(ix: FactsIndex, snap: Snapshot): number[] {
  const out = new Array<number>(ix.cellCount).fill(NO_LEVEL);
  for (const e of snap.statuses) {
    const p = ix.pupilIndex.get(e.pupilId);
    const s = ix.subjectIndex.get(e.subjectId);
    if (p === undefined || s === undefined) continue;
    out[p * ix.subjectCount + s] = e.status === null ? NO_LEVEL : (ix.levelIndex.get(e.status) ?? UNKNOWN_LEVEL);
  }
  return out;
}

describe('FactsIndex', () => {
  it('finds the latest judgement per cell and class as Date.parse over every judgement does, with repeated instants and statuses', () => {
    let recorded = 0;
    fc.assert(
      fc.property(judgementsArb, (judgements) => {
        const data = dataset(judgements);
        const ix = buildFactsIndex(data, defaultPolicy, DATE);
        const statuses = ix.pupils.flatMap((p, pi) =>
          ix.subjects.map((subjectId, s) => ({ pupilId: p.id, subjectId, status: ix.status(pi * ix.subjectCount + s), source: ix.sourceOf(pi * ix.subjectCount + s) })),
        );
        assert.deepEqual(statuses, liveStatuses(data, defaultPolicy, DATE));
        recorded += statuses.filter((x) => x.source === 'recorded').length;
        const last = classLastReference(data);
        ix.classes.forEach((c, ci) => {
          ix.subjects.forEach((subjectId, s) => {
            assert.equal(ix.classLastRecorded[ci * ix.subjectCount + s], last.get(`${c.classId}/${subjectId}`) ?? -Infinity);
          });
        });
      }),
      { numRuns: 500, seed: 20261125 },
    );
    assert.ok(recorded > 1000, `${recorded} recorded cells`);
  });

  it('reads a file in time order in one pass that only writes, and one out of order by comparing instants, to the same latest judgements', () => {
    let inOrder = 0;
    let outOfOrder = 0;
    fc.assert(
      fc.property(judgementsArb, fc.nat(), (shuffled, at) => {
        // The same judgements in time order (ties keep their order), and with one moved back.
        const sorted = shuffled.map((j, i) => ({ j, i, t: instantMs(j.recordedAt) })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.j);
        const moved = [...sorted];
        if (moved.length > 1) moved.splice(at % moved.length, 0, ...moved.splice(moved.length - 1, 1));
        for (const judgements of [shuffled, sorted, moved]) {
          const data = dataset(judgements);
          const ix = buildFactsIndex(data, defaultPolicy, DATE);
          const statuses = ix.pupils.flatMap((p, pi) =>
            ix.subjects.map((subjectId, s) => ({ pupilId: p.id, subjectId, status: ix.status(pi * ix.subjectCount + s), source: ix.sourceOf(pi * ix.subjectCount + s) })),
          );
          assert.deepEqual(statuses, liveStatuses(data, defaultPolicy, DATE));
          const last = classLastReference(data);
          ix.classes.forEach((c, ci) => {
            ix.subjects.forEach((subjectId, s) => { assert.equal(ix.classLastRecorded[ci * ix.subjectCount + s], last.get(`${c.classId}/${subjectId}`) ?? -Infinity); });
          });
          // Which pass ran: the one for a file in time order exactly when every instant is at or after the one before.
          const cells = ix.cellCount;
          const into = { latest: new Int32Array(cells).fill(-1), latestLevel: new Int16Array(cells), classLast: new Float64Array(ix.classes.length * ix.subjectCount).fill(-Infinity), latestAt: () => new Float64Array(cells) };
          const keys = { pupilIndex: ix.pupilIndex, subjectIndex: ix.subjectIndex, levelIndex: ix.levelIndex, pupilClass: ix.pupilClass, S: ix.subjectCount };
          const ordered = judgements.every((j, k) => k === 0 || instantMs(j.recordedAt) >= instantMs((judgements[k - 1] as Judgement).recordedAt));
          assert.equal(scanJudgements(judgements, Date.parse(`${DATE}T23:59:59.999Z`), keys, into), ordered);
          assert.deepEqual([...into.latest], [...ix.latest]);
          if (ordered) inOrder++;
          else outOfOrder++;
        }
      }),
      { numRuns: 400, seed: 20261128 },
    );
    assert.ok(inOrder > 400 && outOfOrder > 200, `${inOrder} in time order, ${outOfOrder} not`);
  });

  it('suggests from the most recent evidence in the window, with assessments by day or in any order, as suggestFromEvidence does per cell', () => {
    // Days before, at the start of, inside, at the end of and after the 42-day window.
    const DAYS = ['2026-10-01', '2026-10-08', '2026-10-09', '2026-10-20', '2026-11-02', '2026-11-20', '2026-11-21'];
    const assessment = fc.record({
      pupilId: fc.constantFrom(...PUPILS, 'stranger'),
      subjectId: fc.constantFrom(...SUBJECTS, 'latin'),
      kind: fc.constantFrom('standardised', 'quiz', 'teacher', 'essay'),
      score: fc.constantFrom(70, 85, 100, 120),
      outOf: fc.constantFrom(100, 150),
      level: fc.constantFrom('below', 'on', 'above', 'gone'),
      takenOn: fc.constantFrom(...DAYS),
    });
    let byDay = 0;
    let suggested = 0;
    fc.assert(
      fc.property(fc.array(assessment, { maxLength: 60 }), (shuffled) => {
        const sorted = shuffled.map((a, i) => ({ a, i })).sort((x, y) => (x.a.takenOn < y.a.takenOn ? -1 : x.a.takenOn > y.a.takenOn ? 1 : x.i - y.i)).map((x) => x.a);
        for (const assessments of [shuffled, sorted]) {
          const data = { ...dataset([]), assessments };
          const ix = buildFactsIndex(data, defaultPolicy, DATE);
          ix.pupils.forEach((p, pi) => {
            ix.subjects.forEach((subjectId, s) => {
              const own = assessments.filter((a) => a.pupilId === p.id && a.subjectId === subjectId);
              const expected = suggestFromEvidence(own, defaultPolicy, DATE);
              assert.equal(ix.suggested(pi * ix.subjectCount + s), expected);
              if (expected !== null) suggested++;
            });
          });
          if (assessments === sorted) byDay++;
        }
      }),
      { numRuns: 300, seed: 20261129 },
    );
    assert.ok(byDay === 300 && suggested > 400, `${suggested} cells with a suggestion`);
  });

  it('reads snapshots in any order, with duplicates (the later wins), strangers, nulls and statuses the policy lacks', () => {
    const entry = fc.record({
      pupilId: fc.constantFrom(...PUPILS, 'stranger'),
      subjectId: fc.constantFrom(...SUBJECTS, 'latin'),
      status: fc.constantFrom('below', 'on', 'above', 'gone', null),
      source: fc.constant('recorded' as const),
    });
    // In our own cell order (the usual case), with some entries then changed, dropped or added.
    const inOrder = fc.array(fc.tuple(fc.constantFrom('below', 'on', 'above', 'gone', null), fc.nat(9)), { minLength: 12, maxLength: 12 }).map((xs) =>
      xs.flatMap(([status, edit], k) => {
        const e = { pupilId: PUPILS[Math.floor(k / 3)] as string, subjectId: SUBJECTS[k % 3] as string, status, source: 'recorded' as const };
        if (edit === 0) return [];
        if (edit === 1) return [e, { ...e, status: 'below' }];
        if (edit === 2) return [{ ...e, pupilId: 'p1' }];
        return [e];
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(inOrder, fc.array(entry, { maxLength: 20 })), { minLength: 1, maxLength: 4 }), (lists) => {
        const snapshots: Snapshot[] = lists.map((statuses, i) => ({ halfTermId: `h${i}`, takenOn: `2026-10-0${i + 1}`, statuses }));
        const ix = buildFactsIndex(dataset([], snapshots), defaultPolicy, DATE);
        // Newest first.
        const newestFirst = [...snapshots].reverse();
        newestFirst.forEach((snap, n) => {
          assert.deepEqual([...ix.snapshotLevel(n)], snapshotReference(ix, snap));
        });
        for (let cell = 0; cell < ix.cellCount; cell++) {
          let streak = 0;
          while (streak < newestFirst.length && ix.isConcern(snapshotReference(ix, newestFirst[streak] as Snapshot)[cell] as number)) streak++;
          assert.equal(ix.concernStreak(cell), streak);
        }
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });

  it('gives the same index with arrays from a pool, however large or small the last index that used them', () => {
    const big = generateTrust({ seed: 5, schools: 2, pupils: 300, phases: ['primary', 'secondary'] });
    const small = generateTrust({ seed: 6, schools: 2, pupils: 40, phases: ['secondary', 'primary'] });
    const pool = new TypedArrayPool();
    const plan = interventionPlan(defaultPolicy);
    for (const [data, date] of [
      [big, '2027-05-10'],
      [small, '2027-03-02'],
      [big, '2026-09-12'],
      [small, '2027-07-20'],
    ] as const) {
      const lent = new FactsIndex(data, defaultPolicy, date, pool);
      const fresh = buildFactsIndex(data, defaultPolicy, date);
      assert.deepEqual(findInterventions(lent, plan), findInterventions(fresh, plan));
      for (const key of ['latest', 'source', 'levelOf', 'concernSubjects', 'pupilClass'] as const) assert.deepEqual([...lent[key]], [...fresh[key]], key);
      for (let n = 0; n < fresh.snapshots.length; n++) assert.deepEqual([...lent.snapshotLevel(n)], [...fresh.snapshotLevel(n)]);
      for (let cell = 0; cell < fresh.cellCount; cell++) assert.equal(lent.suggested(cell), fresh.suggested(cell));
    }
  });

  it('leaves an earlier evaluation untouched when the next one reuses its arrays', () => {
    const a = generateTrust({ seed: 7, schools: 2, pupils: 200, phases: ['primary', 'secondary'] });
    const b = generateTrust({ seed: 8, schools: 2, pupils: 120, phases: ['secondary', 'primary'] });
    const first = evaluate(a, defaultPolicy, { date: '2027-05-10' });
    const before = JSON.stringify(first);
    const second = evaluate(b, defaultPolicy, { date: '2027-01-10' });
    assert.equal(JSON.stringify(first), before);
    assert.equal(JSON.stringify(evaluate(a, defaultPolicy, { date: '2027-05-10' })), before);
    assert.notEqual(JSON.stringify(second), before);
  });
});
