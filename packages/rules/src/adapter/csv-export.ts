import type { Breakdown } from '../breakdown/types.js';
import { orderedLevels } from '../policy/levels.js';
import type { StatusEntry, TrackingDataset } from '../schema/dataset.js';
import type { TrackingPolicy } from '../schema/policy.js';

/** A cell value: text is made safe; numbers and booleans are written as they are. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * Makes text safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`,
 * `@`, tab or carriage return would be read as a formula (CSV injection), so it
 * gets a leading `'`. Numbers are ours, never a formula, and are left alone.
 */
export function safeCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes rows as CSV (RFC 4180: comma-separated, CRLF line ends, quotes where
 * needed), every text cell made safe with `safeCell`.
 * @example toCsv(['pupil', 'status'], [['Amira Khan', 'below']])
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map((cell) => quote(safeCell(cell))).join(',')).join('\r\n') + '\r\n';
}

/**
 * The status grid as CSV: one row per pupil × subject with the pupil's name,
 * year, class, the subject, the level (id and label) and where it came from
 * (`recorded`, `default`, `untracked`).
 */
export function statusesToCsv(
  statuses: readonly StatusEntry[],
  dataset: Pick<TrackingDataset, 'pupils' | 'subjects'>,
  policy: Pick<TrackingPolicy, 'levels'>,
): string {
  const pupils = new Map(dataset.pupils.map((p) => [p.id, p]));
  const subjects = new Map(dataset.subjects.map((s) => [s.id, s.name]));
  const labels = new Map(policy.levels.map((l) => [l.id, l.label]));
  return toCsv(
    ['pupilId', 'givenName', 'familyName', 'yearGroup', 'classId', 'subjectId', 'subject', 'status', 'statusLabel', 'source'],
    statuses.map((s) => {
      const p = pupils.get(s.pupilId);
      return [s.pupilId, p?.givenName, p?.familyName, p?.yearGroup, p?.classId, s.subjectId, subjects.get(s.subjectId), s.status, s.status === null ? 'Untracked' : labels.get(s.status), s.source];
    }),
  );
}

/**
 * Breakdowns as CSV: one row per cohort with its size, and for each level of
 * the policy its count and percentage (both blank when the cohort is
 * suppressed as too small).
 */
export function breakdownsToCsv(breakdowns: readonly Breakdown[], policy: Pick<TrackingPolicy, 'levels'>): string {
  const levels = orderedLevels(policy).map((l) => l.id);
  return toCsv(
    ['cohort', 'date', 'pupils', 'total', 'untracked', 'suppressed', ...levels.flatMap((l) => [`${l}Count`, `${l}Percent`])],
    breakdowns.map((b) => [
      b.label, b.date, b.pupils, b.total, b.untracked, b.suppressed,
      ...levels.flatMap((l) => [b.counts?.[l], b.percent?.[l]]),
    ]),
  );
}
