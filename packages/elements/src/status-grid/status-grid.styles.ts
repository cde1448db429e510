import { css } from 'lit';

export const statusGridStyles = css`
  :host {
    display: block;
    --_cell-width: var(--ontrack-status-grid-cell-width, 7rem);
    --_name-width: var(--ontrack-status-grid-name-width, 12rem);
    --_row-height: var(--ontrack-status-grid-row-height, 2.25rem);
  }
  :host([hidden]) {
    display: none;
  }
  .message {
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .message button {
    margin-inline-start: var(--_space);
    font: inherit;
  }
  [role='grid'] {
    display: grid;
    grid-template-columns: var(--_name-width) repeat(var(--_cols), var(--_cell-width));
    width: max-content;
    max-width: 100%;
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  [role='row'] {
    display: contents;
  }
  [role='columnheader'],
  [role='rowheader'],
  [role='gridcell'] {
    display: flex;
    align-items: center;
    gap: 0.35em;
    min-height: var(--_row-height);
    padding: 0 var(--_space);
    border-block-end: 1px solid var(--_bg-alt);
    box-sizing: border-box;
  }
  [role='columnheader'] {
    position: sticky;
    top: 0;
    font-weight: 600;
    background: var(--_bg-alt);
    z-index: 1;
  }
  [role='rowheader'] {
    font-weight: 500;
    position: sticky;
    inset-inline-start: 0;
    background: var(--_bg);
  }
  [role='gridcell'] {
    border-inline-start: 4px solid transparent;
  }
  [role='gridcell']:focus-visible,
  [role='rowheader']:focus-visible,
  [role='columnheader']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: -3px;
  }
  .tone-0 { background: var(--_tone-0); border-inline-start-color: var(--_tone-0-edge); }
  .tone-1 { background: var(--_tone-1); border-inline-start-color: var(--_tone-1-edge); }
  .tone-2 { background: var(--_tone-2); border-inline-start-color: var(--_tone-2-edge); }
  .tone-3 { background: var(--_tone-3); border-inline-start-color: var(--_tone-3-edge); }
  .tone-4 { background: var(--_tone-4); border-inline-start-color: var(--_tone-4-edge); }
  .tone-5 { background: var(--_tone-5); border-inline-start-color: var(--_tone-5-edge); }
  .tone-6 { background: var(--_tone-6); border-inline-start-color: var(--_tone-6-edge); }
  /* A default On is what nobody has looked at yet: plain surface, dashed edge, italic. */
  .default {
    background: var(--_bg);
    border-inline-start-style: dashed;
    font-style: italic;
    color: var(--_fg-muted);
  }
  .untracked {
    color: var(--_fg-muted);
  }
  .glyph {
    font-style: normal;
    font-size: 0.8em;
  }
  .src {
    font-size: 0.75em;
  }
  @media (forced-colors: active) {
    [role='gridcell'] {
      border-inline-start-color: CanvasText;
      forced-color-adjust: none;
      background: Canvas;
      color: CanvasText;
    }
    .default {
      border-inline-start-color: GrayText;
      color: GrayText;
    }
    [role='gridcell']:focus-visible {
      outline-color: Highlight;
    }
  }
`;
