import { addDays, weekStart } from '../calendar/weeks.js';
import type { Assessment, HalfTerm, IsoDate, Judgement, Pupil, School, Snapshot, Subject, TrackingDataset, YearGroup } from '../schema/dataset.js';
import { liveStatuses } from '../engine/live-status.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M } from './names.js';
import { type SeededRandom, seededRandom } from './seeded-random.js';

/** The phase of a school: which year groups it teaches (and, by default, which subjects it tracks). */
export type SchoolPhase = 'nursery' | 'primary' | 'secondary' | 'all-through';

/** Options for `generateSchool`. */
export interface GenerateSchoolOptions {
  /** Same seed, same school. */
  readonly seed: number;
  /** How many pupils (spread over the year groups). */
  readonly pupils: number;
  /**
   * Primary (Reception to Year 6, the default), nursery (Nursery to Year 6),
   * secondary (Year 7 to Year 13, twelve subjects) or all-through (Nursery to
   * Year 13, twelve subjects).
   */
  readonly phase?: SchoolPhase;
  /** Year groups to fill; the phase's by default. */
  readonly yearGroups?: readonly YearGroup[];
  /** Subjects tracked; the phase's by default. */
  readonly subjects?: readonly Subject[];
  /** First day of the academic year. */
  readonly yearStart?: IsoDate;
  /** Judgements, assessments and snapshots are generated up to this date. */
  readonly through?: IsoDate;
  /** Largest class size before a year group is split into more classes. */
  readonly classSize?: number;
  readonly schoolId?: string;
  readonly schoolName?: string;
}

