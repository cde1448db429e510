import {
  breakdownFromTally, cellKey, cohortPupils, endOfDay, groupGapFrom, liveFrom, tallyCohort, trackedSubjects, trend,
  type Breakdown, type CohortFilter, type Gap, type Judgement, type LevelId, type StatusEntry, type TrackingDataset, type TrackingPolicy,
  type TrendSeries,
} from '@ontrack/rules';

// The provider publishes one dataset object per change, and every gauge, chart
// and grid on the page reads that same object. This module computes what they
// share once per change, not once per element — and, when the provider says a
// dataset is its previous one plus a few judgements (`withJudgements`), it
// updates the previous results cell by cell instead of starting again: a
// 50,000-pupil trust has 600,000 live statuses, an edit changes one.

/** How a dataset was made: an earlier one (held weakly) plus judgements appended in order. */
interface Derivation {
  readonly parent: WeakRef<TrackingDataset>;
  readonly appended: readonly Judgement[];
}

/** One status that changed between a store and the store it was derived from. */
interface Change {
  readonly index: number;
  readonly before: StatusEntry;
  readonly after: StatusEntry;
}

/** The live statuses of one dataset under one policy at one date, with what is needed to update them. */
interface Store {
  readonly policy: TrackingPolicy;
  readonly date: string;
  readonly statuses: readonly StatusEntry[];
  /** Time (ms) of the judgement behind each recorded status; -Infinity for default and untracked ones. */
  readonly at: Float64Array;
  /** Cell key → index in `statuses`; the same map along a derivation (pupils and subjects do not change). */
  readonly index: ReadonlyMap<string, number>;
  /** The dataset this store was updated from, and the statuses that changed since; none when computed afresh. */
  readonly base?: WeakRef<TrackingDataset>;
  readonly changes: readonly Change[];
}

/** One cohort's counts, kept up to date along a derivation. */
interface Tally {
  readonly counts: Record<LevelId, number>;
  total: number;
  untracked: number;
  readonly pupils: number;
  /** The cohort's pupils; the subject filter, if any. */
  readonly members: ReadonlySet<string>;
  readonly subjectId: string | undefined;
  readonly breakdown: Breakdown;
}

const derivations = new WeakMap<TrackingDataset, Derivation>();
const stores = new WeakMap<TrackingDataset, Store>();
const tallies = new WeakMap<TrackingDataset, { readonly policy: TrackingPolicy; readonly date: string; readonly byFilter: Map<string, Tally> }>();
const pasts = new WeakMap<object, { readonly of: readonly object[]; readonly policy: TrackingPolicy; readonly date: string; readonly byFilter: Map<string, TrendSeries> }>();

/** For the benchmark's side-by-side: `false` recomputes everything on every change, as before incremental updates. */
let incremental = true;

/**
 * Benchmarks only (not exported by the package): switches incremental updates
 * off, so the same page can be timed with and without them.
 * @internal
 */
export function setIncrementalUpdates(on: boolean): void {
  incremental = on;
}

/**
 * `parent` with `appended` judgements added at the end — a new dataset object,
 * as the provider publishes after an edit — remembered as derived from
 * `parent`, so the live statuses and breakdowns of the new one are updated
 * from the old one's rather than computed again.
 */
export function withJudgements(parent: TrackingDataset, appended: readonly Judgement[]): TrackingDataset {
  const child: TrackingDataset = { ...parent, judgements: [...parent.judgements, ...appended] };
  derivations.set(child, { parent: new WeakRef(parent), appended });
  return child;
}

/**
 * Walks up the derivation of `dataset` to the nearest ancestor that `stop`
 * accepts; that ancestor and the judgements appended since (in order), or
 * undefined when there is none (or it was collected).
 */
function ancestor(dataset: TrackingDataset, stop: (d: TrackingDataset) => boolean): { base: TrackingDataset; appended: Judgement[] } | undefined {
  const lists: (readonly Judgement[])[] = [];
  let current = dataset;
  while (!stop(current)) {
    const link = derivations.get(current);
    const parent = link?.parent.deref();
    if (!link || !parent) return undefined;
    lists.push(link.appended);
    current = parent;
  }
  return { base: current, appended: lists.reverse().flat() };
}

