import { Engine, type RuleProperties, type RuleResult } from 'json-rules-engine';
import { type Issue, type JsonPath, OnTrackError, ValidationError } from '../errors.js';
import type { BecauseItem } from '../schema/result.js';
import { BUILT_IN_OPERATORS, type OperatorFn, knownToEngine } from './operators.js';
import { type PathSegments, parseSafePath, resolveSegments, safePathResolver } from './safe-path.js';

/**
 * Rule JSON in, plain functions out — once per policy. A json-rules-engine
 * rule's conditions (`all` / `any` / `not`, nested; the ten built-in
 * operators; a value that is another fact) become closures that give
 * json-rules-engine's answer, its `because`, and its errors, without promises
 * or per-run allocation. Only what the compiler does not understand (custom
 * or decorated operators) runs on a real json-rules-engine `Engine`, with our
 * safe `path` resolver.
 *
 * Semantics kept from json-rules-engine 7.3.1 (the differential test is the proof):
 * - Conditions of an `all`/`any` are grouped by `priority` (`parseInt(p) || 1`),
 *   highest first; every condition of a group is evaluated, and later groups
 *   only when the earlier ones have not decided. Our closures skip the rest of
 *   a decided group only where that cannot change the outcome or an error.
 * - An empty `all` or `any` is true. `not` takes one condition.
 * - Undefined facts: with `allowUndefinedFacts` (our default, as OnTrack's
 *   policies need: a pupil without an `attendance` attribute) a missing fact is
 *   `undefined`; without it, reading one throws.
 * - `in`/`notIn` call `value.indexOf(fact)`: over a string they search it, over
 *   `null` or a number they throw. `contains` on a fact that is not an array
 *   is false. The comparisons are false unless the fact parses as a number.
 * - `params` is ignored (our facts are values, not functions).
 */

/** Returned by a fact reader for a fact it does not have. */
export const MISSING: unique symbol = Symbol('ontrack.missing-fact');

/** Reads a fact by name; `MISSING` when there is no such fact. */
export type FactReader = (name: string) => unknown;

/** One item of `because`; `valueResult` is the other fact's value when the condition compared two facts. */
export type BecauseDetail = BecauseItem & { readonly valueResult?: unknown };

/** A rule's `event`: its `type` and `params` as written. */
export interface RuleEvent {
  readonly type: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** The bounds on untrusted rule JSON; a rule past one is refused with a `ValidationError`. */
export interface CompileLimits {
  /** Rules in one policy. */
  readonly maxRules: number;
  /** Nesting of conditions (`all` in `any` in …), and of a condition's JSON value. */
  readonly maxDepth: number;
  /** Conditions (boolean and fact comparisons) in one rule. */
  readonly maxConditions: number;
  /** Conditions in all rules together. */
  readonly maxTotalConditions: number;
  /** JSON nodes in one condition's value (a long `in` list counts each item). */
  readonly maxValueNodes: number;
}

/** The default limits: far beyond any real policy, far below what could hang an evaluation. */
export const DEFAULT_COMPILE_LIMITS: CompileLimits = Object.freeze({
  maxRules: 500,
  maxDepth: 16,
  maxConditions: 256,
  maxTotalConditions: 4096,
  maxValueNodes: 1000,
});

/** Options for `compileRules`. */
export interface CompileOptions {
  /** Name of the input in error messages (`policy.json`). */
  readonly source?: string;
  /** JSON path of the rules array inside that input; `['rules']` by default. */
  readonly path?: JsonPath;
  /** Missing facts read as `undefined` (true, the default) or throw (json-rules-engine's default). */
  readonly allowUndefinedFacts?: boolean;
  /** Extra operators, by name: such rules run on json-rules-engine (`run`, not `runSync`). */
  readonly operators?: Readonly<Record<string, OperatorFn>>;
  /**
   * Facts whose values are always primitives or null (never objects or
   * arrays): lets the compiled path skip more conditions once a group is
   * decided, since comparing them cannot throw.
   */
  readonly primitiveFacts?: Iterable<string>;
  /** Tighter or looser bounds than `DEFAULT_COMPILE_LIMITS`. */
  readonly limits?: Partial<CompileLimits>;
}

/** A rule that fired: its name, priority, event and why. */
export interface RuleFiring {
  readonly name: string;
  readonly priority: number;
  readonly event: RuleEvent;
  readonly because: readonly BecauseDetail[];
}

/** One compiled rule. */
export interface CompiledRule {
  /** The rule's `name` (its id). */
  readonly name: string;
  /** json-rules-engine's rule priority (higher runs first; 1 when absent). */
  readonly priority: number;
  readonly event: RuleEvent;
  /** Every fact the rule reads, including facts compared against. */
  readonly facts: ReadonlySet<string>;
  /** False when the rule needs json-rules-engine itself (custom or decorated operators). */
  readonly compiled: boolean;
  /** Whether the rule fires for these facts (compiled rules only). */
  test(read: FactReader): boolean;
  /** The conditions that decided a rule that fired, with their fact values (compiled rules only). */
  because(read: FactReader): BecauseDetail[];
  /**
   * Binds the rule to fact accessors, once: the fastest way to run it over
   * many items (a cursor moves; the accessors read its current item).
   * `domains` says what some facts can be for every item the binding will
   * see (e.g. the facts of one live level): conditions they decide are
   * decided once, here, and `never` says when the rule then cannot fire.
   * `indexed` names facts whose value at the current item is one of a few
   * known values, by position: a rule that, once `domains` have decided
   * what they decide, reads only one of them is decided for each of its
   * values here, and then tests by looking its position up.
   */
  bind(resolve: FactResolver, domains?: FactDomains, indexed?: IndexedFacts): BoundRule;
}

/** A policy's rules, compiled. */
export interface CompiledRules {
  /** Highest priority first, then in the order given. */
  readonly rules: readonly CompiledRule[];
  /** Some rule needs json-rules-engine: use `run`. */
  readonly usesFallback: boolean;
  /** The rules that fire for these facts, synchronously; throws when `usesFallback`. (Safe to destructure.) */
  readonly runSync: (facts: Readonly<Record<string, unknown>> | FactReader) => RuleFiring[];
  /** The rules that fire for these facts, with the fallback where needed. (Safe to destructure.) */
  readonly run: (facts: Readonly<Record<string, unknown>>) => Promise<RuleFiring[]>;
}

/** A rule failed while it ran (e.g. `in` over a value that is not a list). */
export class RuleEvaluationError extends OnTrackError {
  readonly ruleName: string;
  constructor(ruleName: string, message: string, options?: ErrorOptions) {
    super('rule-failed', `rule "${ruleName}": ${message}`, options);
    this.ruleName = ruleName;
  }
}

// ---------------------------------------------------------------- the tree

interface FactRef {
  readonly fact: string;
  readonly path?: string;
  readonly segments?: PathSegments;
}

interface LeafNode {
  readonly kind: 'leaf';
  readonly priority: number;
  readonly fact: FactRef;
  readonly operator: string;
  readonly op: OperatorFn | undefined;
  /** The value as written: a literal, or `{ fact, path? }`. */
  readonly value: unknown;
  readonly valueFact: FactRef | undefined;
  readonly pure: boolean;
}

interface BoolNode {
  readonly kind: 'all' | 'any' | 'not';
  readonly priority: number;
  readonly children: readonly Node[];
  readonly pure: boolean;
}

type Node = LeafNode | BoolNode;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const BOOLEAN_KEYS = ['any', 'all', 'not'] as const;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

// json-rules-engine: a boolean condition's priority is `parseInt(p, 10) || 1`;
// a fact condition's is the same, falling back to the fact's priority (1).
function conditionPriority(raw: number | undefined): number {
  return raw === undefined ? 1 : Number.parseInt(String(raw), 10) || 1;
}

class Checker {
  readonly issues: Issue[] = [];
  readonly limits: CompileLimits;
  readonly allowUndefined: boolean;
  readonly extraOperators: ReadonlySet<string>;
  readonly primitive: ReadonlySet<string>;
  total = 0;
  // per rule
  count = 0;
  aborted = false;
  facts = new Set<string>();
  needsFallback = false;

