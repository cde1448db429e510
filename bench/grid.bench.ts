import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import type { Page } from 'puppeteer-core';
import { defaultPolicy, liveStatuses, trackedSubjects, type TrackingDataset } from '@ontrack/rules';
import { launchChromium } from '../tests/browser.js';
import { type Comparison, median } from './harness.js';
import { SHIPPED_CONDITIONS, shippedPackages } from './shipped.js';
import { BENCH_DATE, benchSchool } from './grid/data.js';
import type { AgRow } from './grid/ag-page.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const root = here('..');

const common: BuildOptions = {
  bundle: true,
  minify: true,
  write: false,
  platform: 'browser',
  target: 'es2022',
  // Our packages as built (dist); Lit in its production build.
  conditions: SHIPPED_CONDITIONS,
  plugins: [shippedPackages],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
  absWorkingDir: root,
};

/** Bundles a benchmark page as an IIFE exposing `benchPage`. */
export async function page(entry: string): Promise<string> {
  const out = await build({ ...common, entryPoints: [here(entry)], format: 'iife', globalName: 'benchPage' });
  return out.outputFiles?.[0]?.text ?? '';
}

/** What a host ships to show the grid: esbuild-minified ESM, then gzip. */
async function minGzip(contents: string): Promise<number> {
  const out = await build({ ...common, stdin: { contents, resolveDir: root, loader: 'ts' }, format: 'esm' });
  return gzipSync(Buffer.from(out.outputFiles?.[0]?.text ?? ''), { level: 9 }).length;
}

/** The same statuses as AG Grid rows: name and "▼ Below" / "● On *" text per subject. */
export function agRows(data: TrackingDataset): AgRow[] {
  const subjects = trackedSubjects(data, defaultPolicy);
  const statuses = liveStatuses(data, defaultPolicy, BENCH_DATE);
  const text = (status: string | null, source: string): string =>
    status === 'below' ? '▼ Below' : status === 'above' ? '▲ Above' : status === 'on' ? (source === 'default' ? '● On *' : '● On') : '– Not yet tracked';
  return data.pupils.map((p, i) => {
    const row: Record<string, string> = { id: p.id, name: `${p.givenName} ${p.familyName}` };
    subjects.forEach((s, k) => {
      const e = statuses[i * subjects.length + k];
      row[s] = text(e?.status ?? null, e?.source ?? 'untracked');
    });
    return row as AgRow;
  });
}

/** `BENCH_QUICK=1`: one trial each and 10,000 instead of 50,000 pupils, to check the harness, not to report. */
const quick = process.env.BENCH_QUICK === '1';

type Bench = 'ours' | 'ag';
interface Trial {
  readonly first: number;
  readonly update: number;
  readonly scroll: number;
}

/**
 * A fresh page with a benchmark bundle. It is served cross-origin isolated
 * (COOP + COEP), so `performance.now()` counts in 5 µs steps instead of 100 µs
 * with jitter: a cell update takes about a millisecond. Nothing leaves the
 * machine: the one request is answered here.
 */
export async function open(browser: Awaited<ReturnType<typeof launchChromium>>, bundle: string): Promise<Page> {
  const p = await browser.newPage();
  await p.setViewport({ width: 1280, height: 800 });
  await p.setRequestInterception(true);
  p.on('request', (request) => {
    void request.respond({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
      body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body></body></html>',
    });
  });
  // localhost: a secure context, which cross-origin isolation needs; the request never leaves the browser.
  await p.goto('http://localhost/');
  if (!(await p.evaluate(() => crossOriginIsolated))) throw new Error('the benchmark page is not cross-origin isolated');
  await p.addScriptTag({ content: bundle });
  return p;
}

interface PageApi {
  firstRender: (a: unknown, b: unknown) => Promise<number>;
  cellUpdate: (row: number, subjectId: string, to: string) => Promise<number>;
  scrollToEnd: (rows: number) => Promise<number>;
}
declare const benchPage: PageApi;

/** One fresh page: first render, five cell updates (median), scroll to the end. */
async function trial(browser: Awaited<ReturnType<typeof launchChromium>>, which: Bench, bundle: string, data: TrackingDataset, rows: AgRow[] | undefined): Promise<Trial> {
  const p = await open(browser, bundle);
  try {
    // The data is in the page before the clock starts; only the grid's own work is timed.
    await p.evaluate((d) => { (window as unknown as { __data: unknown }).__data = d; }, (which === 'ours' ? data : rows) as unknown as Record<string, unknown>);
    const subjects = data.subjects;
    const first = await p.evaluate(
      (w, date, subs) => {
        const d = (window as unknown as { __data: unknown }).__data;
        return w === 'ours' ? benchPage.firstRender(d, date) : benchPage.firstRender(d, subs);
      },
      which, BENCH_DATE, subjects,
    );
    // Edits come once the grid has settled (its deferred summary done), as a teacher's do.
    await new Promise((r) => setTimeout(r, 300));
    const updates: number[] = [];
    // The first edit of a page warms its code paths (either grid's); the next nine are measured.
    for (let i = 0; i < 10; i++) {
      const to = i % 2 === 0 ? 'below' : 'above';
      const value = which === 'ours' ? to : to === 'below' ? '▼ Below' : '▲ Above';
      const ms = await p.evaluate((r, s, v) => benchPage.cellUpdate(r, s, v), i + 1, 'maths', value);
      if (i > 0) updates.push(ms);
    }
    const scroll = await p.evaluate((n) => benchPage.scrollToEnd(n), data.pupils.length);
    return { first, update: median(updates), scroll };
  } finally {
    await p.close();
  }
}

