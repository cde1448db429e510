import { type Issue, NotFoundError, ValidationError } from '../errors.js';
import { takeSnapshot } from '../snapshot/take-snapshot.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { judgementSchema, type IsoDate, type Judgement, type Snapshot, type TrackingDataset } from '../schema/dataset.js';
import { issuesFromZod } from '../schema/parse.js';
import type { TrackingPolicy } from '../schema/policy.js';

/** The parts of a policy a store needs: the levels a judgement may hold, and what a snapshot freezes. */
export type StorePolicy = Pick<TrackingPolicy, 'levels'> & Partial<Pick<TrackingPolicy, 'liveFromWeek' | 'defaultLevel' | 'subjects'>>;

/** What a store knows when it checks a judgement. */
export interface JudgementContext {
  readonly hasPupil: (id: string) => boolean;
  readonly hasSubject: (id: string) => boolean;
  readonly levels: ReadonlySet<string>;
}

/** A checked judgement ready to store, with its edit id and the version it expects (if any). */
export interface CheckedJudgement {
  readonly judgement: Judgement & { readonly id: string };
  readonly expectedVersion: number | undefined;
}

/** A fresh client-side edit id (a UUID). */
export function newEditId(): string {
  const c = globalThis.crypto;
  // randomUUID exists only in secure contexts (https, localhost); a portal served
  // over plain http on a school's intranet still has getRandomValues.
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Checks judgements before a store writes them: shape (with the zod schema),
 * known pupil, subject and level. Throws one `ValidationError` naming every
 * problem; with several inputs the paths start with the input's index.
 */
export function checkJudgements(
  inputs: readonly unknown[],
  context: JudgementContext,
  now: () => Date,
  source = 'judgement',
  single = inputs.length === 1,
): CheckedJudgement[] {
  const issues: Issue[] = [];
  const out: CheckedJudgement[] = [];
  inputs.forEach((raw, index) => {
    const at = (path: readonly (string | number)[]): (string | number)[] => (single ? [...path] : [index, ...path]);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      issues.push({ path: at([]), code: 'invalid_type', message: 'must be an object' });
      return;
    }
    const { expectedVersion, id, ...rest } = raw as Record<string, unknown>;
    const candidate = { ...rest, recordedAt: rest['recordedAt'] ?? now().toISOString() };
    delete (candidate as Record<string, unknown>)['version'];
    const parsed = judgementSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of issuesFromZod(parsed.error)) issues.push({ ...issue, path: at(issue.path) });
      return;
    }
    const j = parsed.data;
    if (!context.hasPupil(j.pupilId)) issues.push({ path: at(['pupilId']), code: 'unknown-pupil', message: `unknown pupil "${j.pupilId}"` });
    if (!context.hasSubject(j.subjectId)) issues.push({ path: at(['subjectId']), code: 'unknown-subject', message: `unknown subject "${j.subjectId}"` });
    if (!context.levels.has(j.status)) issues.push({ path: at(['status']), code: 'unknown-level', message: `unknown level "${j.status}"` });
    if (id !== undefined && (typeof id !== 'string' || !/^[\w.:-]{1,100}$/.test(id))) {
      issues.push({ path: at(['id']), code: 'invalid-id', message: 'must be an edit id of letters, digits, "-", "_", ".", ":" (at most 100)' });
    }
    if (expectedVersion !== undefined && (typeof expectedVersion !== 'number' || !Number.isInteger(expectedVersion) || expectedVersion < 0)) {
      issues.push({ path: at(['expectedVersion']), code: 'invalid-version', message: 'must be a whole number, 0 or more' });
    }
    out.push({ judgement: { ...j, id: typeof id === 'string' ? id : newEditId() }, expectedVersion: expectedVersion as number | undefined });
  });
  if (issues.length > 0) throw new ValidationError(source, issues);
  return out;
}

/**
 * The half-term's snapshot: the live statuses of every pupil × tracked subject
 * as of the end of `date`. Pure; storing it (once) is the store's job.
 */
export function freezeSnapshot(
  dataset: Pick<TrackingDataset, 'calendar' | 'subjects' | 'pupils' | 'judgements'>,
  policy: StorePolicy,
  halfTermId: string,
  date: IsoDate,
): Snapshot {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
    throw new ValidationError('snapshot', [{ path: ['date'], code: 'invalid-date', message: 'must be a date written YYYY-MM-DD' }]);
  }
  // The snapshot engine's own freeze; the store (not the dataset) decides whether one was already taken.
  const frozen = takeSnapshot({ ...(dataset as TrackingDataset), snapshots: [] }, { ...defaultPolicy, ...policy }, halfTermId, date).snapshots[0];
  if (!frozen) throw new NotFoundError(`No snapshot could be taken for "${halfTermId}"`);
  return frozen;
}
