import { endOfDay } from '../calendar/as-of.js';
import type { Assessment, IsoDate, Judgement, Pupil, Snapshot, TrackingDataset } from '../schema/dataset.js';
import type { Level, TrackingPolicy } from '../schema/policy.js';
import { liveFrom, trackedSubjects } from '../engine/live-status.js';
import { orderedLevels } from '../policy/levels.js';
import { evidenceScale, evidenceWindowStart, suggestedLevel } from './suggested.js';

const DAY_MS = 86_400_000;
/** `levelOf` of a cell that is untracked (or absent from a snapshot). */
export const NO_LEVEL = -1;
/** `levelOf` of a status that is not a level of the policy. */
export const UNKNOWN_LEVEL = -2;

/** Source codes in `FactsIndex.source`. */
export const SOURCE_RECORDED = 0;
export const SOURCE_DEFAULT = 1;
export const SOURCE_UNTRACKED = 2;
const SOURCES = ['recorded', 'default', 'untracked'] as const;
// A value no data holds: "no previous value yet" for the loops that remember one.
const NOT_SEEN: unknown = Symbol('not seen');

/**
 * Milliseconds since the epoch of an ISO 8601 instant: a fast path for the
 * common `YYYY-MM-DDTHH:MM:SSZ` (a data file holds hundreds of thousands),
 * `Date.parse` for every other form (offsets, fractions of a second).
 */
export function instantMs(s: string): number {
  if (s.length === 20 && s.charCodeAt(19) === 90 && s.charCodeAt(10) === 84) {
    const y = num2(s, 0) * 100 + num2(s, 2);
    const m = num2(s, 5);
    const d = num2(s, 8);
    const h = num2(s, 11);
    const mi = num2(s, 14);
    const sec = num2(s, 17);
    // Plain fields (the usual case): integer arithmetic, no call into Date. Anything
    // else (two-digit years, which Date.UTC reads as 19xx, stray characters) keeps Date.UTC.
    if (y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && sec <= 59 && h >= 0 && mi >= 0 && sec >= 0) {
      return daysFromCivil(y, m, d) * DAY_MS + h * 3_600_000 + mi * 60_000 + sec * 1000;
    }
    return Date.UTC(y, m - 1, d, h, mi, sec);
  }
  return Date.parse(s);
}

// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil);
// linear in the day, as Date.UTC is, so a 31st of a shorter month rolls over the same way.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

// The number written by the two digits of `s` at `at` (unrolled: no loop per field).
function num2(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;
}

/** What one pass over the judgements fills in, per cell and per class × subject. */
export interface Latest {
  /** Per cell: the latest judgement's index, or -1. */
  readonly latest: Int32Array;
  /** Per cell: its status's level index (or `UNKNOWN_LEVEL`); read only where `latest` is set. */
  readonly latestLevel: Int16Array;
  /** Per class × subject: the latest instant, or -Infinity. */
  readonly classLast: Float64Array;
  /** Per cell: room for the latest instant (any contents), used only for a file out of time order. */
  readonly latestAt: () => Float64Array;
}

/** What `scanJudgements` reads the judgements against. */
export interface JudgementKeys {
  readonly pupilIndex: ReadonlyMap<string, number>;
  readonly subjectIndex: ReadonlyMap<string, number>;
  readonly levelIndex: ReadonlyMap<string, number>;
  /** Per pupil: its class's index. */
  readonly pupilClass: Int32Array;
  /** Tracked subjects per pupil (cells are `pupil × S + subject`). */
  readonly S: number;
}

/**
 * The latest judgement per cell as of `cutOff` (ties: the later in the
 * file) and the latest instant per class × subject, into `into` (whose
 * `latest` is -1 and `classLast` -Infinity throughout on entry). Returns
 * whether the file was in time order, as files usually are (judgements are
 * appended as they are recorded): then a cell's last judgement is its
 * latest, and the pass writes it without reading what the cell had.
 * Otherwise, from the first judgement earlier than the one before it, the
 * pass starts again keeping each cell's latest instant. (A function of its
 * own: a small loop the compiler optimises on its own, not inside the constructor.)
 */
