/**
 * json-rules-engine 7.3.1's built-in operators, written exactly as it writes
 * them (its `engine-default-operators.js`), so that the compiled path gives the
 * same answer, and throws where it throws (`in` over a value that is not an
 * array or a string).
 */

/** An operator: the fact's value on the left, the condition's value on the right. */
export type OperatorFn = (factValue: unknown, value: unknown) => boolean;

interface HasIndexOf {
  indexOf(item: unknown): number;
}

// json-rules-engine's numberValidator: the fact must parse as a number.
function numeric(factValue: unknown): boolean {
  return Number.parseFloat(factValue as string).toString() !== 'NaN';
}

/**
 * The ten built-in operators, by name. A comparison of a fact that is
 * already a number skips `numeric`: parseFloat of a number's string is that
 * number (NaN for NaN, which no comparison meets either), so the answer is
 * the same, without making two strings per comparison.
 */
export const BUILT_IN_OPERATORS: Readonly<Record<string, OperatorFn>> = Object.freeze({
  equal: (a: unknown, b: unknown): boolean => a === b,
  notEqual: (a: unknown, b: unknown): boolean => a !== b,
  in: (a: unknown, b: unknown): boolean => (b as HasIndexOf).indexOf(a) > -1,
  notIn: (a: unknown, b: unknown): boolean => (b as HasIndexOf).indexOf(a) === -1,
  contains: (a: unknown, b: unknown): boolean => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a: unknown, b: unknown): boolean => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a: unknown, b: unknown): boolean => (typeof a === 'number' || numeric(a)) && (a as number) < (b as number),
  lessThanInclusive: (a: unknown, b: unknown): boolean => (typeof a === 'number' || numeric(a)) && (a as number) <= (b as number),
  greaterThan: (a: unknown, b: unknown): boolean => (typeof a === 'number' || numeric(a)) && (a as number) > (b as number),
  greaterThanInclusive: (a: unknown, b: unknown): boolean => (typeof a === 'number' || numeric(a)) && (a as number) >= (b as number),
});

/** The names of the built-in operators. */
export const BUILT_IN_OPERATOR_NAMES: readonly string[] = Object.keys(BUILT_IN_OPERATORS);

/** json-rules-engine's operator decorators (`not:equal`, `someFact:in`, …): understood by the fallback only. */
export const OPERATOR_DECORATORS: readonly string[] = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'];

/**
 * Whether json-rules-engine would find an operator of this name, given the
 * extra operators: a built-in or extra name, or decorators before one.
 */
export function knownToEngine(name: string, extra: ReadonlySet<string>): boolean {
  let rest = name;
  for (;;) {
    if (Object.hasOwn(BUILT_IN_OPERATORS, rest) || extra.has(rest)) return true;
    const colon = rest.indexOf(':');
    if (colon <= 0 || !OPERATOR_DECORATORS.includes(rest.slice(0, colon))) return false;
    rest = rest.slice(colon + 1);
  }
}
