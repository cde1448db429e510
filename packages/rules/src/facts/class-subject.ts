import { type FactAccessor, type FactReader, type FactResolver, MISSING } from '../compile/compile-rule.js';
import type { FactsIndex } from './facts-index.js';

/** Fact accessors over classes × tracked subjects: call `at(class, subject)`, then the accessors read that item. */
export interface ClassSubjectCursor {
  at(classIndex: number, subject: number): void;
  readonly resolve: FactResolver;
  readonly read: FactReader;
}

/** The class-subject facts of `catalog.ts`, read straight from the index. */
export function classSubjectCursor(ix: FactsIndex): ClassSubjectCursor {
  let c = 0;
  let s = 0;
  const resolve = (name: string): FactAccessor => {
    switch (name) {
      case 'classId':
        return () => ix.classes[c]?.classId;
      case 'schoolId':
        return () => ix.classes[c]?.schoolId;
      case 'subjectId':
        return () => ix.subjects[s];
      case 'live':
        return () => ix.live;
      case 'weeksSinceRecorded':
        return () => ix.weeksSinceRecorded(c, s);
      default:
        return () => MISSING;
    }
  };
  return {
    at(classIndex: number, subject: number): void {
      c = classIndex;
      s = subject;
    },
    resolve,
    read: (name) => resolve(name)(),
  };
}

/**
 * Every fact a class-subject rule sees for one class × subject, as a plain object.
 * @example classSubjectFacts(ix, '4K', 'maths').weeksSinceRecorded
 */
export function classSubjectFacts(ix: FactsIndex, classId: string, subjectId: string, schoolId: string | null = null): Record<string, unknown> {
  const c = ix.classes.findIndex((k) => k.classId === classId && (schoolId === null || k.schoolId === schoolId));
  const s = ix.subjectIndex.get(subjectId);
  const cls = ix.classes[c];
  if (!cls || s === undefined) throw new RangeError(`no class "${classId}" with tracked subject "${subjectId}"`);
  return { classId, schoolId: cls.schoolId, subjectId, live: ix.live, weeksSinceRecorded: ix.weeksSinceRecorded(c, s) };
}
