// Benchmark page for AG Grid Community: bundled by bench/grid.bench.ts (esbuild, IIFE `benchPage`).
import { AllCommunityModule, ModuleRegistry, createGrid, type GridApi } from 'ag-grid-community';
import { afterPaint, container, until } from './pages.js';

ModuleRegistry.registerModules([AllCommunityModule]);

/** One row as a portal would hand it to AG Grid: the name and one text per subject ("▼ Below", "● On *"). */
export type AgRow = Readonly<Record<string, string>> & { readonly id: string; readonly name: string };

let api: GridApi<AgRow> | undefined;
let box: HTMLElement | undefined;

/** Creates the grid with a pinned name column and coloured status columns; resolves with the ms until painted. */
export async function firstRender(rows: readonly AgRow[], subjects: readonly { readonly id: string; readonly name: string }[]): Promise<number> {
  const el = container();
  box = el;
  const t0 = performance.now();
  api = createGrid<AgRow>(el, {
    columnDefs: [
      { field: 'name', headerName: 'Pupil', pinned: 'left', width: 224 },
      ...subjects.map((s) => ({
        field: s.id,
        headerName: s.name,
        width: 120,
        cellClassRules: {
          'st-below': (p: { value: unknown }) => String(p.value).includes('Below'),
          'st-above': (p: { value: unknown }) => String(p.value).includes('Above'),
          'st-default': (p: { value: unknown }) => String(p.value).includes('*'),
        },
      })),
    ],
    rowData: [...rows],
    getRowId: (p) => p.data.id,
  });
  await until(() => el.querySelector('.ag-grid-scrolling-cells .ag-cell') !== null);
  await afterPaint();
  return performance.now() - t0;
}

/** Sets one visible cell through the API and resolves with the ms until the DOM shows it, laid out. */
export async function cellUpdate(row: number, subjectId: string, text: string): Promise<number> {
  const node = api?.getDisplayedRowAtIndex(row);
  if (!node?.id || !box) throw new Error(`no row ${row}`);
  const selector = `[row-id="${node.id}"] [col-id="${subjectId}"]`;
  const t0 = performance.now();
  node.setDataValue(subjectId, text);
  await until(() => box?.querySelector(selector)?.textContent === text);
  box.querySelector(selector)?.getBoundingClientRect();
  return performance.now() - t0;
}

/** Scrolls to the end and resolves with the ms until the last row is painted. */
export async function scrollToEnd(rows: number): Promise<number> {
  const viewport = box?.querySelector<HTMLElement>('.ag-grid-viewport');
  if (!viewport || !box) throw new Error('no viewport');
  const t0 = performance.now();
  viewport.scrollTop = viewport.scrollHeight;
  await until(() => box?.querySelector(`[row-index="${rows - 1}"] .ag-cell`) !== null);
  await afterPaint();
  return performance.now() - t0;
}

/** Sets one cell through the API and returns at once (for bench/grid/edit-costs.ts, which times the parts itself). */
export function setValue(row: number, subjectId: string, text: string): void {
  const node = api?.getDisplayedRowAtIndex(row);
  if (!node) throw new Error(`no row ${row}`);
  node.setDataValue(subjectId, text);
}
