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
// Above this many cells the naive peer runs a fixed, evenly spread sample and is extrapolated.
const NAIVE_SAMPLE_CELLS = 24_000;

const fmt = (n: number): string => n.toLocaleString('en-GB');
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/**
 * The peer: json-rules-engine as a vendor would use it without a compiler —
 * one Engine per scope holding the policy's rules, `engine.run(facts)` for
 * every pupil × subject (and every pupil, and class × subject), over the same
 * documented facts. Returns the number of interventions and the time per
 * pupil × subject run.
 */
async function naive(data: TrackingDataset, sampleCells: number): Promise<{ ms: number; runs: number; interventions: number; sampled: boolean }> {
  const started = performance.now();
  const ix = buildFactsIndex(data, defaultPolicy, DATE);
  const scopeOf = (r: (typeof defaultPolicy.rules)[number]): string => (r.event as { params: { scope: string } }).params.scope;
  const engines = new Map(
    RULE_SCOPES.map((scope) => [
      scope,
      new Engine(defaultPolicy.rules.filter((r) => scopeOf(r) === scope) as unknown as RuleProperties[], { allowUndefinedFacts: true, pathResolver: safePathResolver }),
    ]),
  );
  const cellEngine = engines.get('pupil-subject') as Engine;
  const cells = ix.cellCount;
  const step = cells > sampleCells ? cells / sampleCells : 1;
  let interventions = 0;
  let runs = 0;
  for (let k = 0; k < cells; k += step) {
    const cell = Math.floor(k);
    const p = Math.floor(cell / ix.subjectCount);
    const facts = pupilSubjectFacts(ix, (ix.pupils[p] as { id: string }).id, ix.subjects[cell % ix.subjectCount] as string);
    interventions += (await cellEngine.run(facts)).results.length;
    runs++;
  }
  const sampled = step > 1;
  if (!sampled) {
    const pupilEngine = engines.get('pupil') as Engine;
    for (const pupil of ix.pupils) interventions += (await pupilEngine.run(pupilFacts(ix, pupil.id))).results.length;
    const classEngine = engines.get('class-subject') as Engine;
    for (const c of ix.classes) for (const s of ix.subjects) interventions += (await classEngine.run(classSubjectFacts(ix, c.classId, s, c.schoolId))).results.length;
  }
  const ms = performance.now() - started;
  // Sampled: time per pupil × subject run, times every cell (pupil and class runs left out, in the peer's favour).
  return { ms: sampled ? (ms / runs) * cells : ms, runs, interventions, sampled };
}

function timeEvaluate(data: TrackingDataset, runs: number): { wall: number; cpu: number; heap: number; interventions: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  let heap = 0;
  let interventions = 0;
  evaluate(data, defaultPolicy, { date: DATE }); // warm-up (and compile the policy's rules, cached per policy)
  for (let i = 0; i < runs; i++) {
    const h0 = process.memoryUsage().heapUsed;
    const c0 = cpuMs();
    const t0 = performance.now();
    const result = evaluate(data, defaultPolicy, { date: DATE });
    walls.push(performance.now() - t0);
    cpus.push(cpuMs() - c0);
    heap = Math.max(heap, process.memoryUsage().heapUsed - h0);
    interventions = result.interventions.length;
  }
  return { wall: median(walls), cpu: median(cpus), heap, interventions };
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

    const ours = timeEvaluate(data, pupils >= 50_000 ? 3 : 5);
    const peer = await naive(data, NAIVE_SAMPLE_CELLS);
    if (!peer.sampled) assert.equal(peer.interventions, ours.interventions, 'the peer and evaluate must find the same interventions');
    rows.push({
      what: `evaluate (statuses, ${fmt(ours.interventions)} interventions, summary), ${shape}`,
      peerName: 'json-rules-engine 7.3.1, engine.run per pupil × subject (and per pupil, class × subject)',
      unit: 'ms',
      ours: ours.wall,
      peer: peer.ms,
      note:
        `ours: median wall time; process CPU ${ours.cpu.toFixed(0)} ms (all threads, GC included); heap retained by one result ${mb(ours.heap)}; process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)} (resourceUsage) · ` +
        (peer.sampled
          ? `peer: ${fmt(peer.runs)} evenly spread pupil × subject runs timed and extrapolated to all ${fmt(cells)} cells (pupil and class runs not counted)`
          : `peer: every run, same ${fmt(peer.interventions)} interventions`),
    });
  }
  return rows;
}
