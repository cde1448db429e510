import { html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Breakdown, CohortFilter, LevelId, Target, TrackingPolicy, TrendSeries } from '@ontrack/rules';
import { ChartElement, hatch, langOf, note, numberWords, swatch, tonePatterns, type NumberWords } from '../shared/chart-kit.js';
import { chartStyles } from '../shared/chart.styles.js';
import { levelLooks } from '../shared/levels.js';
import { sectionWords, trendLocales, type MessageOverrides, type Messages } from '../shared/messages.js';
import { themeStyles } from '../shared/theme.styles.js';
import { trendChartStyles } from './trend-chart.styles.js';
import { buildModel, stackOf, type Cell, type Row, type TrendKind, type TrendModel } from './trend-model.js';

type Words = Messages['trend'];

/** A focusable point: where it is, what it says to a screen reader and in the tooltip. */
interface Spot {
  readonly x: number;
  readonly y: number;
  readonly label: string;
  readonly lines: readonly string[];
}

interface Frame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** The share at the bottom of the plot (0, or higher for lines that all sit high). */
  readonly low: number;
}

/** Where a share sits in a frame. */
const yIn = (f: Frame, v: number): number => f.top + f.height * (1 - (v - f.low) / (100 - f.low));

/**
 * The bottom of the share axis for lines: 0, or a round 20 below the lowest
 * value (and the target) when every line sits high, so that a 3-point gap
 * between groups at 80 % can still be seen. Areas always start at 0.
 */
function lowOf(model: TrendModel, target: Target | undefined): number {
  if (model.kind !== 'lines') return 0;
  let min = target?.percent ?? 100;
  for (const row of model.rows) for (const c of row.cells) if (c.y !== null) min = Math.min(min, c.y);
  return Math.max(0, Math.min(60, Math.floor((min - 5) / 20) * 20));
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
/** Arrow keys (and Home, End) as [rows, columns] steps. */
const STEPS: Readonly<Record<string, readonly [number, number]>> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0], Home: [0, 1], End: [0, -1] };
const SHAPES = ['circle', 'square', 'up', 'diamond', 'down'] as const;
type Shape = (typeof SHAPES)[number] | 'cross';

