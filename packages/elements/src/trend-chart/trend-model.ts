import {
  breakdownFromStatuses, shareAtOrAbove, trackedSubjects, trend,
  type Breakdown, type CohortFilter, type LevelId, type StatusEntry, type TrackingDataset, type TrackingPolicy, type TrendPoint, type TrendSeries,
} from '@ontrack/rules';
import { sharedBreakdown, sharedLiveStatuses, sharedTrend } from '../shared/live-statuses.js';
import type { LevelLook } from '../shared/levels.js';

/** How the chart draws its series. */
export type TrendKind = 'lines' | 'stacked' | 'trajectory';

/** One point on the x axis: a snapshot, or the live statuses now. */
export interface Column {
  readonly key: string;
  readonly label: string;
  readonly date: string;
  readonly live: boolean;
}

/** One value of a line: a share (0–100) or a level's position; null draws a gap. */
export interface Cell {
  readonly y: number | null;
  readonly suppressed: boolean;
  /** Absent: the row has no point at this column. */
  readonly breakdown?: Breakdown;
  /** The level id for a trajectory point. */
  readonly level?: LevelId | null;
}

/** One drawn line (a level, a cohort or a subject), or one stacked panel (a cohort). */
export interface Row {
  readonly key: string;
  readonly label: string;
  /** Palette tone when the row is a level; otherwise the series style index is used. */
  readonly look?: LevelLook;
  readonly style: number;
  readonly cells: readonly Cell[];
}

/** What the chart draws, independent of pixels. */
export interface TrendModel {
  readonly kind: TrendKind;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  /** For lines of cohorts: the level whose at-or-above share is drawn. */
  readonly measure?: LevelLook;
  readonly looks: readonly LevelLook[];
}

const keyOf = (p: Pick<TrendPoint, 'halfTermId' | 'live' | 'date'>): string => p.halfTermId ?? (p.live ? '~live' : p.date);

/** The union of the series' points, in date order, the live point last. */
export function columnsOf(series: readonly TrendSeries[]): Column[] {
  const seen = new Map<string, Column>();
  for (const s of series) {
    for (const p of s.points) {
      const key = keyOf(p);
      if (!seen.has(key)) seen.set(key, { key, label: p.label, date: p.date, live: p.live });
    }
  }
  return [...seen.values()].sort((a, b) => Number(a.live) - Number(b.live) || a.date.localeCompare(b.date));
}

function pointAt(s: TrendSeries, col: Column): TrendPoint | undefined {
  return s.points.find((p) => keyOf(p) === col.key);
}

/** The level a one-pupil breakdown holds: the level with the most statuses (ties: the lower). */
function soleLevel(b: Breakdown, looks: readonly LevelLook[]): LevelId | null {
  if (b.suppressed || !b.counts) return null;
  let best: LevelLook | undefined;
  for (const l of looks) if ((b.counts[l.level.id] ?? 0) > (best ? (b.counts[best.level.id] ?? 0) : 0)) best = l;
  return best?.level.id ?? null;
}

/**
 * Lays series out for drawing. Stacked: a panel per series. Lines: one line
 * per level for a single series with no `measure`, else one line per series of
 * the share at or above `measure`. Trajectory: one line per series through the
 * level each point holds.
 */
