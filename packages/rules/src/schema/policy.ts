import { z } from 'zod';
import './zod-config.js';
import { idSchema } from './dataset.js';

export const levelSchema = z.looseObject({
  id: idSchema,
  label: z.string().min(1),
  /** A short label for tight spaces (grid cells); `label` when absent. */
  short: z.string().min(1).max(24).optional(),
  rank: z.number().int(),
  concern: z.boolean().optional(),
  challenge: z.boolean().optional(),
});
/** One level of a grade set: `rank` orders them (lower is further behind). */
export type Level = z.infer<typeof levelSchema>;

const thresholdSchema = z.looseObject({ below: z.number(), above: z.number() });

/** A named pupil group: every listed attribute must match (a value, or any of a list). */
export const groupSchema = z.looseObject({
  id: idSchema,
  label: z.string().min(1),
  where: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))])).optional(),
  /** Attendance-style bands: the attribute is at least `min` and under `max`. */
  range: z.looseObject({ attribute: z.string().min(1), min: z.number().optional(), max: z.number().optional() }).optional(),
});
export type PupilGroup = z.infer<typeof groupSchema>;

export const ruleSettingsSchema = z.looseObject({
  persistentSnapshots: z.number().int().min(1).optional(),
  multipleSubjects: z.number().int().min(1).optional(),
  attendanceBelow: z.number().min(0).max(100).optional(),
  evidenceWindowDays: z.number().int().min(1).optional(),
  unreviewedWeeks: z.number().min(0).optional(),
  declineRanks: z.number().int().min(1).optional(),
});

/** A json-rules-engine rule as a policy holds it: untrusted JSON, checked before use. */
export const ruleJsonSchema = z.looseObject({
  name: idSchema,
  disabled: z.boolean().optional(),
  priority: z.number().optional(),
  conditions: z.unknown().optional(),
  event: z.unknown().optional(),
});
export type RuleJson = z.infer<typeof ruleJsonSchema>;

/** A trust's tracking policy, version 1. */
export const policySchema = z.looseObject({
  version: z.literal(1, { error: 'must be 1 (the only policy version)' }),
  id: idSchema,
  name: z.string().min(1),
  levels: z.array(levelSchema).min(2, { error: 'a grade set needs at least 2 levels' }).max(12),
  defaultLevel: idSchema,
  liveFromWeek: z.number().int().min(1).max(52),
  snapshotsPerYear: z.number().int().min(3, { error: 'must be at least 3 snapshots a year' }).max(12),
  subjects: z.array(idSchema).optional(),
  evidence: z.looseObject({ standardised: thresholdSchema.optional(), quiz: thresholdSchema.optional() }),
  groups: z.array(groupSchema),
  suppressUnder: z.number().int().min(0),
  rules: z.array(ruleJsonSchema),
  ruleSettings: ruleSettingsSchema,
});
export type TrackingPolicy = z.infer<typeof policySchema>;

const partialThresholdSchema = z.looseObject({ below: z.number().optional(), above: z.number().optional() });

/**
 * A trust's policy file as written: any part of a `TrackingPolicy`, merged
 * over the default by `resolvePolicy` (objects key by key, `levels` and
 * `groups` whole, `rules` by name).
 */
export const partialPolicySchema = z.looseObject({
  version: policySchema.shape.version.optional(),
  id: idSchema.optional(),
  name: z.string().min(1).optional(),
  levels: policySchema.shape.levels.optional(),
  defaultLevel: idSchema.optional(),
  liveFromWeek: policySchema.shape.liveFromWeek.optional(),
  snapshotsPerYear: policySchema.shape.snapshotsPerYear.optional(),
  subjects: z.array(idSchema).optional(),
  evidence: z.looseObject({ standardised: partialThresholdSchema.optional(), quiz: partialThresholdSchema.optional() }).optional(),
  groups: z.array(groupSchema).optional(),
  suppressUnder: policySchema.shape.suppressUnder.optional(),
  rules: z.array(ruleJsonSchema).max(1000, { error: 'at most 1000 rules' }).optional(),
  ruleSettings: ruleSettingsSchema.optional(),
});
/** A policy file before merging over the default. */
export type PartialPolicy = z.infer<typeof partialPolicySchema>;