export function scanJudgements(js: readonly Judgement[], cutOff: number, { pupilIndex, subjectIndex, levelIndex, pupilClass, S }: JudgementKeys, into: Latest): boolean {
  const { latest, latestLevel, classLast } = into;
  // Per cell, the latest instant so far: only once the file is known to be out of time order.
  let latestAt: Float64Array | undefined;
  // What the previous judgement's pupil, instant and status came to: a file sorted by
  // time repeats instants (a teacher saves a class at once) and statuses, and an equal
  // string gives an equal answer, so it is compared (cheap) rather than parsed or hashed.
  let lastPupil = '';
  let lastP = -1;
  // No text is NOT_SEEN: the first instant is always read (an empty one is not an instant).
  let lastText: unknown = NOT_SEEN;
  let lastAt = -Infinity;
  let lastStatus: unknown = NOT_SEEN;
  let lastLevel = UNKNOWN_LEVEL;
  for (let k = 0; k < js.length; k++) {
    const j = js[k] as Judgement;
    const text = j.recordedAt;
    if (text !== lastText) {
      const at = instantMs(text);
      // Earlier than the one before (or not an instant): not in time order. Start again.
      if (latestAt === undefined && !(at >= lastAt)) {
        latestAt = into.latestAt().fill(-Infinity);
        latest.fill(-1);
        classLast.fill(-Infinity);
        lastText = NOT_SEEN;
        k = -1;
        continue;
      }
      lastText = text;
      lastAt = at;
    }
    // In time order every later judgement is after the cut-off too; they are still read,
    // as one out of order would make the file's order unusable.
    if (!(lastAt <= cutOff)) continue;
    const pupilId = j.pupilId;
    if (pupilId !== lastPupil) {
      lastPupil = pupilId;
      lastP = pupilIndex.get(pupilId) ?? -1;
    }
    if (lastP < 0) continue;
    const s = subjectIndex.get(j.subjectId);
    if (s === undefined) continue;
    const cell = lastP * S + s;
    const cs = (pupilClass[lastP] as number) * S + s;
    if (lastAt > (classLast[cs] as number)) classLast[cs] = lastAt;
    if (latestAt !== undefined) {
      // `>=`: on a tie the later entry in the file wins.
      if (!(lastAt >= (latestAt[cell] as number))) continue;
      latestAt[cell] = lastAt;
    }
    latest[cell] = k;
    // The level now, while the judgement is at hand (no second visit to scattered judgements).
    const status = j.status;
    if (status !== lastStatus) {
      lastStatus = status;
      lastLevel = levelIndex.get(status) ?? UNKNOWN_LEVEL;
    }
    latestLevel[cell] = lastLevel;
  }
  return latestAt === undefined;
}

/**
 * Typed arrays lent to an index, reused from one index to the next. The
 * index `evaluate` builds never outlives its call, so its per-cell arrays can
 * be lent rather than allocated: at 50,000 pupils that is some 25 MB of
 * external memory per call that the garbage collector would otherwise be
 * pressed to reclaim (a scavenge per call). Each array is fully initialised
 * by its user. One index at a time may borrow from a pool.
 */
export class TypedArrayPool {
  // Undefined for a pool that keeps nothing: every array it gives is fresh (and zeroed).
  private readonly buffers: Map<string, ArrayBuffer> | undefined;

  /** `reuse: false` gives a pool that lends nothing twice: what an index uses when it is not lent one. */
  constructor(reuse = true) {
    this.buffers = reuse ? new Map() : undefined;
  }

  private buffer(slot: string, bytes: number): ArrayBuffer {
    if (!this.buffers) return new ArrayBuffer(bytes);
    let b = this.buffers.get(slot);
    if (!b || b.byteLength < bytes) this.buffers.set(slot, (b = new ArrayBuffer(bytes)));
    return b;
  }

  /** An Int16Array of `length` (contents undefined until written). */
  int16(slot: string, length: number): Int16Array {
    return new Int16Array(this.buffer(slot, length * 2), 0, length);
  }

  /** An Int32Array of `length` (contents undefined until written). */
  int32(slot: string, length: number): Int32Array {
    return new Int32Array(this.buffer(slot, length * 4), 0, length);
  }

  /** A Float64Array of `length` (contents undefined until written). */
  float64(slot: string, length: number): Float64Array {
    return new Float64Array(this.buffer(slot, length * 8), 0, length);
  }