export function buildModel(series: readonly TrendSeries[], kind: TrendKind, looks: readonly LevelLook[], measureId: LevelId | undefined): TrendModel {
  const columns = columnsOf(series);
  const levels = { levels: looks.map((l) => l.level) };
  const measure = measureId === undefined ? undefined : looks.find((l) => l.level.id === measureId);
  const cell = (b: Breakdown | undefined, y: (b: Breakdown) => number | null): Cell => {
    if (!b) return { y: null, suppressed: false };
    return { y: y(b), suppressed: b.suppressed, breakdown: b };
  };
  if (kind === 'trajectory') {
    const rank = new Map(looks.map((l, i) => [l.level.id, i]));
    const rows = series.map((s, i): Row => ({
      key: `s${i}`,
      label: s.label,
      style: i,
      cells: columns.map((c) => {
        const b = pointAt(s, c)?.breakdown;
        const level = b ? soleLevel(b, looks) : null;
        return { ...cell(b, () => (level === null ? null : (rank.get(level) ?? null))), level };
      }),
    }));
    return { kind, columns, rows, looks };
  }
  if (kind === 'lines' && series.length === 1 && !measure) {
    const s = series[0];
    const rows = looks.map((look, i): Row => ({
      key: look.level.id,
      label: look.level.label,
      look,
      style: i,
      cells: columns.map((c) => cell(s ? pointAt(s, c)?.breakdown : undefined, (b) => b.percent?.[look.level.id] ?? null)),
    }));
    return { kind, columns, rows, looks };
  }
  const by = measure ?? looks.find((l) => l.tone === 3) ?? looks[0];
  const rows = series.map((s, i): Row => ({
    key: `s${i}`,
    label: s.label,
    style: i,
    cells: columns.map((c) => cell(pointAt(s, c)?.breakdown, (b) => (by ? shareAtOrAbove(b, by.level.id, levels) : null))),
  }));
  return by && kind === 'lines' ? { kind, columns, rows, looks, measure: by } : { kind, columns, rows, looks };
}

/** The stacked bands of one breakdown, highest level at the bottom: [from, to] shares per level id. */
export function stackOf(b: Breakdown, looks: readonly LevelLook[]): Map<LevelId, readonly [number, number]> {
  const out = new Map<LevelId, readonly [number, number]>();
  if (b.suppressed || !b.counts || b.total === 0) return out;
  let from = 0;
  for (const l of [...looks].reverse()) {
    const to = from + (100 * (b.counts[l.level.id] ?? 0)) / b.total;
    out.set(l.level.id, [from, to]);
    from = to;
  }
  return out;
}

/**
 * A cohort's trend from a dataset: the rules' `trend` over the snapshots taken
 * by `date`, then the live point from statuses computed once for all series
 * (snapshots are immutable, so only the live point moves with an edit).
 */
export function seriesFromData(
  dataset: TrackingDataset, policy: TrackingPolicy, date: string, filter: CohortFilter, live: readonly StatusEntry[], liveLabel: string,
): TrendSeries {
  const past = trend(dataset, policy, filter, { date });
  const now: TrendPoint = { label: liveLabel, date, live: true, breakdown: breakdownFromStatuses(live, dataset, policy, date, filter) };
  return { ...past, points: [...past.points, now] };
}

/**
 * `seriesFromData` for the live statuses of the dataset itself, from the
 * breakdowns every element shares: the snapshots' part is computed once, the
 * live point moves on by the cells an edit changed.
 */
export function sharedSeries(dataset: TrackingDataset, policy: TrackingPolicy, date: string, filter: CohortFilter, liveLabel: string): TrendSeries {
  const past = sharedTrend(dataset, policy, date, filter);
  const now: TrendPoint = { label: liveLabel, date, live: true, breakdown: sharedBreakdown(dataset, policy, date, filter) };
  return { ...past, points: [...past.points, now] };
}

/**
 * One pupil's trajectory across subjects: a series per tracked subject whose
 * points hold that pupil's status at each snapshot and now. Not suppressed: it
 * is one named child, shown to the staff who may see them.
 */
export function pupilTrajectory(
  dataset: TrackingDataset, policy: TrackingPolicy, date: string, pupilId: string, live: readonly StatusEntry[], liveLabel: string,
): TrendSeries[] {
  const open = { ...policy, suppressUnder: 0 };
  return trackedSubjects(dataset, policy).map((subjectId) => {
    const s = seriesFromData(dataset, open, date, { pupilIds: [pupilId], subjectId }, live, liveLabel);
    return { ...s, label: dataset.subjects.find((x) => x.id === subjectId)?.name ?? subjectId };
  });
}

/** Live statuses at a date, computed once per change for every element showing the same dataset. */
export function liveFor(dataset: TrackingDataset, policy: TrackingPolicy, date: string): readonly StatusEntry[] {
  return sharedLiveStatuses(dataset, policy, date);
}
