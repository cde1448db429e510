import {
  cellKey, concernLevels, latestJudgements, liveStatuses, orderedLevels, summarize, trackedSubjects, type Intervention, type Judgement, type Pupil,
  type PupilGroup, type StatusEntry, type Summary, type TrackingDataset, type TrackingPolicy,
} from '@ontrack/rules';

/** One pupil's row: the pupil and one live status per tracked subject (in column order). */
export interface GridRow {
  readonly pupil: Pupil;
  /** "Given Family", as shown and searched. */
  readonly name: string;
  /** Confirmed statuses; replaced in place when an edit is stored. */
  readonly cells: StatusEntry[];
}

/** Everything the grid shows, built once per dataset, policy and date. */
export interface GridModel {
  readonly subjects: readonly { readonly id: string; readonly name: string }[];
  readonly rows: readonly GridRow[];
  readonly classes: readonly string[];
  readonly concern: ReadonlySet<string>;
  /** Level id → rank, for sorting by a subject's status. */
  readonly rank: ReadonlyMap<string, number>;
  /** The note of each cell's live judgement, by `cellKey`; updated in place by edits. */
  readonly notes: Map<string, string>;
}

/** Builds the rows from a dataset (plus judgements recorded locally) as of `date`. */
export function buildModel(dataset: TrackingDataset, policy: TrackingPolicy, date: string, local: readonly Judgement[] = []): GridModel {
  const ids = trackedSubjects(dataset, policy);
  const names = new Map(dataset.subjects.map((s) => [s.id, s.name]));
  const data = local.length > 0 ? { ...dataset, judgements: [...dataset.judgements, ...local] } : dataset;
  const statuses = liveStatuses(data, policy, date);
  const n = ids.length;
  const rows = dataset.pupils.map((pupil, i) => ({
    pupil,
    name: `${pupil.givenName} ${pupil.familyName}`.trim(),
    cells: statuses.slice(i * n, i * n + n),
  }));
  const classes = [...new Set(dataset.pupils.map((p) => p.classId))].sort();
  const rank = new Map(orderedLevels(policy).map((l) => [l.id, l.rank]));
  const notes = new Map<string, string>();
  for (const [key, j] of latestJudgements(data.judgements, date)) if (j.note) notes.set(key, j.note);
  return { subjects: ids.map((id) => ({ id, name: names.get(id) ?? id })), rows, classes, concern: new Set(concernLevels(policy)), rank, notes };
}

/** Whether a pupil belongs to a policy group (every `where` key matches; `range` bounds, min inclusive, max exclusive). */
export function inGroup(pupil: Pupil, group: PupilGroup): boolean {
  const attrs = pupil.attributes as Readonly<Record<string, unknown>>;
  const value = (key: string): unknown => (key in attrs ? attrs[key] : (pupil as unknown as Readonly<Record<string, unknown>>)[key]);
  for (const [key, want] of Object.entries(group.where ?? {})) {
    const have = value(key);
    if (Array.isArray(want) ? !want.some((w) => w === have) : want !== have) return false;
  }
  if (group.range) {
    const v = value(group.range.attribute);
    if (typeof v !== 'number') return false;
    if (group.range.min !== undefined && v < group.range.min) return false;
    if (group.range.max !== undefined && v >= group.range.max) return false;
  }
  return true;
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
}

/** How to order the rows: by name, by number of concerns (most first), or by a subject's status (lowest first). */
export type GridSort = 'name' | 'concerns' | `subject:${string}`;

/** The cell status a row shows for a column, an edit in flight winning over the stored one. */
export type StatusOf = (row: GridRow, col: number) => StatusEntry;

/** Counts the concern cells of a row. */
export function concernCount(model: GridModel, row: GridRow, statusOf: StatusOf): number {
  let n = 0;
  for (let c = 0; c < row.cells.length; c++) {
    const s = statusOf(row, c).status;
    if (s !== null && model.concern.has(s)) n++;
  }
  return n;
}

/** The rows that pass the filter, in the requested order. */
export function viewRows(model: GridModel, filter: GridFilter, sort: GridSort, descending: boolean, statusOf: StatusOf): GridRow[] {
  const needle = (filter.search ?? '').trim().toLocaleLowerCase();
  const out = model.rows.filter((row) => {
    if (needle && !row.name.toLocaleLowerCase().includes(needle)) return false;
    if (filter.classId && row.pupil.classId !== filter.classId) return false;
    if (filter.group && !inGroup(row.pupil, filter.group)) return false;
    if (filter.level || filter.onlyConcerns || filter.onlyDefaults) {
      let level = !filter.level;
      let concern = !filter.onlyConcerns;
      let unreviewed = !filter.onlyDefaults;
      for (let c = 0; c < row.cells.length; c++) {
        const s = statusOf(row, c);
        if (s.status === filter.level) level = true;
        if (s.status !== null && model.concern.has(s.status)) concern = true;
        if (s.source === 'default') unreviewed = true;
      }
      if (!level || !concern || !unreviewed) return false;
    }
    return true;
  });
  const byName = (a: GridRow, b: GridRow): number =>
    a.pupil.familyName.localeCompare(b.pupil.familyName) || a.pupil.givenName.localeCompare(b.pupil.givenName) || a.pupil.id.localeCompare(b.pupil.id);
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

/** Per subject (column order), the summary of the shown rows; then the summary over all subjects. */
export function summaries(model: GridModel, rows: readonly GridRow[], policy: TrackingPolicy, statusOf: StatusOf): { readonly columns: Summary[]; readonly all: Summary } {
  const columns: Summary[] = [];
  const every: Pick<StatusEntry, 'status'>[] = [];
  for (let c = 0; c < model.subjects.length; c++) {
    const col = rows.map((r) => statusOf(r, c));
    every.push(...col);
    columns.push(summarize(col, policy));
  }
  return { columns, all: summarize(every, policy) };
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
