import { html, nothing, svg, type TemplateResult, type ReactiveController, type ReactiveControllerHost, type SVGTemplateResult } from 'lit';

/** A measured box in CSS pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * Follows the size of an element with a `ResizeObserver` and asks the host to
 * render again when it changes, so charts draw in real pixels (crisp text,
 * no stretched strokes) at any container width.
 */
export class SizeController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private observer: ResizeObserver | undefined;
  private measured: Size;
  private frame = 0;

  constructor(host: ReactiveControllerHost & HTMLElement, fallback: Size) {
    this.host = host;
    this.measured = fallback;
    host.addController(this);
  }

  /** The last measured content box (the fallback until the first measurement). */
  get size(): Size {
    return this.measured;
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box || box.width === 0) return;
      const width = Math.round(box.width);
      const height = Math.round(box.height);
      if (width === this.measured.width && height === this.measured.height) return;
      this.measured = { width, height };
      // Next frame: drawing inside the observer's callback would resize the
      // host again in the same frame (a "ResizeObserver loop" error).
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => {
        this.host.requestUpdate();
      });
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.observer?.disconnect();
    this.observer = undefined;
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
export function numberWords(lang: string | undefined): NumberWords {
  const key = lang ?? 'en';
  let words = cache.get(key);
  if (!words) {
    let pct: Intl.NumberFormat;
    let pts: Intl.NumberFormat;
    try {
      pct = new Intl.NumberFormat(key, { style: 'percent', maximumFractionDigits: 1 });
      pts = new Intl.NumberFormat(key, { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' });
    } catch {
      pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
      pts = new Intl.NumberFormat('en', { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' });
    }
    words = { percent: (v) => pct.format(v / 100), points: (v) => pts.format(v) };
    cache.set(key, words);
  }
  return words;
}

/**
 * One fill pattern per palette tone, so that levels differ by texture as well
 * as colour (and still differ in forced-colors mode and in greyscale print).
 * Tone 3, the middle, stays plain. Strokes take their colour from CSS
 * (`.tone-<n>` sets `--_edge`), never from a style attribute.
 */
export function tonePatterns(prefix: string): SVGTemplateResult {
  return svg`<defs>
    <pattern id="${prefix}-0" class="tone-0" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6"></line></pattern>
    <pattern id="${prefix}-1" class="tone-1" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><line x1="0" y1="0" x2="0" y2="6"></line></pattern>
    <pattern id="${prefix}-2" class="tone-2" width="6" height="6" patternUnits="userSpaceOnUse"><line x1="0" y1="3" x2="6" y2="3"></line></pattern>
    <pattern id="${prefix}-3" class="tone-3" width="6" height="6" patternUnits="userSpaceOnUse"></pattern>
    <pattern id="${prefix}-4" class="tone-4" width="6" height="6" patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="1.1"></circle></pattern>
    <pattern id="${prefix}-5" class="tone-5" width="6" height="6" patternUnits="userSpaceOnUse"><line x1="3" y1="0" x2="3" y2="6"></line></pattern>
    <pattern id="${prefix}-6" class="tone-6" width="7" height="7" patternUnits="userSpaceOnUse"><path d="M0 3.5h7M3.5 0v7"></path></pattern>
  </defs>`;
}

/** A 14 × 14 legend swatch of a level: its fill and its texture. */
export function swatch(tone: number): SVGTemplateResult {
  return svg`<svg class="swatch" width="14" height="14" aria-hidden="true"><rect class="fill edge tone-${tone}" x="0.5" y="0.5" width="13" height="13"></rect>${tone === 3 ? nothing : svg`<rect fill="url(#tone-${tone})" x="0.5" y="0.5" width="13" height="13"></rect>`}</svg>`;
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
