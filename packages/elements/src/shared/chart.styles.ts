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
  .fill-0 { fill: var(--_tone-0); }
  .fill-1 { fill: var(--_tone-1); }
  .fill-2 { fill: var(--_tone-2); }
  .fill-3 { fill: var(--_tone-3); }
  .fill-4 { fill: var(--_tone-4); }
  .fill-5 { fill: var(--_tone-5); }
  .fill-6 { fill: var(--_tone-6); }
  .edge-0 { stroke: var(--_tone-0-edge); color: var(--_tone-0-edge); }
  .edge-1 { stroke: var(--_tone-1-edge); color: var(--_tone-1-edge); }
  .edge-2 { stroke: var(--_tone-2-edge); color: var(--_tone-2-edge); }
  .edge-3 { stroke: var(--_tone-3-edge); color: var(--_tone-3-edge); }
  .edge-4 { stroke: var(--_tone-4-edge); color: var(--_tone-4-edge); }
  .edge-5 { stroke: var(--_tone-5-edge); color: var(--_tone-5-edge); }
  .edge-6 { stroke: var(--_tone-6-edge); color: var(--_tone-6-edge); }
  .pattern-0 line { stroke: var(--_tone-0-edge); stroke-width: 1.5; }
  .pattern-1 line { stroke: var(--_tone-1-edge); stroke-width: 1.5; }
  .pattern-2 line { stroke: var(--_tone-2-edge); stroke-width: 1.2; }
  .pattern-4 circle { fill: var(--_tone-4-edge); }
  .pattern-5 line { stroke: var(--_tone-5-edge); stroke-width: 1.2; }
  .pattern-6 path { stroke: var(--_tone-6-edge); stroke-width: 1; fill: none; }
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
    svg {
      forced-color-adjust: none;
    }
    [class^='fill-'],
    [class*=' fill-'] {
      fill: Canvas;
      stroke: CanvasText;
    }
    [class^='edge-'],
    [class*=' edge-'] {
      stroke: CanvasText;
      color: CanvasText;
    }
    pattern line,
    pattern path {
      stroke: CanvasText;
    }
    pattern circle {
      fill: CanvasText;
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