/**
 * The judgements appended to `from` (in order) to make `dataset` along
 * `withJudgements`; undefined when `dataset` was not derived from it.
 */
export function appendedSince(dataset: TrackingDataset, from: TrackingDataset): Judgement[] | undefined {
  return ancestor(dataset, (d) => d === from)?.appended;
}

/** The nearest strict ancestor with a store for this policy and date, and the judgements appended since (in order). */
function ancestorStore(dataset: TrackingDataset, policy: TrackingPolicy, date: string): { base: TrackingDataset; store: Store; appended: Judgement[] } | undefined {
  const has = (d: TrackingDataset): Store | undefined => {
    const store = stores.get(d);
    return store?.policy === policy && store.date === date ? store : undefined;
  };
  const found = ancestor(dataset, (d) => d !== dataset && has(d) !== undefined);
  const store = found && has(found.base);
  return found && store ? { ...found, store } : undefined;
}

function freshStore(dataset: TrackingDataset, policy: TrackingPolicy, date: string): Store {
  const subjects = trackedSubjects(dataset, policy);
  const cells = dataset.pupils.length * subjects.length;
  const index = new Map<string, number>();
  const statuses: StatusEntry[] = new Array<StatusEntry>(cells);
  const at = new Float64Array(cells).fill(-Infinity);
  const isLive = date >= liveFrom(dataset, policy);
  let i = 0;
  for (const pupil of dataset.pupils) {
    for (const subjectId of subjects) {
      index.set(cellKey(pupil.id, subjectId), i);
      statuses[i++] = isLive
        ? { pupilId: pupil.id, subjectId, status: policy.defaultLevel, source: 'default' }
        : { pupilId: pupil.id, subjectId, status: null, source: 'untracked' };
    }
  }
  const store: Store = { policy, date, statuses, at, index, changes: [] };
  apply(store, dataset.judgements, statuses, at, undefined);
  return store;
}

/**
 * Folds judgements, in file order, into statuses: the latest as of the end of
 * the date wins, and on a tie the later in the file (as `liveStatuses`).
 */
function apply(store: Pick<Store, 'date' | 'index'>, judgements: readonly Judgement[], statuses: StatusEntry[], at: Float64Array, changes: Change[] | undefined): void {
  const cutOff = endOfDay(store.date);
  for (const j of judgements) {
    const t = Date.parse(j.recordedAt);
    if (t > cutOff) continue;
    const i = store.index.get(cellKey(j.pupilId, j.subjectId));
    if (i === undefined || t < (at[i] ?? -Infinity)) continue;
    const before = statuses[i];
    const after: StatusEntry = { pupilId: j.pupilId, subjectId: j.subjectId, status: j.status, source: 'recorded' };
    statuses[i] = after;
    at[i] = t;
    if (changes && before) changes.push({ index: i, before, after });
  }
}

function storeFor(dataset: TrackingDataset, policy: TrackingPolicy, date: string): Store {
  const hit = stores.get(dataset);
  if (hit?.policy === policy && hit.date === date) return hit;
  const from = incremental ? ancestorStore(dataset, policy, date) : undefined;
  let store: Store;
  if (from) {
    const statuses = from.store.statuses.slice();
    const at = from.store.at.slice();
    const changes: Change[] = [];
    apply(from.store, from.appended, statuses, at, changes);
    store = { policy, date, statuses, at, index: from.store.index, base: new WeakRef(from.base), changes };
  } else {
    store = freshStore(dataset, policy, date);
  }
  stores.set(dataset, store);
  return store;
}

/**
 * `liveStatuses(dataset, policy, date)`, shared by every element showing the
 * same dataset, and updated cell by cell along `withJudgements`. The array is
 * shared, so callers must not change it.
 */
export function sharedLiveStatuses(dataset: TrackingDataset, policy: TrackingPolicy, date: string): readonly StatusEntry[] {
  return storeFor(dataset, policy, date).statuses;
}

function filterKey(filter: CohortFilter): string {
  return JSON.stringify(filter);
}

