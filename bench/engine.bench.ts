import assert from 'node:assert/strict';
import { Engine, type RuleProperties } from 'json-rules-engine';
import {
  buildFactsIndex,
  classSubjectFacts,
  defaultPolicy,
  evaluate,
  generateTrust,
  parseDataset,
  pupilFacts,
  pupilSubjectFacts,
  RULE_SCOPES,
  safePathResolver,
  type TrackingDataset,
} from '@ontrack/rules';
import { type Comparison, median } from './harness.js';

// Evaluation as of the end of the summer term: a year of judgements, six snapshots.
const DATE = '2027-07-20';
// ONTRACK_BENCH_SIZES=1000 for a quick smoke run.
const SIZES = (process.env.ONTRACK_BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
// Above this many items in a scope the naive peer runs a fixed, evenly spread sample of it and is extrapolated.
const NAIVE_SAMPLE = 24_000;
// Cells evaluate visits, at the least, before it is timed (and again after the peer's runs,
// which share the index's methods and leave their own type feedback in them).
const WARM_UP_CELLS = 600_000;
// Timed evaluations: at least this many, and at least TIMED_CELLS cells in all (half before the peer, half after).
// Ten, not six: a large trust's result (some 100 MB at 50,000 pupils) fills the old generation in a
// few runs, and the occasional full collection then lands in some of them; over ten runs the mean
// carries it at about its real rate rather than at the luck of six. (The peer's one long pass over
// its sample carries its own collections at their real rate already.)
const MIN_RUNS = 10;
const TIMED_CELLS = 240_000;

const fmt = (n: number): string => n.toLocaleString('en-GB');
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** Items of one scope, run by the peer: all of them, or an evenly spread sample. */
async function runScope(count: number, sample: number, run: (item: number) => Promise<number>): Promise<{ ms: number; runs: number; interventions: number; sampled: boolean }> {
  const step = count > sample ? count / sample : 1;
  let interventions = 0;
  let runs = 0;
  const t0 = performance.now();
  for (let k = 0; k < count; k += step) {
    interventions += await run(Math.floor(k));
    runs++;
  }
  const ms = performance.now() - t0;
  // Sampled: the time per run, times every item of the scope.
  return { ms: step > 1 ? (ms / runs) * count : ms, runs, interventions, sampled: step > 1 };
}

/**
 * The peer: json-rules-engine as a vendor would use it without a compiler —
 * one Engine per scope holding the policy's rules, `engine.run(facts)` for
 * every pupil × subject, every pupil and every class × subject, over the same
 * documented facts from the same index. One-time work (the index, the
 * engines, the index's tables built on first use) is timed once; the runs of
 * a scope with more items than the sample are timed on an evenly spread
 * sample and extrapolated to every item. Both sides are warmed up first
 * (ours by untimed evaluates over at least WARM_UP_CELLS cells, before each
 * half of its timed runs; the peer by untimed runs).
 */
async function naive(data: TrackingDataset, sample: number): Promise<{ ms: number; runs: number; interventions: number; sampled: boolean }> {
  const started = performance.now();
  const ix = buildFactsIndex(data, defaultPolicy, DATE);
  const scopeOf = (r: (typeof defaultPolicy.rules)[number]): string => (r.event as { params: { scope: string } }).params.scope;
  const engines = new Map(
    RULE_SCOPES.map((scope) => [
      scope,
      new Engine(defaultPolicy.rules.filter((r) => scopeOf(r) === scope) as unknown as RuleProperties[], { allowUndefinedFacts: true, pathResolver: safePathResolver }),
    ]),
  );
  // The tables the index builds on first use (every snapshot's levels, the suggested levels): built once, as evaluate builds them once.
  for (let n = 0; n < ix.snapshots.length; n++) ix.snapshotLevel(n);
  ix.suggested(0);
  const setupMs = performance.now() - started;

  const S = ix.subjectCount;
  const cellEngine = engines.get('pupil-subject') as Engine;
  const pupilEngine = engines.get('pupil') as Engine;
  const classEngine = engines.get('class-subject') as Engine;
  const cell = async (c: number): Promise<number> =>
    (await cellEngine.run(pupilSubjectFacts(ix, (ix.pupils[Math.floor(c / S)] as { id: string }).id, ix.subjects[c % S] as string))).results.length;
  const pupil = async (p: number): Promise<number> => (await pupilEngine.run(pupilFacts(ix, (ix.pupils[p] as { id: string }).id))).results.length;
  const classSubject = async (i: number): Promise<number> => {
    const c = ix.classes[Math.floor(i / S)] as { classId: string; schoolId: string | null };
    return (await classEngine.run(classSubjectFacts(ix, c.classId, ix.subjects[i % S] as string, c.schoolId))).results.length;
  };
  // Warm-up (untimed): the peer's code reaches its optimised state, as ours has after its warm-up run.
  for (let i = 0; i < Math.min(2000, ix.cellCount); i++) await cell(Math.floor((i * ix.cellCount) / Math.min(2000, ix.cellCount)));
  for (let i = 0; i < Math.min(500, ix.pupils.length); i++) await pupil(i);
  for (let i = 0; i < Math.min(500, ix.classes.length * S); i++) await classSubject(i);

  const scopes = [await runScope(ix.cellCount, sample, cell), await runScope(ix.pupils.length, sample, pupil), await runScope(ix.classes.length * S, sample, classSubject)];
  return {
    ms: setupMs + scopes.reduce((sum, x) => sum + x.ms, 0),
    runs: scopes.reduce((sum, x) => sum + x.runs, 0),
    interventions: scopes.reduce((sum, x) => sum + x.interventions, 0),
    sampled: scopes.some((x) => x.sampled),
  };
}

interface EvaluateTimes {
  readonly walls: number[];
  readonly cpus: number[];
  heap: number;
  interventions: number;
}

/** Times `runs` evaluations into `into`, after a warm-up when asked. */
function timeEvaluate(data: TrackingDataset, runs: number, into: EvaluateTimes, warmUp: boolean): void {
  // Warm-up (and compile the policy's rules, cached per policy): at least one run and WARM_UP_CELLS
  // cells, so that a small trust's evaluate is timed optimised too, as the peer's runs are after theirs.
  const cells = data.pupils.length * data.subjects.length;
  if (warmUp) for (let done = 0; done === 0 || done < WARM_UP_CELLS; done += Math.max(1, cells)) evaluate(data, defaultPolicy, { date: DATE });
  for (let i = 0; i < runs; i++) {
    const h0 = process.memoryUsage().heapUsed;
    const c0 = cpuMs();
    const t0 = performance.now();
    const result = evaluate(data, defaultPolicy, { date: DATE });
    into.walls.push(performance.now() - t0);
    into.cpus.push(cpuMs() - c0);
    into.heap = Math.max(into.heap, process.memoryUsage().heapUsed - h0);
    into.interventions = result.interventions.length;
  }
}

/** evaluate vs naive per-cell json-rules-engine on generated trusts; parse + validate separately. */
export async function run(): Promise<Comparison[]> {
  const rows: Comparison[] = [];
  for (const pupils of SIZES) {
    let generated: TrackingDataset | undefined = generateTrust({ seed: pupils, schools: Math.max(2, Math.round(pupils / 2500)), pupils, phases: ['secondary', 'all-through', 'secondary'] });
    const cells = generated.pupils.length * generated.subjects.length;
    const shape = `${fmt(pupils)} pupils × ${generated.subjects.length} subjects (${fmt(cells)} cells, ${fmt(generated.judgements.length)} judgements, ${fmt(generated.assessments.length)} assessments, ${generated.snapshots.length} snapshots)`;
    const text = JSON.stringify(generated);
    generated = undefined; // only the parsed copy stays in memory

    // Parse + validate, separately: the peer is bare JSON.parse (no checking at all), the floor.
    const c0 = cpuMs();
    const t0 = performance.now();
    const data = parseDataset(JSON.parse(text), 'trust.json');
    const parseMs = performance.now() - t0;
    const parseCpu = cpuMs() - c0;
    const t1 = performance.now();
    JSON.parse(text);
    const bareMs = performance.now() - t1;
    rows.push({
      what: `parse + validate (JSON text → parseDataset), ${shape}`,
      peerName: 'JSON.parse alone, no validation (the floor)',
      unit: 'ms',
      ours: parseMs,
      peer: bareMs,
      note: `${mb(text.length)} of JSON; CPU ${parseCpu.toFixed(0)} ms; process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)} after parsing`,
    });

    // Ours: half the timed runs before the peer's and half after, so that the median
    // sees the machine as the peer's long run saw it (a shared machine's load drifts);
    // at least TIMED_CELLS cells in all, so a small trust's median is of enough runs.
    const times: EvaluateTimes = { walls: [], cpus: [], heap: 0, interventions: 0 };
    const half = Math.max(MIN_RUNS / 2, Math.ceil(TIMED_CELLS / cells / 2));
    timeEvaluate(data, half, times, true);
    const peer = await naive(data, NAIVE_SAMPLE);
    timeEvaluate(data, half, times, true);
    const ours = { wall: median(times.walls), mean: times.walls.reduce((a, b) => a + b, 0) / times.walls.length, cpu: median(times.cpus), heap: times.heap, interventions: times.interventions };
    if (!peer.sampled) assert.equal(peer.interventions, ours.interventions, 'the peer and evaluate must find the same interventions');
    rows.push({
      what: `evaluate (statuses, ${fmt(ours.interventions)} interventions, summary), ${shape}`,
      peerName: 'json-rules-engine 7.3.1, engine.run per pupil × subject (and per pupil, class × subject)',
      unit: 'ms',
      ours: ours.wall,
      peer: peer.ms,
      note:
        `ours: median wall time of ${fmt(times.walls.length)} runs (half before the peer's, half after; their mean ${ours.mean.toFixed(1)} ms, the peer's ${(peer.ms / ours.mean).toFixed(0)}× that); process CPU ${ours.cpu.toFixed(0)} ms (all threads, GC included); heap retained by one result ${mb(ours.heap)}; process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)} (resourceUsage) · ` +
        (peer.sampled
          ? `peer: one-time index and engines timed once; ${fmt(peer.runs)} evenly spread runs (at most ${fmt(NAIVE_SAMPLE)} per scope: pupil × subject, pupil, class × subject) timed and extrapolated to every item of their scope`
          : `peer: every run, same ${fmt(peer.interventions)} interventions`),
    });
  }
  return rows;
}
