import { type Issue, ValidationError } from '../errors.js';
import type { BecauseItem, Intervention } from '../schema/result.js';
import type { TrackingPolicy } from '../schema/policy.js';
import { type BoundRule, type CompiledRule, type CompiledRules, compileRules } from '../compile/compile-rule.js';
import { FACTS, RULE_SCOPES, type RuleScope } from '../facts/catalog.js';
import { levelFacts, pupilSubjectCursor } from '../facts/pupil-subject.js';
import { pupilCursor } from '../facts/pupil.js';
import { classSubjectCursor } from '../facts/class-subject.js';
import { type ClassRef, type FactsIndex, UNKNOWN_LEVEL } from '../facts/facts-index.js';
import type { Pupil } from '../schema/dataset.js';

/** The event type of an intervention rule; rules with other event types yield nothing. */
export const INTERVENTION_EVENT = 'intervention';

/** A compiled intervention rule with what it asks for. */
export interface InterventionRule {
  readonly rule: CompiledRule;
  readonly scope: RuleScope;
  readonly action: string;
  readonly notify: readonly string[];
  readonly priority: number;
}

/** A policy's intervention rules, compiled and grouped by scope. */
export interface InterventionPlan {
  readonly compiled: CompiledRules;
  readonly byScope: Readonly<Record<RuleScope, readonly InterventionRule[]>>;
}

/**
 * Facts whose values are primitives or null: the catalogue's own, and the
 * typed attributes (the dataset schema checks their types).
 */
const PRIMITIVE_FACTS: readonly string[] = FACTS.map((f) => f.name);

/**
 * From this many cells on, a result's status entries and cell interventions are
 * built at object literals of their own. V8 decides once per allocation site
 * whether the objects it makes go straight to the old generation (pretenuring),
 * from how many outlive their first collections: a small result is dropped
 * young, a large one (some 100 MB at 50,000 pupils) outlives several, and one
 * site shared by both would be decided by whichever a process happened to
 * evaluate first (small schools first left a trust's objects copied by every
 * collection: some 20 % slower). Same objects, same shapes, either way.
 */
export const LARGE_RESULT_CELLS = 50_000;

/** An intervention's default urgency when its rule gives none (1 = most urgent). */
export const DEFAULT_INTERVENTION_PRIORITY = 3;

// The notify list of a rule that names no one.
const NO_ONE: readonly string[] = Object.freeze([]);

const plans = new WeakMap<readonly unknown[], InterventionPlan>();

/**
 * Compiles a policy's rules once (cached per rules array) and reads each
 * intervention rule's `event.params`: `scope` (default `pupil-subject`),
 * `action` (default: the rule's name), `notify` (default none) and `priority`
 * (default 3). Throws a `ValidationError` naming the path of a bad rule.
 */
