import { css } from 'lit';

/**
 * The shared token set. Public tokens are `--ontrack-*`; components read them
 * into private `--_*` properties. Colours are a colour-blind-safe set
 * (Okabe–Ito hues), always paired with text and a glyph, never alone.
 * Light and dark follow the page's `color-scheme`.
 */
export const themeStyles = css`
  :host {
    --_font: var(--ontrack-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--ontrack-font-size, 0.875rem);
    --_fg: var(--ontrack-color-text, light-dark(#1b1b1f, #ececf1));
    --_fg-muted: var(--ontrack-color-text-muted, light-dark(#4a4a55, #b9b9c6));
    --_bg: var(--ontrack-color-surface, light-dark(#ffffff, #16161b));
    --_bg-alt: var(--ontrack-color-surface-alt, light-dark(#f4f4f7, #202028));
    --_border: var(--ontrack-color-border, light-dark(#8a8a99, #6d6d7d));
    --_focus: var(--ontrack-color-focus, light-dark(#0b57d0, #a8c7fa));
    --_space: var(--ontrack-space, 0.5rem);
    --_radius: var(--ontrack-radius, 0.25rem);
    /* Level tones, lowest rank first: tone 0 is the strongest concern. */
    --_tone-0: var(--ontrack-tone-0, light-dark(#fbd9c9, #5c2a10));
    --_tone-1: var(--ontrack-tone-1, light-dark(#fde6c4, #553a10));
    --_tone-2: var(--ontrack-tone-2, light-dark(#f6efbe, #4a4412));
    --_tone-3: var(--ontrack-tone-3, light-dark(#d6efe4, #123f31));
    --_tone-4: var(--ontrack-tone-4, light-dark(#d4e9f7, #123a52));
    --_tone-5: var(--ontrack-tone-5, light-dark(#c9dcf3, #1a3560));
    --_tone-6: var(--ontrack-tone-6, light-dark(#e6d6ef, #3d2450));
    --_tone-0-edge: var(--ontrack-tone-0-edge, light-dark(#a33f00, #ffb38a));
    --_tone-1-edge: var(--ontrack-tone-1-edge, light-dark(#8a5a00, #f5c36b));
    --_tone-2-edge: var(--ontrack-tone-2-edge, light-dark(#6b6200, #e8dc6a));
    --_tone-3-edge: var(--ontrack-tone-3-edge, light-dark(#006b4f, #6fd6b0));
    --_tone-4-edge: var(--ontrack-tone-4-edge, light-dark(#005f99, #8ccaf2));
    --_tone-5-edge: var(--ontrack-tone-5-edge, light-dark(#00508a, #9cc2f5));
    --_tone-6-edge: var(--ontrack-tone-6-edge, light-dark(#6f3f8c, #d5b0ea));
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_fg);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
    }
  }
`;
