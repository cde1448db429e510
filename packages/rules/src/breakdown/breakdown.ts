import { NotFoundError } from '../errors.js';
import { liveStatuses } from '../engine/live-status.js';
import { round1 } from '../engine/summary.js';
import { orderedLevels } from '../policy/levels.js';
import type { IsoDate, LevelId, Pupil, StatusEntry, TrackingDataset } from '../schema/dataset.js';
import type { PupilGroup, TrackingPolicy } from '../schema/policy.js';
import { inGroup } from './groups.js';
import { suppress } from './suppress.js';
import type { Breakdown, CohortFilter } from './types.js';

/** What a breakdown needs of a dataset: its pupils, subjects and school(s). */
export type CohortSource = Pick<TrackingDataset, 'pupils' | 'subjects'> & Partial<Pick<TrackingDataset, 'school' | 'schools'>>;
/** What a breakdown needs of a policy. */
export type CohortPolicy = Pick<TrackingPolicy, 'levels' | 'groups' | 'suppressUnder' | 'subjects'>;

function groupsById(policy: Pick<TrackingPolicy, 'groups'>, ids: readonly string[] | undefined): PupilGroup[] {
  return (ids ?? []).map((id) => {
    const group = policy.groups.find((g) => g.id === id);
    if (!group) throw new NotFoundError(`unknown group "${id}"; the policy's groups are ${policy.groups.map((g) => g.id).join(', ') || 'none'}`);
    return group;
  });
}

/** The school a pupil belongs to: its own `schoolId`, else the file's one school. */
function schoolOf(pupil: Pupil, dataset: CohortSource): string | undefined {
  return pupil.schoolId ?? dataset.school?.id;
}

/**
 * Ids of the pupils a filter selects (school, year group, class, groups, named
 * pupils; the subject is applied to statuses). Throws `NotFoundError` for a
 * group id the policy does not define.
 */
export function cohortPupils(dataset: CohortSource, policy: Pick<TrackingPolicy, 'groups'>, filter: CohortFilter = {}): Set<string> {
  const groups = groupsById(policy, filter.groups);
  const notGroups = groupsById(policy, filter.notGroups);
  const only = filter.pupilIds ? new Set(filter.pupilIds) : undefined;
  const out = new Set<string>();
  for (const pupil of dataset.pupils) {
    if (only && !only.has(pupil.id)) continue;
    if (filter.schoolId !== undefined && schoolOf(pupil, dataset) !== filter.schoolId) continue;
    if (filter.yearGroup !== undefined && pupil.yearGroup !== filter.yearGroup) continue;
    if (filter.classId !== undefined && pupil.classId !== filter.classId) continue;
    if (!groups.every((g) => inGroup(pupil, g))) continue;
    if (notGroups.some((g) => inGroup(pupil, g))) continue;
    out.add(pupil.id);
  }
  return out;
}

/**
 * A readable name for a cohort, its parts joined by ×:
 * `"Y4 × Maths × Pupil premium"`; `"All pupils"` for the empty filter.
 */
export function cohortLabel(dataset: CohortSource, policy: Pick<TrackingPolicy, 'groups'>, filter: CohortFilter = {}): string {
  const parts: string[] = [];
  if (filter.schoolId !== undefined) {
    const schools = dataset.schools ?? (dataset.school ? [dataset.school] : []);
    parts.push(schools.find((s) => s.id === filter.schoolId)?.name ?? filter.schoolId);
  }
  if (filter.yearGroup !== undefined) parts.push(filter.yearGroup);
  if (filter.classId !== undefined) parts.push(`Class ${filter.classId}`);
  if (filter.subjectId !== undefined) parts.push(dataset.subjects.find((s) => s.id === filter.subjectId)?.name ?? filter.subjectId);
  for (const id of filter.groups ?? []) parts.push(policy.groups.find((g) => g.id === id)?.label ?? id);
  for (const id of filter.notGroups ?? []) parts.push(`not ${policy.groups.find((g) => g.id === id)?.label ?? id}`);
  if (filter.pupilIds) {
    const first = filter.pupilIds.length === 1 ? dataset.pupils.find((p) => p.id === filter.pupilIds?.[0]) : undefined;
    parts.push(first ? `${first.givenName} ${first.familyName}`.trim() : `${String(filter.pupilIds.length)} pupils`);
  }
  return parts.length === 0 ? 'All pupils' : parts.join(' × ');
}

