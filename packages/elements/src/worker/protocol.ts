import type { Intervention, Judgement, Summary, TrackingDataset, TrackingPolicy } from '@ontrack/rules';

/**
 * What the page sends the evaluation worker: the date, and only what changed
 * since the last request — the whole dataset once, then the judgements
 * appended to it; the policy when it changes.
 */
export interface EvaluateRequest {
  readonly id: number;
  readonly date: string;
  readonly dataset?: TrackingDataset;
  readonly append?: readonly Judgement[];
  readonly policy?: TrackingPolicy;
}

/**
 * What the worker answers. A large trust has hundreds of thousands of
 * interventions and an edit changes a handful, so only new or changed ones
 * cross (`part`s of at most `PART_SIZE`, so that no single message blocks the
 * page), then `done` says, for each intervention in order, which of the
 * previous answer's to reuse (its index) or to take from the parts (-1). The
 * live statuses are not sent: the page holds them already.
 */
export type EvaluateResponse =
  | { readonly id: number; readonly kind: 'part'; readonly interventions: readonly Intervention[] }
  | { readonly id: number; readonly kind: 'done'; readonly keep: Int32Array; readonly summary: Summary }
  | { readonly id: number; readonly kind: 'error'; readonly error: string };

/** Interventions per `part` message. */
export const PART_SIZE = 10_000;

/** Key of an intervention for matching it with the previous answer's: the rule and what it is about. */
export function interventionKey(i: Intervention & { readonly schoolId?: unknown }): string {
  return `${i.ruleId}\u0000${i.pupilId ?? ''}\u0000${i.subjectId ?? ''}\u0000${i.classId ?? ''}\u0000${typeof i.schoolId === 'string' ? i.schoolId : ''}`;
}

/** Deep equality of two JSON values (what interventions are made of). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
