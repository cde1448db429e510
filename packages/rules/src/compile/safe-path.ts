/**
 * Our own resolver for a rule condition's `path`. json-rules-engine's default
 * resolver hands the path to jsonpath-plus, which can be made to run script;
 * rule JSON comes from trusts and is untrusted, so we understand only a small,
 * inert subset and refuse the rest.
 *
 * Grammar: `$` then any number of `.name` (letters, digits, `_`, `$`, `-`; not
 * starting with a digit or `-`), `[index]` (a non-negative integer) or
 * `["name"]` / `['name']` (no quotes or backslashes inside). At most
 * `MAX_PATH_SEGMENTS` segments and `MAX_PATH_LENGTH` characters. Only own
 * properties are read; `__proto__`, `constructor` and `prototype` are refused.
 */

/** The longest `path` a rule may hold. */
export const MAX_PATH_LENGTH = 256;
/** The most segments a `path` may have. */
export const MAX_PATH_SEGMENTS = 16;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const NAME = /^[A-Za-z_$][\w$-]*/;
const INDEX = /^\[(0|[1-9]\d{0,8})\]/;
const QUOTED = /^\[(?:"([^"'\\]*)"|'([^"'\\]*)')\]/;

/** A parsed path: property names and array indices, in order. */
export type PathSegments = readonly (string | number)[];

/** What `parseSafePath` says: the segments, or why the path is refused. */
export type SafePathResult = { readonly ok: true; readonly segments: PathSegments } | { readonly ok: false; readonly message: string };

/**
 * Parses a `path` of the safe subset.
 * @example parseSafePath('$.scores[0]') // { ok: true, segments: ['scores', 0] }
 */
export function parseSafePath(path: unknown): SafePathResult {
  if (typeof path !== 'string') return { ok: false, message: 'path must be a string' };
  if (path.length > MAX_PATH_LENGTH) return { ok: false, message: `path is longer than ${MAX_PATH_LENGTH} characters` };
  if (!path.startsWith('$')) return { ok: false, message: 'path must start with "$" (only $.name, [index] and ["name"] are understood)' };
  const segments: (string | number)[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    let key: string | number;
    let m: RegExpExecArray | null;
    if (rest.startsWith('.') && (m = NAME.exec(rest.slice(1)))) {
      key = m[0];
      rest = rest.slice(1 + m[0].length);
    } else if ((m = INDEX.exec(rest))) {
      key = Number(m[1]);
      rest = rest.slice(m[0].length);
    } else if ((m = QUOTED.exec(rest))) {
      key = m[1] ?? m[2] ?? '';
      rest = rest.slice(m[0].length);
    } else {
      return { ok: false, message: `path is not understood at "${rest.slice(0, 20)}" (only $.name, [index] and ["name"] are understood; no filters, wildcards or script)` };
    }
    if (typeof key === 'string' && FORBIDDEN.has(key)) return { ok: false, message: `path may not name "${key}"` };
    segments.push(key);
    if (segments.length > MAX_PATH_SEGMENTS) return { ok: false, message: `path has more than ${MAX_PATH_SEGMENTS} segments` };
  }
  return { ok: true, segments };
}

/**
 * Reads parsed segments from a value, own properties only; `undefined` when
 * any step is missing or not an object.
 */
export function resolveSegments(value: unknown, segments: PathSegments): unknown {
  let current: unknown = value;
  for (const key of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof key === 'number') {
      if (!Array.isArray(current) || key >= current.length) return undefined;
      current = (current as unknown[])[key];
    } else {
      if (!Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
  }
  return current;
}

/**
 * A json-rules-engine `pathResolver` that understands only the safe subset:
 * a refused path resolves to `undefined` and runs nothing.
 * @example new Engine(rules, { pathResolver: safePathResolver })
 */
export function safePathResolver(value: object, path: string): unknown {
  const parsed = parseSafePath(path);
  return parsed.ok ? resolveSegments(value, parsed.segments) : undefined;
}
