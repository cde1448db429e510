// Our trend chart against Chart.js drawing the same 6 groups × 7 points, in one
// headless Chromium: render and update time, and JS bytes (min+gzip).
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { TrendSeries } from '@ontrack/rules';
import { launchChromium } from '../tests/browser.js';
import type { Timing } from './charts/loop.js';
import { benchSeries, chartJsData, TARGET } from './charts/series.js';
import { type Comparison, median } from './harness.js';
import { SHIPPED_CONDITIONS, shippedPackages } from './shipped.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const here = (file: string): string => fileURLToPath(new URL(`./charts/${file}`, import.meta.url));
const RUNS = 40;
const WARMUP = 5;

/** Minified ESM bundle of an entry (a file, or source text) over the built packages, as a browser would load it in production. */
async function bundle(entry: { readonly file: string } | { readonly source: string }): Promise<string> {
  const result = await build({
    ...('file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.source, resolveDir: root, loader: 'ts' } }),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: SHIPPED_CONDITIONS,
    plugins: [shippedPackages],
    define: { 'process.env.NODE_ENV': '"production"' },
    charset: 'utf8',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0]?.text ?? '';
}

const gz = (code: string): number => gzipSync(code, { level: 9 }).length;

/** The same series with a different live point, as after a teacher's edits. */
function withNewLivePoint(series: readonly TrendSeries[]): TrendSeries[] {
  const other = benchSeries(12);
  return series.map((s, i) => ({ ...s, points: [...s.points.slice(0, -1), ...(other[i]?.points.slice(-1) ?? [])] }));
}

export async function run(): Promise<Comparison[]> {
  const series = benchSeries();
  const updated = withNewLivePoint(series);
  const cjs = chartJsData(series);
  const cjsUpdated = chartJsData(updated);
  const points = series.reduce((n, s) => n + s.points.length, 0);

  const trendPath = `${root}packages/elements/src/trend-chart/trend-chart.ts`;
  const gaugePath = `${root}packages/elements/src/cohort-gauge/cohort-gauge.ts`;
  const chartJsLine = `import { CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend); export { Chart };`;
  const [litFloor, core, trendOnly, both, chartJs, oursPage, chartJsPage] = await Promise.all([
    bundle({ file: here('lit.page.ts') }),
    bundle({ file: here('core.page.ts') }),
    bundle({ source: `import '${trendPath}';` }),
    bundle({ source: `import '${trendPath}'; import '${gaugePath}';` }),
    bundle({ source: chartJsLine }),
    bundle({ file: here('ours.page.ts') }),
    bundle({ file: here('chartjs.page.ts') }),
  ]);

  const browser = await launchChromium();
  try {
    const measure = async (code: string, args: readonly unknown[]): Promise<Timing> => {
      const page = await browser.newPage();
      await page.setViewport({ width: 1000, height: 800 });
      await page.setContent('<!doctype html><html lang="en"><meta charset="utf-8"><body><div id="host"></div></body></html>');
      await page.evaluate(() => {
        (document.getElementById('host') as HTMLElement).style.width = '720px';
      });
      await page.addScriptTag({ content: code, type: 'module' });
      await page.waitForFunction(() => 'bench' in window);
      // The function runs in the page; only its arguments cross, as JSON.
      const timing = await page.evaluate(
        (...a: unknown[]) => (window as unknown as { bench: (...b: unknown[]) => Promise<Timing> }).bench(...a),
        ...args,
      );
      await page.close();
      return timing;
    };
    const ours = await measure(oursPage, [series, updated, TARGET, RUNS + WARMUP]);
    const peer = await measure(chartJsPage, [cjs, cjsUpdated, RUNS + WARMUP]);
    // Both drew every point (Chart.js also counts its target line's 7).
    if (ours.points !== points || peer.points !== points + 7) throw new Error(`different work: ours ${ours.points} points, Chart.js ${peer.points}, expected ${points}`);
    const med = (xs: number[]): number => median(xs.slice(WARMUP));
    const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
    const beyondLit = gz(both) - gz(litFloor);
    const what = `${series.length} groups × ${series[0]?.points.length ?? 0} points`;
    return [
      {
        what: `trend chart render, ${what} (create → drawn and laid out)`,
        peerName: 'Chart.js 4.6.1 line chart, animation off',
        unit: 'ms',
        ours: med(ours.render),
        peer: med(peer.render),
        note: 'target < 5 ms',
      },
      {
        what: `trend chart update, ${what} (new live point)`,
        peerName: 'Chart.js 4.6.1 chart.update()',
        unit: 'ms',
        ours: med(ours.update),
        peer: med(peer.update),
      },
      {
        what: 'trend chart JS beyond Lit, min+gzip',
        peerName: 'Chart.js 4.6.1, line chart parts only (tree-shaken), min+gzip',
        unit: 'bytes',
        ours: gz(trendOnly) - gz(litFloor),
        peer: gz(chartJs),
        note: 'target ≥ 5× smaller',
      },
      {
        what: 'trend chart JS with Lit (a page with nothing else), min+gzip',
        peerName: 'Chart.js 4.6.1, line chart parts only (tree-shaken), min+gzip',
        unit: 'bytes',
        ours: gz(trendOnly),
        peer: gz(chartJs),
        note: `Lit floor ${kb(gz(litFloor))}`,
      },
      {
        what: 'cohort gauge + trend chart JS beyond Lit, min+gzip',
        peerName: 'Chart.js 4.6.1, line chart parts only (tree-shaken), min+gzip',
        unit: 'bytes',
        ours: beyondLit,
        peer: gz(chartJs),
        note: `target < 12 KB; both with Lit ${kb(gz(both))}`,
      },
      {
        what: 'cohort gauge + trend chart JS beyond Lit and the shared OnTrack core, min+gzip',
        peerName: 'Chart.js 4.6.1, line chart parts only (tree-shaken), min+gzip',
        unit: 'bytes',
        ours: gz(both) - gz(core),
        peer: gz(chartJs),
        note: `the core (@lit/context consumer, theme, words, level looks) is ${kb(gz(core) - gz(litFloor))} beyond Lit and is paid once by the charts of a page`,
      },
    ];
  } finally {
    await browser.close();
  }
}
