import type { LevelId, StatusEntry } from '../schema/dataset.js';
import type { TrackingPolicy } from '../schema/policy.js';
import type { Summary } from '../schema/result.js';
import { orderedLevels } from '../policy/levels.js';

/** Rounds to one decimal place, the precision every percentage is given in. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * Counts of each level and their percentages of the statuses that are not
 * untracked (rounded to one decimal). `total` counts the tracked statuses;
 * `untracked` the rest. Every policy level appears, with 0 when absent.
 */
export function summarize(statuses: readonly Pick<StatusEntry, 'status'>[], policy: Pick<TrackingPolicy, 'levels'>): Summary {
  const counts: Record<LevelId, number> = {};
  for (const level of orderedLevels(policy)) counts[level.id] = 0;
  let total = 0;
  let untracked = 0;
  for (const s of statuses) {
    if (s.status === null) {
      untracked++;
      continue;
    }
    total++;
    counts[s.status] = (counts[s.status] ?? 0) + 1;
  }
  const percent: Record<LevelId, number> = {};
  for (const [id, n] of Object.entries(counts)) percent[id] = total === 0 ? 0 : round1((100 * n) / total);
  return { total, untracked, counts, percent };
}
