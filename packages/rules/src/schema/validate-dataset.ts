import { type Issue, type JsonPath, ValidationError } from '../errors.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { datasetSchema, type TrackingDataset } from './dataset.js';
import { issuesFromZod } from './parse.js';
import type { TrackingPolicy } from './policy.js';

type Obj = Readonly<Record<string, unknown>>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function items(x: unknown): readonly unknown[] {
  return Array.isArray(x) ? x : [];
}
/** A string field. Keys read here are fixed field names that `Object.prototype` does not have, so plain access is safe. */
function str(o: Obj, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}
function has(o: Obj, key: string): boolean {
  return Object.hasOwn(o, key) && o[key] !== undefined;
}
const realDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Compares paths so issues list in document order. */
function comparePaths(a: JsonPath, b: JsonPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * Every cross-reference and value problem of a data file that a shape check
 * cannot see, read defensively from the raw input (so it runs even when the
 * shape is wrong elsewhere): unknown pupil, subject, class, half-term and
 * level ids; duplicate ids; half-terms that end before they start or overlap;
 * assessments missing what their kind needs; `school` vs `schools`.
 */
export function datasetReferenceIssues(input: unknown, policy: Pick<TrackingPolicy, 'levels'> = defaultPolicy): Issue[] {
  const issues: Issue[] = [];
  const add = (path: JsonPath, code: string, message: string): void => {
    issues.push({ path, code, message });
  };
  if (!isObj(input)) return issues;
  const levels = new Set(policy.levels.map((l) => l.id));
  const levelList = policy.levels.map((l) => `"${l.id}"`).join(', ');

  /** Collects the ids of a list, reporting duplicates. */
  const ids = (list: unknown, path: JsonPath, key: string, what: string): Set<string> => {
    const seen = new Set<string>();
    items(list).forEach((item, i) => {
      if (!isObj(item)) return;
      const id = str(item, key);
      if (id === undefined) return;
      if (seen.has(id)) add([...path, i, key], 'duplicate-id', `duplicate ${what} "${id}"`);
      seen.add(id);
    });
    return seen;
  };

  // One school, or a trust's schools: exactly one of the two.
  const hasSchool = has(input, 'school');
  const hasSchools = has(input, 'schools');
  if (hasSchool && hasSchools) add(['schools'], 'school-or-schools', 'give either "school" or "schools", not both');
  if (!hasSchool && !hasSchools) add([], 'school-or-schools', 'needs "school" (one school) or "schools" (a trust)');
  const schoolIds = hasSchools ? ids(input.schools, ['schools'], 'id', 'school') : new Set<string>();
  const oneSchool = hasSchool && isObj(input.school) ? str(input.school, 'id') : undefined;

  const calendar = isObj(input.calendar) ? input.calendar : undefined;
  const halfTermIds = ids(calendar?.halfTerms, ['calendar', 'halfTerms'], 'id', 'half-term');
  const spans: { i: number; start: string; end: string }[] = [];
  items(calendar?.halfTerms).forEach((ht, i) => {
    if (!isObj(ht)) return;
    const start = str(ht, 'start');
    const end = str(ht, 'end');
    if (start === undefined || end === undefined || !realDate(start) || !realDate(end)) return;
    if (end < start) add(['calendar', 'halfTerms', i, 'end'], 'impossible-value', `ends (${end}) before it starts (${start})`);
    else spans.push({ i, start, end });
  });
  spans.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.i - b.i));
  for (let k = 1; k < spans.length; k++) {
    const prev = spans[k - 1];
    const cur = spans[k];
    if (prev && cur && cur.start <= prev.end) {
      add(['calendar', 'halfTerms', cur.i, 'start'], 'overlap', `overlaps half-term ${String(prev.i)} (${prev.start} to ${prev.end})`);
    }
  }

  const subjectIds = ids(input.subjects, ['subjects'], 'id', 'subject');
  const pupilIds = ids(input.pupils, ['pupils'], 'id', 'pupil');
  const classIds = new Set<string>();
  items(input.pupils).forEach((p, i) => {
    if (!isObj(p)) return;
    const classId = str(p, 'classId');
    if (classId !== undefined) classIds.add(classId);
    const schoolId = str(p, 'schoolId');
    if (hasSchools && !hasSchool) {
      if (schoolId === undefined && !has(p, 'schoolId')) add(['pupils', i, 'schoolId'], 'missing-school', 'a trust file needs each pupil\'s schoolId');
      else if (schoolId !== undefined && !schoolIds.has(schoolId)) add(['pupils', i, 'schoolId'], 'unknown-id', `unknown school "${schoolId}"`);
    } else if (schoolId !== undefined && oneSchool !== undefined && schoolId !== oneSchool) {
      add(['pupils', i, 'schoolId'], 'unknown-id', `unknown school "${schoolId}" (the file's school is "${oneSchool}")`);
    }
  });

  /** Checks an entry's pupil, subject, optional class and level references; `at` builds its path only when needed. */
  const refs = (entry: Obj, at: () => JsonPath, levelKey?: string): void => {
    const pupilId = str(entry, 'pupilId');
    if (pupilId !== undefined && !pupilIds.has(pupilId)) add([...at(), 'pupilId'], 'unknown-id', `unknown pupil "${pupilId}"`);
    const subjectId = str(entry, 'subjectId');
    if (subjectId !== undefined && !subjectIds.has(subjectId)) add([...at(), 'subjectId'], 'unknown-id', `unknown subject "${subjectId}"`);
    const classId = str(entry, 'classId');
    if (classId !== undefined && !classIds.has(classId)) add([...at(), 'classId'], 'unknown-id', `unknown class "${classId}"`);
    if (levelKey !== undefined) {
      const level = str(entry, levelKey);
      if (level !== undefined && !levels.has(level)) add([...at(), levelKey], 'unknown-level', `unknown level "${level}"; the policy's levels are ${levelList}`);
    }
  };

  items(input.judgements).forEach((j, i) => {
    if (isObj(j)) refs(j, () => ['judgements', i], 'status');
  });

  items(input.assessments).forEach((a, i) => {
    if (!isObj(a)) return;
    const path = ['assessments', i];
    refs(a, () => path, 'level');
    const kind = str(a, 'kind');
    const score = a.score;
    const outOf = a.outOf;
    if ((kind === 'standardised' || kind === 'quiz') && !has(a, 'score')) add([...path, 'score'], 'missing-value', `a ${kind} assessment needs a score`);
    if (kind === 'quiz') {
      if (!has(a, 'outOf')) add([...path, 'outOf'], 'missing-value', 'a quiz needs outOf (the score it is out of)');
      else if (typeof score === 'number' && typeof outOf === 'number' && (score < 0 || score > outOf)) {
        add([...path, 'score'], 'impossible-value', `a quiz score must be from 0 to outOf (${String(outOf)})`);
      }
    }
    if (kind === 'teacher' && !has(a, 'level')) add([...path, 'level'], 'missing-value', 'a teacher assessment needs a level');
  });

  const pupilIndex = new Map([...pupilIds].map((id, n) => [id, n]));
  const subjectIndex = new Map([...subjectIds].map((id, n) => [id, n]));
  const snapshotHalfTerms = new Set<string>();
  items(input.snapshots).forEach((s, i) => {
    if (!isObj(s)) return;
    const halfTermId = str(s, 'halfTermId');
    if (halfTermId !== undefined) {
      if (!halfTermIds.has(halfTermId)) add(['snapshots', i, 'halfTermId'], 'unknown-id', `unknown half-term "${halfTermId}"`);
      else if (snapshotHalfTerms.has(halfTermId)) add(['snapshots', i, 'halfTermId'], 'duplicate-id', `a second snapshot for half-term "${halfTermId}"`);
      snapshotHalfTerms.add(halfTermId);
    }
    // Duplicate pupil × subject cells, by index into a bitmap: snapshots hold pupils × subjects entries each.
    const cells = new Uint8Array(pupilIndex.size * subjectIndex.size);
    const statuses = items(s.statuses);
    for (let k = 0; k < statuses.length; k++) {
      const entry = statuses[k];
      if (!isObj(entry)) continue;
      const at = (): JsonPath => ['snapshots', i, 'statuses', k];
      refs(entry, at, 'status');
      const pupilId = str(entry, 'pupilId');
      const subjectId = str(entry, 'subjectId');
      const pi = pupilId === undefined ? undefined : pupilIndex.get(pupilId);
      const si = subjectId === undefined ? undefined : subjectIndex.get(subjectId);
      if (pi !== undefined && si !== undefined) {
        const cell = pi * subjectIndex.size + si;
        if (cells[cell] === 1) add([...at(), 'pupilId'], 'duplicate-id', `a second status for pupil "${String(pupilId)}" in subject "${String(subjectId)}"`);
        cells[cell] = 1;
      }
      const source = str(entry, 'source');
      const hasStatus = Object.hasOwn(entry, 'status');
      const untracked = hasStatus && entry.status === null;
      if (source === 'untracked' && hasStatus && !untracked) add([...at(), 'status'], 'impossible-value', 'an untracked status must be null');
      if (untracked && source !== undefined && source !== 'untracked') add([...at(), 'status'], 'impossible-value', `a ${source} status needs a level`);
    }
  });
  return issues;
}

