import type { Issue, JsonPath } from '../errors.js';
import { BUILT_IN_OPERATOR_NAMES } from '../compile/operators.js';
import { parseSafePath } from '../compile/safe-path.js';
import { attributeFact, factDefinition, isKnownFact, RULE_SCOPES, type RuleScope } from '../facts/catalog.js';
import type { RuleJson, TrackingPolicy } from '../schema/policy.js';

/**
 * json-rules-engine's built-in operators (the engine's own list): the only ones
 * `evaluate` runs in a policy (decorated forms such as `not:equal` and custom
 * operators need json-rules-engine itself and are refused; use `not`, `notIn`,
 * `doesNotContain` instead).
 */
export const RULE_OPERATORS: readonly string[] = BUILT_IN_OPERATOR_NAMES;

/** Limits that keep hostile rule JSON from exhausting the engine. */
export const RULE_LIMITS = { depth: 16, conditions: 256 } as const;

/** Options for checking rules. */
export interface RuleCheckOptions {
  /**
   * Extra operator names to allow, for hosts that run rules through
   * `compileRules` with their own operators; `evaluate` itself runs only the
   * built-in ones.
   */
  readonly operators?: Iterable<string>;
}

type Obj = Readonly<Record<string, unknown>>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const own = (o: Obj, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
/** JSON text of a value, `nothing` for undefined (which JSON.stringify returns for it). */
const show = (x: unknown): string => (x === undefined ? 'nothing' : JSON.stringify(x));

/**
 * Whether a rule of `scope` may name `fact`: a catalogued fact of that scope,
 * or, in the pupil scopes, any other name, because pupil attributes are open
 * (every key a school records in `attributes` is a fact by its own name; an
 * attribute the data lacks is `undefined` at run time). A catalogued fact of
 * another scope (`weeksSinceRecorded` in a pupil rule) is unknown.
 */
export function factAllowed(scope: RuleScope, fact: string): boolean {
  return isKnownFact(scope, fact) || attributeFact(scope, fact);
}

/**
 * The problems of one rule's JSON (at `path`): its event must be an
 * `intervention` with `action`, `notify`, `priority` and a known `scope`; its
 * conditions a tree of `all` / `any` / `not` over known facts and operators,
 * `path` only in the safe subset (`$.name`, `[index]`, `["name"]`), no shared-condition references, within size limits.
 */
export function ruleIssues(rule: RuleJson, path: JsonPath, options: RuleCheckOptions = {}): Issue[] {
  const issues: Issue[] = [];
  const add = (p: JsonPath, code: string, message: string): void => {
    issues.push({ path: p, code, message });
  };
  const extraOperators = new Set(options.operators ?? []);

  let scope: RuleScope = 'pupil-subject';
  const event = rule.event;
  if (!isObj(event)) add([...path, 'event'], 'invalid-rule', 'needs an event: { "type": "intervention", "params": { … } }');
  else {
    if (own(event, 'type') !== 'intervention') add([...path, 'event', 'type'], 'invalid-rule', `must be "intervention" (got ${show(own(event, 'type'))})`);
    const params = own(event, 'params');
    if (!isObj(params)) add([...path, 'event', 'params'], 'invalid-rule', 'needs params with action, notify and priority');
    else {
      const action = own(params, 'action');
      if (typeof action !== 'string' || action.trim() === '') add([...path, 'event', 'params', 'action'], 'invalid-rule', 'needs an action (text)');
      const notify = own(params, 'notify');
      if (!Array.isArray(notify) || !notify.every((n) => typeof n === 'string')) add([...path, 'event', 'params', 'notify'], 'invalid-rule', 'needs notify: a list of roles');
      const priority = own(params, 'priority');
      if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1) add([...path, 'event', 'params', 'priority'], 'invalid-rule', 'needs a priority: a whole number, 1 most urgent');
      const s = own(params, 'scope');
      if (s !== undefined) {
        if (typeof s === 'string' && (RULE_SCOPES as readonly string[]).includes(s)) scope = s as RuleScope;
        else add([...path, 'event', 'params', 'scope'], 'invalid-rule', `must be one of ${RULE_SCOPES.map((x) => `"${x}"`).join(', ')}`);
      }
    }
  }
  if (rule.priority !== undefined && (!Number.isInteger(rule.priority) || rule.priority < 1)) add([...path, 'priority'], 'invalid-rule', 'a rule priority must be a whole number of at least 1');

  let count = 0;
  const checkFact = (p: JsonPath, fact: unknown): void => {
    if (typeof fact !== 'string' || fact === '') add(p, 'invalid-rule', 'needs a fact name');
    else if (!factAllowed(scope, fact)) add(p, 'unknown-fact', `unknown fact "${fact}" for a ${scope} rule`);
  };
  // Only the engine's safe subset ($.name, [index], ["name"]); never a JSONPath filter or script.
  const checkPath = (p: JsonPath, value: unknown): void => {
    const parsed = parseSafePath(value);
    if (!parsed.ok) add(p, 'unsafe-path', parsed.message);
  };
  const walk = (node: unknown, p: JsonPath, depth: number): void => {
    if (depth > RULE_LIMITS.depth) {
      add(p, 'too-deep', `conditions nested deeper than ${String(RULE_LIMITS.depth)} levels`);
      return;
    }
    if (++count > RULE_LIMITS.conditions) {
      if (count === RULE_LIMITS.conditions + 1) add(p, 'too-large', `more than ${String(RULE_LIMITS.conditions)} conditions in one rule`);
      return;
    }
    if (!isObj(node)) {
      add(p, 'invalid-rule', 'must be a condition object');
      return;
    }
    const boolKeys = ['all', 'any', 'not'].filter((k) => Object.hasOwn(node, k));
    if (Object.hasOwn(node, 'condition')) {
      add([...p, 'condition'], 'invalid-rule', 'shared condition references are not supported in a policy');
      return;
    }
    if (boolKeys.length > 1) {
      add(p, 'invalid-rule', `use one of all, any, not (got ${boolKeys.join(', ')})`);
      return;
    }
    const key = boolKeys[0];
    if (key === 'all' || key === 'any') {
      const list = node[key];
      if (!Array.isArray(list)) add([...p, key], 'invalid-rule', 'must be a list of conditions');
      else list.forEach((child, i) => {
        walk(child, [...p, key, i], depth + 1);
      });
      return;
    }
    if (key === 'not') {
      walk(node.not, [...p, 'not'], depth + 1);
      return;
    }
    if (depth === 0) {
      add(p, 'invalid-rule', 'the top of conditions must be all, any or not');
      return;
    }
    checkFact([...p, 'fact'], own(node, 'fact'));
    const operator = own(node, 'operator');
    if (typeof operator !== 'string' || !(RULE_OPERATORS.includes(operator) || extraOperators.has(operator))) {
      add([...p, 'operator'], 'unknown-operator', `unknown operator ${show(operator)}; use one of ${[...RULE_OPERATORS, ...extraOperators].join(', ')}`);
    }
    if (!Object.hasOwn(node, 'value')) add([...p, 'value'], 'invalid-rule', 'needs a value to compare with');
    else {
      const value = node.value;
      const isFactRef = isObj(value) && Object.hasOwn(value, 'fact');
      // json-rules-engine calls value.indexOf for these: anything but a list throws at run time.
      // A catalogued fact is never a list; only an open attribute might be one.
      const listFact = isFactRef && typeof value.fact === 'string' && factDefinition(value.fact) === undefined;
      if ((operator === 'in' || operator === 'notIn') && !Array.isArray(value) && !listFact) {
        add([...p, 'value'], 'invalid-rule', `${operator} needs a list of values, e.g. ["below"]`);
      }
      if (isObj(value) && Object.hasOwn(value, 'fact')) {
        checkFact([...p, 'value', 'fact'], value.fact);
        if (Object.hasOwn(value, 'path')) checkPath([...p, 'value', 'path'], value.path);
      }
    }
    if (Object.hasOwn(node, 'path')) checkPath([...p, 'path'], node.path);
  };
  if (rule.conditions === undefined) add([...path, 'conditions'], 'invalid-rule', 'needs conditions');
  else walk(rule.conditions, [...path, 'conditions'], 0);
  return issues;
}

