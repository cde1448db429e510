import {
  createMemoryAdapter, defaultPolicy, evaluate, generateSchool, type Intervention, type TrackingAdapter, type TrackingDataset, type TrackingPolicy,
} from '@ontrack/rules';

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

// ---- Status grid (grid) -------------------------------------------------------

/** An in-memory adapter whose clock is the story date, so what a teacher records is live at that date. */
export function storyAdapter(data: TrackingDataset = school30): TrackingAdapter {
  return createMemoryAdapter(data, { now: () => new Date(`${STORY_DATE}T12:00:00Z`) });
}

/** An adapter that loads the school but never settles a write: every edit stays pending. */
export function stalledWriteAdapter(): TrackingAdapter {
  const inner = storyAdapter();
  return { load: (s) => inner.load(s), subscribe: (l) => inner.subscribe(l), recordJudgement: () => new Promise<never>(() => undefined) };
}

/** An adapter that loads the school but refuses every write, as a locked term would. */
export function refusingAdapter(reason = 'assessment window closed for Autumn 2'): TrackingAdapter {
  const inner = storyAdapter();
  return { load: (s) => inner.load(s), subscribe: (l) => inner.subscribe(l), recordJudgement: () => Promise.reject(new Error(reason)) };
}

let big: TrackingDataset | undefined;
/** A 2,000-pupil school (built on first use). */
export function school2000(): TrackingDataset {
  big ??= generateSchool({ seed: 2000, pupils: 2000, through: STORY_DATE });
  return big;
}

/** A five-level grade set, England primary style. */
export const fiveLevelPolicy: TrackingPolicy = {
  ...defaultPolicy,
  id: 'five-levels',
  name: 'Five levels',
  levels: [
    { id: 'wt', label: 'Working towards', short: 'Working towards', rank: 0, concern: true },
    { id: 'em', label: 'Emerging', rank: 1 },
    { id: 'ex', label: 'Expected', rank: 2 },
    { id: 'gd', label: 'Greater depth', rank: 3, challenge: true },
    { id: 'hn', label: 'Exceptional', short: 'Exceptional', rank: 4, challenge: true },
  ],
  defaultLevel: 'ex',
};

/** The 30-pupil school's judgements mapped onto the five-level set. */
export const fiveLevelSchool: TrackingDataset = {
  ...school30,
  judgements: school30.judgements.map((j, i) => ({ ...j, status: j.status === 'below' ? (i % 2 ? 'wt' : 'em') : j.status === 'above' ? (i % 3 ? 'gd' : 'hn') : 'ex' })),
  snapshots: [],
};

/** The interventions the engine finds in a school at the story date (every default rule). */
export function sampleInterventions(data: TrackingDataset = school30): readonly Intervention[] {
  return evaluate(data, defaultPolicy, { date: STORY_DATE }).interventions;
}
