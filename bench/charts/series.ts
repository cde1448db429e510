import { defaultPolicy, generateSchool, liveStatuses, shareAtOrAbove, type CohortFilter, type Target, type TrendSeries } from '@ontrack/rules';
import { seriesFromData } from '../../packages/elements/src/shared/figures.js';

/** The end of a generated year: six half-term snapshots, then the live point (7 points). */
export const DATE = '2027-07-16';

/** The target both charts draw as a line. */
export const TARGET: Target = { label: 'Trust target', atOrAbove: 'on', percent: 85 };

const GROUPS: readonly CohortFilter[] = [{}, { groups: ['pupil-premium'] }, { notGroups: ['pupil-premium'] }, { groups: ['send'] }, { groups: ['eal'] }, { groups: ['girls'] }];

/** The series both charts draw: 6 groups × 7 points of a 600-pupil school, computed by the rules package. */
export function benchSeries(seed = 11): TrendSeries[] {
  const data = generateSchool({ seed, pupils: 600, through: DATE });
  const live = liveStatuses(data, defaultPolicy, DATE);
  return GROUPS.map((f) => seriesFromData(data, defaultPolicy, DATE, f, live, 'Now'));
}

/** The same numbers as Chart.js takes them: labels, and per series the share on track or above (null when suppressed). */
export function chartJsData(series: readonly TrendSeries[]): { labels: string[]; datasets: { label: string; data: (number | null)[] }[] } {
  const labels = series[0]?.points.map((p) => p.label) ?? [];
  const datasets = series.map((s) => ({ label: s.label, data: s.points.map((p) => shareAtOrAbove(p.breakdown, TARGET.atOrAbove, defaultPolicy)) }));
  datasets.push({ label: TARGET.label, data: labels.map(() => TARGET.percent) });
  return { labels, datasets };
}
