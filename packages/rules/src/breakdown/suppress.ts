import type { TrackingPolicy } from '../schema/policy.js';
import type { Breakdown } from './types.js';

/** Whether a cohort of `pupils` is too small to show under the policy (fewer than `suppressUnder`). */
export function isSuppressed(pupils: number, policy: Pick<TrackingPolicy, 'suppressUnder'>): boolean {
  return pupils < policy.suppressUnder;
}

/**
 * Hides a breakdown's counts and percentages when its cohort is smaller than
 * the policy's `suppressUnder`, as official statistics do, so that no child
 * can be identified: `suppressed: true`, `counts` and `percent` null (never a
 * misleading 0 % or 100 %). Returns the breakdown unchanged otherwise.
 */
export function suppress(breakdown: Breakdown, policy: Pick<TrackingPolicy, 'suppressUnder'>): Breakdown {
  if (!isSuppressed(breakdown.pupils, policy)) return breakdown;
  return { ...breakdown, counts: null, percent: null, suppressed: true };
}