  constructor(limits: CompileLimits, allowUndefined: boolean, extraOperators: ReadonlySet<string>, primitive: ReadonlySet<string>) {
    this.limits = limits;
    this.allowUndefined = allowUndefined;
    this.extraOperators = extraOperators;
    this.primitive = primitive;
  }

  isAborted(): boolean {
    return this.aborted;
  }

  issue(path: JsonPath, code: string, message: string): void {
    this.issues.push({ path, code, message });
  }

  forbiddenKeys(obj: Record<string, unknown>, path: JsonPath): boolean {
    for (const key of Object.keys(obj)) {
      if (FORBIDDEN_KEYS.has(key)) {
        this.issue([...path, key], 'forbidden-key', `"${key}" is not allowed in a rule`);
        return true;
      }
    }
    return false;
  }

  /** Checks that a value is plain JSON of bounded size, with no prototype keys. */
  jsonValue(value: unknown, path: JsonPath): boolean {
    let nodes = 0;
    const walk = (v: unknown, p: JsonPath, depth: number): boolean => {
      if (++nodes > this.limits.maxValueNodes) {
        this.issue(p, 'too-large', `value has more than ${this.limits.maxValueNodes} items`);
        return false;
      }
      if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
      if (typeof v === 'number') {
        if (Number.isFinite(v)) return true;
        this.issue(p, 'invalid-value', 'numbers must be finite');
        return false;
      }
      if (depth >= this.limits.maxDepth) {
        this.issue(p, 'too-deep', `value is nested more than ${this.limits.maxDepth} deep`);
        return false;
      }
      if (Array.isArray(v)) {
        if (v.length > this.limits.maxValueNodes) {
          this.issue(p, 'too-large', `value has more than ${this.limits.maxValueNodes} items`);
          return false;
        }
        for (let i = 0; i < v.length; i++) if (!walk(v[i], [...p, i], depth + 1)) return false;
        return true;
      }
      if (isPlainObject(v)) {
        if (this.forbiddenKeys(v, p)) return false;
        for (const [k, item] of Object.entries(v)) if (!walk(item, [...p, k], depth + 1)) return false;
        return true;
      }
      this.issue(p, 'invalid-value', 'must be JSON (null, a boolean, a number, a string, a list or an object)');
      return false;
    };
    return walk(value, path, 0);
  }

  factName(raw: unknown, path: JsonPath): string | undefined {
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > 200) {
      this.issue(path, 'invalid-fact', 'fact must be a name (a non-empty string of at most 200 characters)');
      return undefined;
    }
    if (FORBIDDEN_KEYS.has(raw)) {
      this.issue(path, 'forbidden-key', `"${raw}" is not a fact`);
      return undefined;
    }
    this.facts.add(raw);
    return raw;
  }

  factRef(name: string, rawPath: unknown, path: JsonPath): FactRef | undefined {
    if (rawPath === undefined || rawPath === '') return { fact: name };
    const parsed = parseSafePath(rawPath);
    if (!parsed.ok) {
      this.issue(path, 'unsafe-path', parsed.message);
      return undefined;
    }
    return { fact: name, path: rawPath as string, segments: parsed.segments };
  }

