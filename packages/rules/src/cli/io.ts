import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type Issue, ValidationError } from '../errors.js';
import { isoDateSchema } from '../schema/dataset.js';
import { writeJson } from './write-json.js';

/** What a command may do to the outside world; the tests pass their own. */
export interface CliIo {
  /** Writes the command's result (JSON or text) to stdout. */
  readonly out: (text: string) => void;
  /** Writes one line to stderr. */
  readonly err: (line: string) => void;
  /** Reads a whole file as UTF-8 (once: large files are never read twice). */
  readonly readText: (file: string) => Promise<string>;
  /** Today's date, `YYYY-MM-DD` (UTC). */
  readonly today: () => string;
}

/** A problem with how the command was called: printed as `ontrack <command> <where>: <message>`. */
export class UsageError extends ValidationError {}

/** Throws a `UsageError` naming the command and what is wrong. */
export function usage(command: string, message: string, where?: string): never {
  throw new UsageError(where === undefined ? `ontrack ${command}` : `ontrack ${command} ${where}`, [{ path: [], code: 'usage', message }]);
}

/** Parses a command's arguments strictly; unknown flags and missing values become usage errors. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(command: string, args: readonly string[], options: O): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages for bad flags are one readable sentence, sometimes with a hint line.
    const message = (error as Error).message.split('\n')[0] ?? 'bad arguments';
    return usage(command, `${message.replace(/\.$/, '')}; see ontrack ${command} --help`);
  }
}

/** The one data file a command takes, or a usage error. */
export function oneDataFile(command: string, positionals: readonly string[]): string {
  const [file, ...extra] = positionals;
  if (file === undefined) usage(command, `needs a DATA.json file; see ontrack ${command} --help`);
  if (extra.length > 0) usage(command, `takes one data file (got ${String(positionals.length)})`);
  return file;
}

/** Checks a `--date` value: a real calendar date written YYYY-MM-DD. */
export function checkDate(command: string, value: string | undefined, io: CliIo): string {
  if (value === undefined) return io.today();
  if (!isoDateSchema.safeParse(value).success) usage(command, `must be a real date written YYYY-MM-DD (got ${JSON.stringify(value)})`, '--date');
  return value;
}

/** Reads and parses a JSON file, turning unreadable files and bad JSON into issues naming the file. */
export async function readJson(file: string, io: CliIo): Promise<unknown> {
  let text: string;
  try {
    text = await io.readText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : code;
    throw new ValidationError(file, [{ path: [], code: 'unreadable', message: `cannot read the file (${why})` }]);
  }
  try {
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown;
  } catch (error) {
    throw new ValidationError(file, [{ path: [], code: 'invalid-json', message: `not valid JSON: ${(error as Error).message.replace(/\s+/g, ' ')}` }]);
  }
}

/** Several files' problems at once (a policy and a data file). */
export class ManyValidationErrors extends Error {
  readonly errors: readonly ValidationError[];
  constructor(errors: readonly ValidationError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.errors = errors;
  }
}

/** Issues of a caught error when it is a ValidationError, else rethrows. */
export function issuesOf(error: unknown): readonly Issue[] {
  if (error instanceof ValidationError) return error.issues;
  throw error;
}

/** Prints a value as the command's JSON result, in pieces (see `writeJson`). */
export function printJson(io: CliIo, value: unknown): void {
  writeJson(io.out, value);
}
