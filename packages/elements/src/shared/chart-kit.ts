import { LitElement, html, nothing, svg, type TemplateResult, type SVGTemplateResult } from 'lit';
import type { TrackingDataset, TrackingPolicy } from '@ontrack/rules';
import { DataController } from './data-controller.js';

/**
 * What the cohort gauge and the trend chart share: the provider's data, their
 * width (followed with a `ResizeObserver`, so they draw in real pixels at any
 * container width), the print state and the table toggle.
 */
export abstract class ChartElement extends LitElement {
  // Each element declares these as its own reactive properties.
  abstract data: TrackingDataset | undefined;
  abstract policy: TrackingPolicy | undefined;
  abstract date: string | undefined;

  /** Whether the data table is shown (it always is when printed). */
  protected tableShown = false;
  /** True between `beforeprint` and `afterprint`. */
  protected printing = false;
  /** The content width in CSS pixels: a fallback until measured. */
  protected width = 400;
  protected readonly ctl = new DataController(this);
  #observer: ResizeObserver | undefined;
  #frame = 0;
  #key: readonly unknown[] = [];

  readonly #onPrint = (event: Event): void => {
    this.printing = event.type === 'beforeprint';
    this.requestUpdate();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('beforeprint', this.#onPrint);
    addEventListener('afterprint', this.#onPrint);
    this.#observer = new ResizeObserver((entries) => {
      const width = Math.round(entries[entries.length - 1]?.contentRect.width ?? 0);
      if (width === 0 || width === this.width) return;
      this.width = width;
      // Next frame: drawing inside the observer's callback would resize the
      // host again in the same frame (a "ResizeObserver loop" error).
      cancelAnimationFrame(this.#frame);
      this.#frame = requestAnimationFrame(() => {
        this.requestUpdate();
      });
    });
    this.#observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('beforeprint', this.#onPrint);
    removeEventListener('afterprint', this.#onPrint);
    cancelAnimationFrame(this.#frame);
    this.#observer?.disconnect();
  }

  /**
   * True when any input of a computation differs from the last call's (by
   * identity): the provider publishes a new dataset object on every change.
   */
  protected changed(key: readonly unknown[]): boolean {
    if (key.every((v, i) => v === this.#key[i])) return false;
    this.#key = key;
    return true;
  }

  /** The button that shows and hides the data table; `controls` when the table is in the page. */
  protected toggle(text: string, shown: boolean, controls = shown): TemplateResult {
    return html`<button type="button" class="toggle" part="toggle" aria-expanded=${String(shown)} aria-controls=${controls ? 'table' : nothing}
      @click=${() => {
      this.tableShown = !this.tableShown;
      this.requestUpdate();
    }}>${text}</button>`;
  }
}

/** The language of the nearest `lang` attribute, for words and numbers. */
export function langOf(el: Element): string | undefined {
  return el.closest('[lang]')?.getAttribute('lang') ?? undefined;
}

/** Formats percentages (given 0–100) and signed percentage-point gaps in a language. */
export interface NumberWords {
  readonly percent: (value: number) => string;
  readonly points: (value: number) => string;
}

const cache = new Map<string, NumberWords>();

/** Number formatters for a language, one decimal at most; cached per language. */
export function numberWords(lang = 'en'): NumberWords {
  let words = cache.get(lang);
  if (!words) {
    const format = (options: Intl.NumberFormatOptions): Intl.NumberFormat => {
      try {
        return new Intl.NumberFormat(lang, { maximumFractionDigits: 1, ...options });
      } catch {
        return new Intl.NumberFormat('en', { maximumFractionDigits: 1, ...options });
      }
    };
    const pct = format({ style: 'percent' });
    const pts = format({ minimumFractionDigits: 1, signDisplay: 'exceptZero' });
    words = { percent: (v) => pct.format(v / 100), points: (v) => pts.format(v) };
    cache.set(lang, words);
  }
  return words;
}

/** The texture of each palette tone but the plain middle one (3): [pattern size, rotation, shape]. */
const TEXTURES = ['6,45,M0 0V6', '6,-45,M0 0V6', '6,0,M0 3H6', '', '6,0,M2.9 3h.2', '6,0,M3 0V6', '7,0,M0 3.5h7M3.5 0v7'];

/**
 * One fill pattern per palette tone, so that levels differ by texture as well
 * as colour (and still differ in forced-colors mode and in greyscale print).
 * Tone 3, the middle, stays plain. Strokes take their colour from CSS
 * (`.tone-<n>` sets `--_edge`), never from a style attribute.
 */
export function tonePatterns(): SVGTemplateResult {
  return svg`<svg class="defs" width="0" height="0" aria-hidden="true"><defs>${TEXTURES.map((t, i) => {
    const [size, turn, d] = t.split(',');
    return t ? svg`<pattern id="tone-${i}" class="tone-${i}" width=${size} height=${size} patternUnits="userSpaceOnUse" patternTransform="rotate(${turn})"><path class=${i === 4 ? 'dot' : ''} d=${d}></path></pattern>` : nothing;
  })}</defs></svg>`;
}

/** A level's texture over a shape (none for the plain middle tone). */
export function hatch(tone: number, shape: SVGTemplateResult): SVGTemplateResult | typeof nothing {
  return tone === 3 ? nothing : svg`<g class="hatch" fill="url(#tone-${tone})">${shape}</g>`;
}

/** A 14 × 14 legend swatch of a level: its fill and its texture. */
export function swatch(tone: number): TemplateResult {
  const box = svg`<rect x="0.5" y="0.5" width="13" height="13"></rect>`;
  return html`<svg class="swatch" width="14" height="14" aria-hidden="true"><g class="fill edge tone-${tone}">${box}</g>${hatch(tone, box)}</svg>`;
}

/** The words a chart needs to say where its data is. */
export interface StateWords {
  readonly loading: string;
  readonly loadFailed: (reason: string) => string;
  readonly retry: string;
}

/**
 * The message to show instead of a chart while the provider loads or after it
 * (or the computation) failed; undefined when there is something to draw.
 * A load failure offers to try again; a computation error (an unknown group in
 * the filter, say) does not, since trying again would fail the same way.
 */
export function stateMessage(status: string, error: Error | undefined, t: StateWords, reload: () => void): TemplateResult | undefined {
  if (status === 'loading') return note(t.loading);
  if (status !== 'error' && !error) return undefined;
  return html`<div class="message" part="message" role="alert">
    ${t.loadFailed(error?.message ?? '')}
    ${status === 'error' ? html`<button type="button" @click=${reload}>${t.retry}</button>` : nothing}
  </div>`;
}

/** A polite status line in place of the chart (no data yet, nothing tracked). */
export function note(text: string): TemplateResult {
  return html`<div class="message" part="message" role="status">${text}</div>`;
}
