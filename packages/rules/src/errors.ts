/** A path into a JSON document: keys and array indices. */
export type JsonPath = readonly (string | number)[];

/** One problem found in outside input, with where it is. */
export interface Issue {
  readonly path: JsonPath;
  readonly code: string;
  readonly message: string;
}

/**
 * Formats a JSON path the way the CLI and error messages print it.
 * @example formatPath(['pupils', 3, 'yearGroup']) === '$.pupils[3].yearGroup'
 */
export function formatPath(path: JsonPath): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** Base of every error OnTrack throws on purpose; `code` is stable for programs. */
export class OnTrackError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Outside input failed validation; each issue says where. */
export class ValidationError extends OnTrackError {
  readonly issues: readonly Issue[];
  readonly source: string;
  constructor(source: string, issues: readonly Issue[]) {
    super('invalid-input', issues.map((i) => `${source} ${formatPath(i.path)}: ${i.message}`).join('\n'));
    this.issues = issues;
    this.source = source;
  }
}

/** The thing asked for does not exist (a pupil, a half-term, a scope). */
export class NotFoundError extends OnTrackError {
  constructor(message: string) {
    super('not-found', message);
  }
}

/**
 * A write lost a race or would rewrite what must not change (an existing
 * snapshot). `current` holds the stored value when there is one.
 */
export class ConflictError extends OnTrackError {
  readonly current: unknown;
  constructor(message: string, current?: unknown) {
    super('conflict', message);
    this.current = current;
  }
}

/** The store could not be reached, or answered with something unusable. */
export class NetworkError extends OnTrackError {
  constructor(message: string, options?: ErrorOptions) {
    super('network', message, options);
  }
}

/** The signed-in user may not see or change this. */
export class PermissionError extends OnTrackError {
  constructor(message: string) {
    super('permission', message);
  }
}

/** One bad cell (or row) of a CSV file: where it is, in the file's own terms, and what is wrong. */
export interface CsvProblem {
  /** The line in the file (1 is the header). */
  readonly line: number;
  /** The column's header, when the problem is in one cell. */
  readonly column?: string;
  /** The data field the column maps to (`attributes.pupilPremium`). */
  readonly field?: string;
  readonly message: string;
}

/** A CSV file had bad rows, so nothing was imported; `problems` says where, by line and column. */
export class CsvImportError extends ValidationError {
  readonly problems: readonly CsvProblem[];
  constructor(source: string, problems: readonly CsvProblem[]) {
    super(
      source,
      problems.map((p) => ({ path: p.column === undefined ? [`line ${String(p.line)}`] : [`line ${String(p.line)}`, p.column], code: 'csv', message: p.message })),
    );
    this.message = problems.map((p) => `${source} line ${String(p.line)}${p.column === undefined ? '' : `, column "${p.column}"`}: ${p.message}`).join('\n');
    this.problems = problems;
  }
}
