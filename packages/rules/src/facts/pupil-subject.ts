import { type FactAccessor, type FactReader, type FactResolver, type FactDomains, type IndexColumn, type IndexedFact, type IndexedFacts } from '../compile/compile-rule.js';
import type { Pupil } from '../schema/dataset.js';
import { type FactsIndex, NO_LEVEL, UNKNOWN_LEVEL } from './facts-index.js';
import { attributeAccessor, attributesOf, pupilAccessor } from './pupil.js';

/** Fact accessors that move from cell to cell: call `at(pupil, subject)`, then the accessors read that cell. */
export interface PupilSubjectCursor {
  /** Points the cursor at a pupil (index into `index.pupils`) and a tracked subject (index into `index.subjects`). */
  at(pupil: number, subject: number): void;
  /** The accessor of a fact, bound to the cursor. */
  readonly resolve: FactResolver;
  /** Reads a fact of the current cell by name. */
  readonly read: FactReader;
  /**
   * The facts with few values at the cells of one live level (a level
   * index, `NO_LEVEL` or `UNKNOWN_LEVEL`), by position, for binding rules
   * once per level (`CompiledRule.bind(resolve, domains, indexed)`):
   * `suggested` (null or a level), `rankChange` (by the newest snapshot's
   * level) and `concernStreak` (0 to the number of snapshots).
   */
  indexed(level: number): IndexedFacts;
}

// At most this many snapshots for `concernStreak` to be offered as an indexed fact.
const MAX_INDEXED_STREAK = 63;

/**
 * The pupil-subject facts of `catalog.ts`, read straight from the index: no
 * object per cell, and `concernStreak`, `rankChange` and `suggested` computed
 * only when a rule reads them.
 */
export function pupilSubjectCursor(ix: FactsIndex): PupilSubjectCursor {
  let p = 0;
  let s = 0;
  let cell = 0;
  let pupil = ix.pupils[0] as Pupil;
  const level = (): number => ix.levelOf[cell] as number;
  const current = (): Pupil => pupil;
  const resolve = (name: string): FactAccessor => {
    switch (name) {
      case 'status':
        return () => ix.status(cell);
      case 'source':
        return () => ix.sourceOf(cell);
      case 'rank':
        return () => ix.rankOf(level());
      case 'concern':
        return () => ix.isConcern(level());
      case 'challenge':
        return () => ix.isChallenge(level());
      case 'concernStreak':
        return () => ix.concernStreak(cell);
      case 'rankChange':
        return () => ix.rankChange(cell);
      case 'suggested': {
        // The table and the level ids, read straight (built on the first read, as before).
        const ids = ix.levels.map((l) => l.id);
        let table: Int16Array | undefined;
        return () => {
          const lv = (table ??= ix.suggestedLevels())[cell] as number;
          return lv >= 0 ? ids[lv] : null;
        };
      }
      case 'subjectId':
        return () => ix.subjects[s];
      default:
        return pupilAccessor(ix, name, () => p, current) ?? attributeAccessor('pupil-subject', name, current);
    }
  };
  const cache = new Map<string, FactAccessor>();
  const levelIds = ix.levels.map((l) => l.id);
  // Each indexed fact's positions, for every cell (tables built on first use, as the accessors build theirs).
  const suggestedAt = (): IndexColumn => ({ column: ix.suggestedLevels(), offset: -NO_LEVEL });
  const streakAt = (): IndexColumn => ({ column: ix.concernStreaks(), offset: 0 });
  // By the newest snapshot's level: UNKNOWN_LEVEL and NO_LEVEL (both null), then each level.
  const newestAt = (): IndexColumn => ({ column: ix.snapshotLevel(0), offset: -UNKNOWN_LEVEL });
  // A position per cell from a column: the index the rules read through the cursor.
  const positionOf = (at: () => IndexColumn): (() => number) => {
    let col: IndexColumn | undefined;
    return () => {
      col ??= at();
      return (col.column[cell] as number) + col.offset;
    };
  };
  const suggested: IndexedFact = { values: [null, ...levelIds], index: positionOf(suggestedAt), positions: suggestedAt };
  const streak: IndexedFact = { values: Array.from({ length: ix.snapshots.length + 1 }, (_, n) => n), index: positionOf(streakAt), positions: streakAt };
  const newestIndex = positionOf(newestAt);
  const indexed = (level: number): IndexedFacts => {
    const out = new Map<string, IndexedFact>([['suggested', suggested]]);
    if (ix.snapshots.length > 0) {
      const rank = ix.rankOf(level);
      out.set('rankChange', { values: [null, null, ...ix.levels.map((l) => (rank === null ? null : rank - l.rank))], index: newestIndex, positions: newestAt });
      if (ix.snapshots.length <= MAX_INDEXED_STREAK) out.set('concernStreak', streak);
    }
    return out;
  };
  return {
    indexed,
    at(pupilIndex: number, subjectIndex: number): void {
      p = pupilIndex;
      s = subjectIndex;
      cell = p * ix.subjectCount + s;
      pupil = ix.pupils[p] as Pupil;
    },
    resolve,
    read: (name) => {
      let get = cache.get(name);
      if (!get) cache.set(name, (get = resolve(name)));
      return get();
    },
  };
}

