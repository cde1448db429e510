/**
 * The facts a policy rule can see, per scope: contract.md "Rules and the facts
 * they see", documented so that trusts can write their own rules and so that a
 * policy naming an unknown fact is rejected before it runs.
 */

/** What a rule runs over: one item per pupil × tracked subject, per pupil, or per class × tracked subject. */
export type RuleScope = 'pupil-subject' | 'pupil' | 'class-subject';

/** Every rule scope, the default first. */
export const RULE_SCOPES: readonly RuleScope[] = ['pupil-subject', 'pupil', 'class-subject'];

/** The JSON type of a fact's value (before `null`). */
export type FactType = 'string' | 'number' | 'boolean';

/** One fact: its name, where it exists, its type and what it means. */
export interface FactDefinition {
  /** The name a rule's condition uses (`"fact": "status"`). */
  readonly name: string;
  /** The scopes in which the fact has a value. */
  readonly scopes: readonly RuleScope[];
  /** The type of its value. */
  readonly type: FactType;
  /** Whether the value may be `null` (e.g. `status` when untracked). */
  readonly nullable: boolean;
  /** When the value is a level id of the policy's grade set (`status`, `suggested`). */
  readonly level?: boolean;
  /** The only values it takes, when they are a fixed set. */
  readonly values?: readonly (string | number | boolean)[];
  /**
   * `attribute`: read from the pupil's `attributes` by its own name; `undefined`
   * when the pupil's record lacks it (see `attributeFact`).
   */
  readonly from?: 'attribute';
  /** What it means, in a sentence a trust can read. */
  readonly description: string;
}

const PS: readonly RuleScope[] = ['pupil-subject'];
const PUPIL: readonly RuleScope[] = ['pupil-subject', 'pupil'];
const SUBJECT: readonly RuleScope[] = ['pupil-subject', 'class-subject'];
const CLASS: readonly RuleScope[] = ['pupil-subject', 'pupil', 'class-subject'];
const CS: readonly RuleScope[] = ['class-subject'];

/**
 * Every fact a rule can see, in contract order. Pupil attributes are listed
 * by their known names; any other key a school records in `attributes` is a
 * fact too, by its own name, in the pupil scopes (see `attributeFact`).
 */
