import { ConflictError, NotFoundError } from '../errors.js';
import { liveStatuses } from '../engine/live-status.js';
import type { IsoDate, TrackingDataset } from '../schema/dataset.js';
import type { TrackingPolicy } from '../schema/policy.js';

/**
 * Freezes the live statuses as of the end of `date` (UTC) into a snapshot for
 * a half-term, returning a new dataset with it added; the input is never
 * changed. A snapshot once taken is never rewritten: throws `ConflictError`
 * (with the stored snapshot as `current`) when the half-term already has one,
 * and `NotFoundError` for a half-term the calendar does not hold.
 * @example const next = takeSnapshot(dataset, policy, 'aut1', '2026-10-23');
 */
export function takeSnapshot(
  dataset: TrackingDataset,
  policy: Pick<TrackingPolicy, 'liveFromWeek' | 'defaultLevel' | 'subjects'>,
  halfTermId: string,
  date: IsoDate,
): TrackingDataset {
  if (!dataset.calendar.halfTerms.some((ht) => ht.id === halfTermId)) {
    throw new NotFoundError(`unknown half-term "${halfTermId}"; the calendar has ${dataset.calendar.halfTerms.map((ht) => ht.id).join(', ') || 'none'}`);
  }
  const existing = dataset.snapshots.find((s) => s.halfTermId === halfTermId);
  if (existing) throw new ConflictError(`half-term "${halfTermId}" already has a snapshot (taken on ${existing.takenOn}); a snapshot is never rewritten`, existing);
  const snapshot = { halfTermId, takenOn: date, statuses: liveStatuses(dataset, policy, date) };
  return { ...dataset, snapshots: [...dataset.snapshots, snapshot] };
}
