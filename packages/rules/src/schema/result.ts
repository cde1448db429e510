import type { LevelId, StatusEntry } from './dataset.js';

/** One condition that decided an intervention, with the value the fact had. */
export interface BecauseItem {
  readonly fact: string;
  readonly operator: string;
  readonly value: unknown;
  readonly factValue: unknown;
  readonly path?: string;
}

/** A rule that fired: who it concerns, what to do, who to tell, and why. */
export interface Intervention {
  readonly ruleId: string;
  readonly pupilId?: string;
  readonly subjectId?: string;
  readonly classId?: string;
  readonly action: string;
  readonly notify: readonly string[];
  readonly priority: number;
  readonly because: readonly BecauseItem[];
}

/** Counts and percentages of each level among the statuses that are not untracked. */
export interface Summary {
  readonly total: number;
  readonly untracked?: number;
  readonly counts: Readonly<Record<LevelId, number>>;
  readonly percent: Readonly<Record<LevelId, number>>;
}

/** What `evaluate` returns and `ontrack evaluate` prints. */
export interface EvaluationResult {
  readonly date: string;
  readonly statuses: readonly StatusEntry[];
  readonly interventions: readonly Intervention[];
  readonly summary: Summary;
}
