import { z } from 'zod';
import './zod-config.js';

/** A calendar date, `YYYY-MM-DD`. */
export const isoDateSchema = z.iso.date({ error: 'must be a date written YYYY-MM-DD' });
/** An instant, ISO 8601 with a UTC offset (`2026-10-02T10:00:00Z`). */
export const instantSchema = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset, e.g. 2026-10-02T10:00:00Z' });
/** An identifier: non-empty, no surrounding spaces. */
export const idSchema = z
  .string({ error: 'must be a string id' })
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' })
  .regex(/^\S(.*\S)?$/, { error: 'must not start or end with spaces' });

export type IsoDate = string;
export type Instant = string;
/** Id of a level in the policy's grade set (`below`, `on`, `above` by default). */
export type LevelId = string;

export const schoolSchema = z.looseObject({
  id: idSchema,
  name: z.string().min(1),
});
export type School = z.infer<typeof schoolSchema>;

export const halfTermSchema = z.looseObject({
  id: idSchema,
  name: z.string().min(1),
  start: isoDateSchema,
  end: isoDateSchema,
});
export type HalfTerm = z.infer<typeof halfTermSchema>;

export const calendarSchema = z.looseObject({
  yearStart: isoDateSchema,
  halfTerms: z.array(halfTermSchema),
});
export type Calendar = z.infer<typeof calendarSchema>;

export const subjectSchema = z.looseObject({ id: idSchema, name: z.string().min(1) });
export type Subject = z.infer<typeof subjectSchema>;

/** Year groups from nursery to year 13 (ages 2–18). */
export const YEAR_GROUPS = ['N', 'R', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6', 'Y7', 'Y8', 'Y9', 'Y10', 'Y11', 'Y12', 'Y13'] as const;
export const yearGroupSchema = z.enum(YEAR_GROUPS, { error: `must be one of ${YEAR_GROUPS.join(', ')}` });
export type YearGroup = z.infer<typeof yearGroupSchema>;

export const sendSchema = z.enum(['none', 'support', 'ehcp'], { error: 'must be "none", "support" or "ehcp"' });

/** Pupil attributes: the known ones are typed, anything else a school records is kept. */
export const attributesSchema = z.looseObject({
  send: sendSchema.optional(),
  pupilPremium: z.boolean().optional(),
  fsm: z.boolean().optional(),
  eal: z.boolean().optional(),
  gender: z.string().min(1).optional(),
  lookedAfter: z.boolean().optional(),
  attendance: z.number().min(0, { error: 'must be a percentage from 0 to 100' }).max(100, { error: 'must be a percentage from 0 to 100' }).optional(),
});
export type PupilAttributes = z.infer<typeof attributesSchema>;

export const pupilSchema = z.looseObject({
  id: idSchema,
  givenName: z.string().min(1),
  familyName: z.string(),
  yearGroup: yearGroupSchema,
  classId: idSchema,
  schoolId: idSchema.optional(),
  attributes: attributesSchema.default({}),
});
export type Pupil = z.infer<typeof pupilSchema>;

export const judgementSchema = z.looseObject({
  pupilId: idSchema,
  subjectId: idSchema,
  status: idSchema,
  recordedAt: instantSchema,
  recordedBy: idSchema,
  note: z.string().max(2000).optional(),
});
export type Judgement = z.infer<typeof judgementSchema>;

export const assessmentSchema = z.looseObject({
  pupilId: idSchema,
  subjectId: idSchema,
  kind: z.string().min(1),
  score: z.number().optional(),
  outOf: z.number().positive().optional(),
  level: idSchema.optional(),
  takenOn: isoDateSchema,
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const statusSourceSchema = z.enum(['recorded', 'default', 'untracked']);
export type StatusSource = z.infer<typeof statusSourceSchema>;

export const statusEntrySchema = z.looseObject({
  pupilId: idSchema,
  subjectId: idSchema,
  status: idSchema.nullable(),
  source: statusSourceSchema,
});
export type StatusEntry = z.infer<typeof statusEntrySchema>;

export const snapshotSchema = z.looseObject({
  halfTermId: idSchema,
  takenOn: isoDateSchema,
  statuses: z.array(statusEntrySchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

/** The data file, version 1: one school (or a trust's schools) and its tracking. */
export const datasetSchema = z.looseObject({
  version: z.literal(1, { error: 'must be 1 (the only dataset version)' }),
  school: schoolSchema.optional(),
  schools: z.array(schoolSchema).min(1).optional(),
  calendar: calendarSchema,
  subjects: z.array(subjectSchema),
  pupils: z.array(pupilSchema),
  judgements: z.array(judgementSchema).default([]),
  assessments: z.array(assessmentSchema).default([]),
  snapshots: z.array(snapshotSchema).default([]),
});
export type TrackingDataset = z.infer<typeof datasetSchema>;
/** A dataset as written in a file, before defaults are filled in. */
export type TrackingDatasetInput = z.input<typeof datasetSchema>;
