import type { IsoDate } from '../schema/dataset.js';

/**
 * The last millisecond of `date` in UTC: evaluation is as of the end of the day,
 * so anything recorded on that day counts.
 */
export function endOfDay(date: IsoDate): number {
  return Date.parse(`${date}T23:59:59.999Z`);
}

/** Whether an instant (ISO 8601 with offset) falls on or before the end of `date` (UTC). */
export function recordedBy(instant: string, date: IsoDate): boolean {
  return Date.parse(instant) <= endOfDay(date);
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function todayUtc(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}
