import { liveStatuses, type StatusEntry, type TrackingDataset, type TrackingPolicy } from '@ontrack/rules';

interface Cached {
  readonly policy: TrackingPolicy;
  readonly date: string;
  readonly statuses: readonly StatusEntry[];
}

// The provider publishes one dataset object per change; every gauge and chart
// on the page reads the same one. Keyed by that object, the whole school's
// live statuses are computed once per change, not once per element.
const cache = new WeakMap<TrackingDataset, Cached>();

/**
 * `liveStatuses(dataset, policy, date)`, shared by every element showing the
 * same dataset: the last result per dataset is kept until any input changes.
 * The array is shared, so callers must not change it.
 */
export function sharedLiveStatuses(dataset: TrackingDataset, policy: TrackingPolicy, date: string): readonly StatusEntry[] {
  const hit = cache.get(dataset);
  if (hit?.policy === policy && hit.date === date) return hit.statuses;
  const statuses = liveStatuses(dataset, policy, date);
  cache.set(dataset, { policy, date, statuses });
  return statuses;
}