  condition(raw: unknown, path: JsonPath, depth: number): Node | undefined {
    if (this.aborted) return undefined;
    if (++this.count > this.limits.maxConditions || ++this.total > this.limits.maxTotalConditions) {
      const which = this.count > this.limits.maxConditions ? `a rule may hold at most ${this.limits.maxConditions} conditions` : `the rules may hold at most ${this.limits.maxTotalConditions} conditions together`;
      this.issue(path, 'too-many-conditions', which);
      this.aborted = true;
      return undefined;
    }
    if (!isPlainObject(raw)) {
      this.issue(path, 'invalid-condition', 'a condition must be an object');
      return undefined;
    }
    if (this.forbiddenKeys(raw, path)) return undefined;
    if (raw.priority !== undefined && typeof raw.priority !== 'number') {
      this.issue([...path, 'priority'], 'invalid-priority', 'priority must be a number');
      return undefined;
    }
    const priority = conditionPriority(raw.priority);
    const bools = BOOLEAN_KEYS.filter((k) => Object.hasOwn(raw, k));
    if (Object.hasOwn(raw, 'condition')) {
      this.issue([...path, 'condition'], 'unsupported', 'shared condition references are not supported in policy rules');
      return undefined;
    }
    if (bools.length > 1) {
      this.issue(path, 'invalid-condition', `a condition holds one of "all", "any" or "not", not ${bools.map((b) => `"${b}"`).join(' and ')}`);
      return undefined;
    }
    const kind = bools[0];
    if (kind !== undefined) {
      if (Object.hasOwn(raw, 'fact')) {
        this.issue(path, 'invalid-condition', `a condition is either "${kind}" or a fact comparison, not both`);
        return undefined;
      }
      if (depth >= this.limits.maxDepth) {
        this.issue(path, 'too-deep', `conditions are nested more than ${this.limits.maxDepth} deep`);
        this.aborted = true;
        return undefined;
      }
      const sub = raw[kind];
      if (kind === 'not') {
        if (Array.isArray(sub)) {
          this.issue([...path, 'not'], 'invalid-condition', '"not" takes one condition, not a list');
          return undefined;
        }
        const child = this.condition(sub, [...path, 'not'], depth + 1);
        return child && { kind, priority, children: [child], pure: child.pure };
      }
      if (!Array.isArray(sub)) {
        this.issue([...path, kind], 'invalid-condition', `"${kind}" must be a list of conditions`);
        return undefined;
      }
      if (sub.length > this.limits.maxConditions) {
        this.issue([...path, kind], 'too-many-conditions', `a rule may hold at most ${this.limits.maxConditions} conditions`);
        this.aborted = true;
        return undefined;
      }
      const children: Node[] = [];
      let ok = true;
      for (let i = 0; i < sub.length; i++) {
        const child = this.condition(sub[i], [...path, kind, i], depth + 1);
        if (child) children.push(child);
        else ok = false;
        if (this.isAborted()) return undefined;
      }
      return ok ? { kind, priority, children, pure: children.every((c) => c.pure) } : undefined;
    }
    for (const key of ['fact', 'operator', 'value'] as const) {
      if (!Object.hasOwn(raw, key)) {
        this.issue(path, 'invalid-condition', `a condition needs "all", "any", "not", or "fact", "operator" and "value" (no "${key}")`);
        return undefined;
      }
    }
    const name = this.factName(raw.fact, [...path, 'fact']);
    const fact = name === undefined ? undefined : this.factRef(name, raw.path, [...path, 'path']);
    let operator: string | undefined;
    if (typeof raw.operator !== 'string' || raw.operator.length === 0) {
      this.issue([...path, 'operator'], 'invalid-operator', 'operator must be a name');
    } else if (Object.hasOwn(BUILT_IN_OPERATORS, raw.operator)) {
      operator = raw.operator;
    } else if (knownToEngine(raw.operator, this.extraOperators)) {
      operator = raw.operator;
      this.needsFallback = true;
    } else {
      this.issue([...path, 'operator'], 'unknown-operator', `unknown operator "${raw.operator}"`);
    }
    const value = raw.value;
    let valueFact: FactRef | undefined;
    let written: unknown;
    if (isPlainObject(value) && Object.hasOwn(value, 'fact')) {
      if (this.forbiddenKeys(value, [...path, 'value'])) return undefined;
      const other = this.factName(value.fact, [...path, 'value', 'fact']);
      valueFact = other === undefined ? undefined : this.factRef(other, value.path, [...path, 'value', 'path']);
      if (!valueFact) return undefined;
      written = valueFact.path === undefined ? { fact: valueFact.fact } : { fact: valueFact.fact, path: valueFact.path };
    } else {
      if (!this.jsonValue(value, [...path, 'value'])) return undefined;
      written = deepFreeze(structuredClone(value));
    }
    if (!fact || operator === undefined) return undefined;
    return {
      kind: 'leaf',
      priority,
      fact,
      operator,
      op: BUILT_IN_OPERATORS[operator],
      value: written,
      valueFact,
      pure: this.pureLeaf(operator, fact, written, valueFact),
    };
  }

