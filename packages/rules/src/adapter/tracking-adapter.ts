import type { IsoDate, Judgement, Snapshot, TrackingDataset, YearGroup } from '../schema/dataset.js';

/** Which part of the data to load: a whole school, a year group or a class. Empty loads everything the user may see. */
export interface Scope {
  readonly schoolId?: string;
  readonly yearGroup?: YearGroup;
  readonly classId?: string;
}

/**
 * A judgement as a teacher records it; the store fills `recordedAt` when absent.
 * `id` is a client-generated edit id: a store keeps one judgement per id, so
 * sending the same edit twice never writes it twice. `expectedVersion` asks for
 * optimistic concurrency: the write fails with a `ConflictError` unless the
 * pupil × subject is still at that version (its number of stored judgements).
 */
export interface JudgementInput {
  readonly pupilId: string;
  readonly subjectId: string;
  readonly status: string;
  readonly recordedBy: string;
  readonly note?: string;
  readonly recordedAt?: string;
  readonly id?: string;
  readonly expectedVersion?: number;
  /** Extra fields a host keeps are passed through. */
  readonly [extra: string]: unknown;
}

/**
 * A judgement as a store keeps it: `id` (the edit id) and `version` (the
 * pupil × subject's version after this write, counting from 1) are always set.
 */
export type StoredJudgement = Judgement & { readonly id: string; readonly version: number };

/** What changed in the store, sent to subscribers. */
export type TrackingChange =
  | { readonly type: 'judgement'; readonly judgement: Judgement }
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot };

/** Called with each change made through the store. */
export type ChangeListener = (change: TrackingChange) => void;

/**
 * The seam between OnTrack and a host's data. Every value that crosses it is
 * validated with the dataset schemas; failures reject with `OnTrackError`s
 * (`ValidationError`, `ConflictError`, `NotFoundError`, `NetworkError`,
 * `PermissionError`).
 *
 * `recordJudgements` and `takeSnapshot` are optional so that read-only hosts
 * (and adapters written before they existed) still type-check; every
 * reference adapter implements them (see `CompleteTrackingAdapter`).
 */
export interface TrackingAdapter {
  /** The dataset for a scope. */
  load(scope?: Scope): Promise<TrackingDataset>;
  /** Stores one judgement and resolves with it as stored; the host may reject it. */
  recordJudgement(judgement: JudgementInput): Promise<Judgement>;
  /** Stores many judgements at once, all or nothing, resolving with them as stored, in order. */
  recordJudgements?(judgements: readonly JudgementInput[]): Promise<Judgement[]>;
  /**
   * Freezes the live statuses as of `date` (today when absent) into the
   * half-term's snapshot. A snapshot once taken never changes: taking it again
   * rejects with a `ConflictError` whose `current` is the existing snapshot.
   */
  takeSnapshot?(halfTermId: string, date?: IsoDate): Promise<Snapshot>;
  /** Listens for changes made anywhere; returns the function that stops listening. */
  subscribe(listener: ChangeListener): () => void;
}

/** A `TrackingAdapter` that implements every operation, as the reference adapters do. */
export interface CompleteTrackingAdapter extends TrackingAdapter {
  recordJudgement(judgement: JudgementInput): Promise<StoredJudgement>;
  recordJudgements(judgements: readonly JudgementInput[]): Promise<StoredJudgement[]>;
  takeSnapshot(halfTermId: string, date?: IsoDate): Promise<Snapshot>;
}
