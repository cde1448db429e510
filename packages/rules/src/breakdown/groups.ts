import type { Pupil } from '../schema/dataset.js';
import type { PupilGroup } from '../schema/policy.js';

type Scalar = string | number | boolean;

/** Pupil fields a group's `where` may name besides the attributes. */
const PUPIL_FIELDS = new Set(['yearGroup', 'classId', 'schoolId']);

/**
 * The value a group reads for `key`: the pupil's own attribute, else one of
 * `yearGroup`, `classId`, `schoolId`. Only own properties count, so keys such as
 * `constructor` never reach `Object.prototype`.
 */
export function pupilValue(pupil: Pick<Pupil, 'attributes'> & Partial<Pick<Pupil, 'yearGroup' | 'classId' | 'schoolId'>>, key: string): unknown {
  const attributes = pupil.attributes as Readonly<Record<string, unknown>>;
  if (Object.hasOwn(attributes, key)) return attributes[key];
  if (PUPIL_FIELDS.has(key) && Object.hasOwn(pupil, key)) return (pupil as Readonly<Record<string, unknown>>)[key];
  return undefined;
}

/**
 * Whether a pupil belongs to a policy group. Every key of `where` must match
 * (the value, or any of a list of values) and, with a `range`, the attribute
 * must be a number at least `min` and under `max`. A group that defines neither
 * holds nobody (`resolvePolicy` rejects such groups).
 * @example inGroup(pupil, { id: 'pp', label: 'Pupil premium', where: { pupilPremium: true } })
 */
export function inGroup(pupil: Pick<Pupil, 'attributes'> & Partial<Pick<Pupil, 'yearGroup' | 'classId' | 'schoolId'>>, group: PupilGroup): boolean {
  let defined = false;
  if (group.where) {
    for (const [key, wanted] of Object.entries(group.where)) {
      defined = true;
      const value = pupilValue(pupil, key);
      if (Array.isArray(wanted) ? !(wanted as readonly Scalar[]).includes(value as Scalar) : value !== wanted) return false;
    }
  }
  if (group.range) {
    defined = true;
    const value = pupilValue(pupil, group.range.attribute);
    if (typeof value !== 'number' || Number.isNaN(value)) return false;
    if (group.range.min !== undefined && value < group.range.min) return false;
    if (group.range.max !== undefined && value >= group.range.max) return false;
  }
  return defined;
}
