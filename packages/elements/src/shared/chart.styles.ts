import { css } from 'lit';

/**
 * What the two charts share: level fills by tone, the texture patterns, the
 * message box, the data-table toggle, and their forced-colors and print forms.
 */
export const chartStyles = css`
  :host {
    display: block;
    position: relative;
  }
  :host([hidden]) {
    display: none;
  }
  svg {
    display: block;
    overflow: visible;
  }
  /* Each tone and series sets --_fill and --_edge; shapes read them. */
  .tone-0 { --_fill: var(--_tone-0); --_edge: var(--_tone-0-edge); }
  .tone-1 { --_fill: var(--_tone-1); --_edge: var(--_tone-1-edge); }
  .tone-2 { --_fill: var(--_tone-2); --_edge: var(--_tone-2-edge); }
  .tone-3 { --_fill: var(--_tone-3); --_edge: var(--_tone-3-edge); }
  .tone-4 { --_fill: var(--_tone-4); --_edge: var(--_tone-4-edge); }
  .tone-5 { --_fill: var(--_tone-5); --_edge: var(--_tone-5-edge); }
  .tone-6 { --_fill: var(--_tone-6); --_edge: var(--_tone-6-edge); }
  .series-0 { --_edge: var(--_series-0); }
  .series-1 { --_edge: var(--_series-1); }
  .series-2 { --_edge: var(--_series-2); }
  .series-3 { --_edge: var(--_series-3); }
  .series-4 { --_edge: var(--_series-4); }
  .series-5 { --_edge: var(--_series-5); }
  .series-6 { --_edge: var(--_series-6); }
  .fill { fill: var(--_fill); stroke: var(--_bg); }
  .edge { stroke: var(--_edge); }
  pattern path { stroke: var(--_edge); stroke-width: 1.4; }
  pattern .dot { stroke-width: 2.2; stroke-linecap: round; }
  .hatch {
    pointer-events: none;
  }
  figure {
    margin: 0;
    display: grid;
    gap: var(--_gap, var(--_space));
  }
  .title {
    font-weight: 600;
  }
  text {
    fill: var(--_fg);
    font-size: 0.75rem;
  }
  /* A text over lines or fills: a ring of the surface keeps it readable. */
  .halo {
    paint-order: stroke;
    stroke: var(--_bg);
    stroke-width: 3px;
    stroke-linejoin: round;
  }
  .message {
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .message button,
  .toggle {
    font: inherit;
    color: inherit;
    background: var(--_bg-alt);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.15em 0.6em;
    cursor: pointer;
  }
  .message button {
    margin-inline-start: var(--_space);
  }
  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .legend,
  .gaps {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
  }
  .toggle {
    justify-self: start;
  }
  table.data {
    border-collapse: collapse;
    margin-block-start: var(--_space);
    font-variant-numeric: tabular-nums;
  }
  table.data th,
  table.data td {
    border: 1px solid var(--_border);
    padding: 0.2em 0.5em;
    text-align: start;
  }
  table.data caption {
    text-align: start;
    font-weight: 600;
  }
  @media (forced-colors: active) {
    /* SVG paint is not forced: map the tokens themselves to system colours. */
    :host {
      --_fg: CanvasText;
      --_fg-muted: GrayText;
      --_bg: Canvas;
      --_bg-alt: Canvas;
      --_border: CanvasText;
      --_focus: Highlight;
    }
    svg {
      forced-color-adjust: none;
    }
    [class*='tone-'],
    [class*='series-'] {
      --_fill: Canvas;
      --_edge: CanvasText;
    }
    .fill {
      stroke: CanvasText;
    }
    text {
      fill: CanvasText;
    }
  }
  @media print {
    :host {
      break-inside: avoid;
      color: #000;
    }
    .toggle {
      display: none;
    }
    /* On paper nobody can hover or tab: print the figures too. */
    table.data {
      position: static;
      width: auto;
      height: auto;
      margin: var(--_space) 0 0;
      overflow: visible;
      clip-path: none;
      white-space: normal;
    }
  }
`;
