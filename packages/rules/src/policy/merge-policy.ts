import { type Issue, type JsonPath, ValidationError } from '../errors.js';
import { issuesFromZod } from '../schema/parse.js';
import { type PartialPolicy, partialPolicySchema, policySchema, type RuleJson, type TrackingPolicy } from '../schema/policy.js';
import { defaultPolicy } from './default-policy.js';
import { buildDefaultRules, defaultRuleSettings, type RuleSettings } from './default-rules.js';
import { policyIssues, type RuleCheckOptions } from './validate-policy.js';

/** Keys that could reach or replace an object's prototype: dropped from outside input. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper JSON than this is refused before anything walks it. */
export const MAX_POLICY_DEPTH = 64;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A deep copy of parsed JSON without `__proto__`, `constructor` and
 * `prototype` keys (ignored, never assigned), refusing nesting deeper than
 * `MAX_POLICY_DEPTH` (reported in `issues`).
 */
export function withoutUnsafeKeys(input: unknown, issues: Issue[] = [], path: JsonPath = []): unknown {
  if (path.length > MAX_POLICY_DEPTH) {
    issues.push({ path, code: 'too-deep', message: `nested deeper than ${String(MAX_POLICY_DEPTH)} levels` });
    return null;
  }
  if (Array.isArray(input)) return input.map((x, i) => withoutUnsafeKeys(x, issues, [...path, i]));
  if (!isObj(input)) return input;
  const out: Obj = {};
  for (const [key, value] of Object.entries(input)) {
    if (UNSAFE_KEYS.has(key)) continue;
    out[key] = withoutUnsafeKeys(value, issues, [...path, key]);
  }
  return out;
}

/** Objects merge key by key; anything else (arrays included) replaces. */
function mergeValue(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isObj(base) || !isObj(over)) return over;
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (UNSAFE_KEYS.has(key)) continue;
    out[key] = mergeValue(base[key], value);
  }
  return out;
}

const settingsOf = (policy: Pick<TrackingPolicy, 'ruleSettings'>): RuleSettings => ({ ...defaultRuleSettings, ...policy.ruleSettings }) as RuleSettings;

/** A merged policy and, for each of its rules, the index of the partial policy's rule it came from. */
export interface MergedPolicy {
  readonly policy: TrackingPolicy;
  /** `origins[i]`: index in the partial's `rules` of merged rule `i`; undefined for a rule of the base. */
  readonly origins: readonly (number | undefined)[];
}

/**
 * Merges a partial policy over a complete one, as contract.md says: objects
 * key by key; `levels`, `groups` and `subjects` replace the base's whole; the
 * base's default rules are rebuilt from the merged `ruleSettings` and levels
 * (so changing `attendanceBelow` changes `below-low-attendance`) *before* the
 * partial's rules merge by `name`: the same name replaces that rule in place,
 * `{ "name": …, "disabled": true }` removes it, a new name adds a rule at the
 * end. Does not validate; `resolvePolicy` does.
 */
export function mergePolicy(base: TrackingPolicy, partial: PartialPolicy): MergedPolicy {
  const { rules: partialRules, ...rest } = partial;
  const merged = mergeValue(base, rest) as TrackingPolicy;
  // Default rules the base still holds unchanged follow the merged numbers and levels.
  const before = new Map(buildDefaultRules(settingsOf(base), base.levels).map((r) => [r.name, JSON.stringify(r)]));
  const after = new Map(buildDefaultRules(settingsOf(merged), merged.levels).map((r) => [r.name, r]));
  const rules: RuleJson[] = base.rules.map((r) => (before.get(r.name) === JSON.stringify(r) ? (after.get(r.name) ?? r) : r));
  const origins: (number | undefined)[] = rules.map(() => undefined);
  (partialRules ?? []).forEach((rule, i) => {
    const at = rules.findIndex((r) => r.name === rule.name);
    if (rule.disabled === true) {
      if (at >= 0) {
        rules.splice(at, 1);
        origins.splice(at, 1);
      }
    } else if (at >= 0) {
      rules[at] = rule;
      origins[at] = i;
    } else {
      rules.push(rule);
      origins.push(i);
    }
  });
  return { policy: { ...merged, rules }, origins };
}

/**
 * Turns a policy file (parsed JSON, untrusted) into a complete, checked
 * `TrackingPolicy`: a partial policy merges over `defaultPolicy` (see
 * `mergePolicy`); `undefined` gives the default policy. `__proto__`,
 * `constructor` and `prototype` keys are ignored. Throws a `ValidationError`
 * listing every problem with its path in the file: shape errors, a default
 * level that is not a level, duplicate level ids or ranks, a group over
 * nothing, thresholds with below over above, and rules that cannot work (an
 * event that is not an intervention, a fact unknown for the rule's scope, an
 * unknown operator, `path` expressions, too deep or too large).
 * @example const policy = resolvePolicy({ ruleSettings: { attendanceBelow: 92 } }, 'trust-policy.json');
 */
export function resolvePolicy(input: unknown, source = 'policy', options: RuleCheckOptions = {}): TrackingPolicy {
  if (input === undefined) return defaultPolicy;
  if (!isObj(input)) throw new ValidationError(source, [{ path: [], code: 'invalid-type', message: 'a policy must be a JSON object' }]);
  const issues: Issue[] = [];
  const clean = withoutUnsafeKeys(input, issues);
  if (issues.length > 0) throw new ValidationError(source, issues);
  const partial = partialPolicySchema.safeParse(clean);
  if (!partial.success) throw new ValidationError(source, issuesFromZod(partial.error));
  const seen = new Set<string>();
  (partial.data.rules ?? []).forEach((rule, i) => {
    if (seen.has(rule.name)) issues.push({ path: ['rules', i, 'name'], code: 'duplicate-id', message: `a second rule named "${rule.name}"` });
    seen.add(rule.name);
  });
  const { policy, origins } = mergePolicy(defaultPolicy, partial.data);
  const full = policySchema.safeParse(policy);
  if (!full.success) issues.push(...issuesFromZod(full.error));
  else {
    const rulePath = (i: number): JsonPath => {
      const origin = origins[i];
      return origin === undefined ? ['rules', `(default ${policy.rules[i]?.name ?? String(i)})`] : ['rules', origin];
    };
    issues.push(...policyIssues(full.data, { ...options, rulePath }).filter((issue) => !(issue.code === 'duplicate-id' && issue.path[0] === 'rules')));
  }
  if (issues.length > 0) throw new ValidationError(source, issues);
  return full.success ? full.data : policy;
}
