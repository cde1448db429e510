import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  breakdown, createMemoryAdapter, defaultPolicy, evaluate, generateSchool, type EvaluationResult, type TrackingDataset, type TrackingPolicy,
} from '@ontrack/rules';
import { ContextEvent } from '@lit/context';
import '../index.js';
import { onTrackContext, type OnTrackContextValue } from '../shared/contexts.js';
import type { OnTrackCohortGauge } from '../cohort-gauge/cohort-gauge.js';
import { createWorkerEvaluator } from '../worker/worker-evaluator.js';
import type { OnTrackProvider } from './provider.js';

const DATE = '2026-11-16';
const school = generateSchool({ seed: 11, pupils: 60, through: DATE });
const legend = (g: OnTrackCohortGauge): string[] => [...g.shadowRoot!.querySelectorAll('[part~="legend-item"]')].map((li) => li.textContent.replace(/\s+/g, ' ').trim());
/** The legend a gauge shows for a breakdown: "▼ Below track: 6 (15%)"… */
const legendOf = (b: ReturnType<typeof breakdown>): string[] => [`▼ Below track: ${b.counts?.['below']} (${b.percent?.['below']}%)`, `● On track: ${b.counts?.['on']} (${b.percent?.['on']}%)`, `▲ Above track: ${b.counts?.['above']} (${b.percent?.['above']}%)`];

async function mount(data: TrackingDataset = school): Promise<{ provider: OnTrackProvider; gauge: OnTrackCohortGauge; maths: OnTrackCohortGauge }> {
  const el = await fixture<HTMLElement>(html`<div>
    <ontrack-provider date=${DATE}><ontrack-cohort-gauge></ontrack-cohort-gauge><ontrack-cohort-gauge .filter=${{ subjectId: 'maths' }}></ontrack-cohort-gauge></ontrack-provider>
  </div>`);
  const provider = el.querySelector('ontrack-provider')!;
  provider.adapter = createMemoryAdapter(data, { now: () => new Date(`${DATE}T12:00:00Z`) });
  await waitUntil(() => provider.status === 'ready' && provider.evaluation !== undefined, 'provider never ready');
  const [gauge, maths] = [...el.querySelectorAll('ontrack-cohort-gauge')] as [OnTrackCohortGauge, OnTrackCohortGauge];
  await gauge.updateComplete;
  return { provider, gauge, maths };
}