/**
 * <ontrack-status-grid> vs AG Grid Community on the same 2,000 pupils × 12
 * subjects in headless Chromium: first render to painted, one cell update,
 * scroll to the end, and the JS a host ships (min+gzip); then our first render
 * at 50,000 pupils against ours at 2,000 (flat is ≈ 1×).
 */
export async function run(): Promise<Comparison[]> {
  const [oursPage, agPage] = await Promise.all([page('./grid/ours-page.ts'), page('./grid/ag-page.ts')]);
  const oursBytes = await minGzip(`export { OnTrackStatusGrid } from './packages/elements/src/status-grid/status-grid.ts';`);
  const agBytes = await minGzip(
    `import { AllCommunityModule, ModuleRegistry, createGrid } from 'ag-grid-community'; ModuleRegistry.registerModules([AllCommunityModule]); export { createGrid };`,
  );
  const data = benchSchool(2000);
  const rows = agRows(data);
  const browser = await launchChromium();
  const results: Record<Bench, Trial[]> = { ours: [], ag: [] };
  const big: number[] = [];
  const bigUpdates: number[] = [];
  try {
    // Interleaved, so that a busy moment on the shared machine hits both.
    for (let i = 0; i < (quick ? 1 : 5); i++) {
      results.ours.push(await trial(browser, 'ours', oursPage, data, undefined));
      results.ag.push(await trial(browser, 'ag', agPage, data, rows));
    }
    const huge = benchSchool(quick ? 10_000 : 50_000);
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      const p = await open(browser, oursPage);
      try {
        await p.evaluate((d) => { (window as unknown as { __data: unknown }).__data = d; }, huge);
        big.push(await p.evaluate((date) => benchPage.firstRender((window as unknown as { __data: unknown }).__data, date), BENCH_DATE));
        // Edits once the summary row has been counted (on a trust it is counted when the browser is idle after the first paint).
        await p.waitForFunction(() => {
          const foot = document.querySelector('ontrack-status-grid')?.shadowRoot?.querySelector('.foot');
          return foot !== null && foot !== undefined && !foot.textContent.includes('…');
        }, { timeout: 20_000 });
        const updates: number[] = [];
        for (let i = 0; i < 10; i++) {
          const ms = await p.evaluate((r, s, v) => benchPage.cellUpdate(r, s, v), i + 1, 'maths', i % 2 === 0 ? 'below' : 'above');
          if (i > 0) updates.push(ms);
        }
        bigUpdates.push(median(updates));
      } finally {
        await p.close();
      }
    }
  } finally {
    await browser.close();
  }
  const m = (b: Bench, k: keyof Trial): number => median(results[b].map((t) => t[k]));
  const what = '2,000 pupils × 12 subjects, headless Chromium';
  const peerName = 'AG Grid Community 36.2';
  return [
    { what: `grid first render to painted, ${what}`, peerName, unit: 'ms', ours: m('ours', 'first'), peer: m('ag', 'first'), note: 'median of 5 fresh pages; ours computes live statuses from raw judgements, AG Grid is handed ready rows' },
    { what: `grid one cell update to laid out, ${what}`, peerName, unit: 'ms', ours: m('ours', 'update'), peer: m('ag', 'update'), note: 'median of 5 pages × median of 9 updates after one warm-up; ours goes through the full edit path (cancelable event, undo, summary row)' },
    { what: `grid scroll to the end to painted, ${what}`, peerName, unit: 'ms', ours: m('ours', 'scroll'), peer: m('ag', 'scroll') },
    { what: 'grid JS shipped (esbuild minify + gzip -9; ours with Lit and @ontrack/rules parts it uses)', peerName: `${peerName} (AllCommunityModule)`, unit: 'bytes', ours: oursBytes, peer: agBytes },
    { what: 'grid first render at 50,000 pupils × 12 subjects (peer: ours at 2,000; flat ≈ 1×)', peerName: 'ontrack-status-grid at 2,000 pupils', unit: 'ms', ours: median(big), peer: m('ours', 'first'), note: 'median of 3 fresh pages' },
    { what: 'grid one cell update at 50,000 pupils × 12 subjects (peer: ours at 2,000; flat ≈ 1×)', peerName: 'ontrack-status-grid at 2,000 pupils', unit: 'ms', ours: median(bigUpdates), peer: m('ours', 'update'), note: 'median of 3 pages × median of 9 updates after one warm-up, once the summary row is counted; the full edit path as at 2,000' },
  ];
}
