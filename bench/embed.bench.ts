// The provider on a 50,000-pupil trust in headless Chromium: an edit made
// through the adapter until the gauges show it, with statuses and breakdowns
// updated incrementally vs recomputed from scratch (the same elements, with
// incremental updates switched off), and the longest main-thread task after an
// edit with the rules engine in a Web Worker vs on the main thread.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'puppeteer-core';
import { launchChromium } from '../tests/browser.js';
import { type Comparison, median } from './harness.js';
import { SHIPPED_CONDITIONS, shippedPackages } from './shipped.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
/** `ONTRACK_BENCH_PUPILS`: the trust's size (default 50,000). */
const PUPILS = Number(process.env.ONTRACK_BENCH_PUPILS ?? 50_000);
const EDITS = 10;

interface EditTiming {
  readonly toGauge: number;
  readonly toFrame: number;
  readonly toEvaluation: number;
  readonly longestTask: number;
}
interface PageApi {
  setup: (pupils: number, evaluator: 'main' | 'worker', incremental: boolean, withGrid: boolean) => Promise<number>;
  edit: (i: number) => Promise<EditTiming>;
}
declare const benchPage: PageApi;

async function pageBundle(): Promise<string> {
  const out = await build({
    entryPoints: [here('./embed/page.ts')],
    bundle: true,
    minify: process.env.BENCH_DEBUG !== '1',
    write: false,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    globalName: 'benchPage',
    conditions: SHIPPED_CONDITIONS,
    plugins: [shippedPackages],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

/**
 * The page and the worker from one local origin, as a portal serves them (a
 * worker needs a real origin; the page's CSP allows scripts and workers from
 * 'self' only, with no 'unsafe-eval').
 */
async function serve(bundle: string, workerCode: string): Promise<{ server: Server; url: string }> {
  const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><script src="/page.js"></script></head><body></body></html>';
  const files: Record<string, readonly [string, string]> = {
    '/': ['text/html; charset=utf-8', html],
    '/page.js': ['text/javascript', bundle],
    '/evaluate-worker.js': ['text/javascript', workerCode],
  };
  const server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[0], 'content-security-policy': "default-src 'self'; style-src 'self'" }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** One fresh page: set up, then EDITS edits; the first warms code paths and is dropped. */
async function trial(browser: Awaited<ReturnType<typeof launchChromium>>, url: string, evaluator: 'main' | 'worker', incremental: boolean, withGrid = false): Promise<EditTiming[]> {
  const p: Page = await browser.newPage();
  try {
    if (process.env.BENCH_DEBUG === '1') p.on('console', (m) => { console.error(`[page] ${m.text()}`); });
    await p.setViewport({ width: 1280, height: 900 });
    await p.goto(url);
    await p.evaluate((n, e, inc, g) => benchPage.setup(n, e, inc, g), PUPILS, evaluator, incremental, withGrid);
    const out: EditTiming[] = [];
    for (let i = 0; i < EDITS; i++) {
      const t = await p.evaluate((k) => benchPage.edit(k), i);
      if (i > 0) out.push(t);
    }
    return out;
  } finally {
    await p.close();
  }
}

export async function run(): Promise<Comparison[]> {
  const bundle = await pageBundle();
  const workerCode = readFileSync(here('../packages/elements/dist/evaluate-worker.js'), 'utf8');
  const { server, url } = await serve(bundle, workerCode);
  const browser = await launchChromium();
  try {
    const incremental = await trial(browser, url, 'worker', true);
    const full = await trial(browser, url, 'worker', false);
    const onMain = await trial(browser, url, 'main', true);
    const gridIncremental = await trial(browser, url, 'worker', true, true);
    const gridFull = await trial(browser, url, 'worker', false, true);
    const m = (ts: EditTiming[], k: keyof EditTiming): number => median(ts.map((t) => t[k]));
    const what = `${PUPILS.toLocaleString('en-GB')}-pupil trust × 12 subjects, headless Chromium`;
    return [
      {
        what: `edit → gauges show it (3 gauges + trend), ${what}`,
        peerName: 'the same elements recomputing statuses and breakdowns from scratch',
        unit: 'ms',
        ours: m(incremental, 'toGauge'),
        peer: m(full, 'toGauge'),
        note: 'median of 9 edits after one warm-up; target: within a frame (< 16 ms)',
      },
      {
        what: `edit → gauges, trend and a grid of every pupil updated and the next frame drawn, ${what}`,
        peerName: 'the same elements rebuilding everything from scratch',
        unit: 'ms',
        ours: m(gridIncremental, 'toFrame'),
        peer: m(gridFull, 'toFrame'),
        note: 'median of 9 edits; a trust-wide grid of 50,000 rows on the same page (the grid folds the new judgement into the rows it has)',
      },
      {
        what: `longest main-thread task after an edit, ${what}`,
        peerName: 'rules engine on the main thread',
        unit: 'ms',
        ours: m(incremental, 'longestTask'),
        peer: m(onMain, 'longestTask'),
        note: 'engine in a Web Worker (createWorkerEvaluator); 0 = no task over 50 ms',
      },
      {
        what: `edit → interventions re-evaluated, ${what}`,
        peerName: 'rules engine on the main thread',
        unit: 'ms',
        ours: m(incremental, 'toEvaluation'),
        peer: m(onMain, 'toEvaluation'),
        note: 'the worker receives only the new judgement; the page stays responsive meanwhile',
      },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}