describe('ontrack-provider', () => {
  it('narrows every element inside to its filter, intersected with their own', async () => {
    const { provider, gauge, maths } = await mount();
    const classId = school.pupils[0]!.classId;
    provider.filter = { classId };
    await waitUntil(() => legend(gauge).join() === legendOf(breakdown(school, defaultPolicy, DATE, { classId })).join(), 'the gauge did not follow the filter');
    await maths.updateComplete;
    expect(legend(maths)).to.deep.equal(legendOf(breakdown(school, defaultPolicy, DATE, { classId, subjectId: 'maths' })));
    provider.filter = {};
    await waitUntil(() => legend(gauge).join() === legendOf(breakdown(school, defaultPolicy, DATE)).join(), 'the gauge did not go back to everyone');
  });

  it('gives the charts figures over its data narrowed to its filter, one object until either changes', async () => {
    const { provider, gauge } = await mount();
    const seen: OnTrackContextValue[] = [];
    gauge.dispatchEvent(new ContextEvent(onTrackContext, gauge, (value) => { seen.push(value); }, true));
    const first = seen.at(-1)!.figures!;
    const classId = school.pupils[0]!.classId;
    expect(first.breakdown({ classId })).to.deep.equal(breakdown(school, defaultPolicy, DATE, { classId }));
    provider.filter = { subjectId: 'maths' };
    await provider.updateComplete;
    const narrowed = seen.at(-1)!.figures!;
    expect(narrowed).not.to.equal(first);
    const y4Maths = breakdown(school, defaultPolicy, DATE, { classId, subjectId: 'maths' });
    expect(narrowed.breakdown({ classId })).to.deep.equal(y4Maths);
    expect(narrowed.trend({ classId }, 'Now').points.at(-1)).to.deep.equal({ label: 'Now', date: DATE, live: true, breakdown: y4Maths });
    // A new evaluation is published, but the data, policy, date and filter are the same: so are the figures.
    const published = seen.length;
    provider.evaluator = (data, policy, options) => evaluate(data, policy, options);
    await waitUntil(() => seen.length > published + 1, 'the new evaluation was never published');
    expect(seen.at(-1)!.figures).to.equal(narrowed);
  });

  it('moves the gauges with an edit made elsewhere, before the evaluation catches up', async () => {
    const { provider, gauge } = await mount();
    const adapter = provider.adapter!;
    const before = legend(gauge);
    const cell = (await adapter.load()).judgements.length;
    const stored = await adapter.recordJudgement({ pupilId: school.pupils[5]!.id, subjectId: 'maths', status: 'below', recordedBy: 't1' });
    await gauge.updateComplete;
    const expected = legendOf(breakdown({ ...school, judgements: [...school.judgements, stored] }, defaultPolicy, DATE));
    expect(legend(gauge)).to.deep.equal(expected);
    expect(legend(gauge)).not.to.deep.equal(before);
    expect(cell).to.equal(school.judgements.length);
  });

  it('folds its own write in once when the adapter also tells subscribers about it', async () => {
    const provider = await fixture<OnTrackProvider>(html`<ontrack-provider date=${DATE}><ontrack-status-grid></ontrack-status-grid></ontrack-provider>`);
    const el = provider;
    provider.adapter = createMemoryAdapter(school, { now: () => new Date(`${DATE}T12:00:00Z`) });
    await waitUntil(() => provider.status === 'ready' && provider.evaluation !== undefined);
    const grid = el.querySelector('ontrack-status-grid')!;
    await grid.updateComplete;
    await grid.setStatus(school.pupils[2]!.id, 'maths', 'above');
    await waitUntil(() => provider.evaluation?.statuses.some((s) => s.pupilId === school.pupils[2]!.id && s.subjectId === 'maths' && s.status === 'above') === true);
    const held = await provider.adapter.load();
    expect(held.judgements).to.have.length(school.judgements.length + 1);
    // The evaluation counted the new judgement once: as many statuses as cells, the summary as evaluate's.
    expect(provider.evaluation?.summary).to.deep.equal(evaluate(held, defaultPolicy, { date: DATE }).summary);
  });

  it('takes an evaluator that answers with a promise, and keeps the newest answer when they arrive out of order', async () => {
    const slow: { resolve?: (r: EvaluationResult) => void } = {};
    let calls = 0;
    const { provider } = await mount();
    provider.evaluator = (d: TrackingDataset, p: TrackingPolicy, o: { readonly date: string }) => {
      calls++;
      const result = evaluate(d, p, o);
      // The first answer comes last.
      return calls === 1 ? new Promise<EvaluationResult>((resolve) => { slow.resolve = () => { resolve({ ...result, interventions: [] }); }; }) : Promise.resolve(result);
    };
    await waitUntil(() => calls === 1);
    provider.date = '2026-11-17';
    await waitUntil(() => calls === 2 && provider.evaluation?.date === '2026-11-17', 'the second answer was not taken');
    const newest = provider.evaluation;
    slow.resolve?.({} as EvaluationResult);
    await new Promise((r) => setTimeout(r, 20));
    expect(provider.evaluation).to.equal(newest);
    expect(newest?.interventions.length).to.be.greaterThan(0);
  });
});

describe('createWorkerEvaluator', () => {
  const workerUrl = '/packages/elements/dist/evaluate-worker.js';

  it('evaluates in a worker exactly as evaluate does, after loading and after each edit', async () => {
    const { provider } = await mount();
    const evaluator = createWorkerEvaluator(new Worker(workerUrl, { type: 'module' }));
    try {
      const onMainThread = provider.evaluation;
      provider.evaluator = evaluator;
      const adapter = provider.adapter!;
      await waitUntil(() => provider.evaluation !== onMainThread, 'no answer from the worker', { timeout: 8000 });
      const check = async (): Promise<void> => {
        const held = await adapter.load();
        const expected = evaluate(held, defaultPolicy, { date: DATE });
        await waitUntil(() => provider.evaluation?.interventions.length === expected.interventions.length && JSON.stringify(provider.evaluation.summary) === JSON.stringify(expected.summary), 'the worker did not catch up', { timeout: 8000 });
        expect(provider.evaluation?.interventions).to.deep.equal(expected.interventions);
        expect(provider.evaluation?.statuses).to.deep.equal(expected.statuses);
      };
      await check();
      // Three edits that start and stop interventions: only the difference crosses back.
      for (const [i, status] of [[7, 'below'], [7, 'on'], [9, 'below']] as const) {
        await adapter.recordJudgement({ pupilId: school.pupils[i]!.id, subjectId: 'writing', status, recordedBy: 't1' });
        await check();
      }
    } finally {
      evaluator.terminate();
    }
  });

  it('goes on evaluating on the main thread when the worker cannot start', async () => {
    const { provider } = await mount();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => { errors.push(args[0]); };
    try {
      provider.evaluator = createWorkerEvaluator(new Worker('/no-such-worker.js', { type: 'module' }));
      provider.date = '2026-11-17';
      await waitUntil(() => provider.evaluation?.date === '2026-11-17', 'no evaluation after the worker failed', { timeout: 8000 });
      const expected = evaluate(await provider.adapter!.load(), defaultPolicy, { date: '2026-11-17' });
      expect(provider.evaluation?.interventions).to.deep.equal(expected.interventions);
      expect(String(errors[0])).to.match(/evaluation worker failed/);
    } finally {
      console.error = original;
    }
  });
});

