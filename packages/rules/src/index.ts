/**
 * @ontrack/rules — headless live pupil-progress tracking: the data and policy
 * schemas, the default policy, the engine, the adapters and the synthetic school.
 * @packageDocumentation
 */
export { OnTrackError, ValidationError, NotFoundError, ConflictError, NetworkError, PermissionError, formatPath } from './errors.js';
export type { Issue, JsonPath } from './errors.js';

export { addDays, daysBetween, weekStart, academicWeek } from './calendar/weeks.js';
export { endOfDay, recordedBy, todayUtc } from './calendar/as-of.js';

export {
  datasetSchema, schoolSchema, calendarSchema, halfTermSchema, subjectSchema, pupilSchema, attributesSchema, judgementSchema,
  assessmentSchema, snapshotSchema, statusEntrySchema, statusSourceSchema, yearGroupSchema, isoDateSchema, instantSchema, idSchema, YEAR_GROUPS,
} from './schema/dataset.js';
export type {
  TrackingDataset, TrackingDatasetInput, School, Calendar, HalfTerm, Subject, Pupil, PupilAttributes, Judgement, Assessment, Snapshot,
  StatusEntry, StatusSource, YearGroup, IsoDate, Instant, LevelId,
} from './schema/dataset.js';
export { policySchema, levelSchema, groupSchema, ruleJsonSchema, ruleSettingsSchema } from './schema/policy.js';
export type { TrackingPolicy, Level, PupilGroup, RuleJson } from './schema/policy.js';
export type { EvaluationResult, Intervention, BecauseItem, Summary } from './schema/result.js';
export { parseDataset, parseWith, issuesFromZod } from './schema/parse.js';

export { defaultPolicy, defaultLevels, defaultGroups } from './policy/default-policy.js';
export { buildDefaultRules, defaultRuleSettings } from './policy/default-rules.js';
export type { RuleSettings } from './policy/default-rules.js';
export { orderedLevels, levelIndex, concernLevels, challengeLevels } from './policy/levels.js';

export { liveStatus, liveStatuses, latestJudgements, liveFrom, trackedSubjects, cellKey } from './engine/live-status.js';
export type { LiveStatus } from './engine/live-status.js';
export { summarize, round1 } from './engine/summary.js';

export { generateSchool, englishHalfTerms, PRIMARY_SUBJECTS, PRIMARY_YEARS } from './synthetic/generate-school.js';
export type { GenerateSchoolOptions } from './synthetic/generate-school.js';
export { seededRandom } from './synthetic/seeded-random.js';
export type { SeededRandom } from './synthetic/seeded-random.js';

export { createMemoryAdapter } from './adapter/memory-adapter.js';
export type { MemoryAdapterOptions } from './adapter/memory-adapter.js';
export type { CohortFilter, Breakdown, Gap, Target, TrendPoint, TrendSeries } from './breakdown/types.js';

// engine
export { FACTS, RULE_SCOPES, factNames, factDefinition, attributeFact, isKnownFact } from './facts/catalog.js';
export type { FactDefinition, FactType, RuleScope } from './facts/catalog.js';
export { buildFactsIndex, FactsIndex, instantMs } from './facts/facts-index.js';
export type { ClassRef } from './facts/facts-index.js';
export { pupilSubjectCursor, pupilSubjectFacts } from './facts/pupil-subject.js';
export type { PupilSubjectCursor } from './facts/pupil-subject.js';
export { pupilCursor, pupilFacts, pupilAccessor, readAttribute, attributesOf } from './facts/pupil.js';
export type { PupilCursor } from './facts/pupil.js';
export { classSubjectCursor, classSubjectFacts } from './facts/class-subject.js';
export type { ClassSubjectCursor } from './facts/class-subject.js';
export { evidenceScale, suggestedLevel, suggestFromEvidence, evidenceWindowStart } from './facts/suggested.js';
export type { EvidenceScale } from './facts/suggested.js';
export { compileRules, becauseFromResult, MISSING, RuleEvaluationError, DEFAULT_COMPILE_LIMITS } from './compile/compile-rule.js';
export type {
  BecauseDetail, BoundRule, CompileLimits, CompileOptions, CompiledRule, CompiledRules, FactAccessor, FactReader, FactResolver, RuleEvent, RuleFiring,
} from './compile/compile-rule.js';
export { BUILT_IN_OPERATORS, BUILT_IN_OPERATOR_NAMES, OPERATOR_DECORATORS } from './compile/operators.js';
export type { OperatorFn } from './compile/operators.js';
export { parseSafePath, resolveSegments, safePathResolver, MAX_PATH_LENGTH, MAX_PATH_SEGMENTS } from './compile/safe-path.js';
export type { PathSegments, SafePathResult } from './compile/safe-path.js';
export { evaluate } from './engine/evaluate.js';
export type { EvaluateOptions } from './engine/evaluate.js';
export { interventionPlan, findInterventions, compareInterventions, INTERVENTION_EVENT, DEFAULT_INTERVENTION_PRIORITY } from './engine/interventions.js';
export type { InterventionPlan, InterventionRule } from './engine/interventions.js';
export { generateTrust, SECONDARY_SUBJECTS, SECONDARY_YEARS, ALL_THROUGH_YEARS, NURSERY_PRIMARY_YEARS } from './synthetic/generate-school.js';
export type { GenerateTrustOptions, SchoolPhase } from './synthetic/generate-school.js';

