import { NotFoundError } from '../errors.js';
import { round1 } from '../engine/summary.js';
import type { IsoDate, LevelId, StatusEntry } from '../schema/dataset.js';
import type { TrackingPolicy } from '../schema/policy.js';
import { breakdownFromStatuses, type CohortPolicy, type CohortSource } from './breakdown.js';
import type { Breakdown, CohortFilter, Gap, Target } from './types.js';

/** A cohort against a target: the share at or above the target's level, and the distance to it. */
export interface TargetGap {
  readonly label: string;
  readonly target: Target;
  readonly breakdown: Breakdown;
  /** The cohort's share (percent, one decimal) at or above `target.atOrAbove`; null when suppressed or nothing is tracked. */
  readonly actual: number | null;
  /** `actual` minus `target.percent` in percentage points (negative: short of the target); null with `actual`. */
  readonly points: number | null;
}

/**
 * The percentage-point difference per level between two breakdowns, left
 * minus right, computed from the counts (not the rounded percentages) and
 * rounded to one decimal. Null when either side is suppressed or has nothing
 * tracked, so a gap never reveals a suppressed group.
 */
export function gapBetween(left: Breakdown, right: Breakdown, label = `${left.label} vs ${right.label}`): Gap {
  let points: Record<LevelId, number> | null = null;
  if (!left.suppressed && !right.suppressed && left.counts && right.counts && left.total > 0 && right.total > 0) {
    points = {};
    for (const id of Object.keys(left.counts)) {
      points[id] = round1((100 * (left.counts[id] ?? 0)) / left.total - (100 * (right.counts[id] ?? 0)) / right.total);
    }
  }
  return { label, points, left, right };
}

/**
 * A policy group against the rest of its cohort (e.g. pupil premium vs the
 * other pupils of Year 4 maths), from statuses already computed.
 * @example groupGap(result.statuses, dataset, policy, result.date, 'pupil-premium', { yearGroup: 'Y4' })
 */
export function groupGap(
  statuses: readonly Pick<StatusEntry, 'pupilId' | 'subjectId' | 'status'>[],
  dataset: CohortSource,
  policy: CohortPolicy,
  date: IsoDate,
  groupId: string,
  filter: CohortFilter = {},
): Gap {
  return groupGapFrom((f) => breakdownFromStatuses(statuses, dataset, policy, date, f), policy, groupId, filter);
}

/**
 * `groupGap` over any source of breakdowns (one that keeps its counts up to
 * date edit by edit, say): the group's cohort and the rest's, asked of
 * `breakdownOf`, and the gap between them. Throws `NotFoundError` for a group
 * the policy does not define.
 */
export function groupGapFrom(breakdownOf: (filter: CohortFilter) => Breakdown, policy: Pick<TrackingPolicy, 'groups'>, groupId: string, filter: CohortFilter = {}): Gap {
  const group = policy.groups.find((g) => g.id === groupId);
  if (!group) throw new NotFoundError(`unknown group "${groupId}"`);
  const left = breakdownOf({ ...filter, groups: [...(filter.groups ?? []), groupId] });
  const right = breakdownOf({ ...filter, notGroups: [...(filter.notGroups ?? []), groupId] });
  return gapBetween(left, right, `${group.label} vs others`);
}

/**
 * The share of a breakdown's tracked statuses at or above a level (percent,
 * one decimal); null when the breakdown is suppressed or tracks nothing.
 * Throws `NotFoundError` for a level the policy does not define.
 */
export function shareAtOrAbove(b: Breakdown, levelId: LevelId, policy: Pick<TrackingPolicy, 'levels'>): number | null {
  const level = policy.levels.find((l) => l.id === levelId);
  if (!level) throw new NotFoundError(`unknown level "${levelId}"`);
  if (b.suppressed || !b.counts || b.total === 0) return null;
  let n = 0;
  for (const l of policy.levels) if (l.rank >= level.rank) n += b.counts[l.id] ?? 0;
  return round1((100 * n) / b.total);
}

/**
 * A cohort against a target or benchmark (trust target, national figure):
 * its share at or above the target's level and how far above (+) or short (−)
 * of the target it is, in percentage points.
 * @example targetGap(b, { label: 'Trust target', atOrAbove: 'on', percent: 85 }, policy)
 */
export function targetGap(b: Breakdown, target: Target, policy: Pick<TrackingPolicy, 'levels'>): TargetGap {
  const actual = shareAtOrAbove(b, target.atOrAbove, policy);
  return { label: `${b.label} vs ${target.label}`, target, breakdown: b, actual, points: actual === null ? null : round1(actual - target.percent) };
}