function freshTally(dataset: TrackingDataset, policy: TrackingPolicy, date: string, filter: CohortFilter, statuses: readonly StatusEntry[]): Tally {
  const members = cohortPupils(dataset, policy, filter);
  const tally = tallyCohort(statuses, dataset, policy, filter, members);
  return { ...tally, counts: { ...tally.counts }, members, subjectId: filter.subjectId, breakdown: breakdownFromTally(tally, dataset, policy, date, filter) };
}

/** A tally moved on by the statuses that changed since it was counted. */
function movedTally(from: Tally, changes: readonly Change[], dataset: TrackingDataset, policy: TrackingPolicy, date: string, filter: CohortFilter): Tally {
  const counts = { ...from.counts };
  let { total, untracked } = from;
  let moved = false;
  for (const { before, after } of changes) {
    if (!from.members.has(after.pupilId) || (from.subjectId !== undefined && after.subjectId !== from.subjectId)) continue;
    moved = true;
    if (before.status === null) untracked--;
    else {
      total--;
      counts[before.status] = (counts[before.status] ?? 0) - 1;
    }
    if (after.status === null) untracked++;
    else {
      total++;
      counts[after.status] = (counts[after.status] ?? 0) + 1;
    }
  }
  if (!moved) return from;
  const tally = { counts, total, untracked, pupils: from.pupils, members: from.members, subjectId: from.subjectId };
  return { ...tally, breakdown: breakdownFromTally(tally, dataset, policy, date, filter) };
}

/**
 * `breakdownFromStatuses(sharedLiveStatuses(…), dataset, policy, date, filter)`,
 * computed once per dataset and filter for every element that asks, and moved
 * on by only the statuses an edit changed along `withJudgements`. Throws as
 * `cohortPupils` does for a group the policy does not define.
 */
export function sharedBreakdown(dataset: TrackingDataset, policy: TrackingPolicy, date: string, filter: CohortFilter = {}): Breakdown {
  const store = storeFor(dataset, policy, date);
  let mine = tallies.get(dataset);
  if (mine?.policy !== policy || mine.date !== date) {
    mine = { policy, date, byFilter: new Map() };
    tallies.set(dataset, mine);
  }
  const key = filterKey(filter);
  const hit = mine.byFilter.get(key);
  if (hit) return hit.breakdown;
  const base = store.base?.deref();
  const baseTallies = base ? tallies.get(base) : undefined;
  const from = incremental && baseTallies?.policy === policy && baseTallies.date === date ? baseTallies.byFilter.get(key) : undefined;
  const tally = from ? movedTally(from, store.changes, dataset, policy, date, filter) : freshTally(dataset, policy, date, filter, store.statuses);
  mine.byFilter.set(key, tally);
  return tally.breakdown;
}

/**
 * `groupGap(sharedLiveStatuses(…), dataset, policy, date, groupId, filter)`
 * from shared breakdowns: the group against the rest of its cohort.
 */
export function sharedGroupGap(dataset: TrackingDataset, policy: TrackingPolicy, date: string, groupId: string, filter: CohortFilter = {}): Gap {
  return groupGapFrom((f) => sharedBreakdown(dataset, policy, date, f), policy, groupId, filter);
}

/**
 * `trend(dataset, policy, filter, { date })` — the breakdowns of the year's
 * snapshots — computed once per snapshot list, pupils, policy, date and filter:
 * an edit appends a judgement and leaves every snapshot as it was.
 */
export function sharedTrend(dataset: TrackingDataset, policy: TrackingPolicy, date: string, filter: CohortFilter = {}): TrendSeries {
  // What a trend reads besides the snapshots; `withJudgements` keeps every one of them.
  const of = [dataset.pupils, dataset.subjects, dataset.calendar];
  let mine = pasts.get(dataset.snapshots);
  if (!incremental || mine?.policy !== policy || mine.date !== date || mine.of.some((o, i) => o !== of[i])) {
    mine = { of, policy, date, byFilter: new Map() };
    pasts.set(dataset.snapshots, mine);
  }
  const key = filterKey(filter);
  let series = mine.byFilter.get(key);
  if (!series) {
    series = trend(dataset, policy, filter, { date });
    mine.byFilter.set(key, series);
  }
  return series;
}
