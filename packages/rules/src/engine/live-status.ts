import { endOfDay } from '../calendar/as-of.js';
import { weekStart } from '../calendar/weeks.js';
import type { IsoDate, Judgement, LevelId, StatusEntry, StatusSource, TrackingDataset } from '../schema/dataset.js';
import type { TrackingPolicy } from '../schema/policy.js';

/** A live status: a level and where it came from, or untracked (null). */
export interface LiveStatus {
  readonly status: LevelId | null;
  readonly source: StatusSource;
}

/** The first day of live tracking: the start of the policy's live week. */
export function liveFrom(dataset: Pick<TrackingDataset, 'calendar'>, policy: Pick<TrackingPolicy, 'liveFromWeek'>): IsoDate {
  return weekStart(dataset.calendar.yearStart, policy.liveFromWeek);
}

/** Ids of the subjects the policy tracks (all of the dataset's when it names none), in dataset order. */
export function trackedSubjects(dataset: Pick<TrackingDataset, 'subjects'>, policy: Pick<TrackingPolicy, 'subjects'>): string[] {
  const ids = dataset.subjects.map((s) => s.id);
  if (!policy.subjects) return ids;
  const wanted = new Set(policy.subjects);
  return ids.filter((id) => wanted.has(id));
}

/**
 * Live status of one pupil × subject at the end of `asOf` (UTC): the latest
 * recorded judgement, else the default level once tracking is live, else untracked.
 * @example liveStatus([], '2026-09-22', '2026-09-22', 'on') // { status: 'on', source: 'default' }
 */
export function liveStatus(js: readonly Judgement[], asOf: IsoDate, liveFromDate: IsoDate, defaultLevel: LevelId): LiveStatus {
  const cutOff = endOfDay(asOf);
  let last: Judgement | undefined;
  let lastAt = -Infinity;
  for (const j of js) {
    const at = Date.parse(j.recordedAt);
    // `>=`: on a tie the later entry in the file wins.
    if (at <= cutOff && at >= lastAt) {
      last = j;
      lastAt = at;
    }
  }
  if (last) return { status: last.status, source: 'recorded' };
  return asOf >= liveFromDate ? { status: defaultLevel, source: 'default' } : { status: null, source: 'untracked' };
}

/** Key of a pupil × subject in maps. */
export function cellKey(pupilId: string, subjectId: string): string {
  return `${pupilId}\u0000${subjectId}`;
}

/**
 * The latest judgement per pupil × subject as of the end of `asOf` (UTC), in
 * one pass over the judgements. Ties go to the later entry in the file.
 */
export function latestJudgements(judgements: readonly Judgement[], asOf: IsoDate): Map<string, Judgement> {
  const cutOff = endOfDay(asOf);
  const latest = new Map<string, Judgement>();
  const latestAt = new Map<string, number>();
  for (const j of judgements) {
    const at = Date.parse(j.recordedAt);
    if (at > cutOff) continue;
    const key = cellKey(j.pupilId, j.subjectId);
    const prev = latestAt.get(key);
    if (prev === undefined || at >= prev) {
      latest.set(key, j);
      latestAt.set(key, at);
    }
  }
  return latest;
}

/**
 * Live statuses for every pupil × tracked subject as of the end of `date` (UTC),
 * pupils in dataset order, subjects in dataset order.
 */
export function liveStatuses(
  dataset: Pick<TrackingDataset, 'calendar' | 'subjects' | 'pupils' | 'judgements'>,
  policy: Pick<TrackingPolicy, 'liveFromWeek' | 'defaultLevel' | 'subjects'>,
  date: IsoDate,
): StatusEntry[] {
  const latest = latestJudgements(dataset.judgements, date);
  const isLive = date >= liveFrom(dataset, policy);
  const subjects = trackedSubjects(dataset, policy);
  const out: StatusEntry[] = [];
  for (const pupil of dataset.pupils) {
    for (const subjectId of subjects) {
      const j = latest.get(cellKey(pupil.id, subjectId));
      if (j) out.push({ pupilId: pupil.id, subjectId, status: j.status, source: 'recorded' });
      else if (isLive) out.push({ pupilId: pupil.id, subjectId, status: policy.defaultLevel, source: 'default' });
      else out.push({ pupilId: pupil.id, subjectId, status: null, source: 'untracked' });
    }
  }
  return out;
}
