import type { IsoDate } from '../schema/dataset.js';

const DAY_MS = 86_400_000;

/** Days added to an ISO date, as an ISO date (UTC, no time zone drift). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * First day of academic week `week` (1-based): week n begins yearStart + 7·(n−1) days.
 * @example weekStart('2026-09-01', 4) === '2026-09-22'
 */
export function weekStart(yearStart: IsoDate, week: number): IsoDate {
  return addDays(yearStart, 7 * (week - 1));
}

/** The academic week (1-based) that contains `date`; 0 or less before the year starts. */
export function academicWeek(yearStart: IsoDate, date: IsoDate): number {
  return Math.floor(daysBetween(yearStart, date) / 7) + 1;
}
