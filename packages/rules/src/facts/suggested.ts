import { addDays } from '../calendar/weeks.js';
import type { Assessment, IsoDate, LevelId } from '../schema/dataset.js';
import type { TrackingPolicy } from '../schema/policy.js';
import { orderedLevels } from '../policy/levels.js';

type EvidencePolicy = Pick<TrackingPolicy, 'levels' | 'defaultLevel' | 'evidence'>;

/** What a score can suggest under a policy: its concern, default and challenge levels and its thresholds. */
export interface EvidenceScale {
  /** The furthest-behind concern level (lowest rank); the default level when the grade set has none. */
  readonly concern: LevelId;
  readonly defaultLevel: LevelId;
  /** The furthest-ahead challenge level (highest rank); the default level when the grade set has none. */
  readonly challenge: LevelId;
  /** Level ids of the grade set, for `teacher` assessments. */
  readonly levels: ReadonlySet<LevelId>;
  /** Thresholds per assessment kind (`standardised`, `quiz`, or any kind the policy adds). */
  readonly thresholds: ReadonlyMap<string, { readonly below: number; readonly above: number }>;
}

/** The evidence scale of a policy. */
export function evidenceScale(policy: EvidencePolicy): EvidenceScale {
  const ordered = orderedLevels(policy);
  const concerns = ordered.filter((l) => l.concern === true);
  const challenges = ordered.filter((l) => l.challenge === true);
  const thresholds = new Map<string, { below: number; above: number }>();
  for (const [kind, t] of Object.entries(policy.evidence)) {
    if (kind === 'teacher' || t === null || typeof t !== 'object') continue;
    const { below, above } = t as { below?: unknown; above?: unknown };
    if (typeof below === 'number' && typeof above === 'number') thresholds.set(kind, { below, above });
  }
  return {
    concern: concerns[0]?.id ?? policy.defaultLevel,
    defaultLevel: policy.defaultLevel,
    challenge: challenges[challenges.length - 1]?.id ?? policy.defaultLevel,
    levels: new Set(ordered.map((l) => l.id)),
    thresholds,
  };
}

/**
 * The level one assessment suggests, or null when it says nothing usable: a
 * score (a quiz's `score / outOf`) strictly under the kind's `below` suggests
 * the concern level, strictly over `above` the challenge level, else the
 * default level; a `teacher` assessment suggests its own level; a kind the
 * policy has no thresholds for suggests nothing.
 * @example suggestedLevel({ kind: 'standardised', score: 82, … }, evidenceScale(defaultPolicy)) // 'below'
 */
export function suggestedLevel(assessment: Pick<Assessment, 'kind' | 'score' | 'outOf' | 'level'>, scale: EvidenceScale): LevelId | null {
  if (assessment.kind === 'teacher') {
    const level = assessment.level;
    return level !== undefined && scale.levels.has(level) ? level : null;
  }
  const t = scale.thresholds.get(assessment.kind);
  if (!t || typeof assessment.score !== 'number') return null;
  let x = assessment.score;
  if (assessment.kind === 'quiz') {
    if (typeof assessment.outOf !== 'number' || !(assessment.outOf > 0)) return null;
    x = assessment.score / assessment.outOf;
  }
  if (x < t.below) return scale.concern;
  if (x > t.above) return scale.challenge;
  return scale.defaultLevel;
}

/** First day of the evidence window that ends on `date`: `days` days before it (inclusive). */
export function evidenceWindowStart(date: IsoDate, days: number): IsoDate {
  return addDays(date, -days);
}

/**
 * The level the most recent usable evidence suggests for one pupil × subject:
 * assessments taken from `windowDays` days before `date` up to `date`; on the
 * same day, the later in the list wins. Null when there is none.
 * @example suggestFromEvidence(assessmentsOfCell, defaultPolicy, '2026-11-16') // 'on'
 */
export function suggestFromEvidence(
  assessments: readonly Pick<Assessment, 'kind' | 'score' | 'outOf' | 'level' | 'takenOn'>[],
  policy: EvidencePolicy & Pick<TrackingPolicy, 'ruleSettings'>,
  date: IsoDate,
  windowDays: number = policy.ruleSettings.evidenceWindowDays ?? 42,
): LevelId | null {
  const scale = evidenceScale(policy);
  const from = evidenceWindowStart(date, windowDays);
  let best: LevelId | null = null;
  let bestOn = '';
  for (const a of assessments) {
    if (a.takenOn < from || a.takenOn > date || a.takenOn < bestOn) continue;
    const level = suggestedLevel(a, scale);
    if (level === null) continue;
    best = level;
    bestOn = a.takenOn;
  }
  return best;
}
