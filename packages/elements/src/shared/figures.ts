import {
  breakdownFromStatuses, trackedSubjects, trend,
  type Breakdown, type CohortFilter, type StatusEntry, type TrackingDataset, type TrackingPolicy, type TrendPoint, type TrendSeries,
} from '@ontrack/rules';
import type { ChartFigures } from './contexts.js';
import { intersectFilters } from './data-controller.js';
import { sharedBreakdown, sharedGroupGap, sharedLiveStatuses, sharedTrend } from './live-statuses.js';

/**
 * The figures the charts draw, computed over one dataset, policy and date, for
 * cohorts narrowed by `shared` (the provider's filter) and then by a chart's
 * own filter. The provider owns the dataset, so it puts this in its context:
 * a chart module then holds drawing code only, and every chart on the page
 * reads breakdowns shared per change and moved on edit by edit
 * (`live-statuses.ts`).
 */
export function chartFigures(dataset: TrackingDataset, policy: TrackingPolicy, date: string, shared: CohortFilter): ChartFigures {
  return {
    breakdown: (filter) => sharedBreakdown(dataset, policy, date, intersectFilters(shared, filter)),
    groupGap: (groupId, filter) => sharedGroupGap(dataset, policy, date, groupId, intersectFilters(shared, filter)),
    trend: (filter, liveLabel) => {
      const f = intersectFilters(shared, filter);
      return withLivePoint(sharedTrend(dataset, policy, date, f), liveLabel, date, sharedBreakdown(dataset, policy, date, f));
    },
    trajectory: (pupilId, liveLabel) => {
      const pupil = dataset.pupils.find((p) => p.id === pupilId);
      const series = pupilTrajectory(dataset, policy, date, pupilId, sharedLiveStatuses(dataset, policy, date), liveLabel);
      return { name: pupil ? `${pupil.givenName} ${pupil.familyName}` : undefined, series };
    },
  };
}

/**
 * A cohort's trend from a dataset: the rules' `trend` over the snapshots taken
 * by `date`, then the live point from statuses computed once for all series
 * (snapshots are immutable, so only the live point moves with an edit).
 */
export function seriesFromData(
  dataset: TrackingDataset, policy: TrackingPolicy, date: string, filter: CohortFilter, live: readonly StatusEntry[], liveLabel: string,
): TrendSeries {
  return withLivePoint(trend(dataset, policy, filter, { date }), liveLabel, date, breakdownFromStatuses(live, dataset, policy, date, filter));
}

/** The snapshots' series with the live point (`breakdown` as of `date`) after them. */
function withLivePoint(past: TrendSeries, liveLabel: string, date: string, breakdown: Breakdown): TrendSeries {
  const now: TrendPoint = { label: liveLabel, date, live: true, breakdown };
  return { ...past, points: [...past.points, now] };
}

/**
 * One pupil's trajectory across subjects: a series per tracked subject whose
 * points hold that pupil's status at each snapshot and now. Not suppressed: it
 * is one named child, shown to the staff who may see them.
 */
function pupilTrajectory(
  dataset: TrackingDataset, policy: TrackingPolicy, date: string, pupilId: string, live: readonly StatusEntry[], liveLabel: string,
): TrendSeries[] {
  const open = { ...policy, suppressUnder: 0 };
  return trackedSubjects(dataset, policy).map((subjectId) => ({
    ...seriesFromData(dataset, open, date, { pupilIds: [pupilId], subjectId }, live, liveLabel),
    label: dataset.subjects.find((x) => x.id === subjectId)?.name ?? subjectId,
  }));
}