export function interventionPlan(policy: Pick<TrackingPolicy, 'rules'>, source = 'policy'): InterventionPlan {
  const cached = plans.get(policy.rules);
  if (cached) return cached;
  const compiled = compileRules(policy.rules, { source, path: ['rules'], primitiveFacts: PRIMITIVE_FACTS });
  const where = new Map<string, number>();
  policy.rules.forEach((r, i) => where.set(r.name, i));
  const issues: Issue[] = [];
  const byScope: Record<RuleScope, InterventionRule[]> = { 'pupil-subject': [], pupil: [], 'class-subject': [] };
  for (const rule of compiled.rules) {
    if (rule.event.type !== INTERVENTION_EVENT) continue;
    const at = ['rules', where.get(rule.name) ?? 0, 'event', 'params'];
    const params = rule.event.params ?? {};
    const scope = params.scope ?? 'pupil-subject';
    const { action, notify, priority } = params;
    if (typeof scope !== 'string' || !RULE_SCOPES.includes(scope as RuleScope)) {
      issues.push({ path: [...at, 'scope'], code: 'invalid-scope', message: `scope must be one of ${RULE_SCOPES.join(', ')}` });
      continue;
    }
    if (action !== undefined && typeof action !== 'string') issues.push({ path: [...at, 'action'], code: 'invalid-action', message: 'action must be a string' });
    if (notify !== undefined && (!Array.isArray(notify) || !notify.every((n) => typeof n === 'string'))) {
      issues.push({ path: [...at, 'notify'], code: 'invalid-notify', message: 'notify must be a list of strings' });
    }
    if (priority !== undefined && (typeof priority !== 'number' || !Number.isFinite(priority))) {
      issues.push({ path: [...at, 'priority'], code: 'invalid-priority', message: 'priority must be a number (1 = most urgent)' });
    }
    if (!rule.compiled) {
      issues.push({ path: ['rules', where.get(rule.name) ?? 0, 'conditions'], code: 'unknown-operator', message: 'policy rules may use only the built-in operators' });
    }
    byScope[scope as RuleScope].push({
      rule,
      scope: scope as RuleScope,
      action: typeof action === 'string' ? action : rule.name,
      // Shared by every intervention of the rule: frozen (the params are), as is the empty default.
      notify: Array.isArray(notify) ? (notify as string[]) : NO_ONE,
      priority: typeof priority === 'number' ? priority : DEFAULT_INTERVENTION_PRIORITY,
    });
  }
  if (issues.length > 0) throw new ValidationError(source, issues);
  const plan: InterventionPlan = { compiled, byScope };
  plans.set(policy.rules, plan);
  return plan;
}