  /** A Uint8Array of `length` (contents undefined until written). */
  uint8(slot: string, length: number): Uint8Array {
    return new Uint8Array(this.buffer(slot, length), 0, length);
  }
}

// Fresh arrays for every index not lent a pool (`buildFactsIndex`, the peer's).
const FRESH = new TypedArrayPool(false);

/** A class of the dataset: a school's class id (classes of different schools never merge). */
export interface ClassRef {
  readonly classId: string;
  readonly schoolId: string | null;
}

type IndexPolicy = Pick<TrackingPolicy, 'levels' | 'defaultLevel' | 'liveFromWeek' | 'subjects' | 'evidence' | 'ruleSettings'>;
type IndexData = Pick<TrackingDataset, 'calendar' | 'subjects' | 'pupils' | 'judgements' | 'assessments' | 'snapshots'>;

/**
 * Everything the facts are computed from, indexed once per evaluation: cells
 * are `pupilIndex × subjects.length + subjectIndex`, levels are indices into
 * `levels` (ordered by rank). Expensive parts (snapshot levels, evidence) are
 * built on first use, so a policy whose rules never read `concernStreak`,
 * `rankChange` or `suggested` never pays for them.
 */
export class FactsIndex {
  readonly date: IsoDate;
  readonly liveStart: IsoDate;
  readonly live: boolean;
  readonly pupils: readonly Pupil[];
  readonly subjects: readonly string[];
  readonly subjectCount: number;
  readonly pupilIndex: ReadonlyMap<string, number>;
  readonly subjectIndex: ReadonlyMap<string, number>;
  /** The policy's levels, lowest rank first. */
  readonly levels: readonly Level[];
  readonly levelIndex: ReadonlyMap<string, number>;
  readonly defaultLevel: string;
  /** Per cell: the latest judgement's index in `judgements` as of the date, or -1. */
  readonly latest: Int32Array;
  /** Per cell: `SOURCE_*`. */
  readonly source: Uint8Array;
  /** Per cell: the live level's index, `NO_LEVEL` or `UNKNOWN_LEVEL`. */
  readonly levelOf: Int16Array;
  /** Per pupil: tracked subjects at a concern level now. */
  readonly concernSubjects: Int32Array;
  /** The classes, in order of their first pupil. */
  readonly classes: readonly ClassRef[];
  /** Per pupil: its class's index in `classes`. */
  readonly pupilClass: Int32Array;
  /** Per class × subject: the latest recorded judgement (ms since the epoch) as of the date, or -Infinity. */
  readonly classLastRecorded: Float64Array;
  /** The snapshots taken by the date, newest first (same day: later in the file first). */
  readonly snapshots: readonly Snapshot[];
  // The start of the live date and of the evaluation date, in ms since the epoch (UTC).
  private readonly liveStartMs: number;
  private readonly dateMs: number;
  private readonly judgements: readonly Judgement[];
  private readonly assessments: readonly Assessment[];
  private readonly policy: IndexPolicy;
  private readonly snapshotLevels: (Int16Array | undefined)[];
  private suggestedCache: Int16Array | undefined;
  private streakCache: Int16Array | undefined;
  private readonly rank: Float64Array;
  private readonly concern: Uint8Array;
  private readonly challenge: Uint8Array;

  // Where the per-cell arrays come from: a pool lent by `evaluate`, or fresh ones.
  private readonly pool: TypedArrayPool;

