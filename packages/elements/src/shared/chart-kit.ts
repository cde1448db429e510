import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing, svg, type TemplateResult, type SVGTemplateResult } from 'lit';
import { defaultLevels, type TrackingPolicy } from '@ontrack/rules';
import { onTrackContext, type ChartFigures } from './contexts.js';
import { sameKey } from './same-key.js';

/** What a chart reads of a policy: the levels, the default level and the suppression threshold. */
export type ChartPolicy = Pick<TrackingPolicy, 'levels' | 'defaultLevel' | 'suppressUnder'>;

/** The default policy's levels and numbers, when neither the chart nor a provider has a policy. */
const DEFAULT_POLICY: ChartPolicy = { levels: [...defaultLevels], defaultLevel: 'on', suppressUnder: 5 };

/** The words a chart needs to say where its data is. */
export interface StateWords {
  readonly loading: string;
  readonly loadFailed: (reason: string) => string;
  readonly retry: string;
}

/**
 * What the cohort gauge and the trend chart share: the provider's context
 * (its figures, policy and load state), their width (followed with a
 * `ResizeObserver`, so they draw in real pixels at any container width), the
 * print state and the table toggle.
 */
export abstract class ChartElement extends LitElement {
  // Each element declares this as its own reactive property.
  abstract policy: TrackingPolicy | undefined;

  /** Whether the data table is shown (it always is when printed). */
  protected tableShown = false;
  /** True between `beforeprint` and `afterprint`. */
  protected printing = false;
  /** The content width in CSS pixels: a fallback until measured. */
  protected width = 400;
  readonly #ctx = new ContextConsumer(this, { context: onTrackContext, subscribe: true });
  #observer: ResizeObserver | undefined;
  #frame = 0;
  #key: readonly unknown[] = [];
  #out: { readonly value?: unknown; readonly error?: Error } = {};

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

  /** The policy to draw with: the property, else the provider's, else the default levels. */
  protected get shownPolicy(): ChartPolicy {
    return this.policy ?? this.#ctx.value?.policy ?? DEFAULT_POLICY;
  }

  /**
   * What `make` computes from the provider's figures, again only when the
   * figures (a new object when the data changes) or any of `inputs` differ by
   * identity from the last call's; undefined with no data yet, and the error
   * when it threw (an unknown group in the filter, say).
   */
  protected fromProvider<T>(inputs: readonly unknown[], make: (figures: ChartFigures) => T): { readonly value?: T; readonly error?: Error } {
    const figures = this.#ctx.value?.figures;
    const key = [figures, ...inputs];
    if (!sameKey(this.#key, key)) {
      this.#key = key;
      try {
        this.#out = { value: figures && make(figures) };
      } catch (error) {
        this.#out = { error: error instanceof Error ? error : new Error(String(error)) };
      }
    }
    return this.#out as { readonly value?: T; readonly error?: Error };
  }

  /**
   * The message to show instead of a chart while the provider loads or after it
   * (or the computation) failed; undefined otherwise. Data given by property
   * is always ready.
   * A load failure offers to try again; a computation error does not, since
   * trying again would fail the same way.
   */
  protected message(given: boolean, found: { readonly value?: unknown; readonly error?: Error }, t: StateWords): TemplateResult | undefined {
    if (given) return undefined;
    const ctx = this.#ctx.value;
    const status = ctx?.status;
    if (status === 'loading') return note(t.loading);
    const error = ctx?.error ?? found.error;
    if (status === 'error' || error) {
      return html`<div class="message" part="message" role="alert">
        ${t.loadFailed(error?.message ?? '')}
        ${status === 'error' ? html`<button type="button" @click=${() => ctx?.reload()}>${t.retry}</button>` : nothing}
      </div>`;
    }
    return undefined;
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

/** A polite status line in place of the chart (no data yet, nothing tracked). */
export function note(text: string): TemplateResult {
  return html`<div class="message" part="message" role="status">${text}</div>`;
}
