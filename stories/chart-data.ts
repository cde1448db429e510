import { html, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { createMemoryAdapter, defaultPolicy, generateSchool, type Breakdown, type Target, type TrackingDataset, type TrackingPolicy, type TrendPoint, type TrendSeries } from '@ontrack/rules';

/** The last day of a generated year: all six half-term snapshots are taken. */
export const YEAR_END = '2027-07-16';

/** A 240-pupil primary school over a whole year (six snapshots), the same every time. */
export const fullYear: TrackingDataset = generateSchool({ seed: 7, pupils: 240, through: YEAR_END });

/** The trust's target and a national benchmark, as leaders set them. */
export const trustTarget: Target = { label: 'Trust target', atOrAbove: 'on', percent: 85 };
export const nationalBenchmark: Target = { label: 'National', atOrAbove: 'on', percent: 80 };

/** A five-level grade set (a trust's own), lowest first. */
export const fiveLevels: TrackingPolicy = {
  ...defaultPolicy,
  levels: [
    { id: 'wt', label: 'Working towards', short: 'WT', rank: 0, concern: true },
    { id: 'exs-', label: 'Expected (emerging)', short: 'EXS−', rank: 1 },
    { id: 'exs', label: 'Expected', short: 'EXS', rank: 2 },
    { id: 'gds-', label: 'Greater depth (emerging)', short: 'GDS−', rank: 3, challenge: true },
    { id: 'gds', label: 'Greater depth', short: 'GDS', rank: 4, challenge: true },
  ],
  defaultLevel: 'exs',
};

/** A plain breakdown of the five-level grade set. */
export function fiveLevelBreakdown(label: string, counts: Readonly<Record<string, number>>): Breakdown {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const percent = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Math.round((1000 * v) / total) / 10]));
  return { filter: {}, label, date: YEAR_END, pupils: total, total, untracked: 0, counts, percent, suppressed: false };
}

/** A five-level series over the year by property, drifting upwards term by term. */
export function fiveLevelSeries(label: string): TrendSeries {
  const terms = fullYear.calendar.halfTerms;
  const points: TrendPoint[] = terms.map((h, i) => ({
    label: h.name,
    date: h.end,
    halfTermId: h.id,
    live: false,
    breakdown: fiveLevelBreakdown(label, { wt: 12 - i, 'exs-': 14 - i, exs: 30, 'gds-': 8 + i, gds: 4 + i }),
  }));
  return { label, filter: {}, points };
}

/**
 * A dark surface around a story, set through the CSSOM (no style attribute,
 * so the story runs under the same strict CSP as a host page).
 */
export function dark(content: TemplateResult): TemplateResult {
  return html`<div
    class="dark-surface"
    ${ref((el) => {
      if (!(el instanceof HTMLElement)) return;
      el.style.setProperty('color-scheme', 'dark');
      el.style.setProperty('background', '#16161b');
      el.style.setProperty('color', '#ececf1');
      el.style.setProperty('padding', '1rem');
    })}
  >${content}</div>`;
}

/** A container of a given width (through the CSSOM), to show the charts respond to it. */
export function sized(width: string, content: TemplateResult): TemplateResult {
  return html`<div ${ref((el) => { if (el instanceof HTMLElement) el.style.setProperty('width', width); })}>${content}</div>`;
}

/**
 * Charts computed from a dataset: a provider over the in-memory adapter holds
 * the data and gives the charts inside their figures (a chart given no
 * `breakdown` or `series` shows the provider's).
 */
export function provided(content: TemplateResult, data: TrackingDataset = fullYear, date = YEAR_END): TemplateResult {
  return html`<ontrack-provider date=${date} .adapter=${createMemoryAdapter(data)}>${content}</ontrack-provider>`;
}
