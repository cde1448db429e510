import { css } from 'lit';

/** The status grid's styles; public tokens are read into private `--_*` properties in `:host`. */
export const statusGridStyles = css`
  :host {
    display: block;
    --_cell-width: var(--ontrack-status-grid-cell-width, 7.5rem);
    --_name-width: var(--ontrack-status-grid-name-width, 14rem);
    --_row-height: var(--ontrack-status-grid-row-height, 2.25rem);
    --_height: var(--ontrack-status-grid-height, 32rem);
  }
  :host([density='compact']) {
    --_row-height: var(--ontrack-status-grid-row-height-compact, 1.75rem);
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
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space) calc(var(--_space) * 1.5);
    margin-block-end: var(--_space);
  }
  .toolbar label {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
  }
  .toolbar input,
  .toolbar select,
  .toolbar button,
  .menu button,
  .menu textarea,
  .popover button {
    font: inherit;
    color: inherit;
  }
  .toolbar input[type='search'],
  .toolbar select {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.15em 0.35em;
  }
  .toolbar .set {
    display: inline-flex;
    gap: 0.25em;
  }
  .toolbar button,
  .menu button,
  .popover button {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.15em 0.5em;
    background: var(--_bg-alt);
    cursor: pointer;
  }
  .toolbar button:disabled {
    cursor: default;
    color: var(--_fg-muted);
  }
  .toolbar .count {
    color: var(--_fg-muted);
    margin-inline-start: auto;
  }
  [role='grid'] {
    position: relative;
    width: max-content;
    max-width: 100%;
    max-height: var(--_height);
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    /* The sticky header and summary must not hide a cell scrolled into view by focus. */
    scroll-padding-block: calc(var(--_row-height) + 2px) calc(var(--_row-height) * 1.6);
  }
  [role='grid']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: -3px;
  }
  .row {
    display: grid;
    grid-template-columns: var(--_name-width) repeat(var(--_cols), var(--_cell-width));
  }
  /*
   * A row's size never depends on its content: with size containment an edit
   * relays out one cell, not the grid (a cell update stays well inside a frame).
   */
  .body .row {
    height: var(--_row-height);
    width: calc(var(--_name-width) + var(--_cols) * var(--_cell-width));
    contain: size layout style;
  }
  .body [role='gridcell'] {
    contain: size layout style;
  }
  .body {
    box-sizing: border-box;
  }
  .head {
    position: sticky;
    top: 0;
    z-index: 2;
  }
  .foot {
    position: sticky;
    bottom: 0;
    z-index: 2;
  }
  [role='columnheader'],
  [role='rowheader'],
  [role='gridcell'] {
    display: flex;
    align-items: center;
    gap: 0.35em;
    min-width: 0;
    padding: 0 var(--_space);
    border-block-end: 1px solid var(--_bg-alt);
    box-sizing: border-box;
    overflow: hidden;
    white-space: nowrap;
  }
  [role='columnheader'] {
    min-height: var(--_row-height);
    font-weight: 600;
    background: var(--_bg-alt);
    cursor: default;
  }
  [role='columnheader'][data-col] {
    cursor: pointer;
  }
  [role='rowheader'] {
    font-weight: 500;
    position: sticky;
    inset-inline-start: 0;
    z-index: 1;
    background: var(--_bg);
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .badge,
  .concerns {
    flex: none;
    font-size: 0.7em;
    font-weight: 600;
    padding: 0 0.3em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_fg-muted);
  }
  .concerns {
    color: var(--_tone-0-edge);
    border-color: var(--_tone-0-edge);
  }
  [role='gridcell'] {
    border-inline-start: 4px solid transparent;
    cursor: default;
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
  /*
   * The glyph is a shape cut from the text colour (silent to screen readers,
   * the same look as levelLooks): an edit changes only its clip-path, which
   * repaints the cell without laying anything out again.
   */
  .body [role='gridcell']::before {
    content: '';
    flex: none;
    width: 0.6em;
    height: 0.6em;
    background: currentColor;
    print-color-adjust: exact;
  }
  .g-none::before {
    clip-path: inset(40% 0);
  }
  .g-down::before {
    clip-path: polygon(0 0, 100% 0, 50% 100%);
  }
  .g-up::before {
    clip-path: polygon(50% 0, 100% 100%, 0 100%);
  }
  .g-mid::before {
    clip-path: circle(50%);
  }
  .default::after {
    content: '*' / var(--_default-mark, '(default)');
    font-size: 0.75em;
    margin-inline-start: -0.25em;
  }
  /* What follows the level (pending, failure, note, marker) comes after the default's asterisk. */
  .state,
  .note-mark,
  .marker {
    order: 1;
  }
  [role='gridcell'].selected {
    box-shadow: inset 0 0 0 2px var(--_focus);
  }
  .pending {
    opacity: 0.75;
    background-image: repeating-linear-gradient(135deg, transparent 0 6px, var(--_bg-alt) 6px 12px);
  }
  .failed {
    outline: 2px dashed var(--_tone-0-edge);
    outline-offset: -2px;
  }
  .state,
  .note-mark {
    font-style: normal;
  }
  .reason {
    color: var(--_tone-0-edge);
    font-weight: 700;
  }
  .marker {
    margin-inline-start: auto;
    flex: none;
    font: inherit;
    font-size: 0.8em;
    font-style: normal;
    line-height: 1;
    padding: 0.1em 0.25em;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  .summary [role='rowheader'],
  .summary [role='gridcell'] {
    flex-wrap: wrap;
    white-space: normal;
    gap: 0 0.5em;
    min-height: var(--_row-height);
    padding-block: 0.15em;
    font-size: 0.8em;
    background: var(--_bg-alt);
    border-block-start: 1px solid var(--_border);
  }
  .sum {
    background: none;
  }
  .menu,
  .popover {
    position: fixed;
    z-index: 10;
    max-width: min(26rem, calc(100vw - 1rem));
    max-height: calc(100vh - 1rem);
    overflow: auto;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 25%);
  }
  .menu fieldset {
    display: grid;
    gap: 0.25em;
    margin: 0;
    border: none;
    padding: 0;
  }
  .menu legend {
    font-weight: 600;
    margin-block-end: 0.25em;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.15em 0.4em;
    border-inline-start: 4px solid transparent;
  }
  .note {
    display: grid;
    gap: 0.2em;
    margin-block: var(--_space);
  }
  .note textarea {
    background: var(--_bg);
    border: 1px solid var(--_border);
  }
  .actions {
    display: flex;
    gap: var(--_space);
  }
  .popover h2 {
    font-size: 1em;
    margin: 0 0 0.5em;
  }
  .popover ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .popover p {
    margin: 0.2em 0;
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
    [role='gridcell'].selected {
      box-shadow: none;
      outline: 2px solid Highlight;
      outline-offset: -4px;
    }
    .failed {
      outline: 2px dashed Mark;
    }
    .pending {
      background-image: none;
      border-inline-start-style: dotted;
    }
    .marker,
    .badge,
    .concerns {
      border-color: CanvasText;
      color: CanvasText;
      background: Canvas;
    }
    [role='gridcell']:focus-visible,
    [role='rowheader']:focus-visible,
    [role='grid']:focus-visible {
      outline-color: Highlight;
    }
  }
`;