/**
 * What the pupil-subject facts that a cell's live level decides can be at
 * every cell of that level (a level index, `NO_LEVEL` or `UNKNOWN_LEVEL`),
 * as the cursor reads them: `status`, `rank`, `concern` and `challenge`
 * (one value each; a status the policy lacks is left out, as it varies) and
 * `rankChange` (the live rank minus any rank of the policy, or null). For
 * binding rules once per level (`CompiledRule.bind(resolve, domains)`).
 */
export function levelFacts(ix: FactsIndex, level: number): FactDomains {
  const rank = ix.rankOf(level);
  const domains = new Map<string, readonly unknown[]>([
    ['rank', [rank]],
    ['concern', [ix.isConcern(level)]],
    ['challenge', [ix.isChallenge(level)]],
    // Null when there is no snapshot, or either level is untracked or not a level of the policy.
    ['rankChange', rank === null || ix.snapshots.length === 0 ? [null] : [null, ...new Set(ix.levels.map((l) => rank - l.rank))]],
  ]);
  if (level >= 0) domains.set('status', [ix.levels[level]?.id]);
  else if (level === NO_LEVEL) domains.set('status', [null]);
  return domains;
}

/**
 * Every fact a pupil-subject rule sees for one pupil × subject, as a plain
 * object (for json-rules-engine, or to show a trust what its rules see).
 * @example pupilSubjectFacts(buildFactsIndex(school, defaultPolicy, '2026-11-16'), 'hp-p1', 'maths')
 */
export function pupilSubjectFacts(ix: FactsIndex, pupilId: string, subjectId: string): Record<string, unknown> {
  const p = ix.pupilIndex.get(pupilId);
  const s = ix.subjectIndex.get(subjectId);
  if (p === undefined || s === undefined) throw new RangeError(`no tracked cell for pupil "${pupilId}" and subject "${subjectId}"`);
  const cell = p * ix.subjectCount + s;
  const pupil = ix.pupils[p];
  const level = ix.levelOf[cell] as number;
  return {
    ...attributesOf(pupil?.attributes ?? {}),
    status: ix.status(cell),
    source: ix.sourceOf(cell),
    rank: ix.rankOf(level),
    concern: ix.isConcern(level),
    challenge: ix.isChallenge(level),
    concernStreak: ix.concernStreak(cell),
    rankChange: ix.rankChange(cell),
    suggested: ix.suggested(cell),
    concernSubjects: ix.concernSubjects[p],
    pupilId,
    yearGroup: pupil?.yearGroup,
    classId: pupil?.classId,
    schoolId: pupil?.schoolId ?? null,
    subjectId,
  };
}

