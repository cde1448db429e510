import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { gapBetween, round1, shareAtOrAbove, type Breakdown, type CohortFilter, type Target, type TrackingPolicy } from '@ontrack/rules';
import { ChartElement, hatch, langOf, note, numberWords, swatch, tonePatterns, type ChartPolicy, type NumberWords } from '../shared/chart-kit.js';
import { chartStyles } from '../shared/chart.styles.js';
import { levelLooks, type LevelLook } from '../shared/levels.js';
import { gaugeLocales, sectionWords, type MessageOverrides, type Messages } from '../shared/messages.js';
import { themeStyles } from '../shared/theme.styles.js';
import { cohortGaugeStyles } from './cohort-gauge.styles.js';

type Words = Messages['gauge'];

/** Looks for every level a breakdown counts: the policy's, or plain ids when the policy does not know them. */
function looksFor(policy: ChartPolicy, b: Breakdown): readonly LevelLook[] {
  const looks = levelLooks(policy);
  const ids = Object.keys(b.counts ?? b.percent ?? {});
  if (ids.every((id) => looks.has(id))) return [...looks.values()];
  return [...levelLooks({ levels: ids.map((id, rank) => ({ id, label: id, rank })) }).values()];
}


/**
 * One cohort's levels as a stacked bar with the count and share of each, the
 * trust's target and an optional benchmark (with the gap to each), or, given
 * `versus`, a group against the rest of its cohort with the gap per level.
 * Levels differ by colour, texture and glyph, and every figure is also text;
 * a suppressed (too small) cohort says why instead of showing 0 % or 100 %.
 * Without `breakdown` it shows the provider's breakdown of `filter` (or of
 * `group` against the rest) and follows every change the provider publishes;
 * without a provider it draws the `breakdown` (and `versus`) it is given.
 *
 * @csspart title - The cohort's name.
 * @csspart bar - The SVG stacked bar (also `versus-bar` for the second one).
 * @csspart segment - One level's share; also `level-<id>`.
 * @csspart marker - The target or benchmark line; also `target` or `benchmark`.
 * @csspart legend - The list of levels with counts and shares.
 * @csspart legend-item - One level in the legend; also `level-<id>`.
 * @csspart marker-line - One sentence on the target or the benchmark and the gap to it.
 * @csspart markers - The sentences giving the target, benchmark and gaps.
 * @csspart gaps - The per-level gaps of the group-vs-rest variant.
 * @csspart suppressed - The explanation shown for a suppressed cohort.
 * @csspart message - The loading, empty and error messages.
 * @csspart table - The data table (visually hidden until toggled).
 * @csspart toggle - The button that shows the data table.
 * @cssprop [--ontrack-cohort-gauge-marker-color=currentColor] - Colour of the target and benchmark lines.
 * @cssprop [--ontrack-cohort-gauge-gap=0.5rem] - Space between the gauge's rows.
 */
@customElement('ontrack-cohort-gauge')
export class OnTrackCohortGauge extends ChartElement {
  static override styles = [themeStyles, chartStyles, cohortGaugeStyles];

  /** The breakdown to show; when unset, computed from the provider's data for `filter`. */
  @property({ attribute: false }) accessor breakdown: Breakdown | undefined = undefined;
  /** The rest of the cohort, for the group-vs-rest variant (e.g. pupil premium vs others). */
  @property({ attribute: false }) accessor versus: Breakdown | undefined = undefined;
  /** The trust's target, e.g. `{ label: 'Trust target', atOrAbove: 'on', percent: 85 }`. */
  @property({ attribute: false }) accessor target: Target | undefined = undefined;
  /** An optional benchmark (a national figure, say), drawn as a dashed line. */
  @property({ attribute: false }) accessor benchmark: Target | undefined = undefined;
  /** Which cohort to compute from the provider's data when `breakdown` is unset. */
  @property({ attribute: false }) accessor filter: CohortFilter | undefined = undefined;
  /** A policy group id: computes that group of the cohort against the rest of it (e.g. `pupil-premium`). */
  @property() accessor group: string | undefined = undefined;
  /** The small form for dashboards: a thin bar and one line of figures. */
  @property({ type: Boolean, reflect: true }) accessor compact = false;
  /** Policy (levels, suppression threshold); when unset, the provider's or the default. */
  @property({ attribute: false }) override accessor policy: TrackingPolicy | undefined = undefined;
  /** The chart's name; the data's own label when unset. */
  @property() accessor label: string | undefined = undefined;
  /** Overrides of any of the chart's words (see `Messages`). */
  @property({ attribute: false }) accessor messages: MessageOverrides | undefined = undefined;

  protected override width = 320;

