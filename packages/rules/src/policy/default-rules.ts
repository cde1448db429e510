import type { Level, RuleJson } from '../schema/policy.js';

/** The numbers the default rules read; a trust changes a rule by changing its number. */
export interface RuleSettings {
  readonly persistentSnapshots: number;
  readonly multipleSubjects: number;
  readonly attendanceBelow: number;
  readonly evidenceWindowDays: number;
  readonly unreviewedWeeks: number;
  readonly declineRanks: number;
}

/** The defaults of domain.md's intervention table. */
export const defaultRuleSettings: RuleSettings = {
  persistentSnapshots: 2,
  multipleSubjects: 3,
  attendanceBelow: 90,
  evidenceWindowDays: 42,
  unreviewedWeeks: 6,
  declineRanks: 2,
};

type Scope = 'pupil-subject' | 'pupil' | 'class-subject';

function rule(name: string, all: readonly object[], action: string, notify: readonly string[], priority: number, scope: Scope = 'pupil-subject'): RuleJson {
  return {
    name,
    conditions: { all },
    event: { type: 'intervention', params: { action, notify, priority, scope } },
  };
}

/**
 * The nine default intervention rules, as json-rules-engine rule JSON, built
 * from the settings and the grade set (so a custom grade set's concern levels
 * trigger `below-in-class`).
 */
export function buildDefaultRules(settings: RuleSettings, levels: readonly Level[]): RuleJson[] {
  const concern = levels.filter((l) => l.concern === true).map((l) => l.id);
  const challenge = levels.filter((l) => l.challenge === true).map((l) => l.id);
  const isConcern = { fact: 'concern', operator: 'equal', value: true };
  return [
    rule('below-in-class', [{ fact: 'status', operator: 'in', value: concern }], 'In-class intervention: close the gaps in lessons', ['class-teacher'], 3),
    rule(
      'below-persistent',
      [isConcern, { fact: 'concernStreak', operator: 'greaterThanInclusive', value: settings.persistentSnapshots }],
      'Tell parents and agree next steps; year-group leader informed',
      ['parents', 'year-group-leader'],
      2,
    ),
    rule(
      'below-multiple-subjects',
      [{ fact: 'concernSubjects', operator: 'greaterThanInclusive', value: settings.multipleSubjects }],
      'Pastoral review of wider barriers to learning',
      ['slt'],
      1,
      'pupil',
    ),
    rule('below-send', [isConcern, { fact: 'send', operator: 'in', value: ['support', 'ehcp'] }], 'SEND review of provision and targets', ['senco'], 2),
    rule(
      'below-low-attendance',
      [isConcern, { fact: 'attendance', operator: 'lessThan', value: settings.attendanceBelow }],
      'Triangulate with attendance and agree support',
      ['attendance-lead'],
      2,
    ),
    rule('above-challenge', [{ fact: 'status', operator: 'in', value: challenge }], 'Extra challenge and stretch in lessons', ['class-teacher'], 4),
    rule(
      'sharp-decline',
      [{ fact: 'rankChange', operator: 'lessThanInclusive', value: -settings.declineRanks }],
      'Urgent review of a sharp decline since the last snapshot',
      ['class-teacher', 'phase-leader'],
      1,
    ),
    rule(
      'evidence-mismatch',
      [
        { fact: 'suggested', operator: 'notEqual', value: null },
        { fact: 'status', operator: 'notEqual', value: null },
        { fact: 'suggested', operator: 'notEqual', value: { fact: 'status' } },
      ],
      'Moderate: the live status and recent evidence disagree',
      ['subject-leader'],
      3,
    ),
    rule(
      'class-unreviewed',
      [
        { fact: 'live', operator: 'equal', value: true },
        { fact: 'weeksSinceRecorded', operator: 'greaterThanInclusive', value: settings.unreviewedWeeks },
      ],
      'Data-quality reminder: review this class and subject',
      ['phase-leader'],
      3,
      'class-subject',
    ),
  ];
}
