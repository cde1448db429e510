import type { Judgement, Snapshot, TrackingDataset, YearGroup } from '../schema/dataset.js';

/** Which part of the data to load: a whole school, a year group or a class. Empty loads everything the user may see. */
export interface Scope {
  readonly schoolId?: string;
  readonly yearGroup?: YearGroup;
  readonly classId?: string;
}

/** A judgement as a teacher records it; the store fills `recordedAt` when absent. */
export type JudgementInput = Omit<Judgement, 'recordedAt'> & { readonly recordedAt?: string };

/** What changed in the store, sent to subscribers. */
export type TrackingChange =
  | { readonly type: 'judgement'; readonly judgement: Judgement }
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot };

/** Called with each change made through the store. */
export type ChangeListener = (change: TrackingChange) => void;

/**
 * The seam between OnTrack and a host's data. Every value that crosses it is
 * validated with the dataset schemas; failures reject with `OnTrackError`s.
 */
export interface TrackingAdapter {
  /** The dataset for a scope. */
  load(scope?: Scope): Promise<TrackingDataset>;
  /** Stores one judgement and resolves with it as stored; the host may reject it. */
  recordJudgement(judgement: JudgementInput): Promise<Judgement>;
  /** Listens for changes made anywhere; returns the function that stops listening. */
  subscribe(listener: ChangeListener): () => void;
}
