import { expect } from '@open-wc/testing';
import {
  breakdownFromStatuses, defaultPolicy, generateSchool, groupGap, liveStatuses, trend, type CohortFilter, type Judgement, type TrackingDataset,
} from '@ontrack/rules';
import { appendedSince, setIncrementalUpdates, sharedBreakdown, sharedGroupGap, sharedLiveStatuses, sharedTrend, withJudgements } from './live-statuses.js';

const DATE = '2026-11-16';
const school = generateSchool({ seed: 3, pupils: 20, through: DATE });

describe('sharedLiveStatuses', () => {
  it('gives the same statuses as liveStatuses', () => {
    expect(sharedLiveStatuses(school, defaultPolicy, DATE)).to.deep.equal(liveStatuses(school, defaultPolicy, DATE));
  });

  it('computes once for the same dataset, policy and date', () => {
    expect(sharedLiveStatuses(school, defaultPolicy, DATE)).to.equal(sharedLiveStatuses(school, defaultPolicy, DATE));
  });

  it('computes again when the dataset, the policy or the date changes', () => {
    const first = sharedLiveStatuses(school, defaultPolicy, DATE);
    const edited = { ...school, judgements: [...school.judgements, { pupilId: school.pupils[0]!.id, subjectId: 'maths', status: 'above', recordedAt: '2026-11-10T10:00:00Z', recordedBy: 't1' }] };
    expect(sharedLiveStatuses(edited, defaultPolicy, DATE)).not.to.equal(first);
    expect(sharedLiveStatuses(edited, defaultPolicy, DATE).find((s) => s.pupilId === school.pupils[0]!.id && s.subjectId === 'maths')?.status).to.equal('above');
    expect(sharedLiveStatuses(school, { ...defaultPolicy }, DATE)).not.to.equal(first);
    expect(sharedLiveStatuses(school, defaultPolicy, '2026-11-17')).not.to.equal(first);
  });
});

/** A small deterministic random source, so a failing sequence can be replayed by its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Judgements an edit could bring: known and unknown pupils and subjects, past, tied, out-of-order and future times. */
function randomJudgements(next: () => number, data: TrackingDataset, n: number): Judgement[] {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const times = ['2026-09-01T08:00:00Z', '2026-10-20T09:00:00Z', '2026-11-16T12:00:00Z', '2026-11-16T23:59:59Z', '2026-11-17T00:00:00Z', '2026-11-10T10:00:00Z'];
  return Array.from({ length: n }, () => ({
    pupilId: next() < 0.05 ? 'nobody' : pick(data.pupils).id,
    subjectId: next() < 0.05 ? 'latin' : pick(data.subjects).id,
    status: pick(['below', 'on', 'above']),
    recordedAt: pick(times),
    recordedBy: 't1',
  }));
}