export const FACTS: readonly FactDefinition[] = [
  { name: 'status', scopes: PS, type: 'string', nullable: true, level: true, description: 'The live level id as of the date; null when untracked (before the live week with no judgement).' },
  { name: 'source', scopes: PS, type: 'string', nullable: false, values: ['recorded', 'default', 'untracked'], description: 'Where the live status comes from: a recorded judgement, the default level, or untracked.' },
  { name: 'rank', scopes: PS, type: 'number', nullable: true, description: "The live level's rank (lower is further behind); null when untracked." },
  { name: 'concern', scopes: PS, type: 'boolean', nullable: false, description: 'The live level is a concern level (it triggers support).' },
  { name: 'challenge', scopes: PS, type: 'boolean', nullable: false, description: 'The live level is a challenge level (the pupil needs stretch).' },
  {
    name: 'concernStreak',
    scopes: PS,
    type: 'number',
    nullable: false,
    description: 'How many of the most recent snapshots taken by the date, counting back from the latest without a gap, hold a concern level for this pupil and subject (0 when the latest does not).',
  },
  {
    name: 'rankChange',
    scopes: PS,
    type: 'number',
    nullable: true,
    description: 'The live rank minus the rank at the most recent snapshot taken by the date; null when there is no snapshot, or the pupil and subject is untracked in either.',
  },
  {
    name: 'suggested',
    scopes: PS,
    type: 'string',
    nullable: true,
    level: true,
    description:
      "The level the most recent assessment in the evidence window (ruleSettings.evidenceWindowDays up to the date) suggests: the lowest concern level when a standardised score or quiz fraction is strictly under the policy's `below`, the highest challenge level when strictly over `above`, else the default level; a `teacher` assessment suggests its own level. Null when there is no such evidence.",
  },
  { name: 'concernSubjects', scopes: PUPIL, type: 'number', nullable: false, description: 'How many tracked subjects the pupil is at a concern level in now.' },
  { name: 'pupilId', scopes: PUPIL, type: 'string', nullable: false, description: "The pupil's id." },
  { name: 'yearGroup', scopes: PUPIL, type: 'string', nullable: false, values: ['N', 'R', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6', 'Y7', 'Y8', 'Y9', 'Y10', 'Y11', 'Y12', 'Y13'], description: "The pupil's year group, N (nursery) to Y13." },
  { name: 'classId', scopes: CLASS, type: 'string', nullable: false, description: "The pupil's class (in class-subject scope: the class)." },
  { name: 'schoolId', scopes: CLASS, type: 'string', nullable: true, description: "The pupil's (or class's) school in a trust's dataset; null when the data file names none." },
  { name: 'subjectId', scopes: SUBJECT, type: 'string', nullable: false, description: 'The subject.' },
  { name: 'send', scopes: PUPIL, type: 'string', nullable: false, from: 'attribute', values: ['none', 'support', 'ehcp'], description: 'Special educational needs: none, SEN support or an EHC plan.' },
  { name: 'pupilPremium', scopes: PUPIL, type: 'boolean', nullable: false, from: 'attribute', description: 'Eligible for pupil premium.' },
  { name: 'fsm', scopes: PUPIL, type: 'boolean', nullable: false, from: 'attribute', description: 'Eligible for free school meals.' },
  { name: 'eal', scopes: PUPIL, type: 'boolean', nullable: false, from: 'attribute', description: 'English as an additional language.' },
  { name: 'gender', scopes: PUPIL, type: 'string', nullable: false, from: 'attribute', description: "The pupil's gender as the school records it (e.g. F, M)." },
  { name: 'lookedAfter', scopes: PUPIL, type: 'boolean', nullable: false, from: 'attribute', description: 'Looked after by the local authority.' },
  { name: 'attendance', scopes: PUPIL, type: 'number', nullable: false, from: 'attribute', description: 'Attendance this year, a percentage from 0 to 100.' },
  { name: 'live', scopes: CS, type: 'boolean', nullable: false, description: "Tracking is live on the date (the date is on or after the start of the policy's live week)." },
  {
    name: 'weeksSinceRecorded',
    scopes: CS,
    type: 'number',
    nullable: false,
    description:
      "Days from the later of the class × subject's last recorded judgement (by the date) and the live start, to the date, divided by 7 (a fraction; negative before the live start).",
  },
];

const byName = new Map(FACTS.map((f) => [f.name, f]));

/**
 * The fact names a rule of `scope` can see, in catalogue order (known
 * attribute names included; other attribute keys are facts too, see `attributeFact`).
 * @example factNames('class-subject') // ['classId', 'schoolId', 'subjectId', 'live', 'weeksSinceRecorded']
 */
export function factNames(scope: RuleScope): string[] {
  return FACTS.filter((f) => f.scopes.includes(scope)).map((f) => f.name);
}

/** The catalogue entry of a fact, if it is a catalogued fact. */
export function factDefinition(name: string): FactDefinition | undefined {
  return byName.get(name);
}

/**
 * Whether `name` can be a pupil attribute fact in `scope`: the pupil scopes
 * see every key of `attributes` by its own name, except names the catalogue
 * already gives another meaning and keys that could reach an object's
 * prototype.
 */
export function attributeFact(scope: RuleScope, name: string): boolean {
  if (scope === 'class-subject') return false;
  if (name === '__proto__' || name === 'constructor' || name === 'prototype' || name.length === 0) return false;
  const known = byName.get(name);
  return known === undefined || known.from === 'attribute';
}

/**
 * Whether a rule of `scope` may name the fact: catalogued for that scope, or
 * (pupil scopes) one of `attributeKeys`, the attribute names the data uses.
 * Without `attributeKeys`, only catalogued facts are known.
 */
export function isKnownFact(scope: RuleScope, name: string, attributeKeys?: Iterable<string>): boolean {
  const known = byName.get(name);
  if (known) return known.scopes.includes(scope);
  if (!attributeKeys || !attributeFact(scope, name)) return false;
  for (const key of attributeKeys) if (key === name) return true;
  return false;
}
