// Bench page for our trend chart: window.bench measures render and update.
import type { Target, TrendSeries } from '@ontrack/rules';
import '../../packages/elements/src/trend-chart/trend-chart.js';
import type { OnTrackTrendChart } from '../../packages/elements/src/trend-chart/trend-chart.js';
import { timeCharts, type Timing } from './loop.js';

(window as unknown as { bench: unknown }).bench = (series: TrendSeries[], updated: TrendSeries[], target: Target, runs: number): Promise<Timing> =>
  timeCharts<OnTrackTrendChart>(runs, {
    create: async (host) => {
      const el = document.createElement('ontrack-trend-chart');
      el.target = target;
      el.series = series;
      host.append(el);
      await el.updateComplete;
      return el;
    },
    update: async (el, run) => {
      el.series = run % 2 === 0 ? updated : series;
      await el.updateComplete;
    },
    points: (el) => el.shadowRoot?.querySelectorAll('[part~="point"]').length ?? 0,
  });
