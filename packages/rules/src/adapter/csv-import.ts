import { CsvImportError, type CsvProblem } from '../errors.js';
import { assessmentSchema, judgementSchema, pupilSchema, YEAR_GROUPS, type Assessment, type Pupil } from '../schema/dataset.js';
import { issuesFromZod } from '../schema/parse.js';
import type { JudgementInput } from './tracking-adapter.js';

/** What a CSV file holds. */
export type CsvKind = 'pupils' | 'judgements' | 'assessments';

/** The record a CSV row becomes, by kind. Judgements come without a time when the file has none (the store stamps it). */
export interface CsvRecords {
  pupils: Pupil;
  judgements: JudgementInput;
  assessments: Assessment;
}

/**
 * Which column holds which field: field path → column header, e.g.
 * `{ id: 'UPN', givenName: 'Forename', 'attributes.pupilPremium': 'PP' }`.
 * Fields not mapped are read from a column of their own name.
 */
export type CsvMapping = Readonly<Record<string, string>>;

/** Options for `importCsv`. */
export interface CsvImportOptions<K extends CsvKind> {
  readonly kind: K;
  readonly mapping?: CsvMapping;
  /** Per-field translations of cell values, e.g. `{ status: { B: 'below', O: 'on', A: 'above' } }` (matched ignoring case). */
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** How dates are written when not ISO: `dmy` (25/11/2026, the UK default) or `mdy`. */
  readonly dates?: 'dmy' | 'mdy';
  /** Accept a file with bad rows: import the good rows and report the bad. Off by default: a bad row imports nothing. */
  readonly allowPartial?: boolean;
  /** Called as rows are read (every 500 rows and at the end). */
  readonly onProgress?: (progress: CsvProgress) => void;
  /** Names the file in errors. */
  readonly source?: string;
}

/** How far an import has got. */
export interface CsvProgress {
  readonly rows: number;
  /** Characters read so far, and in all (when known). */
  readonly read: number;
  readonly total: number | undefined;
}

/** What an import found: the good records, and every problem by line and column. */
export interface CsvImport<T> {
  readonly records: T[];
  readonly problems: CsvProblem[];
  /** Data rows read (not counting the header or blank lines). */
  readonly rows: number;
}

const FIELDS: Record<CsvKind, readonly string[]> = {
  pupils: ['id', 'givenName', 'familyName', 'yearGroup', 'classId', 'schoolId'],
  judgements: ['pupilId', 'subjectId', 'status', 'recordedAt', 'recordedBy', 'note'],
  assessments: ['pupilId', 'subjectId', 'kind', 'score', 'outOf', 'level', 'takenOn'],
};
const BOOLEAN_FIELDS = new Set(['attributes.pupilPremium', 'attributes.fsm', 'attributes.eal', 'attributes.lookedAfter']);
const NUMBER_FIELDS = new Set(['attributes.attendance', 'score', 'outOf']);
const DATE_FIELDS = new Set(['takenOn']);
const INSTANT_FIELDS = new Set(['recordedAt']);
const TRUE = new Set(['y', 'yes', 'true', 't', '1']);
const FALSE = new Set(['n', 'no', 'false', 'f', '0']);
// Common MIS codes: SEN status N (none), K (SEN support), E (EHC plan); older S (statement).
const DEFAULT_VALUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'attributes.send': { n: 'none', none: 'none', k: 'support', 'sen support': 'support', support: 'support', e: 'ehcp', ehcp: 'ehcp', 'ehc plan': 'ehcp', s: 'ehcp' },
};

class CellError extends Error {}

function yearGroup(raw: string): string {
  const v = raw.trim();
  if ((YEAR_GROUPS as readonly string[]).includes(v.toUpperCase())) return v.toUpperCase();
  if (/^(reception|rec)$/i.test(v)) return 'R';
  if (/^nursery$/i.test(v)) return 'N';
  const m = /^(?:year\s*|yr\s*)?(\d{1,2})$/i.exec(v);
  return m?.[1] ? `Y${String(Number(m[1]))}` : v;
}

