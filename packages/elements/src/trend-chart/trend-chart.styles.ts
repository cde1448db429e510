import { css } from 'lit';

export const trendChartStyles = css`
  :host {
    --_line-width: var(--ontrack-trend-chart-line-width, 2.5px);
    --_grid: var(--ontrack-trend-chart-grid-color, var(--_border));
    --_target: var(--ontrack-trend-chart-target-color, currentColor);
    /* Okabe–Ito hues, darkened on light surfaces for 3:1 contrast; lines also differ by dash and marker. */
    --_series-0: var(--ontrack-trend-chart-series-0, light-dark(#0072b2, #56b4e9));
    --_series-1: var(--ontrack-trend-chart-series-1, light-dark(#c25400, #ff8a4c));
    --_series-2: var(--ontrack-trend-chart-series-2, light-dark(#007a5e, #3ccb9b));
    --_series-3: var(--ontrack-trend-chart-series-3, light-dark(#a4487e, #e79ac8));
    --_series-4: var(--ontrack-trend-chart-series-4, light-dark(#7a5a00, #f0c05a));
    --_series-5: var(--ontrack-trend-chart-series-5, light-dark(#3c3c48, #d0d0dc));
    --_series-6: var(--ontrack-trend-chart-series-6, light-dark(#5a4fcf, #a99cff));
  }
  .subtitle {
    margin: 0;
    color: var(--_fg-muted);
  }
  .plot {
    position: relative;
  }
  .grid {
    stroke: var(--_grid);
    stroke-opacity: 0.5;
  }
  .y-label {
    text-anchor: end;
  }
  .y-label,
  .end-label {
    dominant-baseline: central;
  }
  .live {
    font-weight: 700;
  }
  .end-label,
  .target text,
  .panel-title {
    font-weight: 600;
  }
  .panel-title {
    font-size: 0.8125rem;
  }
  .line {
    stroke: var(--_edge);
    fill: none;
    stroke-width: var(--_line-width);
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  .dash-1 { stroke-dasharray: 7 4; }
  .dash-2 { stroke-dasharray: 2 4; }
  .dash-3 { stroke-dasharray: 10 4 2 4; }
  .end-label {
    fill: var(--_edge);
  }
  .pt {
    fill: var(--_edge);
    stroke: var(--_bg);
    stroke-width: 1.5;
    stroke-dasharray: none;
  }
  .pt,
  .hit {
    cursor: pointer;
    outline: none;
  }
  .pt.suppressed {
    fill: none;
    stroke: var(--_fg-muted);
    stroke-width: 2;
  }
  .hit {
    fill: transparent;
  }
  .pt:focus-visible,
  .hit:focus-visible {
    stroke: var(--_focus);
    stroke-width: 3;
  }
  .pt:focus-visible {
    stroke-width: 4;
  }
  .gap-mark line {
    stroke: var(--_fg-muted);
    stroke-dasharray: 3 3;
  }
  .gap-mark text {
    text-anchor: middle;
  }
  .target line {
    stroke: var(--_target);
    stroke-width: 2;
    stroke-dasharray: 6 3;
  }
  .target text {
    text-anchor: end;
  }
  .tip {
    position: absolute;
    left: var(--_tip-x, 0);
    top: var(--_tip-y, 0);
    transform: translate(var(--_tip-shift, -50%), calc(-100% - 10px));
    padding: 0.35em 0.6em;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.2);
    pointer-events: none;
    white-space: nowrap;
    font-size: 0.8125rem;
    z-index: 1;
  }
  .tip[hidden] {
    display: none;
  }
  @media (prefers-reduced-motion: no-preference) {
    .tip {
      transition: opacity 120ms ease-out;
    }
  }
  @media (forced-colors: active) {
    .pt:focus-visible,
    .hit:focus-visible,
    .target line {
      stroke: Highlight;
    }
    .grid {
      stroke: GrayText;
    }
  }
  @media print {
    .tip {
      display: none;
    }
  }
`;
