import { ConflictError, NotFoundError } from '../errors.js';
import { todayUtc } from '../calendar/as-of.js';
import { cellKey } from '../engine/live-status.js';
import type { IsoDate, Snapshot, TrackingDataset } from '../schema/dataset.js';
import { parseDataset } from '../schema/parse.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { checkJudgements, freezeSnapshot, newEditId, type StorePolicy } from './store-rules.js';
import type { ChangeListener, CompleteTrackingAdapter, JudgementInput, Scope, StoredJudgement } from './tracking-adapter.js';

/** Options for the in-memory adapter. */
export interface MemoryAdapterOptions {
  /** Levels a judgement may hold, and how snapshots freeze, come from this policy (the default policy when absent). */
  readonly policy?: StorePolicy;
  /** The clock used to stamp judgements recorded without `recordedAt`, and the default snapshot date. */
  readonly now?: () => Date;
}

function inScope(scope: Scope, pupil: TrackingDataset['pupils'][number]): boolean {
  return (
    (scope.schoolId === undefined || pupil.schoolId === undefined || pupil.schoolId === scope.schoolId) &&
    (scope.yearGroup === undefined || pupil.yearGroup === scope.yearGroup) &&
    (scope.classId === undefined || pupil.classId === scope.classId)
  );
}

/** Restricts a dataset to the pupils of a scope (their judgements, assessments and snapshot entries). */
export function scopeDataset(store: TrackingDataset, scope: Scope): TrackingDataset {
  const visible = store.pupils.filter((p) => inScope(scope, p));
  if (visible.length === 0 && (scope.classId !== undefined || scope.yearGroup !== undefined || scope.schoolId !== undefined)) {
    throw new NotFoundError(`No pupils in scope ${JSON.stringify(scope)}`);
  }
  const ids = new Set(visible.map((p) => p.id));
  return {
    ...store,
    pupils: visible,
    judgements: store.judgements.filter((j) => ids.has(j.pupilId)),
    assessments: store.assessments.filter((a) => ids.has(a.pupilId)),
    snapshots: store.snapshots.map((s) => ({ ...s, statuses: s.statuses.filter((e) => ids.has(e.pupilId)) })),
  };
}

/**
 * A `TrackingAdapter` over a dataset held in memory: the embedded default for
 * demos, stories and tests. It behaves like a real store: history is
 * append-only, each pupil × subject has a version (its number of judgements)
 * checked when a write names `expectedVersion`, an edit id is written once
 * however often it is sent, bulk writes are all or nothing, and a snapshot is
 * taken once and never changed. `load` returns copies, so callers can never
 * change the store by accident.
 * @example const adapter = createMemoryAdapter(generateSchool({ seed: 1, pupils: 30 }));
 */
export function createMemoryAdapter(dataset: unknown, options: MemoryAdapterOptions = {}): CompleteTrackingAdapter {
  const store = parseDataset(structuredClone(dataset), 'memory adapter seed');
  const policy = options.policy ?? defaultPolicy;
  const levels = new Set(policy.levels.map((l) => l.id));
  const pupils = new Set(store.pupils.map((p) => p.id));
  const subjects = new Set(store.subjects.map((s) => s.id));
  const listeners = new Set<ChangeListener>();
  const now = options.now ?? ((): Date => new Date());
  const versions = new Map<string, number>();
  const byId = new Map<string, StoredJudgement>();
  // Seed judgements get ids and versions in file order, as if recorded one by one.
  store.judgements = store.judgements.map((j) => {
    const key = cellKey(j.pupilId, j.subjectId);
    const version = (versions.get(key) ?? 0) + 1;
    versions.set(key, version);
    const id = typeof j['id'] === 'string' ? j['id'] : newEditId();
    const stored: StoredJudgement = { ...j, id, version };
    byId.set(id, stored);
    return stored;
  });

  function emit(change: Parameters<ChangeListener>[0]): void {
    for (const listener of listeners) listener(structuredClone(change));
  }

  function write(inputs: readonly JudgementInput[], single: boolean): StoredJudgement[] {
    const checked = checkJudgements(inputs, { hasPupil: (id) => pupils.has(id), hasSubject: (id) => subjects.has(id), levels }, now, single ? 'judgement' : 'judgements', single);
    // All checks first, then all writes: a bulk write is all or nothing.
    // Versions this batch would reach, over the stored ones (no copy of every cell's version per write).
    const planned = new Map<string, number>();
    const out: { readonly judgement: StoredJudgement; readonly fresh: boolean }[] = [];
    const batchIds = new Set<string>();
    for (const { judgement, expectedVersion } of checked) {
      const existing = byId.get(judgement.id);
      if (existing) {
        out.push({ judgement: existing, fresh: false });
        continue;
      }
      if (batchIds.has(judgement.id)) throw new ConflictError(`Edit id "${judgement.id}" appears twice in one batch`);
      batchIds.add(judgement.id);
      const key = cellKey(judgement.pupilId, judgement.subjectId);
      const current = planned.get(key) ?? versions.get(key) ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== current) {
        const latest = [...byId.values()].filter((j) => j.pupilId === judgement.pupilId && j.subjectId === judgement.subjectId && j.version === current)[0];
        throw new ConflictError(
          `${judgement.pupilId} × ${judgement.subjectId} is at version ${current}, not ${expectedVersion}: someone else changed it`,
          { version: current, judgement: latest ? structuredClone(latest) : null },
        );
      }
      planned.set(key, current + 1);
      out.push({ judgement: { ...judgement, version: current + 1 }, fresh: true });
    }
    const stored: StoredJudgement[] = [];
    for (const { judgement: j, fresh } of out) {
      if (fresh) {
        store.judgements.push(j);
        byId.set(j.id, j);
        versions.set(cellKey(j.pupilId, j.subjectId), j.version);
        emit({ type: 'judgement', judgement: j });
        stored.push(structuredClone(j));
      } else stored.push(structuredClone(j));
    }
    return stored;
  }

  function attempt<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  return {
    load(scope: Scope = {}): Promise<TrackingDataset> {
      return attempt(() => structuredClone(scopeDataset(store, scope)));
    },

    recordJudgement(input: JudgementInput): Promise<StoredJudgement> {
      return attempt(() => write([input], true)[0] as StoredJudgement);
    },

    recordJudgements(inputs: readonly JudgementInput[]): Promise<StoredJudgement[]> {
      return attempt(() => write(inputs, false));
    },

    takeSnapshot(halfTermId: string, date?: IsoDate): Promise<Snapshot> {
      return attempt(() => {
        const existing = store.snapshots.find((s) => s.halfTermId === halfTermId);
        if (existing) throw new ConflictError(`The ${halfTermId} snapshot was taken on ${existing.takenOn}; a snapshot never changes`, structuredClone(existing));
        const snapshot = freezeSnapshot(store, policy, halfTermId, date ?? todayUtc(now()));
        store.snapshots.push(snapshot);
        emit({ type: 'snapshot', snapshot });
        return structuredClone(snapshot);
      });
    },

    subscribe(listener: ChangeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