/**
 * Every problem of a data file, shape and cross-references, with JSON paths in
 * document order; empty when the file is valid. Level ids are checked against
 * the policy's grade set (the default policy's when none is given).
 */
export function datasetIssues(input: unknown, policy?: Pick<TrackingPolicy, 'levels'>): Issue[] {
  const shape = datasetSchema.safeParse(input);
  const issues = shape.success ? [] : issuesFromZod(shape.error);
  issues.push(...datasetReferenceIssues(input, policy));
  return issues.sort((a, b) => comparePaths(a.path, b.path));
}

/**
 * Validates a data file completely and returns it parsed (defaults filled,
 * unknown extra fields kept, `__proto__` keys dropped). Throws a
 * `ValidationError` listing *every* problem with its JSON path, e.g.
 * `school.json $.judgements[3].pupilId: unknown pupil "p99"`.
 * @example const data = validateDataset(JSON.parse(text), policy, 'school.json');
 */
export function validateDataset(input: unknown, policy?: Pick<TrackingPolicy, 'levels'>, source = 'dataset'): TrackingDataset {
  const shape = datasetSchema.safeParse(input);
  const issues = shape.success ? [] : issuesFromZod(shape.error);
  issues.push(...datasetReferenceIssues(input, policy));
  if (!shape.success || issues.length > 0) throw new ValidationError(source, issues.sort((a, b) => comparePaths(a.path, b.path)));
  return shape.data;
}
