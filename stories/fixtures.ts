import { createMemoryAdapter, generateSchool, type TrackingAdapter, type TrackingDataset } from '@ontrack/rules';

/** The date every story evaluates at: mid Autumn 2, tracking live. */
export const STORY_DATE = '2026-11-16';
/** Before week 4 of a year that starts 2026-09-01: nothing is tracked yet. */
export const BEFORE_LIVE = '2026-09-14';

/** A class-sized synthetic school, the same every time. */
export const school30: TrackingDataset = generateSchool({ seed: 1, pupils: 30, through: STORY_DATE });

/** The same pupils with no judgements at all: every live status is the default On. */
export const defaultsOnly: TrackingDataset = { ...school30, judgements: [], snapshots: [] };

/** An adapter whose load never settles, to show the loading state. */
export function pendingAdapter(): TrackingAdapter {
  return {
    load: () => new Promise<TrackingDataset>(() => undefined),
    recordJudgement: () => Promise.reject(new Error('read-only story')),
    subscribe: () => () => undefined,
  };
}

/** An adapter whose load fails, to show the error state. */
export function failingAdapter(message = 'The school’s server did not answer (timeout after 10 s).'): TrackingAdapter {
  return {
    load: () => Promise.reject(new Error(message)),
    recordJudgement: () => Promise.reject(new Error(message)),
    subscribe: () => () => undefined,
  };
}

/** An in-memory adapter seeded with the 30-pupil school. */
export function memoryAdapter(): TrackingAdapter {
  return createMemoryAdapter(school30);
}