function duplicates<T>(list: readonly T[], key: (x: T) => unknown, path: (i: number) => JsonPath, message: (v: unknown) => string, issues: Issue[]): void {
  const seen = new Set<unknown>();
  list.forEach((x, i) => {
    const v = key(x);
    if (seen.has(v)) issues.push({ path: path(i), code: 'duplicate-id', message: message(v) });
    seen.add(v);
  });
}

/**
 * The problems that make a complete policy unworkable, with JSON paths:
 * a default level that is not a level, duplicate level ids or ranks, a level
 * both concern and challenge, duplicate or empty groups, impossible ranges and
 * thresholds, duplicate tracked subjects. Rules are checked with `ruleIssues`;
 * `rulePath` says where each rule came from (default: `rules[i]`).
 */
export function policyIssues(
  policy: TrackingPolicy,
  options: RuleCheckOptions & { readonly rulePath?: (index: number) => JsonPath | undefined } = {},
): Issue[] {
  const issues: Issue[] = [];
  const add = (path: JsonPath, code: string, message: string): void => {
    issues.push({ path, code, message });
  };
  duplicates(policy.levels, (l) => l.id, (i) => ['levels', i, 'id'], (v) => `duplicate level "${String(v)}"`, issues);
  duplicates(policy.levels, (l) => l.rank, (i) => ['levels', i, 'rank'], (v) => `two levels share rank ${String(v)}; ranks order the grade set`, issues);
  policy.levels.forEach((l, i) => {
    if (l.concern === true && l.challenge === true) add(['levels', i], 'impossible-value', 'a level cannot be both a concern and a challenge');
  });
  if (!policy.levels.some((l) => l.id === policy.defaultLevel)) {
    add(['defaultLevel'], 'unknown-level', `"${policy.defaultLevel}" is not a level; the levels are ${policy.levels.map((l) => `"${l.id}"`).join(', ')}`);
  }
  duplicates(policy.groups, (g) => g.id, (i) => ['groups', i, 'id'], (v) => `duplicate group "${String(v)}"`, issues);
  policy.groups.forEach((g, i) => {
    const hasWhere = g.where !== undefined && Object.keys(g.where).length > 0;
    if (!hasWhere && g.range === undefined) add(['groups', i], 'empty-group', 'a group needs "where" (attribute values) or "range" (a numeric band)');
    if (g.range) {
      const { min, max } = g.range;
      if (min === undefined && max === undefined) add(['groups', i, 'range'], 'empty-group', 'a range needs min, max or both');
      if (min !== undefined && max !== undefined && min >= max) add(['groups', i, 'range', 'max'], 'impossible-value', `max (${String(max)}) must be more than min (${String(min)})`);
    }
  });
  for (const kind of ['standardised', 'quiz'] as const) {
    const t = policy.evidence[kind];
    if (!t) continue;
    if (t.below > t.above) add(['evidence', kind], 'impossible-value', `below (${String(t.below)}) must not be more than above (${String(t.above)})`);
    if (kind === 'quiz') {
      for (const side of ['below', 'above'] as const) {
        if (t[side] < 0 || t[side] > 1) add(['evidence', kind, side], 'impossible-value', 'quiz thresholds are fractions of the marks, from 0 to 1');
      }
    }
  }
  if (policy.subjects) duplicates(policy.subjects, (s) => s, (i) => ['subjects', i], (v) => `subject "${String(v)}" listed twice`, issues);
  duplicates(policy.rules, (r) => r.name, (i) => [...(options.rulePath?.(i) ?? ['rules', i]), 'name'], (v) => `two rules named "${String(v)}"`, issues);
  policy.rules.forEach((rule, i) => {
    issues.push(...ruleIssues(rule, options.rulePath?.(i) ?? ['rules', i], options));
  });
  return issues;
}