/** Orders interventions: most urgent first, then by pupil, subject, class and rule id. */
export function compareInterventions(a: Intervention, b: Intervention): number {
  return (
    a.priority - b.priority ||
    cmp(a.pupilId ?? '', b.pupilId ?? '') ||
    cmp(a.subjectId ?? '', b.subjectId ?? '') ||
    cmp(a.classId ?? '', b.classId ?? '') ||
    cmp(a.ruleId, b.ruleId)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Indices of `ids` in `compareInterventions` order of the ids (stable). */
function orderOf(ids: readonly string[]): number[] {
  return ids.map((_, i) => i).sort((x, y) => cmp(ids[x] as string, ids[y] as string));
}

function byName(rules: readonly InterventionRule[]): InterventionRule[] {
  return [...rules].sort((a, b) => cmp(a.rule.name, b.rule.name));
}

// A bound rule, with the list its interventions go to (one list per priority) and how
// a cell is tested: `test()`, not at all (it always fires), or looked up in its decisions
// by the position of its indexed fact's value at the cell (`column[cell] + offset`).
interface BoundIntervention {
  readonly r: InterventionRule;
  readonly b: BoundRule;
  readonly bucket: (Intervention & { readonly schoolId?: string })[];
  readonly mode: number;
  readonly decisions: Uint8Array;
  readonly column: Int16Array;
  readonly offset: number;
  // With `fixedBecause`: the frozen because list, per position (one for a rule that always fires), once known.
  readonly lists: (readonly BecauseItem[] | undefined)[] | undefined;
}

const BY_TEST = 0;
const ALWAYS = 1;
const BY_LOOKUP = 2;
const NO_DECISIONS = new Uint8Array(0);
const NO_COLUMN = new Int16Array(0);

/** Options for `findInterventions`. */
export interface FindOptions {
  /**
   * Bind the rules once per live level and per evaluation with the facts
   * that are the same for every item (true, the default); false runs every
   * rule on every item (the plain path, for comparing the two).
   */
  readonly specialize?: boolean;
}

/**
 * Runs a plan's rules over every item of their scope (pupil × tracked
 * subject, pupil, class × tracked subject) and returns the interventions,
 * sorted by `compareInterventions`. In a trust's data each intervention also
 * carries the pupil's or class's `schoolId`. `because` lists may be shared
 * between interventions and are frozen.
 */
export function findInterventions(ix: FactsIndex, plan: InterventionPlan, { specialize = true }: FindOptions = {}): Intervention[] {
  // No sort of the (many) results: items are visited in id order (classes
  // before pupils, as an absent pupil id sorts first; a pupil's own rules
  // before its subjects', as an absent subject id sorts first; rules by id),
  // then bucketed by priority, which keeps that order.
  const buckets = new Map<number, Intervention[]>();
  // Each bound rule carries its priority's bucket: no lookup per intervention.
  // `byCell`: the caller tests cells by number, so a rule decided by an indexed fact with
  // positions is looked up (its column built now, as its first test would build it).
  const bind = (r: InterventionRule, b: BoundRule, byCell = false): BoundIntervention => {
    let bucket = buckets.get(r.priority);
    if (!bucket) buckets.set(r.priority, (bucket = []));
    if (byCell && b.decisions && b.positions) {
      const { column, offset } = b.positions();
      return { r, b, bucket, mode: b.always ? ALWAYS : BY_LOOKUP, decisions: b.decisions, column, offset, lists: b.fixedBecause ? [] : undefined };
    }
    if (byCell && b.always) return { r, b, bucket, mode: ALWAYS, decisions: NO_DECISIONS, column: NO_COLUMN, offset: 0, lists: b.fixedBecause ? [] : undefined };
    return { r, b, bucket, mode: BY_TEST, decisions: NO_DECISIONS, column: NO_COLUMN, offset: 0, lists: undefined };
  };
  const S = ix.subjectCount;
  const subjectOrder = orderOf(ix.subjects);
  // Each intervention is built by one object literal with all its keys (in the
  // order the contract's JSON shows them): no property added afterwards, so no
  // out-of-object property store and a handful of shapes, not a shape chain.
  const large = ix.cellCount >= LARGE_RESULT_CELLS;
  const emitCell = ({ r, b, bucket, lists, column, offset }: BoundIntervention, pupil: Pupil, subject: number, cell: number): void => {
    const subjectId = ix.subjects[subject] as string;
    const schoolId = pupil.schoolId;
    let because: readonly BecauseItem[];
    if (lists) {
      // The same frozen list at every cell (at this position of the rule's indexed fact).
      const at = column.length > 0 ? (column[cell] as number) + offset : 0;
      let known = lists[at];
      if (!known) {
        known = b.because();
        if (Object.isFrozen(known)) lists[at] = known;
      }
      because = known;
    } else because = b.because();
    const { id: pupilId, classId } = pupil;
    const { action, notify, priority } = r;
    const ruleId = r.rule.name;
    // The same literals twice: a large result's get allocation sites of their own (see LARGE_RESULT_CELLS).
    if (large) {
      bucket.push(
        schoolId != null
          ? { ruleId, action, notify, priority, because, pupilId, subjectId, classId, schoolId }
          : { ruleId, action, notify, priority, because, pupilId, subjectId, classId },
      );
    } else {
      bucket.push(
        schoolId != null
          ? { ruleId, action, notify, priority, because, pupilId, subjectId, classId, schoolId }
          : { ruleId, action, notify, priority, because, pupilId, subjectId, classId },
      );
    }
  };
  const emitPupil = ({ r, b, bucket }: BoundIntervention, pupil: Pupil): void => {
    const schoolId = pupil.schoolId;
    const because = b.because();
    bucket.push(
      schoolId != null
        ? { ruleId: r.rule.name, action: r.action, notify: r.notify, priority: r.priority, because, pupilId: pupil.id, classId: pupil.classId, schoolId }
        : { ruleId: r.rule.name, action: r.action, notify: r.notify, priority: r.priority, because, pupilId: pupil.id, classId: pupil.classId },
    );
  };
  const emitClass = ({ r, b, bucket }: BoundIntervention, subject: number, cls: ClassRef): void => {
    const subjectId = ix.subjects[subject] as string;
    const schoolId = cls.schoolId;
    const because = b.because();
    bucket.push(
      schoolId != null
        ? { ruleId: r.rule.name, action: r.action, notify: r.notify, priority: r.priority, because, subjectId, classId: cls.classId, schoolId }
        : { ruleId: r.rule.name, action: r.action, notify: r.notify, priority: r.priority, because, subjectId, classId: cls.classId },
    );
  };

  const classRules = byName(plan.byScope['class-subject']);
  if (classRules.length > 0) {
    const cursor = classSubjectCursor(ix);
    // `live` is the same for every class × subject of an evaluation.
    const live = specialize ? new Map([['live', [ix.live]]]) : undefined;
    const bound = classRules.map((r) => bind(r, r.rule.bind(cursor.resolve, live))).filter(({ b }) => !b.never);
    const classOrder = orderOf(ix.classes.map((c) => c.classId));
    // Index loops, not for-of, over the many items: an iterator result per item until the loop is optimised.
    for (let si = 0; si < subjectOrder.length; si++) {
      const s = subjectOrder[si] as number;
      for (let ci = 0; ci < classOrder.length; ci++) {
        const c = classOrder[ci] as number;
        const cls = ix.classes[c] as ClassRef;
        cursor.at(c, s);
        for (let i = 0; i < bound.length; i++) {
          const x = bound[i] as BoundIntervention;
          if (x.b.test()) emitClass(x, s, cls);
        }
      }
    }
  }
  const pupilRules = byName(plan.byScope.pupil);
  const cellRules = byName(plan.byScope['pupil-subject']);
  if (pupilRules.length > 0 || (cellRules.length > 0 && S > 0)) {
    const pc = pupilCursor(ix);
    const pupilBound = pupilRules.map((r) => bind(r, r.rule.bind(pc.resolve)));
    const cc = pupilSubjectCursor(ix);
    // The cell rules bound once per live level (index `level - UNKNOWN_LEVEL`), with what
    // the level decides of the facts: a rule that cannot fire at a level is not run there.
    const byLevel = Array.from({ length: ix.levels.length - UNKNOWN_LEVEL }, (_, i) => {
      const domains = specialize ? levelFacts(ix, i + UNKNOWN_LEVEL) : undefined;
      const indexed = specialize ? cc.indexed(i + UNKNOWN_LEVEL) : undefined;
      return cellRules
        .map((r) => r.rule.bind(cc.resolve, domains, indexed))
        .map((b, k) => (b.never ? undefined : bind(cellRules[k] as InterventionRule, b, true)))
        .filter((x) => x !== undefined);
    });
    const levelOf = ix.levelOf;
    const pupilOrder = orderOf(ix.pupils.map((x) => x.id));
    for (let pi = 0; pi < pupilOrder.length; pi++) {
      const p = pupilOrder[pi] as number;
      const pupil = ix.pupils[p] as Pupil;
      pc.at(p);
      for (let i = 0; i < pupilBound.length; i++) {
        const x = pupilBound[i] as BoundIntervention;
        if (x.b.test()) emitPupil(x, pupil);
      }
      if (cellRules.length === 0) continue;
      for (let si = 0; si < subjectOrder.length; si++) {
        const s = subjectOrder[si] as number;
        const cell = p * S + s;
        const cellBound = byLevel[(levelOf[cell] as number) - UNKNOWN_LEVEL] as readonly BoundIntervention[];
        if (cellBound.length === 0) continue;
        cc.at(p, s);
        for (let i = 0; i < cellBound.length; i++) {
          const x = cellBound[i] as BoundIntervention;
          const mode = x.mode;
          if (mode === ALWAYS || (mode === BY_LOOKUP ? x.decisions[(x.column[cell] as number) + x.offset] === 1 : x.b.test())) emitCell(x, pupil, s, cell);
        }
      }
    }
  }
  const sorted = [...buckets.entries()].filter(([, bucket]) => bucket.length > 0).sort((a, b) => a[0] - b[0]);
  if (sorted.length === 1) return (sorted[0] as [number, Intervention[]])[1];
  let total = 0;
  for (const [, bucket] of sorted) total += bucket.length;
  // Sized once, filled by index (not grown by push; no iterator per item in this once-run loop).
  const out = new Array<Intervention>(total);
  let at = 0;
  for (const [, bucket] of sorted) {
    for (let i = 0; i < bucket.length; i++) out[at++] = bucket[i] as Intervention;
  }
  return out;
}
