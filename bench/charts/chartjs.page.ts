// Bench page for Chart.js drawing the same series: only the parts a line chart needs.
import { CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import { timeCharts, type Timing } from './loop.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend);

interface Data {
  readonly labels: string[];
  readonly datasets: { label: string; data: (number | null)[] }[];
}

const copy = (d: Data): Data => ({ labels: [...d.labels], datasets: d.datasets.map((s) => ({ label: s.label, data: [...s.data] })) });

(window as unknown as { bench: unknown }).bench = (data: Data, updated: Data, runs: number): Promise<Timing> =>
  timeCharts<Chart>(runs, {
    create: (host) => {
      const canvas = document.createElement('canvas');
      host.append(canvas);
      // Drawn synchronously: no animation.
      return new Chart(canvas, { type: 'line', data: copy(data), options: { animation: false, spanGaps: false, scales: { y: { min: 0, max: 100 } } } });
    },
    update: (chart, run) => {
      const next = run % 2 === 0 ? updated : data;
      chart.data.datasets.forEach((s, k) => {
        s.data = [...(next.datasets[k]?.data ?? [])];
      });
      chart.update();
    },
    points: (chart) => chart.data.datasets.reduce((n, s) => n + s.data.length, 0),
    dispose: (chart) => {
      chart.destroy();
    },
  });
