// `node --import tsx bench/grid/edit-costs.ts` (after `npm run build`): where the
// time of one cell edit goes, in our grid and in AG Grid, and what the browser
// itself charges for the DOM changes an edit makes. Not a comparison for
// `npm run bench` (that is grid.bench.ts); a probe behind the numbers in the
// closing notes about the cell-update target. Cross-origin isolated pages, so
// times are in 5 µs steps; each figure is the median of 12 edits on each of 3
// fresh pages (a frame between edits, as between a teacher's keystrokes).
import { launchChromium } from '../../tests/browser.js';
import { median } from '../harness.js';
import { agRows, open, page } from '../grid.bench.js';
import { BENCH_DATE, benchSchool } from './data.js';

const data = benchSchool(2000);
const [oursBundle, agBundle] = await Promise.all([page('./grid/ours-page.ts'), page('./grid/ag-page.ts')]);
const browser = await launchChromium();

// In-page scripts are plain strings: what tsx adds to named functions would not exist in the page.
const FRAME = 'const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));';

/** Ours: 12 real edits (each cell set to a level it does not have), timed in three parts. */
const OURS_EDITS = `(async () => {
  ${FRAME}
  const el = document.querySelector('ontrack-status-grid');
  const root = el.shadowRoot;
  const out = [];
  for (let i = 0; i < 12; i++) {
    const row = i + 1;
    const cell = () => root.querySelector('.body [data-row="' + row + '"][data-col="1"]');
    const to = cell().getAttribute('part').includes('level-below') ? 'above' : 'below';
    const pupil = el.visiblePupils[row];
    await frame();
    const t0 = performance.now();
    void el.setStatus(pupil.id, 'maths', to);
    const t1 = performance.now();
    await el.updateComplete;
    const t2 = performance.now();
    cell().getBoundingClientRect();
    const t3 = performance.now();
    out.push([t1 - t0, t2 - t1, t3 - t2, t3 - t0]);
  }
  return out;
})()`;

/** AG Grid: 12 edits through its API (each to a value the cell does not have), timed in two parts. */
const AG_EDITS = `(async () => {
  ${FRAME}
  const out = [];
  for (let i = 0; i < 12; i++) {
    const row = document.querySelector('[row-index="' + (i + 1) + '"][row-id]');
    const cell = () => document.querySelector('[row-id="' + row.getAttribute('row-id') + '"] [col-id="maths"]');
    const to = cell().textContent === '▼ Below' ? '▲ Above' : '▼ Below';
    await frame();
    const t0 = performance.now();
    benchPage.setValue(i + 1, 'maths', to);
    const t1 = performance.now();
    cell().getBoundingClientRect();
    const t2 = performance.now();
    if (cell().textContent !== to) throw new Error('AG Grid did not show the edit');
    out.push([t1 - t0, t2 - t1, t2 - t0]);
  }
  return out;
})()`;

/** One DOM change at a time on our grid's page, after a frame, then style and layout forced. */
const DOM_CHANGES = `(async () => {
  ${FRAME}
  const root = document.querySelector('ontrack-status-grid').shadowRoot;
  const cell = root.querySelector('.body [data-row="1"][data-col="1"]');
  const sum = root.querySelector('.foot .sum');
  const live = root.querySelector('div.visually-hidden[role=status]');
  const plain = document.createElement('div');
  plain.textContent = 'x';
  document.body.append(plain);
  const classes = [cell.className, cell.className.replace(/tone-\\d/, 'tone-0')];
  const changes = {
    "one cell's text": (k) => { cell.firstChild.data = k % 2 ? 'Below' : 'Above'; },
    "one cell's class (its colour)": (k) => { cell.className = classes[k % 2]; },
    'one summary cell\\'s text': (k) => { sum.lastChild.data = k % 2 ? ' Below 22.1%' : ' Below 22.2%'; },
    'the live region\\'s text': (k) => { live.textContent = 'Saved ' + k; },
    'a plain div\\'s class, outside the grid': (k) => { plain.className = k % 2 ? 'a' : 'b'; },
    'a plain div\\'s text, outside the grid': (k) => { plain.textContent = 'x' + k; },
  };
  const out = {};
  for (const [name, change] of Object.entries(changes)) {
    const ts = [];
    for (let k = 0; k < 36; k++) {
      await frame();
      const t0 = performance.now();
      change(k);
      cell.getBoundingClientRect();
      ts.push(performance.now() - t0);
    }
    out[name] = ts;
  }
  return out;
})()`;

const ours: number[][] = [];
const ag: number[][] = [];
const dom: Record<string, number[]> = {};
try {
  for (let trial = 0; trial < 3; trial++) {
    const p = await open(browser, oursBundle);
    await p.evaluate((d) => { (window as unknown as { __data: unknown }).__data = d; }, data);
    await p.evaluate(`benchPage.firstRender(window.__data, ${JSON.stringify(BENCH_DATE)})`);
    await new Promise((r) => setTimeout(r, 500));
    ours.push(...((await p.evaluate(OURS_EDITS)) as number[][]));
    for (const [k, v] of Object.entries((await p.evaluate(DOM_CHANGES)) as Record<string, number[]>)) (dom[k] ??= []).push(...v);
    await p.close();

    const q = await open(browser, agBundle);
    await q.evaluate((rows) => { (window as unknown as { __rows: unknown }).__rows = rows; }, agRows(data));
    await q.evaluate(`benchPage.firstRender(window.__rows, ${JSON.stringify(data.subjects)})`);
    await new Promise((r) => setTimeout(r, 500));
    ag.push(...((await q.evaluate(AG_EDITS)) as number[][]));
    await q.close();
  }
} finally {
  await browser.close();
}

const ms = (xs: number[]): string => `${median(xs).toFixed(3)} ms`;
const col = (rows: number[][], k: number): number[] => rows.map((r) => r[k] ?? 0);
console.log(`One cell edit, 2,000 pupils × 12 subjects (median of ${ours.length} edits on 3 pages):`);
console.log(`  ours:     ${ms(col(ours, 3))} = setStatus ${ms(col(ours, 0))} + Lit update ${ms(col(ours, 1))} + style and layout ${ms(col(ours, 2))}`);
console.log(`  AG Grid:  ${ms(col(ag, 2))} = setDataValue ${ms(col(ag, 0))} + style and layout ${ms(col(ag, 1))}`);
console.log('What the browser charges for one DOM change, after a frame (style and layout forced):');
for (const [k, v] of Object.entries(dom)) console.log(`  ${k}: ${ms(v)}`);
