import { html, nothing, svg, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Breakdown, CohortFilter, LevelId, Target, TrackingDataset, TrackingPolicy, TrendSeries } from '@ontrack/rules';
import { ChartElement, hatch, langOf, note, numberWords, stateMessage, swatch, tonePatterns, type NumberWords } from '../shared/chart-kit.js';
import { chartStyles } from '../shared/chart.styles.js';
import { levelLooks, type LevelLook } from '../shared/levels.js';
import { sectionWords, trendLocales, type MessageOverrides, type Messages } from '../shared/messages.js';
import { themeStyles } from '../shared/theme.styles.js';
import { trendChartStyles } from './trend-chart.styles.js';
import { buildModel, liveFor, pupilTrajectory, seriesFromData, stackOf, type Cell, type Row, type TrendKind, type TrendModel } from './trend-model.js';

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
 * Without `series` it computes the trend from the provider's data for
 * `filter` (or several `filters`, or one `pupil`) and follows live changes.
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

  /** The series to draw; when unset, computed from the provider's data. */
  @property({ attribute: false }) accessor series: readonly TrendSeries[] | undefined = undefined;
  /** `lines` (default), `stacked` (areas of the levels) or `trajectory` (one pupil's level per subject). */
  @property() accessor kind: TrendKind = 'lines';
  /** For lines of cohorts: the level whose at-or-above share is drawn (default: the target's, else the policy's default level). */
  @property() accessor level: LevelId | undefined = undefined;
  /** The trust's target, drawn as a line. */
  @property({ attribute: false }) accessor target: Target | undefined = undefined;
  /** One cohort to compute from the provider's data. */
  @property({ attribute: false }) accessor filter: CohortFilter | undefined = undefined;
  /** Several cohorts to compute and draw side by side. */
  @property({ attribute: false }) accessor filters: readonly CohortFilter[] | undefined = undefined;
  /** A pupil id: draws that pupil's trajectory across subjects (sets `kind` to `trajectory`). */
  @property() accessor pupil: string | undefined = undefined;
  /** Data to compute from; when unset, the provider's. */
  @property({ attribute: false }) override accessor data: TrackingDataset | undefined = undefined;
  /** Policy (levels, suppression threshold); when unset, the provider's or the default. */
  @property({ attribute: false }) override accessor policy: TrackingPolicy | undefined = undefined;
  /** Evaluation date `YYYY-MM-DD`; when unset, the provider's or today. */
  @property() override accessor date: string | undefined = undefined;
  /** The chart's name; the data's own label when unset. */
  @property() accessor label: string | undefined = undefined;
  /** Overrides of any of the chart's words (see `Messages`). */
  @property({ attribute: false }) accessor messages: MessageOverrides | undefined = undefined;

  /** The point holding the roving tab stop (and the tooltip). */
  #active: { readonly r: number; readonly c: number } = { r: 0, c: 0 };
  @state() private accessor tip = false;

  protected override width = 480;
  #computed: readonly TrendSeries[] | undefined;
  #computeError: Error | undefined;
  #computedTitle: string | undefined;
  #spots: (Spot | undefined)[][] = [];
  #focusAfterUpdate = false;

  #words(): Words {
    return sectionWords(trendLocales, langOf(this), this.messages?.trend);
  }

  protected override willUpdate(): void {
    if (this.series) return;
    const dataset = this.ctl.dataset;
    const policy = this.ctl.policy;
    const date = this.ctl.date;
    // A new dataset object arrives with every adapter change: only then recompute.
    if (!this.changed([dataset, policy, date, this.filter, this.filters, this.pupil])) return;
    this.#computeError = undefined;
    this.#computed = undefined;
    if (!dataset) return;
    const now = this.#words().live;
    try {
      const live = liveFor(dataset, policy, date);
      const pupil = this.pupil === undefined ? undefined : dataset.pupils.find((p) => p.id === this.pupil);
      this.#computedTitle = pupil ? `${pupil.givenName} ${pupil.familyName}` : undefined;
      if (this.pupil !== undefined) this.#computed = pupilTrajectory(dataset, policy, date, this.pupil, live, now);
      else this.#computed = (this.filters ?? [this.filter ?? {}]).map((f) => seriesFromData(dataset, policy, date, f, live, now));
    } catch (error) {
      this.#computeError = error instanceof Error ? error : new Error(String(error));
    }
  }

  protected override render(): TemplateResult {
    const t = this.#words();
    const given = this.series;
    const status = given ? 'ready' : this.ctl.status;
    const state = stateMessage(status, given ? undefined : (this.ctl.error ?? this.#computeError), t, () => {
      this.ctl.reload();
    });
    if (state) return state;
    const series = given ?? this.#computed;
    if (!series) return note(t.noData);
    if (series.every((s) => s.points.length === 0)) return note(t.empty);
    const policy = this.ctl.policy;
    const looks = [...levelLooks(policy).values()];
    const kind: TrendKind = this.pupil !== undefined && !given ? 'trajectory' : this.kind;
    const measureId = this.level ?? this.target?.atOrAbove ?? (series.length > 1 ? policy.defaultLevel : undefined);
    const model = buildModel(series, kind, looks, kind === 'lines' ? measureId : undefined);
    const nums = numberWords(langOf(this));
    const title = this.label ?? (given ? undefined : this.#computedTitle) ?? series.map((s) => s.label).join(', ');
    this.#spots = [];
    this.#keepActive(model);
    // The listeners sit on the .plot div, not on the SVG: Chromium makes an SVG
    // element with focus listeners a tab stop of its own.
    const plot = kind === 'stacked' ? this.#stacked(model, t, nums, policy.suppressUnder) : this.#lines(model, t, nums, policy.suppressUnder);
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
      ${this.#legend(model)}
      ${this.#table(series, model, t, nums, policy.suppressUnder)}
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

  /** Grid of plot areas: one for lines, one per cohort for stacked panels. */
  #frames(count: number, kind: TrendKind, endLabels: number, low = 0): { frames: Frame[]; width: number; height: number } {
    const width = Math.max(this.width, 200);
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

  #xOf(f: Frame, c: number, n: number, inset: number): number {
    return n <= 1 ? f.left + f.width / 2 : f.left + inset + (c * (f.width - 2 * inset)) / (n - 1);
  }

  #axes(f: Frame, model: TrendModel, nums: NumberWords, inset: number): SVGTemplateResult {
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
        const x = this.#xOf(f, i, n, inset);
        const half = c.label.length * 3.4;
        // Keep the first and last labels inside the plot's box.
        const anchor = x - half < f.left - 36 ? 'start' : x + half > f.left + f.width + 10 ? 'end' : 'middle';
        return svg`<text class=${c.live ? 'x-label live' : 'x-label'} x=${x} y=${f.top + f.height + 18} text-anchor=${anchor}>${c.label}</text>`;
      })}
    </g>`;
  }

  #targetLine(f: Frame, t: Words, nums: NumberWords): SVGTemplateResult | typeof nothing {
    const target = this.target;
    if (!target) return nothing;
    const y = yIn(f, target.percent);
    return svg`<g class="target" part="target" aria-hidden="true">
      <line x1=${f.left} x2=${f.left + f.width} y1=${y} y2=${y}></line>
      <text class="halo" x=${f.left + f.width} y=${y - 5}>${t.target(target.label, nums.percent(target.percent))}</text>
    </g>`;
  }

  #describe(b: Breakdown | undefined, t: Words, nums: NumberWords, looks: readonly LevelLook[], threshold: number): string[] {
    if (!b) return [];
    if (b.suppressed || !b.counts) return [t.suppressed(threshold)];
    if (b.total === 0) return [t.untracked];
    return looks.map((l) => `${l.glyph} ${l.level.label} ${nums.percent(b.percent?.[l.level.id] ?? 0)} (${t.ofTotal(b.counts?.[l.level.id] ?? 0, b.total)})`);
  }

  #lines(model: TrendModel, t: Words, nums: NumberWords, threshold: number): TemplateResult {
    const showEnds = this.width >= 420;
    const longest = Math.max(...model.rows.map((r) => r.label.length), 1);
    const endW = showEnds ? Math.min(this.width * 0.3, longest * 7 + 24) : 12;
    const { frames, width, height } = this.#frames(1, model.kind, endW, lowOf(model, this.target));
    const f = frames[0] as Frame;
    const n = model.columns.length;
    const yOf = (v: number): number =>
      model.kind === 'trajectory' ? f.top + f.height * (1 - (v + 0.5) / Math.max(model.looks.length, 1)) : yIn(f, v);
    const ends: { y: number; row: Row }[] = [];
    const drawn = model.rows.map((row, r) => {
      // Subjects at the same level would hide each other: spread them a little.
      const nudge = model.kind === 'trajectory' ? (r - (model.rows.length - 1) / 2) * 5 : 0;
      let d = '';
      let pen = false;
      const points: SVGTemplateResult[] = [];
      const spots: (Spot | undefined)[] = [];
      let last: { x: number; y: number } | undefined;
      row.cells.forEach((cell, c) => {
        const x = this.#xOf(f, c, n, 10);
        if (cell.y === null) {
          pen = false;
          if (!cell.breakdown) return;
        } else {
          const y = yOf(cell.y) + nudge;
          d += `${pen ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
          pen = true;
          last = { x, y };
        }
        const y = cell.y === null ? f.top + f.height : yOf(cell.y) + nudge;
        const spot = this.#spotFor(model, row, cell, c, x, y, t, nums, threshold);
        spots[c] = spot;
        const on = this.#active.r === r && this.#active.c === c;
        points.push(svg`<path
          class=${`pt ${cell.y === null ? 'suppressed' : lineClass(row)}`}
          part=${cell.y === null ? 'point suppressed' : 'point'}
          d=${markerPath(cell.y === null ? 'cross' : shapeOf(row), x, y, 4.5)}
          role="img"
          aria-label=${spot.label}
          tabindex=${on ? '0' : '-1'}
          data-r=${r}
          data-c=${c}
        ></path>`);
      });
      this.#spots[r] = spots;
      if (showEnds && last) ends.push({ y: last.y, row });
      return svg`<g part="line row-${row.key}"><path class=${`line ${lineClass(row)}`} d=${d}></path>${points}</g>`;
    });
    const labels = spread(ends, 14, f.top, f.top + f.height + 10).map(
      (e) => svg`<text class=${`end-label ${colourOf(e.row)}`} x=${f.left + f.width + 8} y=${e.y}>${e.row.look ? `${e.row.look.glyph} ` : ''}${e.row.label}</text>`,
    );
    return html`<svg part="plot" width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="group" aria-labelledby="title" aria-describedby="hint">
      ${this.#axes(f, model, nums, 10)}
      ${model.kind === 'lines' && model.measure ? this.#targetLine(f, t, nums) : nothing}
      ${drawn}
      <g aria-hidden="true">${labels}</g>
    </svg>`;
  }

  #stacked(model: TrendModel, t: Words, nums: NumberWords, threshold: number): TemplateResult {
    const { frames, width, height } = this.#frames(model.rows.length, 'stacked', 0);
    const n = model.columns.length;
    const panels = model.rows.map((row, r) => {
      const f = frames[r] as Frame;
      const inset = n <= 1 ? 0 : 14;
      const step = n <= 1 ? f.width : (f.width - 2 * inset) / (n - 1);
      const stacks = row.cells.map((cell) => (cell.breakdown ? stackOf(cell.breakdown, model.looks) : new Map<string, readonly [number, number]>()));
      const yOf = (v: number): number => yIn(f, v);
      // Runs of consecutive drawable columns: a suppressed or missing point breaks the area.
      const runs: number[][] = [];
      stacks.forEach((s, c) => {
        if (s.size === 0) return;
        const run = runs[runs.length - 1];
        if (run && run[run.length - 1] === c - 1) run.push(c);
        else runs.push([c]);
      });
      const areas = model.looks.map((look) => {
        const shapes = runs.map((run) => {
          if (run.length === 1) {
            const c = run[0] ?? 0;
            const band = stacks[c]?.get(look.level.id) ?? [0, 0];
            const w = Math.min(36, step * 0.6);
            const x = this.#xOf(f, c, n, inset) - w / 2;
            return `M${x} ${yOf(band[1])}h${w}V${yOf(band[0])}h${-w}z`;
          }
          const top = run.map((c) => `${this.#xOf(f, c, n, inset).toFixed(1)} ${yOf(stacks[c]?.get(look.level.id)?.[1] ?? 0).toFixed(1)}`);
          const bottom = [...run].reverse().map((c) => `${this.#xOf(f, c, n, inset).toFixed(1)} ${yOf(stacks[c]?.get(look.level.id)?.[0] ?? 0).toFixed(1)}`);
          return `M${top.join('L')}L${bottom.join('L')}z`;
        });
        const band = svg`<path class="band" d=${shapes.join('')}></path>`;
        return svg`<g part="area level-${look.level.id}">
          <g class="fill tone-${look.tone}">${band}</g>${hatch(look.tone, band)}
        </g>`;
      });
      const spots: (Spot | undefined)[] = [];
      const hits = row.cells.map((cell, c) => {
        if (!cell.breakdown) return nothing;
        const x = this.#xOf(f, c, n, inset);
        const spot = this.#spotFor(model, row, cell, c, x, f.top + 8, t, nums, threshold);
        spots[c] = spot;
        const w = Math.max(10, Math.min(step, 48));
        const on = this.#active.r === r && this.#active.c === c;
        return svg`${cell.suppressed
          ? svg`<g class="gap-mark" aria-hidden="true"><line x1=${x} x2=${x} y1=${f.top} y2=${f.top + f.height}></line><text class="halo" x=${x} y=${f.top + f.height / 2}>${t.suppressedShort}</text></g>`
          : nothing}<rect class="hit" part=${cell.suppressed ? 'point suppressed' : 'point'} x=${x - w / 2} y=${f.top} width=${w} height=${f.height}
          role="img" aria-label=${spot.label} tabindex=${on ? '0' : '-1'} data-r=${r} data-c=${c}></rect>`;
      });
      this.#spots[r] = spots;
      return svg`<g class="panel">
        ${model.rows.length > 1 ? svg`<text class="panel-title" x=${f.left} y=${f.top - 10}>${row.label}</text>` : nothing}
        ${this.#axes(f, model, nums, inset)}
        ${areas}
        ${this.#targetLine(f, t, nums)}
        ${hits}
      </g>`;
    });
    return html`<svg part="plot" width=${width} height=${height} viewBox="0 0 ${width} ${height}" role="group" aria-labelledby="title" aria-describedby="hint">
      ${panels}
    </svg>`;
  }

  #spotFor(model: TrendModel, row: Row, cell: Cell, c: number, x: number, y: number, t: Words, nums: NumberWords, threshold: number): Spot {
    const col = model.columns[c];
    const when = col?.label ?? '';
    const b = cell.breakdown;
    const title = `${row.label}, ${when}`;
    if (!b) return { x, y, label: title, lines: [title] };
    if (b.suppressed) {
      const what = t.suppressed(threshold);
      return { x, y, label: `${title}: ${what}`, lines: [title, what] };
    }
    if (model.kind === 'stacked' || (model.kind === 'lines' && !row.look && !model.measure)) {
      const lines = this.#describe(b, t, nums, model.looks, threshold);
      return { x, y, label: `${title}: ${lines.join(', ')}`, lines: [title, ...lines] };
    }
    if (model.kind === 'trajectory') {
      const look = model.looks.find((l) => l.level.id === cell.level);
      const what = look ? `${look.glyph} ${look.level.label}` : t.untracked;
      return { x, y, label: t.point(row.label, when, look ? look.level.label : t.untracked, '', ''), lines: [title, what] };
    }
    if (row.look) {
      const id = row.look.level.id;
      const value = b.percent ? nums.percent(b.percent[id] ?? 0) : t.untracked;
      const detail = b.counts && b.total > 0 ? t.ofTotal(b.counts[id] ?? 0, b.total) : '';
      return { x, y, label: t.point(row.label, when, '', value, detail), lines: [title, `${row.look.glyph} ${value}${detail ? ` (${detail})` : ''}`] };
    }
    const measure = model.measure;
    const what = measure ? t.atOrAbove(measure.level.label) : '';
    const value = cell.y === null ? t.untracked : nums.percent(cell.y);
    const detail = b.total > 0 ? t.ofTotal(Math.round(((cell.y ?? 0) * b.total) / 100), b.total) : '';
    return { x, y, label: t.point(row.label, when, what, value, detail), lines: [title, `${what}: ${value}${detail ? ` (${detail})` : ''}`] };
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

  #legend(model: TrendModel): TemplateResult {
    if (model.kind === 'stacked') {
      return html`<ul class="legend" part="legend">${[...model.looks].reverse().map((l) => html`<li>
        ${swatch(l.tone)}
        <span aria-hidden="true">${l.glyph}</span> ${l.level.label}</li>`)}</ul>`;
    }
    return html`<ul class="legend" part="legend">${model.rows.map((row) => html`<li>
      <svg class="swatch" width="28" height="14" aria-hidden="true"><path class=${`line ${lineClass(row)}`} d="M1 7H27"></path><path class=${`pt ${lineClass(row)}`} d=${markerPath(shapeOf(row), 14, 7, 4)}></path></svg>
      ${row.label}</li>`)}</ul>`;
  }

  /**
   * The figures as a table, built only when asked for (or printed): at a few
   * hundred cells it would cost more than the whole chart, and every point
   * already tells a screen reader its figures when focused.
   */
  #table(series: readonly TrendSeries[], model: TrendModel, t: Words, nums: NumberWords, threshold: number): TemplateResult {
    const shown = this.tableShown || this.printing;
    return html`${this.toggle(shown ? t.hideTable : t.showTable, shown)}${shown ? this.#figures(series, model, t, nums, threshold) : nothing}`;
  }

  #figures(series: readonly TrendSeries[], model: TrendModel, t: Words, nums: NumberWords, threshold: number): TemplateResult {
    const traj = model.kind === 'trajectory';
    const measure = model.measure;
    const head = traj
      ? html`<th scope="col">${t.series}</th><th scope="col">${t.when}</th><th scope="col">${t.levelHeader}</th>`
      : html`<th scope="col">${t.series}</th><th scope="col">${t.when}</th>${model.looks.map((l) => html`<th scope="col">${l.level.label}</th>`)}${measure ? html`<th scope="col">${t.atOrAbove(measure.level.label)}</th>` : nothing}`;
    const rows = series.flatMap((s, si) => model.columns.map((col, c) => {
      const cell = model.rows[traj || model.kind !== 'lines' || measure ? si : 0]?.cells[c];
      const b = s.points.find((p) => (p.halfTermId ?? (p.live ? '~live' : p.date)) === col.key)?.breakdown;
      if (!b) return nothing;
      const first = html`<th scope="row">${s.label}</th><td>${col.label}</td>`;
      if (traj) {
        const look = model.looks.find((l) => l.level.id === cell?.level);
        return html`<tr>${first}<td>${look ? look.level.label : t.untracked}</td></tr>`;
      }
      if (b.suppressed || !b.counts) return html`<tr>${first}<td colspan=${model.looks.length + (measure ? 1 : 0)}>${t.suppressed(threshold)}</td></tr>`;
      const counts = b.counts;
      return html`<tr>${first}${model.looks.map((l) => html`<td>${b.total > 0 ? `${String(counts[l.level.id] ?? 0)} (${nums.percent(b.percent?.[l.level.id] ?? 0)})` : t.untracked}</td>`)}${measure && cell ? html`<td>${cell.y === null ? t.untracked : nums.percent(cell.y)}</td>` : nothing}</tr>`;
    }));
    return html`<table id="table" part="table" class="data">
        <caption>${t.tableCaption(this.label ?? series.map((s) => s.label).join(', '))}</caption>
        <thead><tr>${head}</tr></thead>
        <tbody>${rows}</tbody>
      </table>`;
  }

  #move(dr: number, dc: number, key: string): { r: number; c: number } {
    const { r, c } = this.#active;
    const has = (rr: number, cc: number): boolean => this.#spots[rr]?.[cc] !== undefined;
    const cols = Math.max(0, ...this.#spots.map((s) => s.length));
    if (key === 'Home' || key === 'End') {
      const row = this.#spots[r] ?? [];
      const idx = key === 'Home' ? row.findIndex((s) => s !== undefined) : row.length - 1 - [...row].reverse().findIndex((s) => s !== undefined);
      return idx >= 0 && idx < row.length ? { r, c: idx } : { r, c };
    }
    if (dc !== 0) {
      for (let cc = c + dc; cc >= 0 && cc < cols; cc += dc) if (has(r, cc)) return { r, c: cc };
      return { r, c };
    }
    for (let rr = r + dr; rr >= 0 && rr < this.#spots.length; rr += dr) if (has(rr, c)) return { r: rr, c };
    return { r, c };
  }

  #onKey = (event: KeyboardEvent): void => {
    const steps: Record<string, readonly [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0], Home: [0, 0], End: [0, 0] };
    if (event.key === 'Escape') {
      this.tip = false;
      return;
    }
    const step = steps[event.key];
    if (!step) return;
    event.preventDefault();
    this.#active = this.#move(step[0], step[1], event.key);
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