export const PRIMARY_YEARS: readonly YearGroup[] = ['R', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6'];
export const PRIMARY_SUBJECTS: readonly Subject[] = [
  { id: 'reading', name: 'Reading' },
  { id: 'writing', name: 'Writing' },
  { id: 'maths', name: 'Maths' },
  { id: 'science', name: 'Science' },
];
/** Nursery to Year 6. */
export const NURSERY_PRIMARY_YEARS: readonly YearGroup[] = ['N', ...PRIMARY_YEARS];
/** Year 7 to Year 13 (with a sixth form). */
export const SECONDARY_YEARS: readonly YearGroup[] = ['Y7', 'Y8', 'Y9', 'Y10', 'Y11', 'Y12', 'Y13'];
/** Nursery to Year 13. */
export const ALL_THROUGH_YEARS: readonly YearGroup[] = ['N', ...PRIMARY_YEARS, ...SECONDARY_YEARS];
/** The twelve subjects a secondary (or all-through) school tracks. */
export const SECONDARY_SUBJECTS: readonly Subject[] = [
  { id: 'english', name: 'English' },
  { id: 'maths', name: 'Maths' },
  { id: 'science', name: 'Science' },
  { id: 'history', name: 'History' },
  { id: 'geography', name: 'Geography' },
  { id: 'languages', name: 'Modern languages' },
  { id: 'computing', name: 'Computing' },
  { id: 'art', name: 'Art and design' },
  { id: 'music', name: 'Music' },
  { id: 'pe', name: 'Physical education' },
  { id: 're', name: 'Religious education' },
  { id: 'dt', name: 'Design and technology' },
];
/** Subjects with a standardised test each term (the rest have quizzes only). */
const STANDARDISED = new Set(['reading', 'writing', 'maths', 'english']);

function phaseYears(phase: SchoolPhase): readonly YearGroup[] {
  return phase === 'secondary' ? SECONDARY_YEARS : phase === 'all-through' ? ALL_THROUGH_YEARS : phase === 'nursery' ? NURSERY_PRIMARY_YEARS : PRIMARY_YEARS;
}

function phaseSubjects(phase: SchoolPhase): readonly Subject[] {
  return phase === 'secondary' || phase === 'all-through' ? SECONDARY_SUBJECTS : PRIMARY_SUBJECTS;
}

const NOTES_BELOW = ['gaps in place value', 'struggles with inference', 'needs support with sentence structure', 'missed lessons; catching up', 'not yet secure with times tables'];
const NOTES_ABOVE = ['working at greater depth', 'excellent reasoning', 'reads widely and fluently', 'ready for extra challenge'];
const TEACHERS = ['t01', 't02', 't03', 't04', 't05', 't06', 't07', 't08', 't09', 't10', 't11', 't12', 't13', 't14', 't15', 't16', 't17'];
const CLASS_LETTERS = ['K', 'M', 'S', 'T', 'W', 'B'];

/** England's six half-terms from a September year start (approximate dates, weekday-aligned by week). */
export function englishHalfTerms(yearStart: IsoDate): HalfTerm[] {
  const spans: readonly [string, string, number, number][] = [
    ['aut1', 'Autumn 1', 0, 8],
    ['aut2', 'Autumn 2', 9, 16],
    ['spr1', 'Spring 1', 18, 23],
    ['spr2', 'Spring 2', 24, 29],
    ['sum1', 'Summer 1', 31, 36],
    ['sum2', 'Summer 2', 37, 43],
  ];
  return spans.map(([id, name, from, to]) => ({ id, name, start: weekStart(yearStart, from + 1), end: addDays(weekStart(yearStart, to + 1), -3) }));
}

function className(year: YearGroup, index: number): string {
  const stem = year === 'R' ? 'R' : year === 'N' ? 'N' : year.slice(1);
  return `${stem}${CLASS_LETTERS[index % CLASS_LETTERS.length] ?? 'X'}`;
}

function makePupil(rnd: SeededRandom, id: string, yearGroup: YearGroup, classId: string, schoolId: string | undefined): Pupil {
  const girl = rnd.chance(0.49);
  const sendRoll = rnd.next();
  // England, 2024/25: about 14% of pupils have SEN support and 5% an EHC plan; a quarter are eligible for pupil premium.
  const send = sendRoll < 0.04 ? 'ehcp' : sendRoll < 0.17 ? 'support' : 'none';
  const pupilPremium = rnd.chance(0.26);
  const attendance = Math.max(55, Math.min(100, Math.round(rnd.normal(pupilPremium ? 92.5 : 95, 4) * 10) / 10));
  const pupil: Pupil = {
    id,
    givenName: rnd.pick(girl ? GIVEN_NAMES_F : GIVEN_NAMES_M),
    familyName: rnd.pick(FAMILY_NAMES),
    yearGroup,
    classId,
    attributes: {
      send,
      pupilPremium,
      fsm: pupilPremium && rnd.chance(0.8),
      eal: rnd.chance(0.21),
      gender: girl ? 'F' : 'M',
      lookedAfter: rnd.chance(0.006),
      attendance,
    },
  };
  if (schoolId !== undefined) pupil.schoolId = schoolId;
  return pupil;
}

function instantOn(rnd: SeededRandom, day: IsoDate): string {
  const hh = String(rnd.int(8, 16)).padStart(2, '0');
  const mm = String(rnd.int(0, 59)).padStart(2, '0');
  return `${day}T${hh}:${mm}:00Z`;
}

interface Tracking {
  readonly judgements: Judgement[];
  readonly assessments: Assessment[];
}

function levelOf(ability: number): 'below' | 'on' | 'above' {
  return ability < -1.05 ? 'below' : ability > 1.25 ? 'above' : 'on';
}

function dayBetween(rnd: SeededRandom, from: IsoDate, to: IsoDate): IsoDate {
  const span = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  return addDays(from, rnd.int(0, span));
}

/**
 * A year of exception-only tracking for some pupils: each pupil × subject
 * has a latent attainment that drifts from half-term to half-term; a teacher
 * records a judgement when the level it implies changes (and now and then
 * confirms one), standardised tests each term in the core subjects and
 * low-stakes quizzes agree with it, with noise.
 */
function generateTracking(rnd: SeededRandom, pupils: readonly Pupil[], subjects: readonly Subject[], yearStart: IsoDate, through: IsoDate): Tracking {
  const halfTerms = englishHalfTerms(yearStart);
  const liveStart = weekStart(yearStart, defaultPolicy.liveFromWeek);
  const testDays = [addDays(yearStart, 28), addDays(yearStart, 7 * 18 + 2), addDays(yearStart, 7 * 31 + 2)];
  const judgements: Judgement[] = [];
  const assessments: Assessment[] = [];
  for (const pupil of pupils) {
    // A latent attainment per pupil, nudged per subject; SEND lowers the mean.
    const base = rnd.normal(pupil.attributes.send === 'none' ? 0 : -0.9, 1);
    for (const subject of subjects) {
      const ability = base + rnd.normal(0, 0.45);
      let a = ability;
      let current = 'on';
      for (let h = 0; h < halfTerms.length; h++) {
        const ht = halfTerms[h] as HalfTerm;
        if (ht.start > through) break;
        if (h > 0) {
          a = 0.85 * a + 0.15 * ability + rnd.normal(0, 0.2);
          // Now and then a setback (illness, a family crisis): a sharp fall that later recovers.
          if (rnd.chance(0.002)) a -= 2.5;
        }
        const level = levelOf(a);
        // Exceptions only: a judgement when the level changes, and now and then a confirmation.
        if (level !== current || rnd.chance(h === 0 ? 0.04 : 0.015)) {
          const from = h === 0 ? addDays(liveStart, -10) : ht.start;
          const day = dayBetween(rnd, from, ht.end);
          if (day <= through) {
            const j: Judgement = { pupilId: pupil.id, subjectId: subject.id, status: level, recordedAt: instantOn(rnd, day), recordedBy: rnd.pick(TEACHERS) };
            if (level !== 'on' && rnd.chance(0.5)) j.note = rnd.pick(level === 'below' ? NOTES_BELOW : NOTES_ABOVE);
            else if (level === 'on' && current === 'below') j.note = 'gaps closed after intervention';
            judgements.push(j);
            current = level;
          }
        }
        if (rnd.chance(0.15)) {
          const takenOn = dayBetween(rnd, ht.start, ht.end);
          const outOf = 20;
          const score = Math.round(outOf * Math.max(0, Math.min(1, 0.68 + 0.14 * a + rnd.normal(0, 0.08))));
          if (takenOn <= through) assessments.push({ pupilId: pupil.id, subjectId: subject.id, kind: 'quiz', score, outOf, takenOn });
        }
        if (STANDARDISED.has(subject.id) && (h === 0 || h === 2 || h === 4)) {
          const takenOn = addDays(testDays[h / 2] as IsoDate, rnd.int(0, 4));
          if (takenOn <= through) {
            const score = Math.round(Math.max(69, Math.min(141, 100 + 15 * a + rnd.normal(0, 4))));
            assessments.push({ pupilId: pupil.id, subjectId: subject.id, kind: 'standardised', score, takenOn });
          }
        }
      }
    }
  }
  judgements.sort((x, y) => (x.recordedAt < y.recordedAt ? -1 : x.recordedAt > y.recordedAt ? 1 : 0));
  assessments.sort((x, y) => (x.takenOn < y.takenOn ? -1 : x.takenOn > y.takenOn ? 1 : 0));
  return { judgements, assessments };
}

function makePupils(rnd: SeededRandom, count: number, years: readonly YearGroup[], classSize: number, idPrefix: string, classPrefix: string, schoolId: string | undefined): Pupil[] {
  const pupils: Pupil[] = [];
  const perYear = Math.floor(count / years.length);
  const extra = count % years.length;
  years.forEach((year, yi) => {
    const n = perYear + (yi < extra ? 1 : 0);
    const classes = Math.max(1, Math.ceil(n / classSize));
    for (let i = 0; i < n; i++) {
      pupils.push(makePupil(rnd, `${idPrefix}-p${pupils.length + 1}`, year, `${classPrefix}${className(year, i % classes)}`, schoolId));
    }
  });
  return pupils;
}

// A snapshot at the end of every half-term that has ended by `through`, frozen from the live statuses then.
function freezeSnapshots(dataset: TrackingDataset, through: IsoDate): Snapshot[] {
  const snapshots: Snapshot[] = [];
  for (const ht of dataset.calendar.halfTerms) {
    if (ht.end > through) break;
    snapshots.push({ halfTermId: ht.id, takenOn: ht.end, statuses: liveStatuses(dataset, defaultPolicy, ht.end) });
  }
  return snapshots;
}

// The dataset around generated pupils: a year of tracking and its snapshots.
function assemble(
  rnd: SeededRandom,
  who: Pick<TrackingDataset, 'school'> | Pick<TrackingDataset, 'schools'>,
  pupils: Pupil[],
  subjects: Subject[],
  yearStart: IsoDate,
  through: IsoDate,
): TrackingDataset {
  const { judgements, assessments } = generateTracking(rnd, pupils, subjects, yearStart, through);
  const dataset: TrackingDataset = { version: 1, ...who, calendar: { yearStart, halfTerms: englishHalfTerms(yearStart) }, subjects, pupils, judgements, assessments, snapshots: [] };
  dataset.snapshots = freezeSnapshots(dataset, through);
  return dataset;
}

/**
 * A deterministic, realistic school: pupils with attributes in national
 * proportions, classes of about 30, a year of exception-only judgements (most
 * pupils stay on the default On; levels drift from half-term to half-term),
 * standardised tests and quizzes that mostly agree with them, and a snapshot
 * at the end of every half-term that has ended.
 * @example const school = generateSchool({ seed: 1, pupils: 30 });
 * @example const secondary = generateSchool({ seed: 2, pupils: 1200, phase: 'secondary', through: '2027-07-20' });
 */
export function generateSchool(options: GenerateSchoolOptions): TrackingDataset {
  const rnd = seededRandom(options.seed);
  const phase = options.phase ?? 'primary';
  const years = options.yearGroups ?? phaseYears(phase);
  const yearStart = options.yearStart ?? '2026-09-01';
  const through = options.through ?? addDays(yearStart, 7 * 11);
  const subjects = (options.subjects ?? phaseSubjects(phase)).map((s) => ({ ...s }));
  const schoolId = options.schoolId ?? 'hp';
  const pupils = makePupils(rnd, options.pupils, years, options.classSize ?? 30, schoolId, '', options.schoolId);
  return assemble(rnd, { school: { id: schoolId, name: options.schoolName ?? 'Hallwood Park Primary' } }, pupils, subjects, yearStart, through);
}

/** Options for `generateTrust`. */
export interface GenerateTrustOptions {
  /** Same seed, same trust. */
  readonly seed: number;
  /** How many schools (at least 1). */
  readonly schools: number;
  /** How many pupils in all, shared between the schools by their size. */
  readonly pupils: number;
  /** The schools' phases, in turn; primary and secondary by default. */
  readonly phases?: readonly SchoolPhase[];
  /** Subjects tracked across the trust; the twelve secondary subjects when any school is secondary or all-through, else the primary four. */
  readonly subjects?: readonly Subject[];
  readonly yearStart?: IsoDate;
  /** Judgements, assessments and snapshots up to this date; the end of the summer term by default. */
  readonly through?: IsoDate;
  readonly classSize?: number;
}

const SCHOOL_NAMES = ['Hallwood Park', 'Riverside', 'St Anne’s', 'Oakfield', 'Brookvale', 'Castle Hill', 'Meadowbank', 'Northgate', 'Ashby Fields', 'Kingsmead', 'Llanfair', 'Greenway'];

/**
 * A deterministic multi-academy trust as one dataset: `schools`, every pupil
 * with its `schoolId` (ids and class ids prefixed by the school's, so they are
 * unique across the trust), one calendar and subject list, a year of
 * judgements and assessments, and the trust's half-term snapshots.
 * @example const trust = generateTrust({ seed: 1, schools: 2, pupils: 600 });
 */
export function generateTrust(options: GenerateTrustOptions): TrackingDataset {
  const rnd = seededRandom(options.seed);
  const count = Math.max(1, Math.floor(options.schools));
  const phases = options.phases && options.phases.length > 0 ? options.phases : (['primary', 'secondary'] as const);
  const yearStart = options.yearStart ?? '2026-09-01';
  const through = options.through ?? addDays(yearStart, 7 * 46);
  const wide = phases.some((p) => p === 'secondary' || p === 'all-through');
  const subjects = (options.subjects ?? (wide ? SECONDARY_SUBJECTS : PRIMARY_SUBJECTS)).map((s) => ({ ...s }));
  // School sizes vary (a secondary is usually larger); shares are drawn once, deterministically.
  const weights = Array.from({ length: count }, (_, i) => {
    const phase = phases[i % phases.length] as SchoolPhase;
    return (phase === 'primary' || phase === 'nursery' ? 1 : 2.5) * (0.75 + 0.5 * rnd.next());
  });
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((options.pupils * w) / totalWeight));
  for (let i = 0, left = options.pupils - sizes.reduce((a, b) => a + b, 0); left > 0; i = (i + 1) % count, left--) sizes[i] = (sizes[i] ?? 0) + 1;

  const schools: School[] = [];
  const pupils: Pupil[] = [];
  for (let i = 0; i < count; i++) {
    const phase = phases[i % phases.length] as SchoolPhase;
    const id = `s${String(i + 1).padStart(2, '0')}`;
    const kind = phase === 'secondary' ? 'Academy' : phase === 'all-through' ? 'All-through School' : 'Primary';
    schools.push({ id, name: `${SCHOOL_NAMES[i % SCHOOL_NAMES.length] ?? 'School'} ${kind}${i >= SCHOOL_NAMES.length ? ` ${Math.floor(i / SCHOOL_NAMES.length) + 1}` : ''}` });
    pupils.push(...makePupils(rnd, sizes[i] ?? 0, phaseYears(phase), options.classSize ?? 30, id, `${id}-`, id));
  }
  return assemble(rnd, { schools }, pupils, subjects, yearStart, through);
}
