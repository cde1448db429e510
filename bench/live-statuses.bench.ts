import assert from 'node:assert/strict';
import { Engine } from 'json-rules-engine';
import { cellKey, defaultPolicy, generateSchool, latestJudgements, liveFrom, liveStatuses, trackedSubjects, type StatusEntry, type TrackingDataset } from '@ontrack/rules';
import { type Comparison, timeAsync, time } from './harness.js';

const DATE = '2026-11-16';

/**
 * The peer: the same default-On logic as json-rules-engine rules, run once per
 * pupil × subject cell, the way a vendor would write it without a compiler.
 */
async function naiveRulesEngine(data: TrackingDataset): Promise<StatusEntry[]> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({
    name: 'recorded',
    conditions: { all: [{ fact: 'latest', operator: 'notEqual', value: null }] },
    event: { type: 'recorded' },
  });
  engine.addRule({
    name: 'default-on',
    conditions: { all: [{ fact: 'latest', operator: 'equal', value: null }, { fact: 'live', operator: 'equal', value: true }] },
    event: { type: 'default' },
  });
  const latest = latestJudgements(data.judgements, DATE);
  const live = DATE >= liveFrom(data, defaultPolicy);
  const subjects = trackedSubjects(data, defaultPolicy);
  const out: StatusEntry[] = [];
  for (const pupil of data.pupils) {
    for (const subjectId of subjects) {
      const j = latest.get(cellKey(pupil.id, subjectId));
      const { events } = await engine.run({ latest: j?.status ?? null, live });
      const type = events[0]?.type;
      if (type === 'recorded' && j) out.push({ pupilId: pupil.id, subjectId, status: j.status, source: 'recorded' });
      else if (type === 'default') out.push({ pupilId: pupil.id, subjectId, status: defaultPolicy.defaultLevel, source: 'default' });
      else out.push({ pupilId: pupil.id, subjectId, status: null, source: 'untracked' });
    }
  }
  return out;
}

/** liveStatuses over a generated 10,000-pupil school vs per-cell json-rules-engine. */
export async function run(): Promise<Comparison[]> {
  const data = generateSchool({ seed: 10_000, pupils: 10_000, through: DATE });
  const cells = data.pupils.length * data.subjects.length;
  // Same answer first: a benchmark of different work would mean nothing.
  assert.deepEqual(await naiveRulesEngine(data), liveStatuses(data, defaultPolicy, DATE));
  const ours = time(() => liveStatuses(data, defaultPolicy, DATE), { runs: 7, warmup: 2 });
  const peer = await timeAsync(() => naiveRulesEngine(data), { runs: 3, warmup: 1 });
  return [
    {
      what: `liveStatuses, ${data.pupils.length.toLocaleString('en-GB')} pupils × ${data.subjects.length} subjects (${cells.toLocaleString('en-GB')} cells, ${data.judgements.length.toLocaleString('en-GB')} judgements)`,
      peerName: 'json-rules-engine 7.3.1, one run per cell',
      unit: 'ms',
      ours,
      peer,
    },
  ];
}
