import type { LevelId } from '../schema/dataset.js';
import type { Level, TrackingPolicy } from '../schema/policy.js';

/** The policy's levels ordered by rank, lowest (furthest behind) first. */
export function orderedLevels(policy: Pick<TrackingPolicy, 'levels'>): readonly Level[] {
  return [...policy.levels].sort((a, b) => a.rank - b.rank);
}

/** A lookup from level id to level. */
export function levelIndex(policy: Pick<TrackingPolicy, 'levels'>): ReadonlyMap<LevelId, Level> {
  return new Map(policy.levels.map((l) => [l.id, l]));
}

/** Ids of the levels that trigger support. */
export function concernLevels(policy: Pick<TrackingPolicy, 'levels'>): LevelId[] {
  return orderedLevels(policy).filter((l) => l.concern === true).map((l) => l.id);
}

/** Ids of the levels that call for stretch. */
export function challengeLevels(policy: Pick<TrackingPolicy, 'levels'>): LevelId[] {
  return orderedLevels(policy).filter((l) => l.challenge === true).map((l) => l.id);
}