/**
 * The breakdown of one cohort from statuses already computed (live ones from
 * `evaluate`, or a snapshot's): counts and percentages of each level, with
 * small cohorts suppressed. Linear in pupils + statuses, so a chart can ask for
 * many cohorts of one evaluation cheaply. Statuses of pupils the dataset does
 * not hold, and of subjects the policy does not track, are left out.
 * `percent` is null when suppressed, and also when nothing in the cohort is
 * tracked yet (no 0 % that means "no data").
 * @example breakdownFromStatuses(result.statuses, dataset, policy, result.date, { yearGroup: 'Y4', groups: ['girls'] })
 */
export function breakdownFromStatuses(
  statuses: readonly Pick<StatusEntry, 'pupilId' | 'subjectId' | 'status'>[],
  dataset: CohortSource,
  policy: CohortPolicy,
  date: IsoDate,
  filter: CohortFilter = {},
): Breakdown {
  return breakdownFromTally(tallyCohort(statuses, dataset, policy, filter), dataset, policy, date, filter);
}

/**
 * One cohort's statuses counted per level (every level of the policy, 0 when
 * none), with its tracked and untracked totals and distinct pupils: what
 * `breakdownFromStatuses` turns into percentages. `pupils` is the filter's
 * cohort (`cohortPupils`), for a caller that has it already.
 */
export function tallyCohort(
  statuses: readonly Pick<StatusEntry, 'pupilId' | 'subjectId' | 'status'>[],
  dataset: CohortSource,
  policy: CohortPolicy,
  filter: CohortFilter = {},
  pupils: ReadonlySet<string> = cohortPupils(dataset, policy, filter),
): CohortTally {
  const tracked = policy.subjects ? new Set(policy.subjects) : undefined;
  const counts: Record<LevelId, number> = {};
  for (const level of orderedLevels(policy)) counts[level.id] = 0;
  const seen = new Set<string>();
  let total = 0;
  let untracked = 0;
  for (const s of statuses) {
    if (!pupils.has(s.pupilId)) continue;
    if (filter.subjectId !== undefined && s.subjectId !== filter.subjectId) continue;
    if (tracked && !tracked.has(s.subjectId)) continue;
    seen.add(s.pupilId);
    if (s.status === null) {
      untracked++;
      continue;
    }
    total++;
    counts[s.status] = (counts[s.status] ?? 0) + 1;
  }
  return { counts, total, untracked, pupils: seen.size };
}

/** What a breakdown counts before percentages and suppression: one cohort's statuses tallied. */
export interface CohortTally {
  /** Statuses per level (every level of the policy, 0 when none). */
  readonly counts: Readonly<Record<LevelId, number>>;
  /** Tracked (not untracked) statuses. */
  readonly total: number;
  readonly untracked: number;
  /** Distinct pupils with a status in the cohort. */
  readonly pupils: number;
}

/**
 * The breakdown of a tally kept by the caller (as `breakdownFromStatuses` makes
 * it): percentages to one decimal, the cohort's label, small cohorts
 * suppressed. For callers that keep counts up to date edit by edit instead of
 * counting every status again.
 */
export function breakdownFromTally(tally: CohortTally, dataset: CohortSource, policy: CohortPolicy, date: IsoDate, filter: CohortFilter = {}): Breakdown {
  const counts = { ...tally.counts };
  let percent: Record<LevelId, number> | null = null;
  if (tally.total > 0) {
    percent = {};
    for (const [id, n] of Object.entries(counts)) percent[id] = round1((100 * n) / tally.total);
  }
  const result: Breakdown = {
    filter,
    label: cohortLabel(dataset, policy, filter),
    date,
    pupils: tally.pupils,
    total: tally.total,
    untracked: tally.untracked,
    counts,
    percent,
    suppressed: false,
  };
  return suppress(result, policy);
}

/**
 * The live breakdown of one cohort as of the end of `date` (UTC): any
 * combination of school, year group, class, subject and intersecting policy
 * groups. Computes the live statuses first; when you already have them (from
 * `evaluate`), `breakdownFromStatuses` is faster.
 * @example breakdown(dataset, defaultPolicy, '2026-11-16', { yearGroup: 'Y4', subjectId: 'maths', groups: ['pupil-premium', 'girls'] })
 */
export function breakdown(
  dataset: CohortSource & Pick<TrackingDataset, 'calendar' | 'judgements'>,
  policy: CohortPolicy & Pick<TrackingPolicy, 'liveFromWeek' | 'defaultLevel'>,
  date: IsoDate,
  filter: CohortFilter = {},
): Breakdown {
  return breakdownFromStatuses(liveStatuses(dataset, policy, date), dataset, policy, date, filter);
}
