import type { IsoDate, LevelId, StatusEntry, TrackingDataset } from '../schema/dataset.js';
import type { Level, TrackingPolicy } from '../schema/policy.js';
import type { EvaluationResult, Summary } from '../schema/result.js';
import { FactsIndex, NO_LEVEL, TypedArrayPool } from '../facts/facts-index.js';
import { type InterventionPlan, LARGE_RESULT_CELLS, findInterventions, interventionPlan } from './interventions.js';
import { round1, summarize } from './summary.js';

/** Options for `evaluate`. */
export interface EvaluateOptions {
  /** Evaluate as of the end of this day (UTC). */
  readonly date: IsoDate;
  /** Name of the policy in error messages. */
  readonly policySource?: string;
}

/**
 * Evaluates a dataset under a policy as of the end of `date` (UTC): the live
 * status of every pupil × tracked subject, the interventions the policy's
 * rules call for (with `because`), and the summary. Judgements recorded,
 * assessments taken and snapshots taken after the date are ignored. The
 * rules are compiled once per policy (cached), the data indexed once per call.
 *
 * Undefined facts read as `undefined` (json-rules-engine's
 * `allowUndefinedFacts: true`): a pupil without an `attendance` attribute
 * simply does not meet `attendance lessThan 90`.
 * @example const { interventions } = evaluate(school, defaultPolicy, { date: '2026-11-16' });
 */
export function evaluate(
  dataset: Pick<TrackingDataset, 'calendar' | 'subjects' | 'pupils' | 'judgements' | 'assessments' | 'snapshots'>,
  policy: TrackingPolicy,
  options: EvaluateOptions,
): EvaluationResult {
  const plan = interventionPlan(policy, options.policySource);
  // The index never leaves this call, so its per-cell arrays are borrowed from a pool
  // the previous call filled (no fresh external memory per call); were a call ever
  // made while another runs, it would get fresh arrays.
  const pool = idlePool;
  idlePool = undefined;
  try {
    return evaluateWith(new FactsIndex(dataset, policy, options.date, pool), plan, policy, options.date);
  } finally {
    if (pool) idlePool = pool;
  }
}

// The pool the next evaluation borrows, when none is running. It keeps the largest
// arrays asked for (about 40 bytes per cell) for the life of the module.
let idlePool: TypedArrayPool | undefined = new TypedArrayPool();

function evaluateWith(ix: FactsIndex, plan: InterventionPlan, policy: TrackingPolicy, date: IsoDate): EvaluationResult {
  const statuses: StatusEntry[] = new Array<StatusEntry>(ix.cellCount);
  const S = ix.subjectCount;
  const levelOf = ix.levelOf;
  const levelIds = ix.levels.map((l) => l.id);
  const large = ix.cellCount >= LARGE_RESULT_CELLS;
  // Per level index: how many cells are at it now (the summary, without a second pass over the statuses).
  const perLevel = new Float64Array(levelIds.length);
  let untracked = 0;
  let unknown = 0;
  for (let p = 0, cell = 0; p < ix.pupils.length; p++) {
    const pupilId = (ix.pupils[p] as TrackingDataset['pupils'][number]).id;
    for (let s = 0; s < S; s++, cell++) {
      const lv = levelOf[cell] as number;
      if (lv >= 0) perLevel[lv] = (perLevel[lv] as number) + 1;
      else if (lv === NO_LEVEL) untracked++;
      else unknown++;
      const subjectId = ix.subjects[s] as string;
      const status = lv >= 0 ? (levelIds[lv] as string) : ix.status(cell);
      const source = ix.sourceOf(cell);
      // The same literal twice: a large result's entries get an allocation site of their own (see LARGE_RESULT_CELLS).
      statuses[cell] = large ? { pupilId, subjectId, status, source } : { pupilId, subjectId, status, source };
    }
  }
  // A status the policy lacks is rare: then the summary counts the statuses themselves.
  const summary = unknown > 0 ? summarize(statuses, policy) : summaryOf(ix.levels, perLevel, untracked);
  return { date, statuses, interventions: findInterventions(ix, plan), summary };
}

// `summarize` of statuses that are all policy levels or untracked, from counts per level index.
function summaryOf(levels: readonly Level[], perLevel: Float64Array, untracked: number): Summary {
  const counts: Record<LevelId, number> = {};
  for (const level of levels) counts[level.id] = 0;
  let total = 0;
  for (let i = 0; i < levels.length; i++) {
    const n = perLevel[i] as number;
    const id = (levels[i] as Level).id;
    counts[id] = (counts[id] as number) + n;
    total += n;
  }
  const percent: Record<LevelId, number> = {};
  for (const [id, n] of Object.entries(counts)) percent[id] = total === 0 ? 0 : round1((100 * n) / total);
  return { total, untracked, counts, percent };
}