// policy, cohorts, snapshot, cli
export { inGroup, pupilValue } from './breakdown/groups.js';
export { breakdown, breakdownFromStatuses, cohortPupils, cohortLabel } from './breakdown/breakdown.js';
export type { CohortSource, CohortPolicy } from './breakdown/breakdown.js';
// embed: breakdowns kept up to date edit by edit.
export { breakdownFromTally, tallyCohort } from './breakdown/breakdown.js';
export { groupGapFrom } from './breakdown/gap.js';
export type { CohortTally } from './breakdown/breakdown.js';
export { suppress, isSuppressed } from './breakdown/suppress.js';
export { gapBetween, groupGap, shareAtOrAbove, targetGap } from './breakdown/gap.js';
export type { TargetGap } from './breakdown/gap.js';
export { validateDataset, datasetIssues, datasetReferenceIssues } from './schema/validate-dataset.js';
export { partialPolicySchema } from './schema/policy.js';
export type { PartialPolicy } from './schema/policy.js';
export { resolvePolicy, mergePolicy, withoutUnsafeKeys, MAX_POLICY_DEPTH } from './policy/merge-policy.js';
export type { MergedPolicy } from './policy/merge-policy.js';
export { policyIssues, ruleIssues, factAllowed, RULE_OPERATORS, RULE_LIMITS } from './policy/validate-policy.js';
export type { RuleCheckOptions } from './policy/validate-policy.js';
export { takeSnapshot } from './snapshot/take-snapshot.js';
export { trend } from './trend/trend.js';
export type { TrendOptions } from './trend/trend.js';
export { jsonSchema } from './schema/json-schema.js';
export type { JsonSchemaName } from './schema/json-schema.js';

// adapters
export type {
  TrackingAdapter, CompleteTrackingAdapter, Scope, JudgementInput, StoredJudgement, TrackingChange, ChangeListener,
} from './adapter/tracking-adapter.js';
export { scopeDataset } from './adapter/memory-adapter.js';
export { checkJudgements, freezeSnapshot, newEditId } from './adapter/store-rules.js';
export type { StorePolicy, JudgementContext, CheckedJudgement } from './adapter/store-rules.js';
export { createHttpAdapter } from './adapter/http-adapter.js';
export type { HttpAdapterOptions, HttpAdapter, FetchLike } from './adapter/http-adapter.js';
export { createOfflineQueue, memoryQueueStorage, indexedDbQueueStorage } from './adapter/offline-queue.js';
export type { OfflineQueue, OfflineQueueOptions, PendingEdit, QueueStorage, QueuedJudgement } from './adapter/offline-queue.js';
export { CsvImportError } from './errors.js';
export type { CsvProblem } from './errors.js';
export { importCsv } from './adapter/csv-import.js';
export type { CsvKind, CsvMapping, CsvImportOptions, CsvProgress, CsvImport, CsvRecords } from './adapter/csv-import.js';
export { toCsv, safeCell, statusesToCsv, breakdownsToCsv } from './adapter/csv-export.js';
export type { CsvCell } from './adapter/csv-export.js';

// perf-grid
export { defaultDisplayPolicy } from './policy/default-levels.js';

// engine-speed
export type { FactDomains } from './compile/compile-rule.js';

// engine3: indexed facts (CompiledRule.bind decides a rule per value of one of them)
export type { IndexColumn, IndexedFact, IndexedFacts } from './compile/compile-rule.js';
