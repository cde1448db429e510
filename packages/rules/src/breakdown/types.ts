import type { IsoDate, LevelId, YearGroup } from '../schema/dataset.js';

/**
 * Which pupils × subjects a breakdown counts. Every field narrows the cohort;
 * `groups` are policy group ids and intersect (pupil premium × girls).
 * @example { yearGroup: 'Y4', subjectId: 'maths', groups: ['pupil-premium', 'girls'] }
 */
export interface CohortFilter {
  readonly schoolId?: string;
  readonly yearGroup?: YearGroup;
  readonly classId?: string;
  readonly subjectId?: string;
  readonly groups?: readonly string[];
  /** Pupils in none of these policy groups (the "rest" of a gap: not pupil premium). */
  readonly notGroups?: readonly string[];
  /** Only these pupils. */
  readonly pupilIds?: readonly string[];
}

/** Counts and percentages of each level for one cohort at one date. */
export interface Breakdown {
  readonly filter: CohortFilter;
  /** A readable name of the cohort ("Y4 × Maths × Pupil premium"). */
  readonly label: string;
  readonly date: IsoDate;
  /** Distinct pupils in the cohort. */
  readonly pupils: number;
  /** Tracked (not untracked) statuses counted. */
  readonly total: number;
  readonly untracked: number;
  /** Counts per level; null when suppressed (fewer pupils than the policy's `suppressUnder`). */
  readonly counts: Readonly<Record<LevelId, number>> | null;
  /** Percentages per level to one decimal; null when suppressed, and when nothing in the cohort is tracked yet. */
  readonly percent: Readonly<Record<LevelId, number>> | null;
  /** True when the cohort is too small to show (official-statistics style suppression). */
  readonly suppressed: boolean;
}

/** A group against the rest of its cohort, or a cohort against a target. */
export interface Gap {
  readonly label: string;
  /** Percentage points per level: this cohort minus the other (null when either side is suppressed). */
  readonly points: Readonly<Record<LevelId, number>> | null;
  readonly left: Breakdown;
  readonly right: Breakdown;
}

/** A target or benchmark: the share of statuses at or above a level (e.g. 85 % on or above). */
export interface Target {
  readonly label: string;
  /** Level id: statuses at this rank or higher count towards the target. */
  readonly atOrAbove: LevelId;
  readonly percent: number;
}

/** One point of a trend: a snapshot, or the live statuses now. */
export interface TrendPoint {
  readonly label: string;
  readonly date: IsoDate;
  /** The snapshot's half-term; absent for the live point. */
  readonly halfTermId?: string;
  readonly live: boolean;
  readonly breakdown: Breakdown;
}

/** A breakdown over the year's snapshots (and the live point). */
export interface TrendSeries {
  readonly label: string;
  readonly filter: CohortFilter;
  readonly points: readonly TrendPoint[];
}