  protected override render(): TemplateResult {
    const t = sectionWords(gaugeLocales, langOf(this), this.messages?.gauge);
    const given = this.breakdown;
    // The provider's figures are a new object after every change, so an edit
    // made in the grid moves the gauge at once.
    const found = given ? {} : this.fromProvider([this.filter, this.group], (f) => {
      const filter = this.filter ?? {};
      return this.group ? f.groupGap(this.group, filter) : { left: f.breakdown(filter), right: undefined };
    });
    const state = this.message(!!given, found, t);
    if (state) return state;
    const b = given ?? found.value?.left;
    if (!b) return note(t.noData);
    const policy = this.shownPolicy;
    const looks = looksFor(policy, b);
    const nums = numberWords(langOf(this));
    const label = this.label ?? b.label;
    const versus = given ? this.versus : found.value?.right;
    const hidden = !versus && (b.suppressed || !b.counts);
    return html`${tonePatterns()}
      <figure class="gauge" aria-labelledby="title">
      <figcaption class="title" part="title" id="title">${versus ? t.versus(label, versus.label) : label}</figcaption>
      ${hidden
        ? suppressedNote(t, policy.suppressUnder)
        : b.total === 0 && !versus
          ? note(t.empty)
          : html`${versus ? this.#renderVersus(b, versus, looks, t, nums, policy.suppressUnder) : this.#renderSingle(b, looks, t, nums)}
            <div class="markers" part="markers">${[this.target, this.benchmark].map((m, i) => (m ? this.#markerLine(b, m, i === 0 ? t.target : t.benchmark, looks, t, nums) : nothing))}</div>
            ${this.#table(t, looks, versus ? [b, versus] : [b], nums, policy.suppressUnder)}`}
    </figure>`;
  }

  #renderSingle(b: Breakdown, looks: readonly LevelLook[], t: Words, nums: NumberWords): TemplateResult {
    return html`${this.#bar(b, looks, nums, t, 'bar', true)}
      ${this.compact
        ? html`<p class="summary" part="legend">${looks.map((l) => html`<span class="item"><span aria-hidden="true">${l.level.short ?? l.level.label}</span> <span class="glyph" aria-hidden="true">${l.glyph}</span><span class="visually-hidden">${l.level.label}:</span> ${nums.percent(b.percent?.[l.level.id] ?? 0)}</span>`)}</p>`
        : html`<ul class="legend" part="legend">${looks.map((l) => this.#legendItem(b, l, t, nums))}</ul>`}`;
  }

  #renderVersus(left: Breakdown, right: Breakdown, looks: readonly LevelLook[], t: Words, nums: NumberWords, threshold: number): TemplateResult {
    const row = (b: Breakdown, part: string): TemplateResult => html`<div class="row">
      <span class="row-label">${b.label}</span>
      ${b.suppressed || !b.counts
        ? suppressedNote(t, threshold)
        : this.#bar(b, looks, nums, t, part, false)}
    </div>`;
    const points = gapBetween(left, right).points;
    const shown = points !== null;
    const gaps = points ? looks.map((l) => ({ look: l, points: points[l.level.id] ?? 0 })) : [];
    return html`${row(left, 'bar')}${row(right, 'bar versus-bar')}
      ${shown
        ? html`<ul class="gaps" part="gaps">${gaps.map((g) => html`<li><span class="glyph" aria-hidden="true">${g.look.glyph}</span> ${t.gapLine(g.look.level.label, t.points(nums.points(g.points)))}</li>`)}</ul>`
        : html`<p class="gaps" part="gaps">${t.gapUnavailable}</p>`}`;
  }

  #legendItem(b: Breakdown, l: LevelLook, t: Words, nums: NumberWords): TemplateResult {
    const count = b.counts?.[l.level.id] ?? 0;
    return html`<li part="legend-item level-${l.level.id}">
      ${swatch(l.tone)}
      <span class="glyph" aria-hidden="true">${l.glyph}</span>
      ${t.share(l.level.label, count, nums.percent(b.percent?.[l.level.id] ?? 0))}
    </li>`;
  }

  /** A stacked bar in real pixels, with the target and benchmark lines. */
  #bar(b: Breakdown, looks: readonly LevelLook[], nums: NumberWords, t: Words, part: string, labelled: boolean): TemplateResult {
    const width = Math.max(this.width, 60);
    const barH = this.compact ? 16 : 28;
    const withLabels = labelled && !this.compact;
    const top = withLabels && this.target ? 18 : 4;
    const bottom = withLabels && this.benchmark ? 18 : 4;
    const height = top + barH + bottom;
    const total = b.total || 1;
    let x = 0;
    const segments: SVGTemplateResult[] = [];
    for (const l of looks) {
      const n = b.counts?.[l.level.id] ?? 0;
      const w = (width * n) / total;
      if (w > 0) {
        const rect = svg`<rect class="seg" x=${x} y=${top} width=${w} height=${barH}></rect>`;
        segments.push(svg`<g part="segment level-${l.level.id}">
          <g class="fill tone-${l.tone}">${rect}</g>${hatch(l.tone, rect)}
          ${!this.compact && w >= 46 ? svg`<text class="seg-label halo" x=${x + w / 2} y=${top + barH / 2}>${l.glyph} ${nums.percent(b.percent?.[l.level.id] ?? 0)}</text>` : nothing}
        </g>`);
      }
      x += w;
    }
    const marker = (m: Target | undefined, kind: 'target' | 'benchmark', word: string): SVGTemplateResult | typeof nothing => {
      if (!m || !looks.some((l) => l.level.id === m.atOrAbove)) return nothing;
      const mx = Math.min(width - 1, Math.max(1, width * (1 - m.percent / 100)));
      const anchor = mx > width - 50 ? 'end' : mx < 50 ? 'start' : 'middle';
      const ty = kind === 'target' ? top - 6 : top + barH + 14;
      return svg`<g part="marker ${kind}" class="marker ${kind}">
        <line x1=${mx} x2=${mx} y1=${top - 4} y2=${top + barH + 4}></line>
        ${withLabels ? svg`<text x=${mx} y=${ty} text-anchor=${anchor}>${t.markerShort(word, nums.percent(m.percent))}</text>` : nothing}
      </g>`;
    };
    return html`<svg part=${part} class="bar" width=${width} height=${height} viewBox="0 0 ${width} ${height}" aria-hidden="true">
      <rect class="track" x="0" y=${top} width=${width} height=${barH}></rect>
      ${segments}
      ${marker(this.target, 'target', t.target)}${marker(this.benchmark, 'benchmark', t.benchmark)}
    </svg>`;
  }

  #markerLine(b: Breakdown, m: Target, kind: string, looks: readonly LevelLook[], t: Words, nums: NumberWords): TemplateResult | typeof nothing {
    const level = looks.find((l) => l.level.id === m.atOrAbove);
    const actual = shareAtOrAbove(b, m.atOrAbove, { levels: looks.map((l) => l.level) });
    if (!level || actual === null) return nothing;
    const gap = round1(actual - m.percent);
    return html`<p class=${gap >= 0 ? 'met' : 'missed'} part="marker-line">
      <span class="glyph" aria-hidden="true">${gap >= 0 ? '✓' : '✗'}</span>
      ${this.compact
        ? t.markerCompact(kind, nums.percent(m.percent), nums.percent(actual), t.points(nums.points(gap)))
        : t.markerLine(kind, m.label, nums.percent(m.percent), level.level.label, nums.percent(actual), t.points(nums.points(gap)))}
    </p>`;
  }

  #table(t: Words, looks: readonly LevelLook[], bs: readonly Breakdown[], nums: NumberWords, threshold: number): TemplateResult {
    const points = bs[1] ? gapBetween(bs[0] as Breakdown, bs[1]).points : null;
    const gaps = points ? looks.map((l) => points[l.level.id] ?? 0) : undefined;
    const cell = (b: Breakdown, id: string): TemplateResult =>
      b.suppressed || !b.counts
        ? html`<td colspan="2">${t.suppressed(threshold)}</td>`
        : html`<td>${b.counts[id] ?? 0}</td><td>${nums.percent(b.percent?.[id] ?? 0)}</td>`;
    return html`${this.compact
        ? nothing
        : this.toggle(t.showTable, this.tableShown, true)}
      <table id="table" part="table" class=${this.tableShown ? 'data' : 'data visually-hidden'}>
        <caption>${t.tableCaption(bs.map((b) => b.label).join(' / '))}</caption>
        <thead>
          ${bs.length > 1 ? html`<tr><td></td>${bs.map((b) => html`<th scope="colgroup" colspan="2">${b.label}</th>`)}${gaps ? html`<td></td>` : nothing}</tr>` : nothing}
          <tr><th scope="col">${t.level}</th>${bs.map(() => html`<th scope="col">${t.count}</th><th scope="col">${t.percent}</th>`)}${gaps ? html`<th scope="col">${t.gap}</th>` : nothing}</tr>
        </thead>
        <tbody>
          ${looks.map((l, i) => html`<tr><th scope="row">${l.level.label}</th>${bs.map((b) => cell(b, l.level.id))}${gaps ? html`<td>${t.points(nums.points(gaps[i] ?? 0))}</td>` : nothing}</tr>`)}
        </tbody>
      </table>`;
  }
}

/** Why a cohort's figures are hidden. */
function suppressedNote(t: Words, threshold: number): TemplateResult {
  return html`<p class="suppressed" part="suppressed" role="note">${t.suppressed(threshold)}</p>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'ontrack-cohort-gauge': OnTrackCohortGauge;
  }
}
