import { cpus, totalmem } from 'node:os';

/** One comparison: our implementation and the named peer doing the same work. */
export interface Comparison {
  /** What is measured, e.g. `liveStatuses, 10,000 pupils × 4 subjects`. */
  readonly what: string;
  readonly peerName: string;
  /** `ms` (lower is better) or `bytes` (lower is better). */
  readonly unit: 'ms' | 'bytes';
  readonly ours: number;
  readonly peer: number;
  readonly note?: string;
}

/** A row of bench/results.json. */
export interface Result extends Comparison {
  /** peer ÷ ours: how many times better we are (both units are lower-is-better). */
  readonly ratio: number;
  readonly machine: string;
  readonly date: string;
}

/** The machine the numbers come from. */
export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown cpu';
  return `${cpu} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Median wall time in ms of `runs` calls after `warmup` calls. */
export function time(fn: () => unknown, { runs = 5, warmup = 1 } = {}): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Median wall time in ms of an async function. */
export async function timeAsync(fn: () => Promise<unknown>, { runs = 3, warmup = 1 } = {}): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
