import { NotFoundError, ValidationError } from '../errors.js';
import { judgementSchema, type Judgement, type TrackingDataset } from '../schema/dataset.js';
import { parseDataset, parseWith } from '../schema/parse.js';
import type { TrackingPolicy } from '../schema/policy.js';
import { defaultPolicy } from '../policy/default-policy.js';
import type { ChangeListener, JudgementInput, Scope, TrackingAdapter } from './tracking-adapter.js';

/** Options for the in-memory adapter. */
export interface MemoryAdapterOptions {
  /** Levels a judgement may hold come from this policy (the default policy when absent). */
  readonly policy?: Pick<TrackingPolicy, 'levels'>;
  /** The clock used to stamp judgements recorded without `recordedAt`. */
  readonly now?: () => Date;
}

function inScope(scope: Scope, pupil: TrackingDataset['pupils'][number]): boolean {
  return (
    (scope.schoolId === undefined || pupil.schoolId === undefined || pupil.schoolId === scope.schoolId) &&
    (scope.yearGroup === undefined || pupil.yearGroup === scope.yearGroup) &&
    (scope.classId === undefined || pupil.classId === scope.classId)
  );
}

/**
 * A `TrackingAdapter` over a dataset held in memory: the embedded default for
 * demos, stories and tests. History is append-only; `load` returns copies, so
 * callers can never change the store by accident.
 * @example const adapter = createMemoryAdapter(generateSchool({ seed: 1, pupils: 30 }));
 */
export function createMemoryAdapter(dataset: unknown, options: MemoryAdapterOptions = {}): TrackingAdapter {
  const store = parseDataset(structuredClone(dataset), 'memory adapter seed');
  const levels = new Set((options.policy ?? defaultPolicy).levels.map((l) => l.id));
  const pupils = new Map(store.pupils.map((p) => [p.id, p]));
  const subjects = new Set(store.subjects.map((s) => s.id));
  const listeners = new Set<ChangeListener>();
  const now = options.now ?? ((): Date => new Date());

  return {
    load(scope: Scope = {}): Promise<TrackingDataset> {
      const visible = store.pupils.filter((p) => inScope(scope, p));
      if (visible.length === 0 && (scope.classId !== undefined || scope.yearGroup !== undefined || scope.schoolId !== undefined)) {
        return Promise.reject(new NotFoundError(`No pupils in scope ${JSON.stringify(scope)}`));
      }
      const ids = new Set(visible.map((p) => p.id));
      return Promise.resolve(
        structuredClone({
          ...store,
          pupils: visible,
          judgements: store.judgements.filter((j) => ids.has(j.pupilId)),
          assessments: store.assessments.filter((a) => ids.has(a.pupilId)),
          snapshots: store.snapshots.map((s) => ({ ...s, statuses: s.statuses.filter((e) => ids.has(e.pupilId)) })),
        }),
      );
    },

    recordJudgement(input: JudgementInput): Promise<Judgement> {
      try {
        const candidate: unknown = { ...input, recordedAt: input.recordedAt ?? now().toISOString() };
        const judgement = parseWith(judgementSchema, candidate, 'judgement');
        const issues = [];
        if (!pupils.has(judgement.pupilId)) issues.push({ path: ['pupilId'], code: 'unknown-pupil', message: `unknown pupil "${judgement.pupilId}"` });
        if (!subjects.has(judgement.subjectId)) issues.push({ path: ['subjectId'], code: 'unknown-subject', message: `unknown subject "${judgement.subjectId}"` });
        if (!levels.has(judgement.status)) issues.push({ path: ['status'], code: 'unknown-level', message: `unknown level "${judgement.status}"` });
        if (issues.length > 0) throw new ValidationError('judgement', issues);
        store.judgements.push(judgement);
        const copy = structuredClone(judgement);
        for (const listener of listeners) listener({ type: 'judgement', judgement: structuredClone(copy) });
        return Promise.resolve(copy);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },

    subscribe(listener: ChangeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