  /**
   * Whether evaluating this condition can neither throw nor matter once its
   * group is decided: then the compiled path may skip it, as json-rules-engine
   * would have evaluated it for nothing.
   */
  pureLeaf(operator: string, fact: FactRef, value: unknown, valueFact: FactRef | undefined): boolean {
    if (!this.allowUndefined) return false; // reading a missing fact throws
    switch (operator) {
      case 'equal':
      case 'notEqual':
      case 'contains':
      case 'doesNotContain':
        return true; // ===, or indexOf on a real array: never throws
      case 'in':
      case 'notIn':
        if (valueFact) return false; // the other fact may be null or a number
        if (Array.isArray(value)) return true;
        return typeof value === 'string' && fact.path === undefined && this.primitive.has(fact.fact);
      case 'lessThan':
      case 'lessThanInclusive':
      case 'greaterThan':
      case 'greaterThanInclusive':
        // Only objects can throw in parseFloat or `<` (a bad toString).
        return valueFact === undefined && (value === null || typeof value !== 'object') && fact.path === undefined && this.primitive.has(fact.fact);
      default:
        return false;
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// ---------------------------------------------------------------- closures

/** Reads one fact of the current item (a cursor moves between items); `MISSING` when absent. */
export type FactAccessor = () => unknown;
/** Gives the accessor of a fact by name, once per binding. */
export type FactResolver = (name: string) => FactAccessor;

type Get = () => unknown;

function bindGetter(ref: FactRef, accessor: FactAccessor, allowUndefined: boolean): Get {
  const { fact, segments } = ref;
  const missing = (): undefined => {
    if (allowUndefined) return undefined;
    throw new OnTrackError('undefined-fact', `Undefined fact: ${fact}`);
  };
  if (!segments) {
    return () => {
      const v = accessor();
      if (v !== MISSING) return v;
      missing();
    };
  }
  // json-rules-engine applies a path only to a non-null object.
  return () => {
    const v = accessor();
    if (v === MISSING) {
      missing();
      return undefined;
    }
    return v !== null && typeof v === 'object' ? resolveSegments(v, segments) : v;
  };
}

function prioritySets<T extends { readonly priority: number }>(children: readonly T[]): T[][] {
  const byPriority = new Map<number, T[]>();
  for (const c of children) {
    const set = byPriority.get(c.priority);
    if (set) set.push(c);
    else byPriority.set(c.priority, [c]);
  }
  return [...byPriority.entries()].sort((a, b) => b[0] - a[0]).map(([, set]) => set);
}

interface BoundLeaf {
  readonly kind: 'leaf';
  readonly node: LeafNode;
  readonly priority: number;
  readonly pure: boolean;
  readonly a: Get;
  readonly b: Get | undefined;
  readonly test: () => boolean;
}

interface BoundBool {
  readonly kind: 'all' | 'any' | 'not';
  readonly priority: number;
  readonly pure: boolean;
  readonly children: readonly Bound[];
  readonly sets: readonly (readonly Bound[])[];
  readonly test: () => boolean;
}

type Bound = BoundLeaf | BoundBool;

const { equal, notEqual, in: isIn, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive } = BUILT_IN_OPERATORS as Record<
  'equal' | 'notEqual' | 'in' | 'lessThan' | 'lessThanInclusive' | 'greaterThan' | 'greaterThanInclusive',
  OperatorFn
>;

/**
 * The test of a fact (no path, missing reads as undefined) against a literal.
 * The common operators each get a closure of their own, so each call of an
 * operator is to one known function (the compiler inlines it) rather than to
 * whichever operator the shared closure was bound with.
 */
function literalLeaf(operator: string, op: OperatorFn, read: FactAccessor, value: unknown): () => boolean {
  switch (operator) {
    case 'equal':
      return (): boolean => {
        const v = read();
        return equal(v === MISSING ? undefined : v, value);
      };
    case 'notEqual':
      return (): boolean => {
        const v = read();
        return notEqual(v === MISSING ? undefined : v, value);
      };
    case 'in':
      return (): boolean => {
        const v = read();
        return isIn(v === MISSING ? undefined : v, value);
      };
    case 'lessThan':
      return (): boolean => {
        const v = read();
        return lessThan(v === MISSING ? undefined : v, value);
      };
    case 'lessThanInclusive':
      return (): boolean => {
        const v = read();
        return lessThanInclusive(v === MISSING ? undefined : v, value);
      };
    case 'greaterThan':
      return (): boolean => {
        const v = read();
        return greaterThan(v === MISSING ? undefined : v, value);
      };
    case 'greaterThanInclusive':
      return (): boolean => {
        const v = read();
        return greaterThanInclusive(v === MISSING ? undefined : v, value);
      };
    default:
      return (): boolean => {
        const v = read();
        return op(v === MISSING ? undefined : v, value);
      };
  }
}

function bindNode(node: Node, resolve: FactResolver, allowUndefined: boolean): Bound {
  if (node.kind === 'leaf') {
    const op = node.op;
    if (!op) throw new Error('fallback operators are not compiled');
    const a = bindGetter(node.fact, resolve(node.fact.fact), allowUndefined);
    const b = node.valueFact && bindGetter(node.valueFact, resolve(node.valueFact.fact), allowUndefined);
    const value = node.value;
    let test: () => boolean;
    if (b) {
      test = (): boolean => {
        const right = b();
        return op(a(), right);
      };
    } else if (!node.fact.segments && allowUndefined) {
      // The common leaf (a fact against a literal, no path): one call less than through `a`.
      test = literalLeaf(node.operator, op, resolve(node.fact.fact), value);
    } else {
      test = (): boolean => op(a(), value);
    }
    return { kind: 'leaf', node, priority: node.priority, pure: node.pure, a, b, test };
  }
  const children = node.children.map((c) => bindNode(c, resolve, allowUndefined));
  const sets = prioritySets(children);
  const base = { kind: node.kind, priority: node.priority, pure: node.pure, children, sets };
  if (node.kind === 'not') {
    const t = (children[0] as Bound).test;
    return { ...base, test: () => !t() };
  }
  if (children.length === 0) return { ...base, test: () => true };
  if (children.length === 1) return { ...base, test: (children[0] as Bound).test };
  const groups = sets.map((set) => set.map((c) => ({ test: c.test, pure: c.pure })));
  if (node.kind === 'all') {
    if (groups.length === 1 && children.every((c) => c.pure)) {
      const tests = children.map((c) => c.test);
      // Two or three conditions (most rules): no loop over a list.
      if (tests.length === 2) {
        const [t0, t1] = tests as [() => boolean, () => boolean];
        return { ...base, test: () => t0() && t1() };
      }
      if (tests.length === 3) {
        const [t0, t1, t2] = tests as [() => boolean, () => boolean, () => boolean];
        return { ...base, test: () => t0() && t1() && t2() };
      }
      return {
        ...base,
        test: () => {
          for (const t of tests) if (!t()) return false;
          return true;
        },
      };
    }
    return {
      ...base,
      test: () => {
        for (const set of groups) {
          let ok = true;
          for (const c of set) {
            if (ok) ok = c.test();
            else if (!c.pure) c.test(); // json-rules-engine evaluates the whole group: keep its errors
          }
          if (!ok) return false;
        }
        return true;
      },
    };
  }
  return {
    ...base,
    test: () => {
      for (const set of groups) {
        let hit = false;
        for (const c of set) {
          if (!hit) hit = c.test();
          else if (!c.pure) c.test();
        }
        if (hit) return true;
      }
      return false;
    },
  };
}

// ---------------------------------------------------------------- because

/** A condition as evaluated: json-rules-engine's result tree and our trace share this shape. */
interface Explained {
  readonly result: unknown;
  readonly children?: readonly (Explained | undefined)[];
  readonly not?: boolean;
  readonly item?: BecauseDetail;
}

// The conditions that decided `outcome`: in an `all` or `any`, the evaluated
// children whose result is the outcome (all of them for a true `all`, the true
// ones for a true `any`), recursively; through a `not`, the child's opposite.
function decisive(node: Explained, outcome: boolean, out: BecauseDetail[]): void {
  if (node.item) {
    out.push(node.item);
    return;
  }
  const want = node.not === true ? !outcome : outcome;
  for (const child of node.children ?? []) if (child && child.result === want) decisive(child, want, out);
}

function item(node: LeafNode, factValue: unknown, valueResult: unknown): BecauseDetail {
  const base: { fact: string; operator: string; value: unknown; factValue: unknown; path?: string; valueResult?: unknown } = {
    fact: node.fact.fact,
    operator: node.operator,
    value: node.value,
    factValue,
  };
  if (node.fact.path !== undefined) base.path = node.fact.path;
  if (node.valueFact) base.valueResult = valueResult;
  return base;
}

// Evaluates exactly as json-rules-engine does (every condition of each group
// it reaches), recording results: only for rules that fired.
function trace(node: Bound): Explained {
  if (node.kind === 'leaf') {
    const right = node.b ? node.b() : node.node.value;
    const left = node.a();
    const result = (node.node.op as OperatorFn)(left, right);
    return { result, item: item(node.node, left, right) };
  }
  if (node.kind === 'not') {
    const child = trace(node.children[0] as Bound);
    return { result: child.result !== true, children: [child], not: true };
  }
  const children: (Explained | undefined)[] = node.children.map(() => undefined);
  if (node.children.length === 0) return { result: true, children };
  if (node.children.length === 1) {
    const child = trace(node.children[0] as Bound);
    return { result: child.result === true, children: [child] };
  }
  let result = node.kind === 'all';
  for (const set of node.sets) {
    const results = set.map((c) => {
      const t = trace(c);
      children[node.children.indexOf(c)] = t;
      return t.result === true;
    });
    result = node.kind === 'all' ? results.every(Boolean) : results.some(Boolean);
    if (node.kind === 'all' ? !result : result) break;
  }
  return { result, children };
}

function leavesOf(node: Bound, out: BoundLeaf[]): void {
  if (node.kind === 'leaf') out.push(node);
  else for (const c of node.children) leavesOf(c, out);
}

function allOnly(node: Node): boolean {
  return node.kind === 'leaf' || (node.kind === 'all' && node.children.every(allOnly));
}

const SHARED_LIMIT = 256;

interface Trie {
  readonly next: Map<BecauseDetail, Trie>;
  list?: readonly BecauseDetail[];
}

/**
 * The `because` of a fired tree of `all`s. Most firings repeat the same few
 * fact values (`status` is `below`), so items with a primitive fact value and
 * the lists made only of such items are shared and frozen: far fewer objects
 * for a trust's hundreds of thousands of interventions.
 */
function sharedBecause(leaves: readonly BoundLeaf[], fixed: readonly (FixedPair | undefined)[]): () => BecauseDetail[] {
  const items = leaves.map(() => new Map<unknown, BecauseDetail>());
  const root: Trie = { next: new Map() };
  let lists = 0;
  // The items of the current call: a list reused between calls (a call runs to its end
  // before the next begins), copied out only when the result cannot be a shared list.
  // One item per leaf, written by index: never emptied (that would drop its storage).
  const n = leaves.length;
  const scratch: BecauseDetail[] = leaves.map(() => undefined as unknown as BecauseDetail);
  const copy = (): BecauseDetail[] => scratch.slice();
  // Every fact value fixed: once the list is a shared one, every call gives that list.
  const allFixed = leaves.every((_, i) => fixed[i] !== undefined);
  let constant: BecauseDetail[] | undefined;
  const explain = (): BecauseDetail[] => {
    let shared = true;
    for (let i = 0; i < n; i++) {
      const l = leaves[i] as BoundLeaf;
      const pair = fixed[i];
      // A fixed fact's value is known: no read.
      const right = pair ? pair.right : l.b ? l.b() : l.node.value;
      const left = pair ? pair.left : l.a();
      const cacheable = !l.b && (left === null || (typeof left !== 'object' && typeof left !== 'function')) && !Object.is(left, -0);
      const cache = items[i] as Map<unknown, BecauseDetail>;
      let it = cacheable ? cache.get(left) : undefined;
      if (!it) {
        it = item(l.node, left, right);
        if (cacheable && cache.size < SHARED_LIMIT) cache.set(left, Object.freeze(it));
        else shared = false;
      }
      scratch[i] = it;
    }
    if (!shared) return copy();
    let node = root;
    for (let i = 0; i < n; i++) {
      const it = scratch[i] as BecauseDetail;
      let next = node.next.get(it);
      if (!next) {
        if (lists >= SHARED_LIMIT) return copy();
        next = { next: new Map() };
        node.next.set(it, next);
      }
      node = next;
    }
    if (!node.list) {
      if (lists >= SHARED_LIMIT) return copy();
      lists++;
      node.list = Object.freeze(copy());
    }
    return node.list as BecauseDetail[];
  };
  if (!allFixed) return explain;
  return () => {
    if (constant) return constant;
    const list = explain();
    if (Object.isFrozen(list)) constant = list;
    return list;
  };
}

// A condition's fact value, and the value it is compared with, when both are fixed.
interface FixedPair {
  readonly left: unknown;
  readonly right: unknown;
}

function fixedPair(node: LeafNode, domains: FactDomains | undefined): FixedPair | undefined {
  if (!domains) return undefined;
  const left = domainOf(node.fact, domains);
  const right = node.valueFact ? domainOf(node.valueFact, domains) : [node.value];
  return left?.length === 1 && right?.length === 1 ? { left: left[0], right: right[0] } : undefined;
}

/** A rule bound to a fact resolver: `test` and `because` read the cursor's current item. */
export interface BoundRule {
  /** The rule cannot fire for any item with the fact domains it was bound with: `test()` is always false. */
  readonly never: boolean;
  /** The indexed fact whose position decides the rule (looked up, not evaluated), when one does. */
  readonly indexedBy: string | undefined;
  /** With `indexedBy`: per position of its value, 1 when the rule fires and 0 when not. */
  readonly decisions: Uint8Array | undefined;
  /** With `indexedBy`: the fact's `positions`, when it has them. */
  readonly positions: (() => IndexColumn) | undefined;
  /** `test()` is true at every item (the domains decide that the rule holds). */
  readonly always: boolean;
  /**
   * Every fact value in `because()` is known at binding (with `indexedBy`:
   * once the position of its value is): a frozen list it gives is the list
   * at every item (at that position).
   */
  readonly fixedBecause: boolean;
  test(): boolean;
  because(): BecauseDetail[];
}

/**
 * What some facts can be, for every item of a binding, by name: every value
 * the fact's accessor can return there (`undefined` for a missing fact); one
 * value when the fact is fixed (e.g. `status` at the cells of one level).
 * Only primitive values and null count; a fact with another value in its
 * list is read as usual.
 */
export type FactDomains = ReadonlyMap<string, readonly unknown[]>;

// The values a fact can take, or undefined when unknown (not in the domains, read through a path, or not primitive).
function domainOf(ref: FactRef, domains: FactDomains): readonly unknown[] | undefined {
  if (ref.path !== undefined) return undefined;
  const values = domains.get(ref.fact);
  if (!values || values.length === 0) return undefined;
  for (const v of values) if (v !== null && typeof v === 'object') return undefined;
  return values;
}

// At most this many value pairs are tried to decide one condition.
const MAX_DOMAIN_PAIRS = 256;

// A leaf decided for every value its facts can take, or the leaf (a fixed other fact read as a literal).
function foldLeaf(node: LeafNode, domains: FactDomains): boolean | LeafNode {
  const op = node.op;
  const left = domainOf(node.fact, domains);
  const right = node.valueFact ? domainOf(node.valueFact, domains) : [node.value];
  if (!op || !right) return node;
  if (!left) {
    // The other fact is fixed: compare with its value as a literal (the same comparison, one read less).
    return node.valueFact && right.length === 1 ? { ...node, value: right[0], valueFact: undefined } : node;
  }
  if (left.length * right.length > MAX_DOMAIN_PAIRS) return node;
  let outcome: boolean | undefined;
  try {
    for (const l of left) {
      for (const r of right) {
        const result = op(l, r);
        if (outcome === undefined) outcome = result;
        else if (result !== outcome) return node;
      }
    }
  } catch {
    return node; // cannot happen for a pure condition; evaluated per item, it would throw there
  }
  return outcome as boolean;
}

/**
 * A pure tree with the conditions its fact domains decide decided: `true`
 * or `false` when the whole tree is decided, else the tree of what is left.
 * Sound only for pure trees (no condition can throw and none reads a fact
 * that throws when missing): then the outcome does not depend on which
 * conditions are evaluated, or in which order, and deciding some early
 * changes nothing but the work.
 */
function fold(node: Node, domains: FactDomains): boolean | Node {
  if (node.kind === 'leaf') return foldLeaf(node, domains);
  if (node.kind === 'not') {
    const child = fold(node.children[0] as Node, domains);
    return typeof child === 'boolean' ? !child : { ...node, children: [child] };
  }
  // An empty `all` or `any` is true (json-rules-engine).
  if (node.children.length === 0) return true;
  const decides = node.kind === 'any'; // an `any` is decided by a true condition, an `all` by a false one
  const left: Node[] = [];
  for (const c of node.children) {
    const f = fold(c, domains);
    if (f === decides) return decides;
    if (typeof f !== 'boolean') left.push(f);
  }
  // Every condition decided, none the deciding way.
  if (left.length === 0) return !decides;
  return { ...node, children: left };
}

function bindRule(name: string, root: BoolNode, resolve: FactResolver, allowUndefined: boolean, domains?: FactDomains, indexed?: IndexedFacts): BoundRule {
  const bound = bindNode(root, resolve, allowUndefined);
  let test = bound.test;
  let never = false;
  // What is left of the tree once the domains have decided what they decide (sound for pure trees only).
  const foldable = root.pure && allowUndefined;
  const rest = foldable && domains && domains.size > 0 ? fold(root, domains) : foldable && indexed && indexed.size > 0 ? root : undefined;
  if (rest !== undefined) {
    if (rest === false) never = true;
    test = rest === true ? (): boolean => true : rest === false ? (): boolean => false : rest === root ? bound.test : bindNode(rest, resolve, allowUndefined).test;
  }
  const allLeaves = allOnly(root);
  const leaves: BoundLeaf[] = [];
  if (allLeaves) leavesOf(bound, leaves);
  // Fixed facts are taken from the domains only where the domains were used for `test` too.
  const folded = foldable ? domains : undefined;
  let explain: () => BecauseDetail[];
  // Whether every condition's fact value is known here: then `because` is one list for every item.
  let fixedBecause = false;
  if (allLeaves) {
    // A true tree of `all`s: every condition was evaluated and held, so each decided it.
    const fixed = leaves.map((l) => fixedPair(l.node, folded));
    fixedBecause = fixed.every((f) => f !== undefined);
    explain = sharedBecause(leaves, fixed);
  } else {
    explain = () => {
      const out: BecauseDetail[] = [];
      decisive(trace(bound), true, out);
      return out;
    };
  }
  // What is left reads one indexed fact only: decided here for each of its values, looked up per item.
  const table = rest !== undefined && typeof rest !== 'boolean' && indexed ? decisionTable(rest, domains, indexed) : undefined;
  if (table) {
    const { decisions, index, fact, values } = table;
    never = decisions.every((d) => d === 0);
    test = (): boolean => decisions[index()] === 1;
    if (allLeaves) {
      // The indexed fact is fixed at each of its values: a `because` per value, made on first use.
      const withValue = (i: number): FactDomains => new Map([...(folded ?? []), [fact, [values[i]]]]);
      fixedBecause = leaves.every((l) => fixedPair(l.node, withValue(0)) !== undefined);
      const perValue: ((() => BecauseDetail[]) | undefined)[] = values.map(() => undefined);
      explain = () => {
        const i = index();
        let at = perValue[i];
        if (!at) {
          const fixed = withValue(i);
          at = perValue[i] = sharedBecause(
            leaves,
            leaves.map((l) => fixedPair(l.node, fixed)),
          );
        }
        return at();
      };
    } else {
      fixedBecause = false;
    }
  }
  return {
    never,
    indexedBy: table?.fact,
    decisions: table?.decisions,
    positions: table?.positions,
    always: rest === true || (table !== undefined && table.decisions.every((d) => d === 1)),
    fixedBecause,
    test(): boolean {
      try {
        return test();
      } catch (error) {
        return fail(name, error);
      }
    },
    because(): BecauseDetail[] {
      try {
        return explain();
      } catch (error) {
        return fail(name, error);
      }
    },
  };
}

/**
 * A fact whose value at a binding's current item is one of a few known
 * values: `values` (primitives or null; `undefined` for a missing fact), and
 * `index()` the position of the current item's value in them.
 */
export interface IndexedFact {
  readonly values: readonly unknown[];
  readonly index: () => number;
  /**
   * Optionally, the positions at every item at once, for a caller that
   * numbers the items as the column does: `index()` at item `i` is
   * `column[i] + offset`. Called once per binding that uses it.
   */
  readonly positions?: () => IndexColumn;
}

/** The positions of an indexed fact's values at every item: `column[item] + offset`. */
export interface IndexColumn {
  readonly column: Int16Array;
  readonly offset: number;
}

/** Indexed facts by name, for `CompiledRule.bind`. */
export type IndexedFacts = ReadonlyMap<string, IndexedFact>;

// At most this many values are decided ahead for one indexed fact.
const MAX_INDEXED_VALUES = 64;

interface DecisionTable {
  readonly fact: string;
  readonly values: readonly unknown[];
  readonly index: () => number;
  readonly positions: (() => IndexColumn) | undefined;
  /** Per value: 1 when the tree holds, 0 when not. */
  readonly decisions: Uint8Array;
}

// The outcome of a pure tree for each value of the one indexed fact it reads, or undefined
// when it reads another fact too (or a path, or a value that is not primitive).
function decisionTable(rest: Node, domains: FactDomains | undefined, indexed: IndexedFacts): DecisionTable | undefined {
  const facts = new Set<string>();
  if (!factsOf(rest, facts) || facts.size !== 1) return undefined;
  const [fact] = facts as Set<string> & { [Symbol.iterator](): Iterator<string> };
  const entry = indexed.get(fact as string);
  if (!entry) return undefined;
  const { values, index } = entry;
  if (values.length === 0 || values.length > MAX_INDEXED_VALUES || values.some((v) => v !== null && typeof v === 'object')) return undefined;
  const decisions = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const fixed = new Map(domains ?? []);
    fixed.set(fact as string, [values[i]]);
    const outcome = fold(rest, fixed);
    if (typeof outcome !== 'boolean') return undefined;
    decisions[i] = outcome ? 1 : 0;
  }
  return { fact: fact as string, values, index, positions: entry.positions, decisions };
}

// The facts a tree reads (compared ones too), into `out`; false when one is read through a path.
function factsOf(node: Node, out: Set<string>): boolean {
  if (node.kind !== 'leaf') return node.children.every((c) => factsOf(c, out));
  if (node.fact.path !== undefined || node.valueFact?.path !== undefined) return false;
  out.add(node.fact.fact);
  if (node.valueFact) out.add(node.valueFact.fact);
  return true;
}

interface JreCondition {
  readonly all?: readonly JreCondition[];
  readonly any?: readonly JreCondition[];
  readonly not?: JreCondition;
  readonly fact?: unknown;
  readonly operator?: unknown;
  readonly value?: unknown;
  readonly path?: unknown;
  readonly result?: unknown;
  readonly factResult?: unknown;
  readonly valueResult?: unknown;
}

function fromEngine(c: JreCondition): Explained {
  const kind = BOOLEAN_KEYS.find((k) => Object.hasOwn(c, k));
  if (kind === 'not') return { result: c.result, children: [fromEngine(c.not as JreCondition)], not: true };
  if (kind) return { result: c.result, children: (c[kind] as readonly JreCondition[]).map(fromEngine) };
  if (c.result === undefined) return { result: undefined };
  const v = c.value;
  const ref = v !== null && typeof v === 'object' && Object.hasOwn(v, 'fact') ? (v as { fact: unknown; path?: unknown }) : undefined;
  const out: { fact: string; operator: string; value: unknown; factValue: unknown; path?: string; valueResult?: unknown } = {
    fact: String(c.fact),
    operator: String(c.operator),
    value: ref ? (typeof ref.path === 'string' && ref.path !== '' ? { fact: ref.fact, path: ref.path } : { fact: ref.fact }) : v,
    factValue: c.factResult,
  };
  if (typeof c.path === 'string' && c.path !== '') out.path = c.path;
  if (ref) out.valueResult = c.valueResult;
  return { result: c.result, item: out };
}

/**
 * The `because` of a json-rules-engine `RuleResult` for a rule that fired:
 * the same list the compiled path gives (every condition that decided it,
 * in the order written, with its fact value).
 */
export function becauseFromResult(result: RuleResult): BecauseDetail[] {
  const out: BecauseDetail[] = [];
  decisive(fromEngine(result.conditions as unknown as JreCondition), true, out);
  return out;
}

// ---------------------------------------------------------------- rules

function recordReader(facts: Readonly<Record<string, unknown>>): FactReader {
  return (name) => (Object.hasOwn(facts, name) ? facts[name] : MISSING);
}

function cleanCondition(node: Node): Record<string, unknown> {
  if (node.kind === 'leaf') {
    const c: Record<string, unknown> = { fact: node.fact.fact, operator: node.operator, value: node.value, priority: node.priority };
    if (node.fact.path !== undefined) c.path = node.fact.path;
    return c;
  }
  if (node.kind === 'not') return { not: cleanCondition(node.children[0] as Node), priority: node.priority };
  return { [node.kind]: node.children.map(cleanCondition), priority: node.priority };
}

function fail(name: string, error: unknown): never {
  if (error instanceof OnTrackError) throw new RuleEvaluationError(name, error.message, { cause: error });
  throw new RuleEvaluationError(name, error instanceof Error ? error.message : String(error), { cause: error });
}

/**
 * Compiles json-rules-engine rule JSON into plain functions, once per policy.
 * Rules with `disabled: true` are left out. Throws a `ValidationError` naming
 * the JSON path of every problem: a rule that is not rule JSON, an unknown
 * operator, a `path` outside the safe subset, a `__proto__` / `constructor` /
 * `prototype` key, a shared-condition reference, a duplicate name, or a rule
 * past the limits (size, nesting) — before anything runs.
 * @example
 * const { runSync } = compileRules(policy.rules);
 * runSync({ status: 'below', concern: true }); // [{ name: 'below-in-class', because: [...] , … }]
 */
export function compileRules(rules: readonly unknown[], options: CompileOptions = {}): CompiledRules {
  const limits: CompileLimits = { ...DEFAULT_COMPILE_LIMITS, ...options.limits };
  const allowUndefined = options.allowUndefinedFacts ?? true;
  const base: JsonPath = options.path ?? ['rules'];
  const extra = options.operators ?? {};
  const checker = new Checker(limits, allowUndefined, new Set(Object.keys(extra).filter((k) => typeof extra[k] === 'function')), new Set(options.primitiveFacts ?? []));
  const source = options.source ?? 'rules';
  if (!Array.isArray(rules)) throw new ValidationError(source, [{ path: base, code: 'invalid-rules', message: 'rules must be a list' }]);
  if (rules.length > limits.maxRules) throw new ValidationError(source, [{ path: base, code: 'too-many-rules', message: `a policy may hold at most ${limits.maxRules} rules` }]);

  interface Parsed {
    readonly name: string;
    readonly priority: number;
    readonly event: RuleEvent;
    readonly root: BoolNode;
    readonly facts: ReadonlySet<string>;
    readonly fallback: boolean;
    readonly order: number;
  }
  const parsed: Parsed[] = [];
  const names = new Set<string>();
  rules.forEach((raw, i) => {
    const path = [...base, i];
    if (!isPlainObject(raw)) {
      checker.issue(path, 'invalid-rule', 'a rule must be an object');
      return;
    }
    if (checker.forbiddenKeys(raw, path)) return;
    if (raw.disabled === true) return;
    const { name } = raw;
    if (typeof name !== 'string' || name.length === 0) {
      checker.issue([...path, 'name'], 'invalid-rule', 'a rule needs a name (its id)');
      return;
    }
    if (names.has(name)) checker.issue([...path, 'name'], 'duplicate-rule', `another rule is already named "${name}"`);
    names.add(name);
    let priority = 1;
    if (raw.priority !== undefined) {
      // json-rules-engine: `priority || 1`, then parseInt, and it must be above 0.
      const p = typeof raw.priority === 'number' ? Number.parseInt(String(raw.priority || 1), 10) : Number.NaN;
      if (!(p > 0)) checker.issue([...path, 'priority'], 'invalid-priority', 'a rule priority must be a number of at least 1');
      else priority = p;
    }
    const event = raw.event;
    if (!isPlainObject(event) || typeof event.type !== 'string') {
      checker.issue([...path, 'event'], 'invalid-event', 'a rule needs an event with a "type"');
      return;
    }
    if (checker.forbiddenKeys(event, [...path, 'event'])) return;
    if (event.params !== undefined) {
      if (!isPlainObject(event.params)) {
        checker.issue([...path, 'event', 'params'], 'invalid-event', 'event params must be an object');
        return;
      }
      if (!checker.jsonValue(event.params, [...path, 'event', 'params'])) return;
    }
    const conditions = raw.conditions;
    if (!isPlainObject(conditions) || !BOOLEAN_KEYS.some((k) => Object.hasOwn(conditions, k))) {
      checker.issue([...path, 'conditions'], 'invalid-rule', 'a rule needs "conditions" with "all", "any" or "not" at the top');
      return;
    }
    checker.count = 0;
    checker.aborted = false;
    checker.facts = new Set();
    checker.needsFallback = false;
    const root = checker.condition(conditions, [...path, 'conditions'], 0);
    if (!root || root.kind === 'leaf') return;
    const ev: RuleEvent = event.params === undefined ? { type: event.type } : { type: event.type, params: deepFreeze(structuredClone(event.params)) };
    parsed.push({ name, priority, event: ev, root, facts: checker.facts, fallback: checker.needsFallback, order: i });
  });
  if (checker.issues.length > 0) throw new ValidationError(source, checker.issues);

  parsed.sort((a, b) => b.priority - a.priority || a.order - b.order);
  const compiled: CompiledRule[] = parsed.map((p) => {
    if (p.fallback) {
      const refuse = (): never => {
        throw new OnTrackError('needs-engine', `rule "${p.name}" uses an operator only json-rules-engine understands: use run(), not runSync()`);
      };
      return { name: p.name, priority: p.priority, event: p.event, facts: p.facts, compiled: false, test: refuse, because: refuse, bind: refuse };
    }
    // The reader-based API is a binding over a reader that changes per call.
    let current: FactReader = () => MISSING;
    const viaReader = bindRule(p.name, p.root, (name) => () => current(name), allowUndefined);
    return {
      name: p.name,
      priority: p.priority,
      event: p.event,
      facts: p.facts,
      compiled: true,
      test(read: FactReader): boolean {
        current = read;
        return viaReader.test();
      },
      because(read: FactReader): BecauseDetail[] {
        current = read;
        return viaReader.because();
      },
      bind: (resolve: FactResolver, domains?: FactDomains, indexed?: IndexedFacts): BoundRule => bindRule(p.name, p.root, resolve, allowUndefined, domains, indexed),
    };
  });

  const fallbackRules = parsed.filter((p) => p.fallback);
  let engine: Engine | undefined;
  if (fallbackRules.length > 0) {
    engine = new Engine([], { allowUndefinedFacts: allowUndefined, pathResolver: safePathResolver });
    for (const [name, fn] of Object.entries(extra)) engine.addOperator(name, (a: unknown, b: unknown) => fn(a, b));
    for (const p of fallbackRules) {
      engine.addRule({ name: p.name, priority: p.priority, conditions: cleanCondition(p.root), event: p.event } as unknown as RuleProperties);
    }
  }
  const usesFallback = engine !== undefined;

  const runSync = (facts: Readonly<Record<string, unknown>> | FactReader): RuleFiring[] => {
    const read = typeof facts === 'function' ? facts : recordReader(facts);
    const out: RuleFiring[] = [];
    for (const rule of compiled) {
      if (rule.test(read)) out.push({ name: rule.name, priority: rule.priority, event: rule.event, because: rule.because(read) });
    }
    return out;
  };

  return {
    rules: compiled,
    usesFallback,
    runSync: (facts) => {
      if (usesFallback) throw new OnTrackError('needs-engine', 'some rules use operators only json-rules-engine understands: use run(), not runSync()');
      return runSync(facts);
    },
    run: async (facts) => {
      if (!engine) return runSync(facts);
      const read = recordReader(facts);
      const fired = new Map<string, BecauseDetail[]>();
      const { results } = await engine.run({ ...facts });
      for (const r of results) fired.set(r.name, becauseFromResult(r));
      const out: RuleFiring[] = [];
      for (const rule of compiled) {
        if (rule.compiled) {
          if (rule.test(read)) out.push({ name: rule.name, priority: rule.priority, event: rule.event, because: rule.because(read) });
        } else {
          const because = fired.get(rule.name);
          if (because) out.push({ name: rule.name, priority: rule.priority, event: rule.event, because });
        }
      }
      return out;
    },
  };
}