  /**
   * Indexes `dataset` under `policy` as of `date`. With a `pool`, the per-cell
   * arrays are borrowed from it: the index is then valid only until the pool
   * lends them again (evaluate's own index, which never leaves the call).
   */
  constructor(dataset: IndexData, policy: IndexPolicy, date: IsoDate, pool: TypedArrayPool = FRESH) {
    this.pool = pool;
    this.date = date;
    this.policy = policy;
    this.judgements = dataset.judgements;
    this.assessments = dataset.assessments;
    this.liveStart = liveFrom(dataset, policy);
    this.live = date >= this.liveStart;
    this.liveStartMs = Date.parse(`${this.liveStart}T00:00:00Z`);
    this.dateMs = Date.parse(`${date}T00:00:00Z`);
    this.pupils = dataset.pupils;
    this.subjects = trackedSubjects(dataset, policy);
    const S = (this.subjectCount = this.subjects.length);
    this.subjectIndex = new Map(this.subjects.map((s, i) => [s, i]));
    const pupilIndex = new Map<string, number>();
    this.pupils.forEach((p, i) => pupilIndex.set(p.id, i));
    this.pupilIndex = pupilIndex;
    this.levels = orderedLevels(policy);
    this.levelIndex = new Map(this.levels.map((l, i) => [l.id, i]));
    this.rank = Float64Array.from(this.levels, (l) => l.rank);
    this.concern = Uint8Array.from(this.levels, (l) => (l.concern === true ? 1 : 0));
    this.challenge = Uint8Array.from(this.levels, (l) => (l.challenge === true ? 1 : 0));
    this.defaultLevel = policy.defaultLevel;

    // Classes (per school), and each pupil's: by school, then class id (no key string per pupil).
    // (No school and an empty school id are one school, as before.)
    const classKey = new Map<string, Map<string, number>>();
    const classes: ClassRef[] = [];
    this.pupilClass = pool.int32('pupilClass', this.pupils.length);
    this.pupils.forEach((p, i) => {
      const schoolId = p.schoolId ?? null;
      let inSchool = classKey.get(schoolId ?? '');
      if (!inSchool) classKey.set(schoolId ?? '', (inSchool = new Map<string, number>()));
      let c = inSchool.get(p.classId);
      if (c === undefined) {
        c = classes.length;
        inSchool.set(p.classId, c);
        classes.push({ classId: p.classId, schoolId });
      }
      this.pupilClass[i] = c;
    });
    this.classes = classes;

    // Latest judgement per cell, and per class × subject: one pass over a file in time order.
    const cells = this.pupils.length * S;
    const latest = (this.latest = pool.int32('latest', cells).fill(-1));
    // Read only where `latest` is set, which writes it: no initial value needed.
    const latestLevel = pool.int16('latestLevel', cells);
    const classLast = (this.classLastRecorded = new Float64Array(classes.length * S).fill(-Infinity));
    const keys = { pupilIndex, subjectIndex: this.subjectIndex, levelIndex: this.levelIndex, pupilClass: this.pupilClass, S };
    scanJudgements(dataset.judgements, endOfDay(date), keys, { latest, latestLevel, classLast, latestAt: () => pool.float64('latestAt', cells) });

    // Live level per cell and concern counts per pupil.
    // Every cell and pupil is written below: no initial values needed.
    const source = (this.source = pool.uint8('source', cells));
    const levelOf = (this.levelOf = pool.int16('levelOf', cells));
    const concernSubjects = (this.concernSubjects = pool.int32('concernSubjects', this.pupils.length));
    const defaultIdx = this.levelIndex.get(policy.defaultLevel) ?? UNKNOWN_LEVEL;
    const live = this.live;
    const concern = this.concern;
    for (let p = 0, cell = 0; p < this.pupils.length; p++) {
      let n = 0;
      for (let s = 0; s < S; s++, cell++) {
        const k = latest[cell] as number;
        let lv: number;
        if (k >= 0) {
          source[cell] = SOURCE_RECORDED;
          lv = latestLevel[cell] as number;
        } else if (live) {
          source[cell] = SOURCE_DEFAULT;
          lv = defaultIdx;
        } else {
          source[cell] = SOURCE_UNTRACKED;
          lv = NO_LEVEL;
        }
        levelOf[cell] = lv;
        if (lv >= 0 && concern[lv] === 1) n++;
      }
      concernSubjects[p] = n;
    }

    // Snapshots taken by the date, newest first; on the same day the later in the file first.
    this.snapshots = dataset.snapshots
      .map((snap, i) => ({ snap, i }))
      .filter((x) => x.snap.takenOn <= date)
      .sort((a, b) => (a.snap.takenOn < b.snap.takenOn ? 1 : a.snap.takenOn > b.snap.takenOn ? -1 : b.i - a.i))
      .map((x) => x.snap);
    this.snapshotLevels = this.snapshots.map(() => undefined);
  }

  /** Number of cells (pupils × tracked subjects). */
  get cellCount(): number {
    return this.pupils.length * this.subjectCount;
  }