function date(raw: string, order: 'dmy' | 'mdy'): string {
  const v = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (!m) throw new CellError('must be a date (YYYY-MM-DD or DD/MM/YYYY)');
  const [a, b] = [Number(m[1]), Number(m[2])];
  const [day, month] = order === 'dmy' ? [a, b] : [b, a];
  return `${m[3] ?? ''}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function convert(field: string, raw: string, options: CsvImportOptions<CsvKind>): unknown {
  const mapped = options.values?.[field] ?? DEFAULT_VALUES[field];
  const translated = mapped ? (Object.entries(mapped).find(([k]) => k.toLowerCase() === raw.trim().toLowerCase())?.[1] ?? raw.trim()) : raw.trim();
  if (BOOLEAN_FIELDS.has(field)) {
    const v = translated.toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    throw new CellError('must be yes or no (Y/N, true/false, 1/0)');
  }
  if (NUMBER_FIELDS.has(field)) {
    const n = Number(translated.replace(/%$/, ''));
    if (!Number.isFinite(n)) throw new CellError('must be a number');
    return n;
  }
  if (field === 'yearGroup') return yearGroup(translated);
  if (DATE_FIELDS.has(field)) return date(translated, options.dates ?? 'dmy');
  if (INSTANT_FIELDS.has(field)) {
    if (/^\d{4}-\d{2}-\d{2}T/.test(translated)) return translated;
    // A date alone: noon UTC of that day, so the judgement falls on that day in every UK time zone.
    return `${date(translated, options.dates ?? 'dmy')}T12:00:00Z`;
  }
  return translated;
}

function setPath(target: Record<string, unknown>, field: string, value: unknown): void {
  const dot = field.indexOf('.');
  if (dot < 0) {
    target[field] = value;
    return;
  }
  const head = field.slice(0, dot);
  const inner = (target[head] ??= {}) as Record<string, unknown>;
  setPath(inner, field.slice(dot + 1), value);
}

const SCHEMAS = { pupils: pupilSchema, judgements: judgementSchema.omit({ recordedAt: true }).extend({ recordedAt: judgementSchema.shape.recordedAt.optional() }), assessments: assessmentSchema };

interface PapaModule {
  parse(input: unknown, config: Record<string, unknown>): void;
}

/**
 * Imports pupils (with attributes), judgements or assessments from a CSV export
 * of the kind MIS systems produce: columns mapped to fields by `mapping`, MIS
 * codes translated (`values`), UK dates understood, every row checked with the
 * dataset schemas. Rows are read one at a time (papaparse, streaming a `Blob`
 * in chunks in browsers) with `onProgress` told as it goes. A file with any bad
 * row imports nothing — the returned promise rejects with a `CsvImportError`
 * listing each problem by line and column — unless `allowPartial` is set, when
 * the good rows come back with the problems beside them.
 * @example const { records } = await importCsv(text, { kind: 'pupils', mapping: { id: 'UPN', givenName: 'Forename', familyName: 'Surname', yearGroup: 'Year', classId: 'Reg', 'attributes.pupilPremium': 'PP' } });
 */
export async function importCsv<K extends CsvKind>(source: string | Blob, options: CsvImportOptions<K>): Promise<CsvImport<CsvRecords[K]>> {
  const Papa = ((await import('papaparse')) as unknown as { default: PapaModule }).default;
  const name = options.source ?? 'CSV file';
  const mapping = options.mapping ?? {};
  const wanted = new Set([...FIELDS[options.kind], ...Object.keys(mapping)]);
  const schema = SCHEMAS[options.kind];
  const records: CsvRecords[K][] = [];
  const problems: CsvProblem[] = [];
  const seenIds = new Map<string, number>();
  const text = typeof source === 'string' ? source : undefined;
  const total = typeof source === 'string' ? source.length : source.size;
  const streamed = text === undefined && typeof (globalThis as { FileReader?: unknown }).FileReader === 'function';
  const input = text ?? (streamed ? source : await (source as Blob).text());
  const body = typeof input === 'string' ? input : undefined;
  let rows = 0;
  // The physical line a row starts on (a quoted cell may hold line breaks), counted from papaparse's cursor.
  let line = 1;
  let scanned = 0;
  const lineAt = (position: number): number => {
    if (body === undefined) return rows + 1;
    for (; scanned < position && scanned < body.length; scanned++) if (body.charCodeAt(scanned) === 10) line++;
    return line;
  };
  const headerEnd = body === undefined ? 0 : body.indexOf('\n') + 1;

  await new Promise<void>((resolve, reject) => {
    let previous = headerEnd;
    let headers: string[] | undefined;
    Papa.parse(input, {
      header: true,
      skipEmptyLines: 'greedy',
      transformHeader: (h: string) => h.trim(),
      step(result: { data: Record<string, string>; errors: { message: string }[]; meta: { cursor: number; fields?: string[] } }) {
        headers ??= result.meta.fields;
        rows++;
        let start = previous;
        // Blank lines before the row were skipped by papaparse; the row starts after them.
        while (body !== undefined && start < body.length && (body[start] === '\n' || body[start] === '\r')) start++;
        const at = lineAt(start);
        previous = result.meta.cursor;
        for (const e of result.errors) problems.push({ line: at, message: e.message });
        const record: Record<string, unknown> = {};
        const columnOf = new Map<string, string>();
        let bad = false;
        for (const field of wanted) {
          const column = mapping[field] ?? field;
          columnOf.set(field, column);
          const raw = result.data[column];
          if (raw === undefined || raw.trim() === '') continue;
          try {
            setPath(record, field, convert(field, raw, options));
          } catch (error) {
            bad = true;
            problems.push({ line: at, column, field, message: error instanceof Error ? error.message : String(error) });
          }
        }
        if (bad) return;
        const parsed = schema.safeParse(record);
        if (!parsed.success) {
          for (const issue of issuesFromZod(parsed.error)) {
            const field = issue.path.join('.');
            const column = columnOf.get(field) ?? (headers?.includes(field) ? field : undefined);
            problems.push({ line: at, ...(column === undefined ? {} : { column }), field, message: column === undefined ? `${field}: ${issue.message} (no column maps to it)` : issue.message });
          }
          return;
        }
        const value = parsed.data as unknown as CsvRecords[K];
        if (options.kind === 'pupils') {
          const id = (value as Pupil).id;
          const first = seenIds.get(id);
          if (first !== undefined) {
            problems.push({ line: at, column: mapping['id'] ?? 'id', field: 'id', message: `pupil "${id}" already appears on line ${String(first)}` });
            return;
          }
          seenIds.set(id, at);
        }
        records.push(value);
        if (rows % 500 === 0) options.onProgress?.({ rows, read: result.meta.cursor, total });
      },
      complete() {
        options.onProgress?.({ rows, read: total, total });
        resolve();
      },
      error(error: Error) {
        reject(error);
      },
    });
  });
  if (problems.length > 0 && !options.allowPartial) throw new CsvImportError(name, problems);
  return { records, problems, rows };
}
