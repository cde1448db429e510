import { breakdownFromStatuses, cohortLabel, type CohortPolicy, type CohortSource } from '../breakdown/breakdown.js';
import type { CohortFilter, TrendPoint, TrendSeries } from '../breakdown/types.js';
import { liveStatuses } from '../engine/live-status.js';
import type { IsoDate, TrackingDataset } from '../schema/dataset.js';
import type { TrackingPolicy } from '../schema/policy.js';

/** Options for `trend`. */
export interface TrendOptions {
  /** Snapshots taken after this date are left out (as-of, like `evaluate`). */
  readonly date: IsoDate;
  /** Add the live statuses as of `date` as the last point. */
  readonly live?: boolean;
}

/**
 * One cohort's breakdown over the snapshots taken by `date`, oldest first,
 * plus the live point when `live` is set; each point is suppressed on its own
 * (a group can be large enough in one snapshot and not in another). Works for
 * any cohort: one pupil (`pupilIds`), a class, a year group, a group, a school.
 * @example trend(dataset, policy, { yearGroup: 'Y4', subjectId: 'maths' }, { date: '2027-03-01', live: true })
 */
export function trend(
  dataset: CohortSource & Pick<TrackingDataset, 'calendar' | 'judgements' | 'snapshots'>,
  policy: CohortPolicy & Pick<TrackingPolicy, 'liveFromWeek' | 'defaultLevel'>,
  filter: CohortFilter,
  options: TrendOptions,
): TrendSeries {
  const names = new Map(dataset.calendar.halfTerms.map((ht) => [ht.id, ht.name]));
  const taken = dataset.snapshots
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.takenOn <= options.date)
    // Oldest first; a tie keeps file order.
    .sort((a, b) => (a.s.takenOn < b.s.takenOn ? -1 : a.s.takenOn > b.s.takenOn ? 1 : a.i - b.i));
  const points: TrendPoint[] = taken.map(({ s }) => ({
    label: names.get(s.halfTermId) ?? s.halfTermId,
    date: s.takenOn,
    halfTermId: s.halfTermId,
    live: false,
    breakdown: breakdownFromStatuses(s.statuses, dataset, policy, s.takenOn, filter),
  }));
  if (options.live === true) {
    points.push({
      label: 'Now',
      date: options.date,
      live: true,
      breakdown: breakdownFromStatuses(liveStatuses(dataset, policy, options.date), dataset, policy, options.date, filter),
    });
  }
  return { label: cohortLabel(dataset, policy, filter), filter, points };
}