/** A marker's outline as a path, so every shape can take focus and a stroke. */
function markerPath(shape: Shape, x: number, y: number, r: number): string {
  switch (shape) {
    case 'square':
      return `M${x - r} ${y - r}h${2 * r}v${2 * r}h${-2 * r}z`;
    case 'up':
      return `M${x} ${y - r * 1.2}L${x + r * 1.1} ${y + r * 0.8}H${x - r * 1.1}z`;
    case 'down':
      return `M${x} ${y + r * 1.2}L${x + r * 1.1} ${y - r * 0.8}H${x - r * 1.1}z`;
    case 'diamond':
      return `M${x} ${y - r * 1.3}L${x + r * 1.2} ${y}L${x} ${y + r * 1.3}L${x - r * 1.2} ${y}z`;
    case 'cross':
      return `M${x - r} ${y - r}L${x + r} ${y + r}M${x + r} ${y - r}L${x - r} ${y + r}`;
    default:
      return `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
  }
}

/** Moves labels apart (keeping their order) so that none is closer than `gap` to the next. */
function spread<T extends { y: number }>(items: readonly T[], gap: number, min: number, max: number): T[] {
  const out = [...items].sort((a, b) => a.y - b.y).map((i) => ({ ...i }));
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1];
    const cur = out[i];
    if (prev && cur && cur.y - prev.y < gap) cur.y = prev.y + gap;
  }
  // Pushed past the bottom: shift the tail back up, still `gap` apart.
  for (let i = out.length - 1; i >= 0; i--) {
    const cur = out[i];
    const next = out[i + 1];
    if (!cur) continue;
    const limit = next ? next.y - gap : max;
    if (cur.y > limit) cur.y = Math.max(min, limit);
  }
  return out;
}

function shapeOf(row: Row): Shape {
  if (row.look) return row.look.level.concern === true ? 'down' : row.look.level.challenge === true ? 'up' : 'circle';
  return SHAPES[row.style % SHAPES.length] ?? 'circle';
}

function colourOf(row: Row): string {
  return row.look ? `tone-${row.look.tone}` : `series-${row.style % 7}`;
}

/** Line class: a level's own tone, else one of seven series colours, plus one of four dash patterns. */
function lineClass(row: Row): string {
  return `${colourOf(row)} dash-${row.style % 4}`;
}

/** What one drawing needs: the model, the words, and where the roving tab stop is; it collects the focusable points in `spots`. */
interface Draw {
  readonly model: TrendModel;
  readonly t: Words;
  readonly nums: NumberWords;
  readonly threshold: number;
  readonly target: Target | undefined;
  /** The measured width of the chart. */
  readonly width: number;
  readonly active: { readonly r: number; readonly c: number };
  readonly spots: (Spot | undefined)[][];
}

const FRAME: Frame = { left: 0, top: 0, width: 0, height: 0, low: 0 };

/** Grid of plot areas: one for lines, one per cohort for stacked panels. */
function frames(measured: number, count: number, kind: TrendKind, endLabels: number, low = 0): { frames: Frame[]; width: number; height: number } {
  const width = Math.max(measured, 200);
  const left = kind === 'trajectory' ? 96 : 44;
  if (kind !== 'stacked') {
    const height = Math.round(clamp(width * 0.5, 200, 320));
    return { frames: [{ left, top: 16, width: width - left - endLabels, height: height - 16 - 30, low }], width, height };
  }
  const cols = Math.max(1, Math.min(count, Math.floor(width / 240)));
  const panelW = width / cols;
  const panelH = Math.round(clamp(panelW * 0.62, 170, 260));
  const frames = Array.from({ length: count }, (_, i): Frame => ({
    left: (i % cols) * panelW + left,
    top: Math.floor(i / cols) * panelH + 26,
    width: panelW - left - 12,
    height: panelH - 26 - 30,
    low: 0,
  }));
  return { frames, width, height: Math.ceil(count / cols) * panelH };
}

function xOf(f: Frame, c: number, n: number, inset: number): number {
  return n <= 1 ? f.left + f.width / 2 : f.left + inset + (c * (f.width - 2 * inset)) / (n - 1);
}

function axes(g: Draw, f: Frame, inset: number): SVGTemplateResult {
  const { model, nums } = g;
  const n = model.columns.length;
  const longest = Math.max(...model.columns.map((c) => c.label.length), 1);
  const every = Math.max(1, Math.ceil((longest * 6.5 * n) / Math.max(f.width, 1)));
  const ticks = model.kind === 'trajectory'
    ? model.looks.map((l, i) => ({ y: f.top + f.height * (1 - (i + 0.5) / model.looks.length), text: `${l.glyph} ${l.level.short ?? l.level.label}` }))
    : [0, 1, 2, 3, 4].map((i) => f.low + ((100 - f.low) * i) / 4).map((v) => ({ y: yIn(f, v), text: nums.percent(v) }));
  return svg`<g class="axis" part="axis" aria-hidden="true">
    ${ticks.map((tk) => svg`<line class="grid" x1=${f.left} x2=${f.left + f.width} y1=${tk.y} y2=${tk.y}></line><text class="y-label" x=${f.left - 6} y=${tk.y}>${tk.text}</text>`)}
    ${model.columns.map((c, i) => {
      if (i % every !== 0 && !c.live && i !== n - 1) return nothing;
      const x = xOf(f, i, n, inset);
      const half = c.label.length * 3.4;
      // Keep the first and last labels inside the plot's box.
      const anchor = x - half < f.left - 36 ? 'start' : x + half > f.left + f.width + 10 ? 'end' : 'middle';
      return svg`<text class=${c.live ? 'x-label live' : 'x-label'} x=${x} y=${f.top + f.height + 18} text-anchor=${anchor}>${c.label}</text>`;
    })}
  </g>`;
}

function targetLine(g: Draw, f: Frame): SVGTemplateResult | typeof nothing {
  const { target, t, nums } = g;
  if (!target) return nothing;
  const y = yIn(f, target.percent);
  return svg`<g class="target" part="target" aria-hidden="true">
    <line x1=${f.left} x2=${f.left + f.width} y1=${y} y2=${y}></line>
    <text class="halo" x=${f.left + f.width} y=${y - 5}>${t.target(target.label, nums.percent(target.percent))}</text>
  </g>`;
}

/**
 * A focusable point (a marker, or a panel's column): its figures become its
 * label and its tooltip, and it holds the roving tab stop when active.
 */
function point(g: Draw, row: Row, r: number, c: number, x: number, y: number, hidden: boolean, cls: string, d: string): SVGTemplateResult {
  const { model, t, nums } = g;
  const cell = row.cells[c] as Cell;
  const b = cell.breakdown as Breakdown;
  const when = model.columns[c]?.label ?? '';
  const title = `${row.label}, ${when}`;
  let label: string | undefined;
  let lines: string[];
  if (b.suppressed || !b.counts) {
    lines = [t.suppressed(g.threshold)];
  } else if (model.kind === 'stacked' || (model.kind === 'lines' && !row.look && !model.measure)) {
    const counts = b.counts;
    lines = b.total === 0
      ? [t.untracked]
      : model.looks.map((l) => `${l.glyph} ${l.level.label} ${nums.percent(b.percent?.[l.level.id] ?? 0)} (${t.ofTotal(counts[l.level.id] ?? 0, b.total)})`);
  } else if (model.kind === 'trajectory') {
    const look = model.looks.find((l) => l.level.id === cell.level);
    label = t.point(row.label, when, look?.level.label ?? t.untracked, '', '');
    lines = [look ? `${look.glyph} ${look.level.label}` : t.untracked];
  } else {
    const id = row.look?.level.id;
    const what = row.look || !model.measure ? '' : t.atOrAbove(model.measure.level.label);
    const value = id ? (b.percent ? nums.percent(b.percent[id] ?? 0) : t.untracked) : cell.y === null ? t.untracked : nums.percent(cell.y);
    const count = id ? (b.counts[id] ?? 0) : Math.round(((cell.y ?? 0) * b.total) / 100);
    const detail = b.total > 0 ? t.ofTotal(count, b.total) : '';
    label = t.point(row.label, when, what, value, detail);
    lines = [`${row.look ? row.look.glyph : `${what}:`} ${value}${detail ? ` (${detail})` : ''}`];
  }
  label ??= `${title}: ${lines.join(', ')}`;
  (g.spots[r] ??= [])[c] = { x, y, label, lines: [title, ...lines] };
  return svg`<path class=${cls} part=${hidden ? 'point suppressed' : 'point'} d=${d} role="img" aria-label=${label}
    tabindex=${g.active.r === r && g.active.c === c ? 0 : -1} data-r=${r} data-c=${c}></path>`;
}

function lines(g: Draw): TemplateResult {
  const { model, width: measured } = g;
  const showEnds = measured >= 420;
  const longest = Math.max(...model.rows.map((r) => r.label.length), 1);
  const endW = showEnds ? Math.min(measured * 0.3, longest * 7 + 24) : 12;
  const { frames: [f = FRAME], width, height } = frames(measured, 1, model.kind, endW, lowOf(model, g.target));
  const n = model.columns.length;
  const bottom = f.top + f.height;
  const traj = model.kind === 'trajectory';
  const ends: { y: number; row: Row }[] = [];
  const drawn = model.rows.map((row, r) => {
    // Subjects at the same level would hide each other: spread them a little.
    const nudge = traj ? (r - (model.rows.length - 1) / 2) * 5 : 0;
    let d = '';
    let pen = false;
    let last: number | undefined;
    const points = row.cells.map((cell, c) => {
      const x = xOf(f, c, n, 10);
      const v = cell.y;
      pen &&= v !== null;
      if (!cell.breakdown) return nothing;
      // A suppressed point: a cross on the axis, and the line breaks there.
      const y = v === null ? bottom : (traj ? f.top + f.height * (1 - (v + 0.5) / Math.max(model.looks.length, 1)) : yIn(f, v)) + nudge;
      if (v !== null) {
        d += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
        pen = true;
        last = y;
      }
      return point(g, row, r, c, x, y, v === null, `pt ${v === null ? 'suppressed' : lineClass(row)}`, markerPath(v === null ? 'cross' : shapeOf(row), x, y, 4.5));
    });
    if (showEnds && last !== undefined) ends.push({ y: last, row });
    return svg`<g part="line row-${row.key}"><path class=${`line ${lineClass(row)}`} d=${d}></path>${points}</g>`;
  });
  const labels = spread(ends, 14, f.top, bottom + 10).map(
    (e) => svg`<text class=${`end-label ${colourOf(e.row)}`} x=${f.left + f.width + 8} y=${e.y}>${e.row.look ? `${e.row.look.glyph} ` : ''}${e.row.label}</text>`,
  );
  return plot(width, height, svg`${axes(g, f, 10)}
    ${model.kind === 'lines' && model.measure ? targetLine(g, f) : nothing}
    ${drawn}
    <g aria-hidden="true">${labels}</g>`);
}

function plot(width: number, height: number, content: SVGTemplateResult | SVGTemplateResult[]): TemplateResult {
  return html`<svg part="plot" width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="group" aria-labelledby="title" aria-describedby="hint">${content}</svg>`;
}

function stacked(g: Draw): TemplateResult {
  const { model, t } = g;
  const { frames: all, width, height } = frames(g.width, model.rows.length, 'stacked', 0);
  const n = model.columns.length;
  const inset = n <= 1 ? 0 : 14;
  return plot(width, height, model.rows.map((row, r) => {
    const f = all[r] ?? FRAME;
    const step = n <= 1 ? f.width : (f.width - 2 * inset) / (n - 1);
    const stacks = row.cells.map((cell) => (cell.breakdown ? stackOf(cell.breakdown, model.looks) : new Map<string, readonly [number, number]>()));
    const xy = (c: number, id: string, i: 0 | 1): string => `${xOf(f, c, n, inset).toFixed(1)} ${yIn(f, stacks[c]?.get(id)?.[i] ?? 0).toFixed(1)}`;
    // Runs of consecutive drawable columns: a suppressed or missing point breaks the area.
    const runs: number[][] = [];
    stacks.forEach((s, c) => {
      if (s.size === 0) return;
      const run = runs[runs.length - 1];
      if (run && run[run.length - 1] === c - 1) run.push(c);
      else runs.push([c]);
    });
    const areas = model.looks.map((look) => {
      const id = look.level.id;
      const d = runs.map((run) => {
        if (run.length === 1) {
          // One column alone: a bar.
          const c = run[0] ?? 0;
          const band = stacks[c]?.get(id) ?? [0, 0];
          const w = Math.min(36, step * 0.6);
          return `M${xOf(f, c, n, inset) - w / 2} ${yIn(f, band[1])}h${w}V${yIn(f, band[0])}h${-w}z`;
        }
        return `M${run.map((c) => xy(c, id, 1)).join('L')}L${[...run].reverse().map((c) => xy(c, id, 0)).join('L')}z`;
      }).join('');
      const band = svg`<path class="band" d=${d}></path>`;
      return svg`<g part="area level-${id}"><g class="fill tone-${look.tone}">${band}</g>${hatch(look.tone, band)}</g>`;
    });
    const w = Math.max(10, Math.min(step, 48));
    const hits = row.cells.map((cell, c) => {
      if (!cell.breakdown) return nothing;
      const x = xOf(f, c, n, inset);
      return svg`${cell.suppressed
        ? svg`<g class="gap-mark" aria-hidden="true"><line x1=${x} x2=${x} y1=${f.top} y2=${f.top + f.height}></line><text class="halo" x=${x} y=${f.top + f.height / 2}>${t.suppressedShort}</text></g>`
        : nothing}${point(g, row, r, c, x, f.top + 8, cell.suppressed, 'hit', `M${x - w / 2} ${f.top}h${w}v${f.height}h${-w}z`)}`;
    });
    return svg`<g class="panel">
      ${model.rows.length > 1 ? svg`<text class="panel-title" x=${f.left} y=${f.top - 10}>${row.label}</text>` : nothing}
      ${axes(g, f, inset)}
      ${areas}
      ${targetLine(g, f)}
      ${hits}
    </g>`;
  }));
}

function legend(model: TrendModel): TemplateResult {
  if (model.kind === 'stacked') {
    return html`<ul class="legend" part="legend">${[...model.looks].reverse().map((l) => html`<li>
      ${swatch(l.tone)}
      <span aria-hidden="true">${l.glyph}</span> ${l.level.label}</li>`)}</ul>`;
  }
  return html`<ul class="legend" part="legend">${model.rows.map((row) => html`<li>
    <svg class="swatch" width="28" height="14" aria-hidden="true"><path class=${`line ${lineClass(row)}`} d="M1 7H27"></path><path class=${`pt ${lineClass(row)}`} d=${markerPath(shapeOf(row), 14, 7, 4)}></path></svg>
    ${row.label}</li>`)}</ul>`;
}

function figures(series: readonly TrendSeries[], g: Draw, label: string | undefined): TemplateResult {
  const { model, t, nums } = g;
  const traj = model.kind === 'trajectory';
  const measure = model.measure;
  const head = traj
    ? html`<th scope="col">${t.series}</th><th scope="col">${t.when}</th><th scope="col">${t.levelHeader}</th>`
    : html`<th scope="col">${t.series}</th><th scope="col">${t.when}</th>${model.looks.map((l) => html`<th scope="col">${l.level.label}</th>`)}${measure ? html`<th scope="col">${t.atOrAbove(measure.level.label)}</th>` : nothing}`;
  const rows = series.flatMap((s, si) => model.columns.map((col, c) => {
    const cell = model.rows[traj || model.kind !== 'lines' || measure ? si : 0]?.cells[c];
    const b = cell?.breakdown;
    if (!b) return nothing;
    const first = html`<th scope="row">${s.label}</th><td>${col.label}</td>`;
    if (traj) {
      const look = model.looks.find((l) => l.level.id === cell.level);
      return html`<tr>${first}<td>${look ? look.level.label : t.untracked}</td></tr>`;
    }
    if (b.suppressed || !b.counts) return html`<tr>${first}<td colspan=${model.looks.length + (measure ? 1 : 0)}>${t.suppressed(g.threshold)}</td></tr>`;
    const counts = b.counts;
    return html`<tr>${first}${model.looks.map((l) => html`<td>${b.total > 0 ? `${String(counts[l.level.id] ?? 0)} (${nums.percent(b.percent?.[l.level.id] ?? 0)})` : t.untracked}</td>`)}${measure ? html`<td>${cell.y === null ? t.untracked : nums.percent(cell.y)}</td>` : nothing}</tr>`;
  }));
  return html`<table id="table" part="table" class="data">
      <caption>${t.tableCaption(label ?? series.map((s) => s.label).join(', '))}</caption>
      <thead><tr>${head}</tr></thead>
      <tbody>${rows}</tbody>
    </table>`;
}

/**
 * Any breakdown over the year's snapshots plus the live point: stacked areas
 * of the levels (a panel per cohort, side by side), lines per level, lines of
 * several cohorts' share at or above a level, or one pupil's trajectory across
 * subjects. A target line (on stacked panels and on lines of cohorts, whose
 * values are the share at or above the target's level; lines per level have
 * none), suppressed points drawn as gaps, and tooltips that
 * follow the pointer and the keyboard (Tab to the points, arrows to move, Home
 * and End, Escape to hide). Every figure is also in a data table, shown by
 * a button and always when printed.
 * Without `series` it shows the provider's trend for `filter` (or several
 * `filters`, or one `pupil`) and follows live changes; without a provider it
 * draws the `series` it is given.
 *
 * @csspart title - The chart's name.
 * @csspart subtitle - What the lines measure.
 * @csspart plot - The SVG.
 * @csspart line - A line; also `row-<key>`.
 * @csspart area - A stacked band; also `level-<id>`.
 * @csspart point - A focusable point; also `suppressed` for a hidden one.
 * @csspart target - The target line and its label.
 * @csspart axis - Axis labels and grid lines.
 * @csspart tooltip - The tooltip.
 * @csspart legend - The legend under the plot.
 * @csspart table - The data table (built when the toggle shows it, and for print).
 * @csspart toggle - The button that shows and hides the table.
 * @csspart message - The loading, empty and error messages.
 * @cssprop [--ontrack-trend-chart-line-width=2.5px] - Stroke width of the lines.
 * @cssprop [--ontrack-trend-chart-grid-color=var(--ontrack-color-border)] - Colour of the grid lines.
 * @cssprop [--ontrack-trend-chart-target-color=currentColor] - Colour of the target line.
 * @cssprop [--ontrack-trend-chart-series-0…6] - The seven series colours (default: Okabe–Ito hues, light and dark).
 */
@customElement('ontrack-trend-chart')
export class OnTrackTrendChart extends ChartElement {
  static override styles = [themeStyles, chartStyles, trendChartStyles];

  /** The series to draw; when unset, the provider's trend for `filter`, `filters` or `pupil`. */
  @property({ attribute: false }) accessor series: readonly TrendSeries[] | undefined = undefined;
  /** `lines` (default), `stacked` (areas of the levels) or `trajectory` (one pupil's level per subject). */
  @property() accessor kind: TrendKind = 'lines';
  /** For lines of cohorts: the level whose at-or-above share is drawn (default: the target's, else the policy's default level). */
  @property() accessor level: LevelId | undefined = undefined;
  /** The trust's target, drawn as a line. */
  @property({ attribute: false }) accessor target: Target | undefined = undefined;
  /** One cohort to show from the provider's data. */
  @property({ attribute: false }) accessor filter: CohortFilter | undefined = undefined;
  /** Several cohorts to show from the provider's data, side by side. */
  @property({ attribute: false }) accessor filters: readonly CohortFilter[] | undefined = undefined;
  /** A pupil id: draws that pupil's trajectory across subjects (sets `kind` to `trajectory`). */
  @property() accessor pupil: string | undefined = undefined;
  /** Policy (levels, suppression threshold); when unset, the provider's or the default. */
  @property({ attribute: false }) override accessor policy: TrackingPolicy | undefined = undefined;
  /** The chart's name; the data's own label when unset. */
  @property() accessor label: string | undefined = undefined;
  /** Overrides of any of the chart's words (see `Messages`). */
  @property({ attribute: false }) accessor messages: MessageOverrides | undefined = undefined;

  /** The point holding the roving tab stop (and the tooltip). */
  #active: { readonly r: number; readonly c: number } = { r: 0, c: 0 };
  @state() private accessor tip = false;

  protected override width = 480;
  #spots: (Spot | undefined)[][] = [];
  #focusAfterUpdate = false;

  protected override render(): TemplateResult {
    const t = sectionWords(trendLocales, langOf(this), this.messages?.trend);
    const given = this.series;
    const { pupil, filter, filters } = this;
    // The provider's figures are a new object after every change: only then is the trend asked for again.
    const found = given ? {} : this.fromProvider([filter, filters, pupil, t.live], (f) =>
      pupil === undefined ? { series: (filters ?? [filter ?? {}]).map((x) => f.trend(x, t.live)) } : f.trajectory(pupil, t.live));
    const state = this.message(!!given, found, t);
    if (state) return state;
    const series = given ?? found.value?.series;
    if (!series) return note(t.noData);
    if (series.every((s) => s.points.length === 0)) return note(t.empty);
    const policy = this.shownPolicy;
    const looks = [...levelLooks(policy).values()];
    const kind: TrendKind = this.pupil !== undefined && !given ? 'trajectory' : this.kind;
    const measureId = this.level ?? this.target?.atOrAbove ?? (series.length > 1 ? policy.defaultLevel : undefined);
    const model = buildModel(series, kind, looks, kind === 'lines' ? measureId : undefined);
    const nums = numberWords(langOf(this));
    const title = this.label ?? (found.value && 'name' in found.value ? found.value.name : undefined) ?? series.map((s) => s.label).join(', ');
    this.#keepActive(model);
    const shown = this.tableShown || this.printing;
    const g: Draw = { model, t, nums, threshold: policy.suppressUnder, target: this.target, width: this.width, active: this.#active, spots: (this.#spots = []) };
    // The listeners sit on the .plot div, not on the SVG: Chromium makes an SVG
    // element with focus listeners a tab stop of its own.
    const plot = kind === 'stacked' ? stacked(g) : lines(g);
    const active = this.#spots[this.#active.r]?.[this.#active.c];
    return html`<figure>
      <figcaption class="title" part="title" id="title">${title}</figcaption>
      ${model.measure && kind === 'lines' ? html`<p class="subtitle" part="subtitle">${t.atOrAbove(model.measure.level.label)}</p>` : nothing}
      <div class="plot" @keydown=${this.#onKey} @focusin=${this.#onFocusIn} @focusout=${this.#onFocusOut} @pointermove=${this.#onPointer} @pointerleave=${this.#onLeave}>
        ${tonePatterns()}
        ${plot}
        <div class="tip" part="tooltip" aria-hidden="true" ?hidden=${!this.tip || !active}>
          ${active?.lines.map((l, i) => (i === 0 ? html`<strong>${l}</strong>` : html`<div>${l}</div>`))}
        </div>
      </div>
      <p class="visually-hidden" id="hint">${t.keyboardHint}</p>
      ${legend(model)}
      ${this.toggle(shown ? t.hideTable : t.showTable, shown)}
      ${shown ? figures(series, g, this.label) : nothing}
    </figure>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const spot = this.#spots[this.#active.r]?.[this.#active.c];
    const tip = this.renderRoot.querySelector<HTMLElement>('.tip');
    if (spot && tip) {
      // Through the CSSOM, not a style attribute: a strict CSP allows it.
      const width = this.width;
      tip.style.setProperty('--_tip-x', `${spot.x}px`);
      tip.style.setProperty('--_tip-y', `${spot.y}px`);
      tip.style.setProperty('--_tip-shift', spot.x < width * 0.25 ? '0%' : spot.x > width * 0.75 ? '-100%' : '-50%');
    }
    if (this.#focusAfterUpdate) {
      this.#focusAfterUpdate = false;
      this.renderRoot.querySelector<SVGElement>(`[data-r="${this.#active.r}"][data-c="${this.#active.c}"]`)?.focus();
    }
  }

  /** Keeps the roving tab stop on a point that exists after the data changed. */
  #keepActive(model: TrendModel): void {
    const exists = (r: number, c: number): boolean => model.rows[r]?.cells[c]?.breakdown !== undefined;
    if (exists(this.#active.r, this.#active.c)) return;
    for (let r = 0; r < model.rows.length; r++) {
      const c = model.rows[r]?.cells.findIndex((cell) => cell.breakdown !== undefined) ?? -1;
      if (c >= 0) {
        this.#active = { r, c };
        return;
      }
    }
  }

  #onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      this.tip = false;
      return;
    }
    const step = STEPS[event.key];
    if (!step) return;
    event.preventDefault();
    const spots = this.#spots;
    const cols = Math.max(0, ...spots.map((s) => s.length));
    const [dr, dc] = step;
    const { r } = this.#active;
    // Home and End search their row from its ends; arrows from the active point.
    const from = event.key === 'Home' ? -1 : event.key === 'End' ? cols : this.#active.c;
    for (let rr = r + dr, cc = from + dc; rr >= 0 && rr < spots.length && cc >= 0 && cc < cols; rr += dr, cc += dc) {
      if (spots[rr]?.[cc]) {
        this.#active = { r: rr, c: cc };
        break;
      }
    }
    this.tip = true;
    this.#focusAfterUpdate = true;
    this.requestUpdate();
  };

  #onFocusIn = (event: FocusEvent): void => {
    const target = event.composedPath()[0] as Element | undefined;
    const r = Number(target?.getAttribute('data-r'));
    const c = Number(target?.getAttribute('data-c'));
    if (Number.isInteger(r) && Number.isInteger(c) && target?.hasAttribute('data-r')) {
      // Already there (the keyboard moved focus here): nothing to redraw.
      if (this.tip && r === this.#active.r && c === this.#active.c) return;
      this.#active = { r, c };
      this.tip = true;
      this.requestUpdate();
    }
  };

  #onFocusOut = (event: FocusEvent): void => {
    // Still on a point (an arrow key moved focus): keep the tooltip; else hide it.
    const next = event.relatedTarget;
    if (!(next instanceof Element && next.hasAttribute('data-r'))) this.tip = false;
  };

  #onPointer = (event: PointerEvent): void => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const px = event.clientX - box.left;
    const py = event.clientY - box.top;
    let best: { r: number; c: number; d: number } | undefined;
    this.#spots.forEach((row, r) => {
      row.forEach((s, c) => {
        if (!s) return;
        const d = Math.abs(s.x - px) * 3 + Math.abs(s.y - py);
        if (!best || d < best.d) best = { r, c, d };
      });
    });
    if (!best) return;
    if (best.r !== this.#active.r || best.c !== this.#active.c) {
      this.#active = { r: best.r, c: best.c };
      this.requestUpdate();
    }
    this.tip = true;
  };

  #onLeave = (): void => {
    if (!this.shadowRoot?.activeElement?.hasAttribute('data-r')) this.tip = false;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ontrack-trend-chart': OnTrackTrendChart;
  }
}