describe('incremental updates along withJudgements', () => {
  const filters: CohortFilter[] = [{}, { subjectId: 'maths' }, { groups: ['pupil-premium'] }, { notGroups: ['send'], subjectId: 'writing' }, { yearGroup: 'Y4' }];

  it('gives, after any sequence of edits, exactly what computing afresh gives', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const next = random(seed);
      let data: TrackingDataset = generateSchool({ seed, pupils: 25, through: DATE });
      sharedLiveStatuses(data, defaultPolicy, DATE);
      for (const f of filters) sharedBreakdown(data, defaultPolicy, DATE, f);
      for (let step = 0; step < 8; step++) {
        data = withJudgements(data, randomJudgements(next, data, 1 + Math.floor(next() * 4)));
        // Some steps are skipped by every element (two edits before a render): the next one catches up.
        if (next() < 0.3) continue;
        const where = `seed ${seed}, step ${step}`;
        const statuses = liveStatuses(data, defaultPolicy, DATE);
        expect(sharedLiveStatuses(data, defaultPolicy, DATE), where).to.deep.equal(statuses);
        for (const f of filters) {
          expect(sharedBreakdown(data, defaultPolicy, DATE, f), `${where}, ${JSON.stringify(f)}`).to.deep.equal(breakdownFromStatuses(statuses, data, defaultPolicy, DATE, f));
        }
        expect(sharedGroupGap(data, defaultPolicy, DATE, 'pupil-premium', { subjectId: 'maths' }), where).to.deep.equal(groupGap(statuses, data, defaultPolicy, DATE, 'pupil-premium', { subjectId: 'maths' }));
      }
    }
  });

  it('updates the previous statuses instead of computing them again', () => {
    const data = generateSchool({ seed: 5, pupils: 30, through: DATE });
    const before = sharedLiveStatuses(data, defaultPolicy, DATE);
    const pupil = data.pupils[3]!.id;
    const edited = withJudgements(data, [{ pupilId: pupil, subjectId: 'maths', status: 'below', recordedAt: '2026-11-16T12:00:00Z', recordedBy: 't1' }]);
    const after = sharedLiveStatuses(edited, defaultPolicy, DATE);
    const changed = after.flatMap((s, i) => (s === before[i] ? [] : [s]));
    // Every other entry is the very same object: carried over, not recomputed.
    expect(changed).to.deep.equal([{ pupilId: pupil, subjectId: 'maths', status: 'below', source: 'recorded' }]);
    expect(before.find((s) => s.pupilId === pupil && s.subjectId === 'maths')?.source).not.to.equal(undefined);
  });

  it('moves a breakdown by the edit only when the edited cell is in its cohort', () => {
    const data = generateSchool({ seed: 6, pupils: 40, through: DATE });
    const writing = sharedBreakdown(data, defaultPolicy, DATE, { subjectId: 'writing' });
    const maths = sharedBreakdown(data, defaultPolicy, DATE, { subjectId: 'maths' });
    const cell = sharedLiveStatuses(data, defaultPolicy, DATE).find((s) => s.subjectId === 'maths' && s.status === 'on');
    const edited = withJudgements(data, [{ pupilId: cell!.pupilId, subjectId: 'maths', status: 'below', recordedAt: '2026-11-16T12:00:00Z', recordedBy: 't1' }]);
    expect(sharedBreakdown(edited, defaultPolicy, DATE, { subjectId: 'writing' })).to.equal(writing);
    const moved = sharedBreakdown(edited, defaultPolicy, DATE, { subjectId: 'maths' });
    expect(moved.counts?.['below']).to.equal((maths.counts?.['below'] ?? 0) + 1);
    expect(moved.counts?.['on']).to.equal((maths.counts?.['on'] ?? 0) - 1);
  });

  it('computes the snapshots part of a trend once while judgements are added', () => {
    const data = generateSchool({ seed: 7, pupils: 30, through: '2027-02-12' });
    const past = sharedTrend(data, defaultPolicy, '2027-02-12', { subjectId: 'maths' });
    expect(past).to.deep.equal(trend(data, defaultPolicy, { subjectId: 'maths' }, { date: '2027-02-12' }));
    const edited = withJudgements(data, [{ pupilId: data.pupils[0]!.id, subjectId: 'maths', status: 'above', recordedAt: '2027-02-01T10:00:00Z', recordedBy: 't1' }]);
    expect(sharedTrend(edited, defaultPolicy, '2027-02-12', { subjectId: 'maths' })).to.equal(past);
  });

  it('recomputes from scratch, with the same results, when incremental updates are off', () => {
    setIncrementalUpdates(false);
    try {
      const data = generateSchool({ seed: 8, pupils: 20, through: DATE });
      const before = sharedLiveStatuses(data, defaultPolicy, DATE);
      const edited = withJudgements(data, [{ pupilId: data.pupils[0]!.id, subjectId: 'maths', status: 'below', recordedAt: '2026-11-16T12:00:00Z', recordedBy: 't1' }]);
      const after = sharedLiveStatuses(edited, defaultPolicy, DATE);
      expect(after).to.deep.equal(liveStatuses(edited, defaultPolicy, DATE));
      expect(after.filter((s, i) => s === before[i])).to.deep.equal([]);
    } finally {
      setIncrementalUpdates(true);
    }
  });

  it('knows which judgements were appended since an earlier dataset', () => {
    const data = generateSchool({ seed: 9, pupils: 10, through: DATE });
    const [a, b] = randomJudgements(random(1), data, 2) as [Judgement, Judgement];
    const one = withJudgements(data, [a]);
    const two = withJudgements(one, [b]);
    expect(appendedSince(two, data)).to.deep.equal([a, b]);
    expect(appendedSince(two, one)).to.deep.equal([b]);
    expect(appendedSince(two, two)).to.deep.equal([]);
    expect(appendedSince(data, two)).to.equal(undefined);
    expect(two.judgements.slice(-2)).to.deep.equal([a, b]);
  });
});
