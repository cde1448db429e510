import {
  cellKey, concernLevels, inGroup, latestJudgements, liveFrom, orderedLevels, round1, trackedSubjects, type Intervention, type Judgement, type Pupil,
  type PupilGroup, type StatusEntry, type Summary, type TrackingDataset, type TrackingPolicy,
} from '@ontrack/rules';

/** One pupil's row: the pupil and one live status per tracked subject (in column order). */
export interface GridRow {
  readonly pupil: Pupil;
  /** "Given Family", as shown and searched. */
  readonly name: string;
  /** Sort key (family name, given name, id; lower-cased), made on the first sort by name. */
  key?: string;
  /**
   * Confirmed statuses, computed on first use (`cellsOf`) so that the first
   * render costs the rows in view, not the whole school; replaced in place when
   * an edit is stored.
   */
  cells: StatusEntry[] | undefined;
  /** The status each column last counted in the summary row, with the count it belongs to (`summaries`' `gen`). */
  counted?: (string | null)[];
  countedIn?: number;
}

/** Everything the grid shows, built once per dataset, policy and date. */
export interface GridModel {
  readonly subjects: readonly { readonly id: string; readonly name: string }[];
  readonly rows: readonly GridRow[];
  readonly classes: readonly string[];
  readonly concern: ReadonlySet<string>;
  /** Level id → rank, for sorting by a subject's status. */
  readonly rank: ReadonlyMap<string, number>;
  /** The note of each cell's live judgement, by `cellKey`; filled as rows are computed, updated by edits. */
  readonly notes: Map<string, string>;
  /** Every judgement (the dataset's, then those recorded locally); replaced when the provider's dataset grows (`foldJudgements`). */
  all: readonly (readonly Judgement[])[];
  /** Each pupil's judgements in file order: built on first need (`indexJudgements`), or primed for the rows in view. */
  index: Map<string, Judgement[]> | undefined;
  readonly primed: Map<string, Judgement[]>;
  readonly date: string;
  readonly liveFrom: string;
  readonly defaultLevel: string;
  /** Rows by pupil id, built on first need (`rowOf`). */
  byId?: Map<string, GridRow>;
}

/** A pupil's row (a map built once per model, so an edit by id costs no search). */
export function rowOf(model: GridModel, pupilId: string): GridRow | undefined {
  model.byId ??= new Map(model.rows.map((r) => [r.pupil.id, r]));
  return model.byId.get(pupilId);
}

