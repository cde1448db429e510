import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { liveStatuses, trackedSubjects, type StatusEntry, type TrackingDataset, type TrackingPolicy } from '@ontrack/rules';
import { DataController } from '../shared/data-controller.js';
import { levelLooks, type LevelLook } from '../shared/levels.js';
import { resolveMessages, type MessageOverrides, type Messages } from '../shared/messages.js';
import { themeStyles } from '../shared/theme.styles.js';
import { moveFor, type GridPosition } from './grid-keys.js';
import { statusGridStyles } from './status-grid.styles.js';

interface GridModel {
  readonly subjects: readonly { readonly id: string; readonly name: string }[];
  readonly rows: readonly { readonly pupil: TrackingDataset['pupils'][number]; readonly cells: readonly StatusEntry[] }[];
}

/**
 * Pupils × tracked subjects, one cell per live status. Each status is shown as
 * text and a glyph as well as a colour; a default On (nobody has recorded it)
 * looks different from a recorded On and says so to screen readers.
 * Keyboard: arrows, Home/End, Ctrl+Home/End, PageUp/PageDown (WAI-ARIA grid).
 *
 * @csspart grid - The grid container.
 * @csspart cell - Every status cell; also `level-<id>` and `source-<source>`.
 * @csspart row-header - The pupil's name cell.
 * @csspart column-header - A subject's header.
 * @csspart message - The loading, empty and error messages.
 * @cssprop [--ontrack-status-grid-cell-width=7rem] - Width of a status column.
 * @cssprop [--ontrack-status-grid-name-width=12rem] - Width of the names column.
 * @cssprop [--ontrack-status-grid-row-height=2.25rem] - Minimum row height.
 */
@customElement('ontrack-status-grid')
export class OnTrackStatusGrid extends LitElement {
  static override styles = [themeStyles, statusGridStyles];

  /** Data to show; when unset, the provider's. */
  @property({ attribute: false }) accessor data: TrackingDataset | undefined = undefined;
  /** Policy (levels, tracked subjects); when unset, the provider's or the default. */
  @property({ attribute: false }) accessor policy: TrackingPolicy | undefined = undefined;
  /** Evaluation date `YYYY-MM-DD`; when unset, the provider's or today. */
  @property() accessor date: string | undefined = undefined;
  /** Accessible name of the grid. */
  @property() accessor label = 'Pupil progress';
  /** Overrides of any of the grid's words (see `Messages`). */
  @property({ attribute: false }) accessor messages: MessageOverrides | undefined = undefined;

  @state() private accessor active: GridPosition = { row: 0, col: 1 };

  private readonly ctl = new DataController(this);
  private model: GridModel | undefined;
  private modelKey: readonly unknown[] = [];
  private looks: ReadonlyMap<string, LevelLook> = new Map();

  protected override willUpdate(): void {
    const dataset = this.ctl.dataset;
    const policy = this.ctl.policy;
    const date = this.ctl.date;
    const key = [dataset, policy, date];
    if (key.some((v, i) => v !== this.modelKey[i])) {
      this.modelKey = key;
      this.looks = levelLooks(policy);
      this.model = dataset ? buildModel(dataset, policy, date) : undefined;
      // Through the CSSOM, not a style attribute, so a strict CSP (no 'unsafe-inline') allows it.
      this.style.setProperty('--_cols', String(this.model?.subjects.length ?? 0));
    }
  }

