import { css } from 'lit';

export const cohortGaugeStyles = css`
  :host {
    --_gap: var(--ontrack-cohort-gauge-gap, 0.5rem);
    --_marker: var(--ontrack-cohort-gauge-marker-color, currentColor);
  }
  :host([compact]) .title {
    font-weight: 500;
  }
  .track {
    fill: var(--_bg-alt);
    stroke: var(--_border);
  }
  .seg-label {
    font-size: 0.8rem;
    font-weight: 600;
    text-anchor: middle;
    dominant-baseline: central;
  }
  .marker line {
    stroke: var(--_marker);
    stroke-width: 2.5;
  }
  .benchmark line {
    stroke-dasharray: 4 3;
  }
  .summary {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
    color: var(--_fg-muted);
    font-size: 0.8125rem;
  }
  .markers p {
    margin: 0;
  }
  .missed .glyph {
    color: var(--_tone-0-edge);
  }
  .met .glyph {
    color: var(--_tone-3-edge);
  }
  .row {
    display: grid;
    gap: 0.15rem;
  }
  .row-label {
    color: var(--_fg-muted);
  }
  .suppressed {
    margin: 0;
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_fg-muted);
  }
  @media (prefers-reduced-motion: no-preference) {
    .seg {
      transition:
        x 250ms ease-out,
        width 250ms ease-out;
    }
  }
  @media (forced-colors: active) {
    .marker line {
      stroke: Highlight;
    }
  }
  @media print {
    .marker line {
      stroke: #000;
    }
  }
`;