  /** The live status of a cell: a level id or null. */
  status(cell: number): string | null {
    const lv = this.levelOf[cell] as number;
    // A known level's id from the small level list; only a status the policy lacks reads its judgement.
    if (lv >= 0) return (this.levels[lv] as Level).id;
    if (lv === NO_LEVEL) return null;
    return this.source[cell] === SOURCE_RECORDED ? (this.judgements[this.latest[cell] as number] as Judgement).status : this.defaultLevel;
  }

  /** The source of a cell's live status. */
  sourceOf(cell: number): 'recorded' | 'default' | 'untracked' {
    return SOURCES[this.source[cell] as number] as 'recorded' | 'default' | 'untracked';
  }

  /** The rank of a level index, or null for `NO_LEVEL` / `UNKNOWN_LEVEL`. */
  rankOf(level: number): number | null {
    return level >= 0 ? (this.rank[level] as number) : null;
  }

  /** Whether a level index is a concern level. */
  isConcern(level: number): boolean {
    return level >= 0 && this.concern[level] === 1;
  }

  /** Whether a level index is a challenge level. */
  isChallenge(level: number): boolean {
    return level >= 0 && this.challenge[level] === 1;
  }

  /** Level indices of the `n`-th most recent snapshot (0 = newest), per cell. */
  snapshotLevel(n: number): Int16Array {
    const cached = this.snapshotLevels[n];
    if (cached) return cached;
    const snap = this.snapshots[n] as Snapshot;
    const S = this.subjectCount;
    const cells = this.pupils.length * S;
    const out = this.pool.int16(`snapshot${n}`, cells).fill(NO_LEVEL);
    const statuses = snap.statuses;
    const levelIds = this.levels.map((l) => l.id);
    const pupils = this.pupils;
    const subjects = this.subjects;
    let lastPupil = '';
    let lastP = -1;
    // The previous entry's status and its level: statuses repeat, so most entries compare one string.
    let lastStatus: unknown = NOT_SEEN;
    let lastLevel = NO_LEVEL;
    // The cell at position k in our own order (pupil p, subject s), counted along rather than divided out.
    let p = 0;
    let s = 0;
    for (let k = 0; k < statuses.length; k++) {
      const e = statuses[k] as Snapshot['statuses'][number];
      let cell: number;
      // Snapshots are usually frozen in our own cell order: check the position before hashing ids.
      if (k < cells && e.subjectId === subjects[s] && e.pupilId === (pupils[p] as Pupil).id) {
        cell = k;
      } else {
        if (e.pupilId !== lastPupil) {
          lastPupil = e.pupilId;
          lastP = this.pupilIndex.get(e.pupilId) ?? -1;
        }
        const si = this.subjectIndex.get(e.subjectId);
        cell = lastP < 0 || si === undefined ? -1 : lastP * S + si;
      }
      if (++s === S) {
        s = 0;
        p++;
      }
      if (cell < 0) continue;
      const status = e.status;
      if (status !== lastStatus) {
        lastStatus = status;
        lastLevel = NO_LEVEL;
        if (status !== null) {
          lastLevel = UNKNOWN_LEVEL;
          for (let i = 0; i < levelIds.length; i++) {
            if (levelIds[i] === status) {
              lastLevel = i;
              break;
            }
          }
        }
      }
      out[cell] = lastLevel;
    }
    this.snapshotLevels[n] = out;
    return out;
  }

  /** How many of the most recent snapshots, newest first and without a gap, hold a concern level for the cell. */
  concernStreak(cell: number): number {
    const count = this.snapshots.length;
    const concern = this.concern;
    let n = 0;
    while (n < count) {
      const lv = (this.snapshotLevels[n] ?? this.snapshotLevel(n))[cell] as number;
      if (lv < 0 || concern[lv] !== 1) break;
      n++;
    }
    return n;
  }