  protected override render(): TemplateResult {
    const status = this.ctl.status;
    const t = this.words().grid;
    if (status === 'loading') return html`<div class="message" part="message" role="status">${t.loading}</div>`;
    if (status === 'error') {
      return html`<div class="message" part="message" role="alert">
        ${t.loadFailed(this.ctl.error?.message ?? '')}
        <button type="button" @click=${() => { this.ctl.reload(); }}>${t.retry}</button>
      </div>`;
    }
    const model = this.model;
    if (!model) return html`<div class="message" part="message" role="status">${t.noData}</div>`;
    if (model.rows.length === 0) return html`<div class="message" part="message" role="status">${t.empty}</div>`;
    const cols = model.subjects.length + 1;
    return html`<div
      role="grid"
      part="grid"
      aria-label=${this.label}
      aria-rowcount=${model.rows.length + 1}
      aria-colcount=${cols}
      @keydown=${this.onKeyDown}
      @focusin=${this.onFocusIn}
    >
      <div role="row" aria-rowindex="1">
        <div role="columnheader" part="column-header" aria-colindex="1">${t.pupil}</div>
        ${model.subjects.map((s, i) => html`<div role="columnheader" part="column-header" aria-colindex=${i + 2}>${s.name}</div>`)}
      </div>
      ${repeat(
        model.rows,
        (r) => r.pupil.id,
        (r, ri) => html`<div role="row" aria-rowindex=${ri + 2}>
          <div
            role="rowheader"
            part="row-header"
            aria-colindex="1"
            tabindex=${this.tabFor(ri, 0)}
            data-row=${ri}
            data-col="0"
          >${r.pupil.givenName} ${r.pupil.familyName}</div>
          ${r.cells.map((c, ci) => this.renderCell(c, ri, ci + 1, t))}
        </div>`,
      )}
    </div>`;
  }

  private tabFor(row: number, col: number): string {
    return this.active.row === row && this.active.col === col ? '0' : '-1';
  }

  private words(): Messages {
    return resolveMessages(this.closest('[lang]')?.getAttribute('lang') ?? undefined, this.messages);
  }

  private renderCell(cell: StatusEntry, row: number, col: number, t: Messages['grid']): TemplateResult {
    const look = cell.status === null ? undefined : this.looks.get(cell.status);
    const tab = this.tabFor(row, col);
    if (!look) {
      const text = cell.status === null ? t.untracked : t.unknownLevel(cell.status);
      return html`<div role="gridcell" part="cell source-untracked" class="untracked" aria-colindex=${col + 1} tabindex=${tab} data-row=${row} data-col=${col}>
        <span aria-hidden="true">–</span><span class="visually-hidden">${text}</span>
      </div>`;
    }
    const isDefault = cell.source === 'default';
    const name = look.level.short ?? look.level.label;
    return html`<div
      role="gridcell"
      part="cell level-${look.level.id} source-${cell.source}"
      class="tone-${look.tone} ${isDefault ? 'default' : 'recorded'}"
      aria-colindex=${col + 1}
      tabindex=${tab}
      data-row=${row}
      data-col=${col}
      title=${isDefault ? t.defaultTitle(look.level.label) : look.level.label}
    >
      <span class="glyph" aria-hidden="true">${look.glyph}</span>
      <span class="label">${name}</span>${isDefault
        ? html`<span class="src" aria-hidden="true">*</span><span class="visually-hidden">${t.defaultMark}</span>`
        : nothing}
    </div>`;
  }

  private onFocusIn = (event: FocusEvent): void => {
    const target = event.composedPath()[0];
    if (!(target instanceof HTMLElement) || target.dataset.row === undefined) return;
    const row = Number(target.dataset.row);
    const col = Number(target.dataset.col);
    if (row !== this.active.row || col !== this.active.col) this.active = { row, col };
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    const model = this.model;
    if (!model) return;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const next = moveFor(event.key, event.ctrlKey || event.metaKey, this.active, model.rows.length, model.subjects.length + 1, rtl);
    if (!next) return;
    event.preventDefault();
    this.active = next;
    void this.updateComplete.then(() => {
      this.cellAt(next)?.focus();
    });
  };

  /** The element of a cell, when rendered. */
  cellAt(at: GridPosition): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-row="${at.row}"][data-col="${at.col}"]`);
  }
}

function buildModel(dataset: TrackingDataset, policy: TrackingPolicy, date: string): GridModel {
  const ids = trackedSubjects(dataset, policy);
  const names = new Map(dataset.subjects.map((s) => [s.id, s.name]));
  const statuses = liveStatuses(dataset, policy, date);
  const n = ids.length;
  const rows = dataset.pupils.map((pupil, i) => ({ pupil, cells: statuses.slice(i * n, i * n + n) }));
  return { subjects: ids.map((id) => ({ id, name: names.get(id) ?? id })), rows };
}

declare global {
  interface HTMLElementTagNameMap {
    'ontrack-status-grid': OnTrackStatusGrid;
  }
}