/** A row; its name is made when first read (a 50,000-pupil trust shows 15 of them first). */
class Row implements GridRow {
  readonly pupil: Pupil;
  cells: StatusEntry[] | undefined = undefined;
  #name: string | undefined;
  constructor(pupil: Pupil) {
    this.pupil = pupil;
  }
  get name(): string {
    return (this.#name ??= `${this.pupil.givenName} ${this.pupil.familyName}`.trim());
  }
}

/**
 * Builds the rows from a dataset (plus judgements recorded locally) as of
 * `date`. Nothing per cell is computed here: each row's statuses are computed
 * when first needed (with the engine's `latestJudgements`, so the rules are the same
 * as `liveStatuses`), so the first render costs the rows in view.
 */
export function buildModel(dataset: TrackingDataset, policy: TrackingPolicy, date: string, local: readonly Judgement[] = []): GridModel {
  const ids = trackedSubjects(dataset, policy);
  const names = new Map(dataset.subjects.map((s) => [s.id, s.name]));
  const classes = new Set<string>();
  const rows = dataset.pupils.map((pupil): GridRow => {
    classes.add(pupil.classId);
    return new Row(pupil);
  });
  const rank = new Map(orderedLevels(policy).map((l) => [l.id, l.rank]));
  return {
    subjects: ids.map((id) => ({ id, name: names.get(id) ?? id })),
    rows,
    classes: [...classes].sort(),
    concern: new Set(concernLevels(policy)),
    rank,
    notes: new Map(),
    all: [dataset.judgements, local],
    index: undefined,
    primed: new Map(),
    date,
    liveFrom: liveFrom(dataset, policy),
    defaultLevel: policy.defaultLevel,
  };
}

/** Groups every judgement by pupil (once per model). */
export function indexJudgements(model: GridModel): Map<string, Judgement[]> {
  if (model.index) return model.index;
  const index = new Map<string, Judgement[]>();
  for (const list of model.all) {
    for (const j of list) {
      const at = index.get(j.pupilId);
      if (at) at.push(j);
      else index.set(j.pupilId, [j]);
    }
  }
  model.index = index;
  model.primed.clear();
  return index;
}

/**
 * Before the index exists, finds the judgements of just these rows in one
 * cheap pass (the first screen of a 50,000-pupil trust needs 30 rows, not all).
 */
export function primeRows(model: GridModel, rows: readonly GridRow[]): void {
  if (model.index) return;
  const wanted = new Set<string>();
  for (const r of rows) if (!r.cells && !model.primed.has(r.pupil.id)) wanted.add(r.pupil.id);
  if (wanted.size === 0) return;
  for (const id of wanted) model.primed.set(id, []);
  // Indexed loops: this one pass over every judgement is what a first render costs per pupil of the trust.
  for (const list of model.all) {
    for (let i = 0, n = list.length; i < n; i++) {
      const j = list[i] as Judgement;
      if (wanted.has(j.pupilId)) model.primed.get(j.pupilId)?.push(j);
    }
  }
}

/**
 * Folds judgements appended to the dataset (an edit arriving through the
 * provider) into a model instead of building it again: the pupils' judgement
 * lists grow, and the rows already computed are computed again. Returns the
 * cells whose status or source changed.
 */
export function foldJudgements(model: GridModel, all: readonly (readonly Judgement[])[], appended: readonly Judgement[]): { row: GridRow; ci: number }[] {
  model.all = all;
  const touched = new Map<GridRow, StatusEntry[] | undefined>();
  for (const j of appended) {
    const row = rowOf(model, j.pupilId);
    if (!row) continue;
    if (model.index) {
      const list = model.index.get(j.pupilId);
      if (list) list.push(j);
      else model.index.set(j.pupilId, [j]);
    }
    model.primed.get(j.pupilId)?.push(j);
    if (!touched.has(row)) touched.set(row, row.cells);
  }
  const changed: { row: GridRow; ci: number }[] = [];
  for (const [row, before] of touched) {
    // A row not computed yet reads the grown lists when it is first shown.
    if (!before) continue;
    row.cells = undefined;
    cellsOf(model, row).forEach((e, ci) => {
      const b = before[ci];
      if (b?.status !== e.status || b.source !== e.source) changed.push({ row, ci });
    });
  }
  return changed;
}

/** A row's confirmed statuses, computing them on first use. */
export function cellsOf(model: GridModel, row: GridRow): StatusEntry[] {
  if (row.cells) return row.cells;
  const pupilId = row.pupil.id;
  const own = model.index ? model.index.get(pupilId) : (model.primed.get(pupilId) ?? indexJudgements(model).get(pupilId));
  // The engine's own choice of the live judgement (latest as of the date; ties: the later in the file).
  const latest = latestJudgements(own ?? [], model.date);
  const live = model.date >= model.liveFrom;
  row.cells = model.subjects.map(({ id: subjectId }): StatusEntry => {
    const key = cellKey(pupilId, subjectId);
    const j = latest.get(key);
    if (j) {
      if (j.note) model.notes.set(key, j.note);
      return { pupilId, subjectId, status: j.status, source: 'recorded' };
    }
    return live ? { pupilId, subjectId, status: model.defaultLevel, source: 'default' } : { pupilId, subjectId, status: null, source: 'untracked' };
  });
  return row.cells;
}

/** The leader's view: filters intersect; every field narrows. */
export interface GridFilter {
  readonly search?: string;
  readonly group?: PupilGroup | undefined;
  readonly classId?: string;
  /** Pupils with at least one cell at this level. */
  readonly level?: string;
  readonly onlyConcerns?: boolean;
  readonly onlyDefaults?: boolean;
  /** Only these pupils (the provider's shared filter). */
  readonly pupils?: ReadonlySet<string> | undefined;
}

/** How to order the rows: as given, by name, by number of concerns (most first), or by a subject's status (lowest first). */
export type GridSort = 'none' | 'name' | 'concerns' | `subject:${string}`;

/** The cell status a row shows for a column, an edit in flight winning over the stored one. */
export type StatusOf = (row: GridRow, col: number) => StatusEntry;

/** Counts the concern cells of a row. */
export function concernCount(model: GridModel, row: GridRow, statusOf: StatusOf): number {
  let n = 0;
  for (let c = 0; c < model.subjects.length; c++) {
    const s = statusOf(row, c).status;
    if (s !== null && model.concern.has(s)) n++;
  }
  return n;
}

/** The rows that pass the filter, in the requested order. */
export function viewRows(model: GridModel, filter: GridFilter, sort: GridSort, descending: boolean, statusOf: StatusOf): GridRow[] {
  const needle = (filter.search ?? '').trim().toLocaleLowerCase();
  const filtered = needle !== '' || !!filter.classId || !!filter.group || !!filter.level || !!filter.onlyConcerns || !!filter.onlyDefaults || !!filter.pupils;
  const out = !filtered ? [...model.rows] : model.rows.filter((row) => {
    if (filter.pupils && !filter.pupils.has(row.pupil.id)) return false;
    if (needle && !row.name.toLocaleLowerCase().includes(needle)) return false;
    if (filter.classId && row.pupil.classId !== filter.classId) return false;
    if (filter.group && !inGroup(row.pupil, filter.group)) return false;
    if (filter.level || filter.onlyConcerns || filter.onlyDefaults) {
      let level = !filter.level;
      let concern = !filter.onlyConcerns;
      let unreviewed = !filter.onlyDefaults;
      for (let c = 0; c < model.subjects.length; c++) {
        const s = statusOf(row, c);
        if (s.status === filter.level) level = true;
        if (s.status !== null && model.concern.has(s.status)) concern = true;
        if (s.source === 'default') unreviewed = true;
      }
      if (!level || !concern || !unreviewed) return false;
    }
    return true;
  });
  // As given: the host's order (usually its register order), and nothing to sort.
  if (sort === 'none') return descending ? out.reverse() : out;
  // A plain comparison of keys made once: sorting 50,000 names stays in tens of milliseconds.
  const keyOf = (r: GridRow): string => (r.key ??= `${r.pupil.familyName}\u0000${r.pupil.givenName}\u0000${r.pupil.id}`.toLowerCase());
  const byName = (a: GridRow, b: GridRow): number => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  let compare = byName;
  if (sort === 'concerns') {
    const counts = new Map(out.map((r) => [r, concernCount(model, r, statusOf)]));
    compare = (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || byName(a, b);
  } else if (sort.startsWith('subject:')) {
    const col = model.subjects.findIndex((s) => s.id === sort.slice('subject:'.length));
    if (col >= 0) {
      // Untracked sorts after every level; ties by name so the order is stable.
      const rankOf = (r: GridRow): number => {
        const s = statusOf(r, col).status;
        return s === null ? Number.MAX_SAFE_INTEGER : (model.rank.get(s) ?? Number.MAX_SAFE_INTEGER - 1);
      };
      compare = (a, b) => rankOf(a) - rankOf(b) || byName(a, b);
    }
  }
  out.sort(descending ? (a, b) => compare(b, a) : compare);
  return out;
}

/**
 * Per subject (column order), the summary of the shown rows; then the summary
 * over all subjects. Each row remembers what it counted (under `gen`), so that
 * an edit moves one count (`recount`) instead of counting every row again.
 */
export function summaries(
  model: GridModel, rows: readonly GridRow[], policy: TrackingPolicy, statusOf: StatusOf, gen: number,
): { readonly columns: Summary[]; readonly all: Summary } {
  const levels = orderedLevels(policy);
  const n = model.subjects.length;
  const counts: Record<string, number>[] = [];
  const untracked: number[] = [];
  for (let c = 0; c < n; c++) {
    counts.push(Object.fromEntries(levels.map((l) => [l.id, 0])));
    untracked.push(0);
  }
  for (const row of rows) {
    const counted: (string | null)[] = [];
    for (let c = 0; c < n; c++) {
      const s = statusOf(row, c).status;
      counted.push(s);
      const at = counts[c] ?? {};
      if (s === null) untracked[c] = (untracked[c] ?? 0) + 1;
      else at[s] = (at[s] ?? 0) + 1;
    }
    row.counted = counted;
    row.countedIn = gen;
  }
  const columns = counts.map((c, i) => withPercent(c, untracked[i] ?? 0));
  return { columns, all: combine(columns) };
}

/** A column's summary after one of its cells went from one status to another. */
export function recount(sum: Summary, from: string | null, to: string | null): Summary {
  const counts = { ...sum.counts };
  let untracked = sum.untracked ?? 0;
  if (from === null) untracked--;
  else counts[from] = (counts[from] ?? 0) - 1;
  if (to === null) untracked++;
  else counts[to] = (counts[to] ?? 0) + 1;
  return withPercent(counts, untracked);
}

/** The summary over all columns from the columns' summaries. */
export function combine(columns: readonly Summary[]): Summary {
  const counts: Record<string, number> = {};
  let untracked = 0;
  for (const c of columns) {
    untracked += c.untracked ?? 0;
    for (const [id, n] of Object.entries(c.counts)) counts[id] = (counts[id] ?? 0) + n;
  }
  return withPercent(counts, untracked);
}

/** Percentages of the tracked statuses, to one decimal, as `summarize` gives them. */
export function withPercent(counts: Record<string, number>, untracked: number): Summary {
  let total = 0;
  for (const n of Object.values(counts)) total += n;
  const percent: Record<string, number> = {};
  for (const [id, n] of Object.entries(counts)) percent[id] = total === 0 ? 0 : round1((100 * n) / total);
  return { total, untracked, counts, percent };
}

/** Interventions indexed by pupil × subject, and by pupil for the pupil-wide ones. */
export interface InterventionIndex {
  readonly byCell: ReadonlyMap<string, readonly Intervention[]>;
  readonly byPupil: ReadonlyMap<string, readonly Intervention[]>;
}

/** Groups interventions by the cell (or the pupil) they concern; class-wide ones are not shown per pupil. */
export function indexInterventions(list: readonly Intervention[]): InterventionIndex {
  const byCell = new Map<string, Intervention[]>();
  const byPupil = new Map<string, Intervention[]>();
  for (const i of list) {
    if (i.pupilId === undefined) continue;
    const [map, key] = i.subjectId === undefined ? [byPupil, i.pupilId] : [byCell, cellKey(i.pupilId, i.subjectId)];
    const at = map.get(key);
    if (at) at.push(i);
    else map.set(key, [i]);
  }
  for (const l of [...byCell.values(), ...byPupil.values()]) l.sort((a, b) => a.priority - b.priority);
  return { byCell, byPupil };
}
