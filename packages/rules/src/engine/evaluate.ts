import type { IsoDate, StatusEntry, TrackingDataset } from '../schema/dataset.js';
import type { TrackingPolicy } from '../schema/policy.js';
import type { EvaluationResult } from '../schema/result.js';
import { buildFactsIndex } from '../facts/facts-index.js';
import { findInterventions, interventionPlan } from './interventions.js';
import { summarize } from './summary.js';

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
  const ix = buildFactsIndex(dataset, policy, options.date);
  const statuses: StatusEntry[] = new Array<StatusEntry>(ix.cellCount);
  const S = ix.subjectCount;
  for (let p = 0, cell = 0; p < ix.pupils.length; p++) {
    const pupilId = (ix.pupils[p] as TrackingDataset['pupils'][number]).id;
    for (let s = 0; s < S; s++, cell++) {
      statuses[cell] = { pupilId, subjectId: ix.subjects[s] as string, status: ix.status(cell), source: ix.sourceOf(cell) };
    }
  }
  return { date: options.date, statuses, interventions: findInterventions(ix, plan), summary: summarize(statuses, policy) };
}