  /**
   * Per cell: `concernStreak`, built on first use in one pass per snapshot
   * (in cell order), and no further than the longest streak.
   */
  concernStreaks(): Int16Array {
    if (this.streakCache) return this.streakCache;
    const cells = this.pupils.length * this.subjectCount;
    const out = this.pool.int16('streak', cells).fill(0);
    const concern = this.concern;
    for (let n = 0; n < this.snapshots.length; n++) {
      const levels = this.snapshotLevel(n);
      let longer = false;
      for (let cell = 0; cell < cells; cell++) {
        const lv = levels[cell] as number;
        if (out[cell] === n && lv >= 0 && concern[lv] === 1) {
          out[cell] = n + 1;
          longer = true;
        }
      }
      if (!longer) break;
    }
    this.streakCache = out;
    return out;
  }

  /** Live rank minus the rank at the most recent snapshot; null when there is none or either is untracked. */
  rankChange(cell: number): number | null {
    if (this.snapshots.length === 0) return null;
    const now = this.levelOf[cell] as number;
    const then = (this.snapshotLevels[0] ?? this.snapshotLevel(0))[cell] as number;
    return now < 0 || then < 0 ? null : (this.rank[now] as number) - (this.rank[then] as number);
  }

  /** The level the most recent usable evidence in the window suggests for the cell, or null. */
  suggested(cell: number): string | null {
    const lv = (this.suggestedCache ?? this.suggestedLevels())[cell] as number;
    return lv >= 0 ? (this.levels[lv] as Level).id : null;
  }

  /** Per cell: the level index evidence suggests (`suggested`), or `NO_LEVEL`; built on first use. */
  suggestedLevels(): Int16Array {
    if (this.suggestedCache) return this.suggestedCache;
    const S = this.subjectCount;
    const cells = this.pupils.length * S;
    const out = this.pool.int16('suggested', cells).fill(NO_LEVEL);
    // Per cell: the index of the assessment that set its level, or -1 (a typed array, not a sparse list).
    const chosen = this.pool.int32('chosen', cells).fill(-1);
    const assessments = this.assessments;
    const scale = evidenceScale(this.policy);
    const from = evidenceWindowStart(this.date, this.policy.ruleSettings.evidenceWindowDays ?? 42);
    const to = this.date;
    const pupilIndex = this.pupilIndex;
    const subjectIndex = this.subjectIndex;
    // The previous assessment's day, whether it is in the window, and whether the days so far
    // never went back: files list assessments by day, and an equal string gives an equal answer.
    let lastOn: unknown = NOT_SEEN;
    let inWindow = false;
    let inOrder = true;
    for (let k = 0; k < assessments.length; k++) {
      const a = assessments[k] as Assessment;
      const on = a.takenOn;
      if (on !== lastOn) {
        if (inOrder && lastOn !== NOT_SEEN && on < (lastOn as string)) inOrder = false;
        lastOn = on;
        inWindow = on >= from && on <= to;
      }
      if (!inWindow) continue;
      const p = pupilIndex.get(a.pupilId);
      const s = subjectIndex.get(a.subjectId);
      if (p === undefined || s === undefined) continue;
      const cell = p * S + s;
      const prev = chosen[cell] as number;
      // The most recent wins; on the same day the later in the file. (Days in order so far:
      // no earlier assessment is on a later day.)
      if (!inOrder && prev >= 0 && on < (assessments[prev] as Assessment).takenOn) continue;
      const level = suggestedLevel(a, scale);
      if (level === null) continue;
      out[cell] = this.levelIndex.get(level) ?? NO_LEVEL;
      chosen[cell] = k;
    }
    this.suggestedCache = out;
    return out;
  }

  /**
   * Weeks from the later of the class × subject's last recorded judgement
   * (its UTC day) and the live start, to the date: days ÷ 7.
   */
  weeksSinceRecorded(classIndex: number, subject: number): number {
    const last = this.classLastRecorded[classIndex * this.subjectCount + subject] as number;
    const lastDay = Number.isFinite(last) ? Math.floor(last / DAY_MS) * DAY_MS : -Infinity;
    const from = Math.max(lastDay, this.liveStartMs);
    return (this.dateMs - from) / DAY_MS / 7;
  }
}

/**
 * Indexes a dataset under a policy as of a date, once, for computing facts.
 * @example const ix = buildFactsIndex(school, defaultPolicy, '2026-11-16');
 */
export function buildFactsIndex(dataset: IndexData, policy: IndexPolicy, date: IsoDate): FactsIndex {
  return new FactsIndex(dataset, policy, date);
}
