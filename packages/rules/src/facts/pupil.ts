import { type FactAccessor, type FactReader, type FactResolver, MISSING } from '../compile/compile-rule.js';
import type { Pupil } from '../schema/dataset.js';
import { attributeFact } from './catalog.js';
import type { FactsIndex } from './facts-index.js';

/** Reads an attribute of a pupil by its own name (own properties only); `MISSING` when the pupil has none. */
export function readAttribute(attributes: Readonly<Record<string, unknown>>, name: string): unknown {
  return attributeFact('pupil', name) && Object.hasOwn(attributes, name) ? attributes[name] : MISSING;
}

/**
 * The accessor of an attribute fact of the current pupil (`MISSING` when the
 * pupil has none): whether the name can be an attribute is decided once, here,
 * not on every read.
 */
export function attributeAccessor(scope: 'pupil' | 'pupil-subject', name: string, current: () => Pupil): FactAccessor {
  if (!attributeFact(scope, name)) return () => MISSING;
  return () => {
    const attributes = current().attributes;
    return Object.hasOwn(attributes, name) ? attributes[name] : MISSING;
  };
}

/** A pupil's attributes that can be facts (prototype keys and names the catalogue gives another meaning dropped). */
export function attributesOf(attributes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attributes)) if (attributeFact('pupil', k)) out[k] = v;
  return out;
}

/** Fact accessors over the pupils: call `at(pupil)`, then the accessors read that pupil. */
export interface PupilCursor {
  at(pupil: number): void;
  readonly resolve: FactResolver;
  readonly read: FactReader;
}

/**
 * The accessor of a pupil fact other than an attribute (`concernSubjects`,
 * `pupilId`, `yearGroup`, `classId`, `schoolId`), or undefined: shared by the
 * pupil and pupil-subject cursors.
 */
export function pupilAccessor(ix: FactsIndex, name: string, index: () => number, current: () => Pupil): FactAccessor | undefined {
  switch (name) {
    case 'concernSubjects':
      return () => ix.concernSubjects[index()];
    case 'pupilId':
      return () => current().id;
    case 'yearGroup':
      return () => current().yearGroup;
    case 'classId':
      return () => current().classId;
    case 'schoolId':
      return () => current().schoolId ?? null;
    default:
      return undefined;
  }
}

/** The pupil facts of `catalog.ts`, read straight from the index. */
export function pupilCursor(ix: FactsIndex): PupilCursor {
  let p = 0;
  let pupil = ix.pupils[0] as Pupil;
  const current = (): Pupil => pupil;
  const resolve = (name: string): FactAccessor => pupilAccessor(ix, name, () => p, current) ?? attributeAccessor('pupil', name, current);
  return {
    at(pupilIndex: number): void {
      p = pupilIndex;
      pupil = ix.pupils[p] as Pupil;
    },
    resolve,
    read: (name) => resolve(name)(),
  };
}

/**
 * Every fact a pupil rule sees for one pupil, as a plain object.
 * @example pupilFacts(buildFactsIndex(school, defaultPolicy, '2026-11-16'), 'hp-p1').concernSubjects
 */
export function pupilFacts(ix: FactsIndex, pupilId: string): Record<string, unknown> {
  const p = ix.pupilIndex.get(pupilId);
  const pupil = p === undefined ? undefined : ix.pupils[p];
  if (p === undefined || !pupil) throw new RangeError(`no pupil "${pupilId}"`);
  return {
    ...attributesOf(pupil.attributes),
    concernSubjects: ix.concernSubjects[p],
    pupilId,
    yearGroup: pupil.yearGroup,
    classId: pupil.classId,
    schoolId: pupil.schoolId ?? null,
  };
}
