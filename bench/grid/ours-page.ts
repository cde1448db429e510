// Benchmark page for <ontrack-status-grid>: bundled by bench/grid.bench.ts (esbuild, IIFE `benchPage`).
import type { TrackingDataset } from '@ontrack/rules';
import { OnTrackStatusGrid } from '../../packages/elements/src/status-grid/status-grid.js';
import { afterPaint, container, until } from './pages.js';

let grid: OnTrackStatusGrid | undefined;

const root = (): ShadowRoot => {
  const r = grid?.shadowRoot;
  if (!r) throw new Error('no grid');
  return r;
};

/** Mounts the grid on a dataset and resolves with the ms until its first cells are painted. */
export async function firstRender(data: TrackingDataset, date: string): Promise<number> {
  const box = container();
  const t0 = performance.now();
  const el = new OnTrackStatusGrid();
  el.data = data;
  el.date = date;
  box.append(el);
  grid = el;
  await el.updateComplete;
  await until(() => root().querySelector('.body [role="gridcell"]') !== null);
  await afterPaint();
  return performance.now() - t0;
}

/** Sets one visible cell (as a teacher's keystroke does) and resolves with the ms until the DOM shows it, laid out. */
export async function cellUpdate(row: number, subjectId: string, to: string): Promise<number> {
  const el = grid;
  if (!el) throw new Error('no grid');
  const pupil = el.visiblePupils[row];
  if (!pupil) throw new Error(`no row ${row}`);
  const col = (el.data?.subjects.findIndex((s) => s.id === subjectId) ?? 0) + 1;
  const t0 = performance.now();
  void el.setStatus(pupil.id, subjectId, to);
  await until(() => root().querySelector(`.body [data-row="${row}"][data-col="${col}"]`)?.getAttribute('part')?.includes(`level-${to}`) === true);
  root().querySelector(`.body [data-row="${row}"][data-col="${col}"]`)?.getBoundingClientRect();
  return performance.now() - t0;
}

/** Scrolls to the end and resolves with the ms until the last row is painted. */
export async function scrollToEnd(rows: number): Promise<number> {
  const scroller = root().querySelector<HTMLElement>('[role="grid"]');
  if (!scroller) throw new Error('no scroller');
  const t0 = performance.now();
  scroller.scrollTop = scroller.scrollHeight;
  await until(() => root().querySelector(`.body [aria-rowindex="${rows + 1}"]`) !== null);
  await afterPaint();
  return performance.now() - t0;
}
