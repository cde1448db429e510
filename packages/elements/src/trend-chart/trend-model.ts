import { shareAtOrAbove, type Breakdown, type LevelId, type TrendPoint, type TrendSeries } from '@ontrack/rules';
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
