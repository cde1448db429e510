import { addDays, weekStart } from '../calendar/weeks.js';
import type { Assessment, HalfTerm, IsoDate, Judgement, Pupil, Snapshot, Subject, TrackingDataset, YearGroup } from '../schema/dataset.js';
import { liveStatuses } from '../engine/live-status.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { FAMILY_NAMES, GIVEN_NAMES_F, GIVEN_NAMES_M } from './names.js';
import { type SeededRandom, seededRandom } from './seeded-random.js';

/** Options for `generateSchool`. */
export interface GenerateSchoolOptions {
  /** Same seed, same school. */
  readonly seed: number;
  /** How many pupils (spread over the year groups). */
  readonly pupils: number;
  /** Year groups to fill; a primary school (Reception to Year 6) by default. */
  readonly yearGroups?: readonly YearGroup[];
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

/**
 * A deterministic, realistic school: pupils with attributes in national
 * proportions, classes of about 30, and a year of exception-only judgements
 * (most pupils stay on the default On), standardised assessments that mostly
 * agree with them, and a snapshot at the end of every half-term that has ended.
 * @example const school = generateSchool({ seed: 1, pupils: 30 });
 */
export function generateSchool(options: GenerateSchoolOptions): TrackingDataset {
  const rnd = seededRandom(options.seed);
  const years = options.yearGroups ?? PRIMARY_YEARS;
  const yearStart = options.yearStart ?? '2026-09-01';
  const through = options.through ?? addDays(yearStart, 7 * 11);
  const classSize = options.classSize ?? 30;
  const halfTerms = englishHalfTerms(yearStart);
  const subjects = PRIMARY_SUBJECTS.map((s) => ({ ...s }));
  const schoolId = options.schoolId ?? 'hp';

  const pupils: Pupil[] = [];
  const perYear = Math.floor(options.pupils / years.length);
  const extra = options.pupils % years.length;
  years.forEach((year, yi) => {
    const n = perYear + (yi < extra ? 1 : 0);
    const classes = Math.max(1, Math.ceil(n / classSize));
    for (let i = 0; i < n; i++) {
      pupils.push(makePupil(rnd, `${schoolId}-p${pupils.length + 1}`, year, className(year, i % classes), options.schoolId));
    }
  });

  const liveStart = weekStart(yearStart, defaultPolicy.liveFromWeek);
  const judgements: Judgement[] = [];
  const assessments: Assessment[] = [];
  const span = Math.max(0, Math.round((Date.parse(through) - Date.parse(liveStart)) / 86_400_000));
  for (const pupil of pupils) {
    // A latent attainment per pupil, nudged per subject; SEND lowers the mean.
    const base = rnd.normal(pupil.attributes.send === 'none' ? 0 : -0.9, 1);
    for (const subject of subjects) {
      const ability = base + rnd.normal(0, 0.45);
      const level = ability < -1.05 ? 'below' : ability > 1.25 ? 'above' : 'on';
      if (Date.parse(through) >= Date.parse(liveStart) && span > 0) {
        // Exceptions only: a judgement when the pupil is off-track, and now and then a change of mind.
        if (level !== 'on' || rnd.chance(0.04)) {
          const day = addDays(liveStart, rnd.int(-10, Math.min(span, 40)));
          if (day <= through) {
            const j: Judgement = { pupilId: pupil.id, subjectId: subject.id, status: level, recordedAt: instantOn(rnd, day), recordedBy: rnd.pick(TEACHERS) };
            if (level !== 'on' && rnd.chance(0.5)) j.note = rnd.pick(level === 'below' ? NOTES_BELOW : NOTES_ABOVE);
            judgements.push(j);
          }
        }
        if (level === 'below' && rnd.chance(0.25)) {
          const day = addDays(liveStart, rnd.int(Math.min(span, 41), span));
          if (day <= through) judgements.push({ pupilId: pupil.id, subjectId: subject.id, status: 'on', recordedAt: instantOn(rnd, day), recordedBy: rnd.pick(TEACHERS), note: 'gaps closed after intervention' });
        }
      }
      if (subject.id !== 'science') {
        const takenOn = addDays(yearStart, 28 + rnd.int(0, 4));
        if (takenOn <= through) {
          const score = Math.round(Math.max(69, Math.min(141, 100 + 15 * ability + rnd.normal(0, 4))));
          assessments.push({ pupilId: pupil.id, subjectId: subject.id, kind: 'standardised', score, takenOn });
        }
      }
    }
  }
  judgements.sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));

  const dataset: TrackingDataset = {
    version: 1,
    school: { id: schoolId, name: options.schoolName ?? 'Hallwood Park Primary' },
    calendar: { yearStart, halfTerms },
    subjects,
    pupils,
    judgements,
    assessments,
    snapshots: [],
  };
  const snapshots: Snapshot[] = [];
  for (const ht of halfTerms) {
    if (ht.end > through) break;
    snapshots.push({ halfTermId: ht.id, takenOn: ht.end, statuses: liveStatuses(dataset, defaultPolicy, ht.end) });
  }
  dataset.snapshots = snapshots;
  return dataset;
}
