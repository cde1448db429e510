// Benchmark page for the provider on a large trust: bundled by bench/embed.bench.ts
// (esbuild, IIFE `benchPage`) over the built packages.
import { createMemoryAdapter, defaultPolicy, generateTrust, liveStatuses, type JudgementInput, type TrackingDataset } from '@ontrack/rules';
import '../../packages/elements/src/cohort-gauge/cohort-gauge.js';
import type { OnTrackCohortGauge } from '../../packages/elements/src/cohort-gauge/cohort-gauge.js';
import { OnTrackProvider } from '../../packages/elements/src/provider/provider.js';
import { setIncrementalUpdates } from '../../packages/elements/src/shared/live-statuses.js';
import '../../packages/elements/src/trend-chart/trend-chart.js';
import '../../packages/elements/src/status-grid/status-grid.js';
import { createWorkerEvaluator } from '../../packages/elements/src/worker/worker-evaluator.js';
import { afterPaint, until } from '../grid/pages.js';

let provider: OnTrackProvider | undefined;
let gauges: OnTrackCohortGauge[] = [];
let adapter: ReturnType<typeof createMemoryAdapter> | undefined;
let edits: JudgementInput[] = [];
let longest = 0;

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
}).observe({ type: 'longtask', buffered: false });

/** What a dashboard shows: the whole trust, pupil premium vs the rest, SEND vs the rest, a trend; and, if asked, the grid of every pupil. */
function mount(trust: TrackingDataset, date: string, evaluator: 'main' | 'worker', withGrid: boolean): void {
  document.body.replaceChildren();
  provider = new OnTrackProvider();
  provider.date = date;
  if (evaluator === 'worker') {
    provider.evaluator = createWorkerEvaluator(new Worker('/evaluate-worker.js', { type: 'module' }));
  }
  const whole = document.createElement('ontrack-cohort-gauge');
  const pp = document.createElement('ontrack-cohort-gauge');
  pp.group = 'pupil-premium';
  const send = document.createElement('ontrack-cohort-gauge');
  send.group = 'send';
  const trend = document.createElement('ontrack-trend-chart');
  gauges = [whole, pp, send];
  provider.append(whole, pp, send, trend);
  if (withGrid) provider.append(document.createElement('ontrack-status-grid'));
  document.body.append(provider);
  adapter = createMemoryAdapter(trust, { now: () => new Date(`${date}T12:00:00Z`) });
  provider.adapter = adapter;
}

/**
 * Generates the trust, mounts the dashboard and waits until it shows the data
 * and the first evaluation; resolves with the number of cells.
 */
export async function setup(pupils: number, evaluator: 'main' | 'worker', incremental: boolean, withGrid = false): Promise<number> {
  setIncrementalUpdates(incremental);
  const trust = generateTrust({ seed: 7, schools: Math.max(2, Math.round(pupils / 2500)), pupils, phases: ['secondary', 'all-through', 'secondary'] });
  const date = trust.calendar.halfTerms.at(-1)?.end ?? trust.calendar.yearStart;
  // Ten cells at their default On: each edit makes one of them Below.
  const statuses = liveStatuses(trust, defaultPolicy, date);
  edits = statuses.filter((s) => s.source === 'default' && s.subjectId === trust.subjects[0]?.id).slice(0, 10)
    .map((s) => ({ pupilId: s.pupilId, subjectId: s.subjectId, status: 'below', recordedBy: 'bench' }));
  mount(trust, date, evaluator, withGrid);
  const p = provider;
  await until(() => p?.status === 'ready' && p.evaluation !== undefined && gauges.every((g) => (g.shadowRoot?.textContent ?? '').includes('%')), 120_000);
  await afterPaint();
  return statuses.length;
}

/**
 * One edit through the adapter: ms until the whole-trust gauge shows it, laid
 * out; until every element (the grid too, when there is one) has updated and
 * the next frame is drawn; and until the interventions are re-evaluated.
 */
export async function edit(i: number): Promise<{ toGauge: number; toFrame: number; toEvaluation: number; longestTask: number }> {
  const p = provider;
  const gauge = gauges[0];
  const input = edits[i];
  if (!p || !gauge || !adapter || !input) throw new Error('not set up');
  const before = gauge.shadowRoot?.textContent ?? '';
  const evaluated = p.evaluation;
  longest = 0;
  const t0 = performance.now();
  await adapter.recordJudgement(input);
  await until(() => gauge.shadowRoot?.textContent !== before, 60_000);
  gauge.getBoundingClientRect();
  const toGauge = performance.now() - t0;
  await document.querySelector('ontrack-status-grid')?.updateComplete;
  await new Promise((r) => requestAnimationFrame(r));
  const toFrame = performance.now() - t0;
  await until(() => p.evaluation !== evaluated, 60_000);
  const toEvaluation = performance.now() - t0;
  await afterPaint();
  // Long tasks are reported a little after they end.
  await new Promise((r) => setTimeout(r, 50));
  return { toGauge, toFrame, toEvaluation, longestTask: longest };
}
