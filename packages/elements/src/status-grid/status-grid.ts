import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import {
  cellKey, cohortPupils, orderedLevels, type CohortFilter, type Intervention, type Judgement, type JudgementInput, type Level, type Pupil, type StatusEntry, type Summary,
  type TrackingDataset, type TrackingPolicy,
} from '@ontrack/rules';
import { DataController } from '../shared/data-controller.js';
import { appendedSince } from '../shared/live-statuses.js';
import { emit } from '../shared/emit.js';
import { levelLooks, type LevelLook } from '../shared/levels.js';
import { sameKey } from '../shared/same-key.js';
import { gridLocales, sectionWords, type MessageOverrides, type Messages } from '../shared/messages.js';
import { themeStyles } from '../shared/theme.styles.js';
import { describeBecause } from './grid-because.js';
import { moveFor, type GridPosition } from './grid-keys.js';
import {
  buildModel, cellsOf, combine, foldJudgements, concernCount, primeRows, recount, rowOf, indexInterventions, summaries, viewRows, type GridModel, type GridRow, type GridSort,
  type InterventionIndex,
} from './grid-model.js';
import { statusGridStyles } from './status-grid.styles.js';
import './status-grid.events.js';

/** Decides whether the current user may change one pupil's status in one subject. */
export type CanEdit = (pupil: Pupil, subjectId: string) => boolean;

/** A rectangle of selected cells, in view rows and grid columns (1 = first subject), inclusive. */
export interface GridSelection {
  readonly r0: number;
  readonly r1: number;
  readonly c0: number;
  readonly c1: number;
}

/** A cell to edit: a row (from `visibleRows`) and a subject index (grid column − 1). */
export interface GridTarget {
  readonly row: GridRow;
  /** Subject index (grid column − 1). */
  readonly ci: number;
}

interface UndoItem {
  readonly row: GridRow;
  readonly ci: number;
  readonly before: StatusEntry;
  /** The judgement a standalone edit added to the local copy, removed again on undo. */
  readonly local?: Judgement;
}

/** Rows drawn above and below the visible ones. */
const OVERSCAN = 3;
/** The grid's height before it has been laid out (its default largest height, 32rem). */
const GUESS_PX = 512;
/** Row height in px until a row has been measured. */
const DEFAULT_ROW_PX = 36;
const UNDO_DEPTH = 50;

/**
 * Pupils × tracked subjects, one cell per live status: the teacher's and
 * leader's everyday view. Each status shows as text, a glyph and a colour (never
 * colour alone); a default On (nobody has recorded it) looks different from a
 * recorded On and says so to screen readers; cells with interventions carry a
 * marker that explains why.
 *
 * Editing (unless `readonly`, and where `canEdit` allows): type the first letter
 * of a level (`b`/`o`/`a` by default) to set the active cell or the selection;
 * Enter or F2 opens a level menu with an optional note; Shift+arrows select a
 * range, Ctrl+Space a column, Shift+Space a row, Ctrl+A everything; Ctrl+Z
 * undoes the last change; Space shows a flagged cell's interventions. Every
 * change first sends a cancelable `ontrack-status-change` (a host's
 * `preventDefault()` vetoes it), then is written through the provider's adapter:
 * the cell shows as pending until it is stored, or goes back with the reason
 * shown and announced when the adapter rejects it. With plain `data` and no
 * provider, changes apply to a local copy (the events still fire).
 *
 * Rows are virtualised: only the rows in view are in the DOM, while
 * `aria-rowcount`/`aria-rowindex` describe the whole set and the keyboard
 * reaches every row (moving to a row not drawn scrolls it in).
 *
 * @fires ontrack-status-change - Before a change is written; cancelable. Detail: `StatusChangeDetail`.
 * @fires ontrack-status-saved - A change was stored (or applied locally). Detail: `StatusSavedDetail`.
 * @fires ontrack-status-rollback - The adapter rejected a change; the cell went back. Detail: `StatusRollbackDetail`.
 *
 * @csspart grid - The grid (the scrolling box).
 * @csspart toolbar - The search, filter, sort and edit controls above the grid.
 * @csspart cell - Every status cell; also `level-<id>`, `source-<recorded|default|untracked>`, and `pending`, `failed`, `selected`, `flagged` when so.
 * @csspart marker - The intervention marker in a cell or row header.
 * @csspart row-header - The pupil's name cell.
 * @csspart badge - An attribute badge in the row header (SEN, PP, EAL…).
 * @csspart column-header - A subject's header (and the pupil column's).
 * @csspart summary - The summary row; its cells are also `summary-cell`.
 * @csspart menu - The level menu (Enter/F2).
 * @csspart popover - The interventions popover.
 * @csspart message - The loading, empty and error messages.
 * @cssprop [--ontrack-status-grid-cell-width=7.5rem] - Width of a status column.
 * @cssprop [--ontrack-status-grid-name-width=14rem] - Width of the names column.
 * @cssprop [--ontrack-status-grid-row-height=2.25rem] - Row height.
 * @cssprop [--ontrack-status-grid-row-height-compact=1.75rem] - Row height with `density="compact"`.
 * @cssprop [--ontrack-status-grid-height=32rem] - Largest height of the grid before it scrolls.
 * @cssprop [--ontrack-color-*] - Shared colour tokens (see `themeStyles`): text, surface, border, focus, tone-0…6 and their `-edge`s.
 */
@customElement('ontrack-status-grid')
export class OnTrackStatusGrid extends LitElement {
  static override styles = [themeStyles, statusGridStyles];

  /** Data to show; when unset, the provider's. Edits to plain data stay local (the events still fire). */
  @property({ attribute: false }) accessor data: TrackingDataset | undefined = undefined;
  /** Policy (levels, tracked subjects, groups); when unset, the provider's or the default. */
  @property({ attribute: false }) accessor policy: TrackingPolicy | undefined = undefined;
  /** Evaluation date `YYYY-MM-DD`; when unset, the provider's or today. */
  @property() accessor date: string | undefined = undefined;
  /** Interventions to mark; when unset, those of the provider's evaluation. */
  @property({ attribute: false }) accessor interventions: readonly Intervention[] | undefined = undefined;
  /** Accessible name of the grid. */
  @property() accessor label = 'Pupil progress';
  /** Overrides of any of the grid's words (see `Messages`). */
  @property({ attribute: false }) accessor messages: MessageOverrides | undefined = undefined;
  /** No editing at all. */
  @property({ type: Boolean, reflect: true }) accessor readonly = false;
  /** Per-pupil or per-cell editability (a teacher edits only their class); every cell when unset. */
  @property({ attribute: false }) accessor canEdit: CanEdit | undefined = undefined;
  /** Who records the changes (stored as `recordedBy`). */
  @property() accessor user = 'teacher';
  /** Name search (case-insensitive, anywhere in the name). */
  @property() accessor search = '';
  /** A policy group id to filter by. */
  @property() accessor group = '';
  /** A class id to filter by. */
  @property({ attribute: 'class-id' }) accessor classId = '';
  /** Only pupils with at least one cell at this level id. */
  @property() accessor level = '';
  /** Only pupils with at least one concern. */
  @property({ type: Boolean, attribute: 'only-concerns' }) accessor onlyConcerns = false;
  /** Only pupils with at least one unreviewed default. */
  @property({ type: Boolean, attribute: 'only-defaults' }) accessor onlyDefaults = false;
  /** Row order: `none` (as given, the default), `name`, `concerns` (most first) or `subject:<id>` (lowest level first). */
  @property() accessor sort: GridSort = 'none';
  /** Reverses the order. */
  @property({ type: Boolean }) accessor descending = false;
  /** `compact` draws shorter rows. */
  @property({ reflect: true }) accessor density: 'comfortable' | 'compact' = 'comfortable';
  /** Hides the search, filter and sort controls (the properties still work). */
  @property({ type: Boolean, attribute: 'hide-toolbar' }) accessor hideToolbar = false;

  // The scrolling grid and its body, found once per element Lit draws (an edit's update reads them four times).
  #scrollerEl: HTMLElement | null = null;
  #bodyEl: HTMLElement | null = null;

  get #scroller(): HTMLElement | null {
    if (!this.#scrollerEl?.isConnected) this.#scrollerEl = this.renderRoot.querySelector('[role="grid"]');
    return this.#scrollerEl;
  }

  get #body(): HTMLElement | null {
    if (!this.#bodyEl?.isConnected) this.#bodyEl = this.renderRoot.querySelector('.body');
    return this.#bodyEl;
  }

  readonly #ctl = new DataController(this);
  #model: GridModel | undefined;
  #modelKey: readonly unknown[] = [];
  #looks: ReadonlyMap<string, LevelLook> = new Map();
  #levels: readonly Level[] = [];
  #local: Judgement[] = [];
  #localFor: TrackingDataset | undefined;
  #view: GridRow[] = [];
  #viewKey: readonly unknown[] = [];
  #viewDirty = true;
  /** Cells changed since the summary row was counted. */
  #sumsDirty: { readonly row: GridRow; readonly ci: number }[] | undefined;
  #sumsToken = 0;
  /** Which full count of the summary row the rows' `counted` statuses belong to. */
  #sumsGen = 0;
  /** Bumped when anything every row depends on changes; a row is drawn again only when it or this moves. */
  #epoch = 0;
  /** Per pupil, bumped when one of its cells changes (status, pending, failure, note). */
  readonly #rowVersion = new Map<string, number>();
  #wordsKey: readonly unknown[] = [];
  #wordsMemo: Messages['grid'] | undefined;
  #written = { height: '', padding: '' };
  #measure = true;
  #sums: { readonly columns: Summary[]; readonly all: Summary } | undefined;
  #flags: InterventionIndex = { byCell: new Map(), byPupil: new Map() };
  #flagsFor: readonly Intervention[] | undefined;

  #active: GridPosition = { row: 0, col: 1 };
  #anchor: GridPosition = { row: 0, col: 1 };
  #selection: GridSelection | undefined;
  readonly #pending = new Map<string, { readonly to: string; readonly gen: number }>();
  readonly #gens = new Map<string, number>();
  readonly #failed = new Map<string, string>();
  readonly #undoStack: UndoItem[][] = [];
  #announcement = '';
  #menu: { readonly targets: readonly GridTarget[]; readonly at: GridPosition } | undefined;
  #why: { readonly at: GridPosition } | undefined;
  #first = 0;
  #count = 40;
  #rowPx = DEFAULT_ROW_PX;
  /** Overscan rows are drawn once the first rows have been painted (the first paint draws only what is in view). */
  #overscan = 0;
  #filling = false;
  #hadFocus = false;
  #focusAfterUpdate = false;

  // ---- data ----------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Any public property (readonly, canEdit, messages, filters…) may change how every row looks.
    if (changed.size > 0) this.#epoch++;
    if (changed.has('density')) this.#measure = true;
    const dataset = this.#ctl.dataset;
    const policy = this.#ctl.policy;
    const date = this.#ctl.date;
    if (this.data !== this.#localFor) {
      // New plain data from the host: it is the truth now (the host heard every change through the events).
      this.#local = [];
      this.#localFor = this.data;
    }
    const key = [dataset, policy, date];
    // The provider's dataset grown by judgements (an edit): fold them in, keep the rows.
    const before = this.#modelKey[0] as TrackingDataset | undefined;
    const appended = this.#model && dataset && before && policy === this.#modelKey[1] && date === this.#modelKey[2] && dataset !== before ? appendedSince(dataset, before) : undefined;
    if (appended && this.#model) {
      this.#modelKey = key;
      this.#markChanged(foldJudgements(this.#model, [dataset?.judgements ?? [], this.#local], appended));
      this.#epoch++;
    } else if (!sameKey(this.#modelKey, key)) {
      this.#modelKey = key;
      this.#looks = levelLooks(policy);
      this.#levels = orderedLevels(policy);
      this.#model = dataset ? buildModel(dataset, policy, date, this.#local) : undefined;
      this.#viewDirty = true;
      this.#epoch++;
      this.#measure = true;
      // Through the CSSOM, not a style attribute, so a strict CSP (no 'unsafe-inline') allows it.
      this.style.setProperty('--_cols', String(this.#model?.subjects.length ?? 0));
    }
    const interventions = this.#ctl.interventions;
    if (interventions !== this.#flagsFor) {
      this.#flagsFor = interventions;
      this.#flags = indexInterventions(interventions);
      this.#epoch++;
    }
    const viewKey = [this.#model, this.search, this.group, this.classId, this.level, this.onlyConcerns, this.onlyDefaults, this.sort, this.descending, this.#ctl.sharedFilter];
    if (this.#viewDirty || !sameKey(this.#viewKey, viewKey)) {
      this.#viewKey = viewKey;
      this.#viewDirty = false;
      this.#rebuildView(policy);
    } else if (this.#sumsDirty) {
      this.#summarise(policy);
    }
    this.#hadFocus = this.#focusInGrid();
    this.#computeWindow();
  }

  #rebuildView(policy: TrackingPolicy): void {
    const model = this.#model;
    if (!model) {
      this.#view = [];
      this.#sums = undefined;
      return;
    }
    const group = this.group ? policy.groups.find((g) => g.id === this.group) : undefined;
    // The provider's filter narrows the rows to its cohort's pupils (a subject in it leaves the columns alone).
    const shared = this.#ctl.sharedFilter;
    const pupilPart: { -readonly [K in keyof CohortFilter]: CohortFilter[K] } = { ...shared };
    delete pupilPart.subjectId;
    const dataset = this.#ctl.dataset;
    let pupils: ReadonlySet<string> | undefined;
    try {
      pupils = dataset && Object.keys(pupilPart).length > 0 ? cohortPupils(dataset, policy, pupilPart) : undefined;
    } catch {
      // A group the policy does not define: nobody is in it.
      pupils = new Set();
    }
    this.#view = viewRows(
      model,
      { search: this.search, group, classId: this.classId, level: this.level, onlyConcerns: this.onlyConcerns, onlyDefaults: this.onlyDefaults, pupils },
      this.sort,
      this.descending,
      this.#statusOf,
    );
    // Other rows: counted afresh.
    this.#sumsDirty = undefined;
    this.#summarise(policy);
    const rows = this.#view.length;
    const cols = model.subjects.length + 1;
    const clamp = (p: GridPosition): GridPosition => ({ row: Math.max(0, Math.min(rows - 1, p.row)), col: Math.max(0, Math.min(cols - 1, p.col)) });
    this.#active = clamp(this.#active);
    this.#anchor = clamp(this.#anchor);
    if (this.#selection && (this.#selection.r1 >= rows || this.#selection.c1 >= cols)) this.#selection = undefined;
  }

  /**
   * The summary row of the shown rows. Past 5,000 cells it is computed just
   * after the rows are drawn, so the first render stays flat as schools grow.
   */
  #summarise(policy: TrackingPolicy): void {
    const dirty = this.#sumsDirty;
    this.#sumsDirty = undefined;
    const model = this.#model;
    if (!model) return;
    const sums = this.#sums;
    if (dirty && sums && sums.columns.length === model.subjects.length) {
      // An edit: each changed cell of a shown row moves one count, from what it counted to what it shows.
      const columns = [...sums.columns];
      for (const { row, ci } of dirty) {
        const counted = row.countedIn === this.#sumsGen ? row.counted : undefined;
        const was = counted?.[ci];
        const sum = columns[ci];
        if (!counted || was === undefined || !sum) continue;
        const now = this.#statusOf(row, ci).status;
        if (now === was) continue;
        columns[ci] = recount(sum, was, now);
        counted[ci] = now;
      }
      this.#sums = { columns, all: combine(columns) };
      return;
    }
    const token = ++this.#sumsToken;
    const run = (): void => {
      if (token !== this.#sumsToken || model !== this.#model) return;
      this.#sums = summaries(model, this.#view, policy, this.#statusOf, ++this.#sumsGen);
    };
    if (this.#view.length * model.subjects.length <= 5_000) {
      run();
      return;
    }
    // When the browser is idle after drawing the rows (a moment later on a 50,000-pupil trust).
    const later = (): void => {
      run();
      this.requestUpdate();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(later, { timeout: 1000 });
    else setTimeout(later, 50);
  }

  /** After an edit: the rows move only when the filters or the order depend on statuses; else only their columns' summaries change. */
  #statusesChanged(cells: readonly { readonly row: GridRow; readonly ci: number }[]): void {
    this.#markChanged(cells);
    this.requestUpdate();
  }

  /** Marks changed cells for the next update: their rows redrawn, and the order or the summary row brought up to date. */
  #markChanged(cells: readonly { readonly row: GridRow; readonly ci: number }[]): void {
    if (cells.length === 0) return;
    for (const { row } of cells) this.#rowVersion.set(row.pupil.id, (this.#rowVersion.get(row.pupil.id) ?? 0) + 1);
    const byStatus = (this.sort !== 'name' && this.sort !== 'none') || this.level !== '' || this.onlyConcerns || this.onlyDefaults;
    if (byStatus) this.#viewDirty = true;
    else (this.#sumsDirty ??= []).push(...cells);
  }

  /** The status a cell shows: an edit in flight wins over the stored status. */
  readonly #statusOf = (row: GridRow, ci: number): StatusEntry => {
    const model = this.#model;
    const stored = model ? cellsOf(model, row)[ci] : undefined;
    if (!stored) throw new RangeError(`no column ${ci}`);
    if (this.#pending.size === 0) return stored;
    const p = this.#pending.get(cellKey(stored.pupilId, stored.subjectId));
    return p ? { ...stored, status: p.to, source: 'recorded' } : stored;
  };

  #words(): Messages['grid'] {
    const key = [this.closest('[lang]')?.getAttribute('lang') ?? undefined, this.messages];
    if (!this.#wordsMemo || !sameKey(this.#wordsKey, key)) {
      this.#wordsKey = key;
      this.#wordsMemo = sectionWords(gridLocales, key[0] as string | undefined, this.messages?.grid);
      // What screen readers hear for a default's asterisk (its generated content's alt text), as a CSS string.
      this.style.setProperty('--_default-mark', `"${this.#wordsMemo.defaultMark.replace(/["\\\n]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`);
      this.#epoch++;
    }
    return this.#wordsMemo;
  }

  #levelName(id: string | null): string {
    if (id === null) return this.#words().untracked;
    const level = this.#looks.get(id)?.level;
    return level ? level.label : id;
  }

  // ---- virtual window --------------------------------------------------------

  #computeWindow(): void {
    const scroller = this.#scroller;
    const top = scroller ? scroller.scrollTop : 0;
    const height = scroller && scroller.clientHeight > 0 ? scroller.clientHeight : GUESS_PX;
    const n = this.#view.length;
    const firstSeen = Math.floor(top / this.#rowPx);
    const over = this.#overscan;
    this.#first = Math.max(0, Math.min(firstSeen - over, Math.max(0, n - 1)));
    // Overscan rows each side of the rows in view (under the header row); at the top there are none above, so none are drawn for them.
    this.#count = Math.min(n - this.#first, Math.max(0, firstSeen - this.#first) + Math.ceil(height / this.#rowPx) - 1 + over);
  }

  readonly #onScroll = (): void => {
    const before = this.#first;
    const count = this.#count;
    this.#computeWindow();
    if (this.#first !== before || this.#count !== count) this.requestUpdate();
  };

  /** Scrolls so that a view row is in the drawn window (the focus then brings it fully into view). */
  #reveal(row: number): void {
    const scroller = this.#scroller;
    if (!scroller) return;
    const y = row * this.#rowPx;
    const height = scroller.clientHeight || 800;
    // The sticky header and summary rows take about one row each.
    if (y < scroller.scrollTop) scroller.scrollTop = y;
    else if (y + 3 * this.#rowPx > scroller.scrollTop + height) scroller.scrollTop = y + 3 * this.#rowPx - height;
    this.#computeWindow();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const body = this.#body;
    if (body) {
      const height = `${this.#view.length * this.#rowPx}px`;
      const padding = `${this.#first * this.#rowPx}px`;
      // Written only when they change: an edit must not make the browser lay the grid out again.
      if (height !== this.#written.height || body.style.height !== height) body.style.height = height;
      if (padding !== this.#written.padding || body.style.paddingTop !== padding) body.style.paddingTop = padding;
      this.#written = { height, padding };
      const row = body.firstElementChild;
      if (!this.#filling && row) {
        this.#filling = true;
        // When the browser is idle after painting the rows in view, the rows either side follow (smooth scrolling).
        const fill = (): void => {
          this.#overscan = OVERSCAN;
          this.#onScroll();
        };
        if (typeof requestIdleCallback === 'function') requestIdleCallback(fill, { timeout: 500 });
        else setTimeout(fill, 50);
      }
      if (this.#measure && row instanceof HTMLElement) {
        this.#measure = false;
        const px = row.getBoundingClientRect().height;
        const [first, count] = [this.#first, this.#count];
        if (px > 0 && Math.abs(px - this.#rowPx) > 0.5) this.#rowPx = px;
        // The first window was a guess at the grid's height; draw what its real height shows.
        this.#computeWindow();
        if (this.#first !== first || this.#count !== count) this.requestUpdate();
      }
    }
    this.#place('.menu', this.#menu?.at);
    this.#place('.popover', this.#why?.at);
    if (this.#focusAfterUpdate) {
      this.#focusAfterUpdate = false;
      this.#focusActive();
    } else if (this.#hadFocus && !this.#menu && !this.#why) {
      // Drawn rows are reused by position: when scrolling gave the focused element another cell (or drew it no more),
      // the focus goes to the active cell if drawn, else to the grid, so the keys still work and no other cell looks focused.
      const focused = this.shadowRoot?.activeElement;
      const at = focused instanceof HTMLElement ? focused.dataset : undefined;
      if (!this.#focusInGrid() || (at?.row !== undefined && (Number(at.row) !== this.#active.row || Number(at.col) !== this.#active.col))) {
        (this.cellAt(this.#active) ?? this.#scroller)?.focus({ preventScroll: true });
      }
    }
  }

  #focusInGrid(): boolean {
    const a = this.shadowRoot?.activeElement;
    return !!a && !!this.#scroller?.contains(a);
  }

  /** Puts the menu or popover next to its cell (through the CSSOM: no style attributes under a strict CSP). */
  #place(selector: string, at: GridPosition | undefined): void {
    if (!at) return;
    const box = this.renderRoot.querySelector<HTMLElement>(selector);
    if (!box) return;
    const cell = this.cellAt(at);
    const r = cell?.getBoundingClientRect();
    const top = r ? Math.min(r.bottom + 2, window.innerHeight - box.offsetHeight - 4) : 16;
    const left = r ? Math.min(Math.max(4, r.left), window.innerWidth - box.offsetWidth - 4) : 16;
    box.style.setProperty('top', `${Math.max(4, top)}px`);
    box.style.setProperty('left', `${Math.max(4, left)}px`);
  }

  // ---- rendering -------------------------------------------------------------

  protected override render(): TemplateResult {
    const status = this.#ctl.status;
    const t = this.#words();
    if (status === 'loading') return html`<div class="message" part="message" role="status">${t.loading}</div>`;
    if (status === 'error') {
      return html`<div class="message" part="message" role="alert">
        ${t.loadFailed(this.#ctl.error?.message ?? '')}
        <button type="button" @click=${() => { this.#ctl.reload(); }}>${t.retry}</button>
      </div>`;
    }
    const model = this.#model;
    if (!model) return html`<div class="message" part="message" role="status">${t.noData}</div>`;
    if (model.rows.length === 0) return html`<div class="message" part="message" role="status">${t.empty}</div>`;
    const toolbar = this.hideToolbar
      ? nothing
      : guard([this.#epoch, model, this.#view.length, this.#selectionSize(), this.#undoStack.length === 0], () => this.#renderToolbar(model, t));
    return html`${toolbar}
      ${this.#view.length === 0 ? html`<div class="message" part="message" role="status">${t.noMatch}</div>` : this.#renderGrid(model, t)}
      <div class="visually-hidden" role="status">${this.#announcement}</div>
      ${this.#menu ? this.#renderMenu(model, this.#menu, t) : nothing} ${this.#why ? this.#renderPopover(model, this.#why.at, t) : nothing}`;
  }

  #renderToolbar(model: GridModel, t: Messages['grid']): TemplateResult {
    const policy = this.#ctl.policy;
    type Option = readonly [value: string, text: string];
    // One select per filter and one checkbox per switch, each setting its property.
    const pick = (label: string, value: string, options: readonly Option[], set: (v: string) => void): TemplateResult =>
      html`<label>${label} <select @change=${(e: Event) => { set((e.target as HTMLSelectElement).value); }}>
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
      </select></label>`;
    const check = (label: string, on: boolean, set: (v: boolean) => void): TemplateResult =>
      html`<label><input type="checkbox" .checked=${on} @change=${(e: Event) => { set((e.target as HTMLInputElement).checked); }} /> ${label}</label>`;
    const classes = model.classes;
    return html`<div class="toolbar" part="toolbar" role="group" aria-label=${t.toolbar}>
      <label>${t.search} <input type="search" .value=${this.search} @input=${(e: Event) => { this.search = (e.target as HTMLInputElement).value; }} /></label>
      ${pick(t.group, this.group, [['', t.anyGroup], ...policy.groups.map((g): Option => [g.id, g.label])], (v) => { this.group = v; })}
      ${classes.length > 60
        ? // A trust's hundreds of classes: typed (with suggestions), not a select the browser must lay out.
          html`<label>${t.classLabel}
            <input type="search" list="classes" .value=${this.classId} @change=${(e: Event) => { this.classId = (e.target as HTMLInputElement).value.trim(); }} /></label>
            <datalist id="classes">${classes.map((c) => html`<option value=${c}></option>`)}</datalist>`
        : classes.length > 1
          ? pick(t.classLabel, this.classId, [['', t.anyClass], ...classes.map((c): Option => [c, c])], (v) => { this.classId = v; })
          : nothing}
      ${pick(t.level, this.level, [['', t.anyLevel], ...this.#levels.map((l): Option => [l.id, l.label])], (v) => { this.level = v; })}
      ${check(t.onlyConcerns, this.onlyConcerns, (v) => { this.onlyConcerns = v; })}
      ${check(t.onlyDefaults, this.onlyDefaults, (v) => { this.onlyDefaults = v; })}
      ${pick(
        t.sort,
        this.sort,
        [['none', t.sortNone], ['name', t.sortName], ['concerns', t.sortConcerns], ...model.subjects.map((s): Option => [`subject:${s.id}`, t.sortSubject(s.name)])],
        (v) => { this.sort = v as GridSort; },
      )}
      ${check(t.compact, this.density === 'compact', (v) => { this.density = v ? 'compact' : 'comfortable'; })}
      ${this.readonly
        ? html`<span class="badge">${t.readOnly}</span>`
        : html`<span class="set" role="group" aria-label=${this.#selection ? t.selected(this.#selectionSize()) : t.menuTitleMany(1)}>
            ${this.#levels.map((l) => {
              const look = this.#looks.get(l.id);
              return html`<button type="button" class="tone-${look?.tone ?? 3}" @click=${() => { void this.setLevel(this.#targets(), l.id); }}>
                <span class="glyph" aria-hidden="true">${look?.glyph}</span> ${l.short ?? l.label}</button>`;
            })}</span>
            <button type="button" ?disabled=${this.#undoStack.length === 0} @click=${() => { void this.undo(); }}>${t.undo}</button>`}
      <span class="count" aria-live="polite">${t.showing(this.#view.length, model.rows.length)}</span>
    </div>`;
  }

  #renderGrid(model: GridModel, t: Messages['grid']): TemplateResult {
    const rows = this.#view;
    const cols = model.subjects.length + 1;
    const sortedCol = this.sort.startsWith('subject:') ? this.sort.slice('subject:'.length) : undefined;
    const drawn = rows.slice(this.#first, this.#first + this.#count);
    primeRows(model, drawn);
    return html`<div
      role="grid"
      part="grid"
      tabindex="-1"
      aria-label=${this.label}
      aria-rowcount=${rows.length + 2}
      aria-colcount=${cols}
      aria-multiselectable=${this.readonly ? nothing : 'true'}
      aria-readonly=${this.readonly ? 'true' : nothing}
      aria-description=${t.keyHelp}
      @keydown=${this.#onKeyDown}
      @focusin=${this.#onFocusIn}
      @click=${this.#onClick}
      @dblclick=${this.#onDblClick}
      @scroll=${this.#onScroll}
    >
      ${guard([model, this.sort, this.descending, t], () => this.#renderHead(model, t, sortedCol))}
      <div role="rowgroup" class="body">
        ${drawn.map((r, i) => {
          const ri = this.#first + i;
          // A row is drawn again only when something it shows changed (an edit, the focus, the selection, a setting).
          const deps = [r, ri, this.#epoch, this.#rowVersion.get(r.pupil.id) ?? 0, this.#active.row === ri ? this.#active.col : -1, this.#selectionIn(ri)];
          return guard(deps, () => this.#renderRow(model, r, ri, t));
        })}
      </div>
      ${guard([this.#sums, this.#view.length, t, this.#levels], () => this.#renderSummary(model, t))}
    </div>`;
  }

  #renderHead(model: GridModel, t: Messages['grid'], sortedCol: string | undefined): TemplateResult {
    return html`<div role="rowgroup" class="head">
        <div role="row" class="row" aria-rowindex="1">
          <div role="columnheader" part="column-header" aria-colindex="1" aria-sort=${this.sort === 'name' ? (this.descending ? 'descending' : 'ascending') : nothing}>${t.pupil}</div>
          ${model.subjects.map((s, i) => html`<div
            role="columnheader"
            part="column-header"
            aria-colindex=${i + 2}
            data-col=${i + 1}
            aria-sort=${sortedCol === s.id ? (this.descending ? 'descending' : 'ascending') : nothing}
          >${s.name}</div>`)}
        </div>
      </div>`;
  }

  #renderRow(model: GridModel, row: GridRow, ri: number, t: Messages['grid']): TemplateResult {
    const pupilFlags = this.#flags.byPupil.get(row.pupil.id);
    const concerns = concernCount(model, row, this.#statusOf);
    return html`<div role="row" class="row" aria-rowindex=${ri + 2}>
      <div role="rowheader" part="row-header" aria-colindex="1" tabindex=${this.#tabFor(ri, 0)} data-row=${ri} data-col="0">
        <span class="name">${row.name}</span>${this.#renderBadges(row.pupil, t)}${concerns > 0
          ? html`<span class="concerns" part="badge"><span aria-hidden="true">▼${concerns}</span><span class="visually-hidden">${t.concerns(concerns)}</span></span>`
          : nothing}${pupilFlags ? this.#renderMarker(pupilFlags.length, ri, 0, t) : nothing}
      </div>
      ${model.subjects.map((_, ci) => {
        // A cell is drawn again only when something it shows changed: an edit re-renders one cell, not its row.
        const cell = this.#statusOf(row, ci);
        const key = cellKey(cell.pupilId, cell.subjectId);
        const deps = [cell, this.#failed.get(key), this.#flags.byCell.get(key), model.notes.get(key), this.#isSelected(ri, ci + 1), this.#tabFor(ri, ci + 1), ri, this.#epoch, t];
        return guard(deps, () => this.#renderCell(model, row, cell, key, ri, ci, t));
      })}
    </div>`;
  }

  #renderBadges(pupil: Pupil, t: Messages['grid']): TemplateResult[] {
    const a = pupil.attributes;
    const out: (readonly [string, string])[] = [];
    if (a.send === 'support') out.push(t.badges.sendSupport);
    if (a.send === 'ehcp') out.push(t.badges.ehcp);
    if (a.pupilPremium === true) out.push(t.badges.pupilPremium);
    if (a.fsm === true) out.push(t.badges.fsm);
    if (a.eal === true) out.push(t.badges.eal);
    if (a.lookedAfter === true) out.push(t.badges.lookedAfter);
    return out.map(([short, name]) => html`<span class="badge" part="badge"><span aria-hidden="true">${short}</span><span class="visually-hidden">, ${name}</span></span>`);
  }

  #renderMarker(n: number, row: number, col: number, t: Messages['grid']): TemplateResult {
    return html`<button type="button" class="marker" part="marker" tabindex="-1" data-marker-row=${row} data-marker-col=${col} aria-label=${t.interventions(n)} title=${t.interventions(n)}>
      <span aria-hidden="true">⚑${n > 1 ? n : ''}</span>
    </button>`;
  }

  #renderCell(model: GridModel, row: GridRow, cell: StatusEntry, key: string, ri: number, ci: number, t: Messages['grid']): TemplateResult {
    const col = ci + 1;
    const pending = this.#pending.has(key);
    const failure = this.#failed.get(key);
    const flags = this.#flags.byCell.get(key);
    const note = pending ? undefined : model.notes.get(key);
    const selected = this.#isSelected(ri, col);
    const editable = this.#editable(row, ci);
    const look = cell.status === null ? undefined : this.#looks.get(cell.status);
    const states = `${pending ? ' pending' : ''}${failure ? ' failed' : ''}${selected ? ' selected' : ''}${flags ? ' flagged' : ''}`;
    // Most cells have nothing extra: one part that stays empty, not four.
    const extra = pending || failure || note || flags
      ? html`${pending ? html`<span class="state" aria-hidden="true">…</span><span class="visually-hidden">${t.pending}</span>` : nothing}${failure
        ? html`<span class="state reason" title=${t.failed(failure)}>⚠ <span class="visually-hidden">${t.failed(failure)}</span></span>`
        : nothing}${note ? html`<span class="note-mark" title=${note}><span aria-hidden="true">✎</span><span class="visually-hidden">${t.noteSaid(note)}</span></span>` : nothing}${flags
        ? this.#renderMarker(flags.length, ri, col, t)
        : nothing}`
      : nothing;
    const isDefault = cell.source === 'default';
    const level = look?.level;
    // What screen readers hear instead of nothing: untracked (or an unknown level). A default says so through its asterisk's alt text.
    const hidden = !level ? (cell.status === null ? t.untracked : t.unknownLevel(cell.status)) : '';
    // One template for every cell (an edit changes its parts' values, never swaps its DOM); untracked and unknown levels show "–".
    return html`<div
      role="gridcell"
      part="cell ${level ? `level-${level.id} source-${cell.source}` : 'source-untracked'}${states}"
      class="g-${!level ? 'none' : level.concern === true ? 'down' : level.challenge === true ? 'up' : 'mid'} ${look ? `tone-${look.tone} ${isDefault ? 'default' : 'recorded'}` : 'untracked'}${states}"
      aria-colindex=${col + 1}
      tabindex=${this.#tabFor(ri, col)}
      aria-selected=${this.readonly ? nothing : selected ? 'true' : 'false'}
      aria-readonly=${!this.readonly && !editable ? 'true' : nothing}
      aria-busy=${pending ? 'true' : nothing}
      data-row=${ri}
      data-col=${col}
      title=${failure ? t.failed(failure) : !level ? nothing : isDefault ? t.defaultTitle(level.label) : level.short ? level.label : nothing}
    >${level ? (level.short ?? level.label) : ''}${hidden ? html`<span class="visually-hidden">${hidden}</span>` : nothing}${extra}</div>`;
  }

  #renderSummary(model: GridModel, t: Messages['grid']): TemplateResult {
    const sums = this.#sums;
    const cell = (s: Summary | undefined): TemplateResult[] =>
      this.#levels.map((l) => {
        const look = this.#looks.get(l.id);
        const pct = s?.percent[l.id];
        return html`<span class="sum tone-${look?.tone ?? 3}"><span class="glyph" aria-hidden="true">${look?.glyph}</span> ${pct === undefined ? `${l.short ?? l.label} …` : t.summaryCell(l.short ?? l.label, pct)}</span>`;
      });
    return html`<div role="rowgroup" class="foot">
      <div role="row" class="row summary" part="summary" aria-rowindex=${this.#view.length + 2}>
        <div role="rowheader" part="summary-cell" aria-colindex="1">${t.summaryOf(this.#view.length)}</div>
        ${model.subjects.map((_, i) =>
          guard([sums?.columns[i], t, this.#levels], () => html`<div role="gridcell" part="summary-cell" aria-colindex=${i + 2} aria-readonly="true">${cell(sums?.columns[i])}</div>`),
        )}
      </div>
    </div>`;
  }

  #renderMenu(model: GridModel, menu: { readonly targets: readonly GridTarget[] }, t: Messages['grid']): TemplateResult {
    const single = menu.targets.length === 1 ? menu.targets[0] : undefined;
    const current = single ? this.#statusOf(single.row, single.ci).status : null;
    const title = single ? t.menuTitle(single.row.name, model.subjects[single.ci]?.name ?? '') : t.menuTitleMany(menu.targets.length);
    return html`<div class="menu" part="menu" role="dialog" aria-modal="true" aria-labelledby="menu-title" @keydown=${this.#onDialogKey}>
      <form @submit=${this.#onMenuSubmit}>
        <fieldset>
          <legend id="menu-title">${title}</legend>
          ${this.#levels.map((l) => {
            const look = this.#looks.get(l.id);
            return html`<label class="choice tone-${look?.tone ?? 3}">
              <input type="radio" name="level" value=${l.id} .checked=${l.id === current} />
              <span class="glyph" aria-hidden="true">${look?.glyph}</span> ${l.label}</label>`;
          })}
        </fieldset>
        <label class="note">${t.note}<textarea name="note" rows="2" maxlength="2000"></textarea></label>
        <div class="actions">
          <button type="submit">${t.save}</button>
          <button type="button" @click=${() => { this.#closeDialogs(); }}>${t.cancel}</button>
        </div>
      </form>
    </div>`;
  }

  #renderPopover(model: GridModel, at: GridPosition, t: Messages['grid']): TemplateResult {
    const row = this.#view[at.row];
    if (!row) return html``;
    const subject = at.col > 0 ? model.subjects[at.col - 1] : undefined;
    const list = subject
      ? (this.#flags.byCell.get(cellKey(row.pupil.id, subject.id)) ?? [])
      : [...(this.#flags.byPupil.get(row.pupil.id) ?? []), ...model.subjects.flatMap((s) => this.#flags.byCell.get(cellKey(row.pupil.id, s.id)) ?? [])];
    const label = (id: string): string | undefined => this.#looks.get(id)?.level.label;
    const subjectName = (id: string | undefined): string => (id ? (model.subjects.find((s) => s.id === id)?.name ?? id) : '');
    return html`<div class="popover" part="popover" role="dialog" aria-labelledby="popover-title" @keydown=${this.#onDialogKey}>
      <h2 id="popover-title">${t.interventionsTitle(row.name, subject?.name)}</h2>
      <ul>
        ${list.map((i) => html`<li>
          <p class="action"><strong>${t.action}:</strong> ${i.action}${!subject && i.subjectId ? html` (${subjectName(i.subjectId)})` : nothing} <span class="priority">(${t.priority(i.priority)})</span></p>
          <p><strong>${t.notify}:</strong> ${i.notify.join(', ')}</p>
          <p><strong>${t.because}:</strong></p>
          <ul class="because">${i.because.map((b) => html`<li>${describeBecause(b, t, label)}</li>`)}</ul>
        </li>`)}
      </ul>
      <button type="button" class="close" @click=${() => { this.#closeDialogs(); }}>${t.close}</button>
    </div>`;
  }

  // ---- positions and selection -------------------------------------------------

  #tabFor(row: number, col: number): string {
    return this.#active.row === row && this.#active.col === col ? '0' : '-1';
  }

  #isSelected(row: number, col: number): boolean {
    const s = this.#selection;
    return !!s && row >= s.r0 && row <= s.r1 && col >= s.c0 && col <= s.c1;
  }

  /** The selected columns of a row, as a key ('' when none). */
  #selectionIn(row: number): string {
    const s = this.#selection;
    return s && row >= s.r0 && row <= s.r1 ? `${s.c0}:${s.c1}` : '';
  }

  #selectionSize(): number {
    const s = this.#selection;
    return s ? (s.r1 - s.r0 + 1) * (s.c1 - s.c0 + 1) : 0;
  }

  #rect(a: GridPosition, b: GridPosition): GridSelection {
    return { r0: Math.min(a.row, b.row), r1: Math.max(a.row, b.row), c0: Math.max(1, Math.min(a.col, b.col)), c1: Math.max(1, a.col, b.col) };
  }

  /** The cells an edit applies to: the selection, else the active cell. */
  #targets(): GridTarget[] {
    const s = this.#selection;
    const out: GridTarget[] = [];
    if (s) {
      for (let r = s.r0; r <= s.r1; r++) {
        const row = this.#view[r];
        if (!row) continue;
        for (let c = s.c0; c <= s.c1; c++) out.push({ row, ci: c - 1 });
      }
      return out;
    }
    const row = this.#view[this.#active.row];
    if (row && this.#active.col > 0) out.push({ row, ci: this.#active.col - 1 });
    return out;
  }

  #editable(row: GridRow, ci: number): boolean {
    if (this.readonly) return false;
    const subject = this.#model?.subjects[ci]?.id;
    if (subject === undefined) return false;
    return this.canEdit ? this.canEdit(row.pupil, subject) : true;
  }

  /** Makes a cell active (and focused), scrolling its row into the drawn window when needed. */
  #moveTo(next: GridPosition): void {
    this.#active = next;
    this.#reveal(next.row);
    this.#focusAfterUpdate = true;
    this.requestUpdate();
  }

  #focusActive(): void {
    this.cellAt(this.#active)?.focus();
  }

  /** The element of a cell, when its row is drawn (row: view index; col 0: the name). */
  cellAt(at: GridPosition): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`.body [data-row="${at.row}"][data-col="${at.col}"]`);
  }

  /** The rows shown, after filters and sort (a copy). */
  get visiblePupils(): Pupil[] {
    return this.#view.map((r) => r.pupil);
  }

  // ---- events --------------------------------------------------------------------

  readonly #onFocusIn = (event: FocusEvent): void => {
    const target = event.composedPath()[0];
    if (!(target instanceof HTMLElement) || target.dataset.row === undefined) return;
    const row = Number(target.dataset.row);
    const col = Number(target.dataset.col);
    if (row !== this.#active.row || col !== this.#active.col) {
      this.#active = { row, col };
      this.requestUpdate();
    }
  };

  readonly #onClick = (event: MouseEvent): void => {
    if (this.#menu || this.#why) {
      // A click on the grid while the menu or the popover is open closes it, and does nothing else.
      this.#closeDialogs();
      return;
    }
    const path = event.composedPath();
    const marker = path.find((n): n is HTMLElement => n instanceof HTMLElement && n.dataset.markerRow !== undefined);
    if (marker) {
      this.#openPopover({ row: Number(marker.dataset.markerRow), col: Number(marker.dataset.markerCol) });
      return;
    }
    const el = path.find((n): n is HTMLElement => n instanceof HTMLElement && (n.dataset.row !== undefined || n.getAttribute('role') === 'columnheader'));
    if (!el) return;
    if (el.getAttribute('role') === 'columnheader') {
      const col = Number(el.dataset.col ?? 0);
      if (col < 1 || this.readonly || this.#view.length === 0) return;
      // A column header selects its column (Shift extends from the anchor's column).
      const c0 = event.shiftKey ? Math.min(this.#anchor.col, col) : col;
      const c1 = event.shiftKey ? Math.max(this.#anchor.col, col) : col;
      this.#selection = { r0: 0, r1: this.#view.length - 1, c0: Math.max(1, c0), c1 };
      this.#active = { row: this.#active.row, col };
      this.#focusAfterUpdate = true;
      this.requestUpdate();
      return;
    }
    const at = { row: Number(el.dataset.row), col: Number(el.dataset.col) };
    if (event.shiftKey && !this.readonly) {
      this.#selection = this.#rect(this.#anchor, at);
    } else {
      this.#anchor = at;
      this.#selection = undefined;
    }
    this.#active = at;
    this.#focusAfterUpdate = true;
    this.requestUpdate();
  };

  readonly #onDblClick = (event: MouseEvent): void => {
    const el = event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && n.dataset.row !== undefined);
    if (!el || el.dataset.markerRow !== undefined) return;
    this.#active = { row: Number(el.dataset.row), col: Number(el.dataset.col) };
    this.#openMenu();
  };

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    const model = this.#model;
    if (!model || this.#view.length === 0) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const rows = this.#view.length;
    const cols = model.subjects.length + 1;
    const next = moveFor(event.key, ctrl, this.#active, rows, cols, rtl);
    if (next) {
      event.preventDefault();
      if (event.shiftKey && !this.readonly) {
        this.#selection = this.#rect(this.#anchor, next);
      } else {
        this.#anchor = next;
        this.#selection = undefined;
      }
      this.#moveTo(next);
      return;
    }
    const key = event.key;
    if (key === 'Enter' || key === 'F2') {
      event.preventDefault();
      this.#openMenu();
    } else if (key === ' ') {
      event.preventDefault();
      if (ctrl && !this.readonly) this.#selection = { r0: 0, r1: rows - 1, c0: Math.max(1, this.#active.col), c1: Math.max(1, this.#active.col) };
      else if (event.shiftKey && !this.readonly) this.#selection = { r0: this.#active.row, r1: this.#active.row, c0: 1, c1: cols - 1 };
      else this.#openPopover(this.#active);
      this.requestUpdate();
    } else if (key === 'Escape') {
      if (this.#selection) {
        event.preventDefault();
        this.#selection = undefined;
        this.requestUpdate();
      }
    } else if (ctrl && key.toLowerCase() === 'z') {
      event.preventDefault();
      void this.undo();
    } else if (ctrl && key.toLowerCase() === 'a' && !this.readonly) {
      event.preventDefault();
      this.#selection = { r0: 0, r1: rows - 1, c0: 1, c1: cols - 1 };
      this.requestUpdate();
    } else if (!ctrl && !event.altKey && key.length === 1) {
      const level = this.#levelForKey(key);
      if (level) {
        event.preventDefault();
        void this.setLevel(this.#targets(), level.id);
      }
    }
  };

  /** The level a typed letter sets: the first (by rank) whose short label, label or id starts with it. */
  #levelForKey(key: string): Level | undefined {
    const k = key.toLocaleLowerCase();
    return (
      this.#levels.find((l) => (l.short ?? l.label).toLocaleLowerCase().startsWith(k)) ??
      this.#levels.find((l) => l.label.toLocaleLowerCase().startsWith(k) || l.id.toLocaleLowerCase().startsWith(k))
    );
  }

  #openMenu(): void {
    const targets = this.#targets().filter((x) => this.#editable(x.row, x.ci));
    if (targets.length === 0) {
      if (this.#active.col > 0) this.#announce(this.readonly ? this.#words().readOnly : this.#words().notEditable);
      return;
    }
    this.#why = undefined;
    this.#menu = { targets, at: this.#active };
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const box = this.renderRoot.querySelector('.menu');
      (box?.querySelector<HTMLInputElement>('input:checked') ?? box?.querySelector<HTMLInputElement>('input'))?.focus();
    });
  }

  #openPopover(at: GridPosition): void {
    const row = this.#view[at.row];
    const model = this.#model;
    if (!row || !model) return;
    const subject = at.col > 0 ? model.subjects[at.col - 1] : undefined;
    const has = subject
      ? this.#flags.byCell.has(cellKey(row.pupil.id, subject.id))
      : this.#flags.byPupil.has(row.pupil.id) || model.subjects.some((s) => this.#flags.byCell.has(cellKey(row.pupil.id, s.id)));
    if (!has) return;
    this.#menu = undefined;
    this.#active = at;
    this.#why = { at };
    this.requestUpdate();
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>('.popover .close')?.focus();
    });
  }

  #closeDialogs(): void {
    this.#menu = undefined;
    this.#why = undefined;
    this.#moveTo(this.#active);
  }

  readonly #onDialogKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.#closeDialogs();
    } else if (event.key === 'Tab' && this.#menu) {
      // The level menu is modal: Tab cycles through its controls.
      const box = event.currentTarget as HTMLElement;
      const stops = [...box.querySelectorAll<HTMLElement>('input:checked, input[type="radio"]:not([name="level"]), textarea, button')];
      const radios = [...box.querySelectorAll<HTMLInputElement>('input[name="level"]')];
      const firstStop = radios.find((r) => r.checked) ?? radios[0];
      const all = [...new Set([firstStop, ...stops].filter((x): x is HTMLElement => x !== undefined))];
      const at = all.indexOf(this.shadowRoot?.activeElement as HTMLElement);
      const next = event.shiftKey ? (at <= 0 ? all.length - 1 : at - 1) : at === all.length - 1 ? 0 : at + 1;
      if (at === -1 || (event.shiftKey && at === 0) || (!event.shiftKey && at === all.length - 1)) {
        event.preventDefault();
        all[next]?.focus();
      }
    }
  };

  readonly #onMenuSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const to = data.get('level');
    const raw = data.get('note');
    const note = typeof raw === 'string' ? raw.trim() : '';
    const targets = this.#menu?.targets ?? [];
    this.#menu = undefined;
    if (typeof to === 'string') void this.setLevel(targets, to, note || undefined);
    this.#moveTo(this.#active);
  };

  // ---- editing ---------------------------------------------------------------

  /**
   * Sets a level on cells, as the keyboard, the menu and the toolbar do: one
   * cancelable `ontrack-status-change` per cell, then the write. Returns the
   * writes' outcomes (true: stored).
   */
  setLevel(targets: readonly GridTarget[], to: string, note?: string): Promise<boolean[]> {
    const t = this.#words();
    const undo: UndoItem[] = [];
    const writes: Promise<boolean>[] = [];
    let vetoed: GridTarget | undefined;
    let refused = 0;
    for (const target of targets) {
      const { row, ci } = target;
      if (!this.#editable(row, ci)) {
        refused++;
        continue;
      }
      const before = this.#statusOf(row, ci);
      if (before.status === to && before.source === 'recorded' && note === undefined) continue;
      const detail = { pupilId: row.pupil.id, subjectId: before.subjectId, from: before.status, to, ...(note === undefined ? {} : { note }) };
      if (!emit(this, 'ontrack-status-change', detail, { cancelable: true })) {
        vetoed = target;
        continue;
      }
      const { done, local } = this.#write(row, ci, before, to, note);
      writes.push(done);
      undo.push({ row, ci, before, ...(local ? { local } : {}) });
    }
    if (undo.length > 0) {
      this.#undoStack.push(undo);
      if (this.#undoStack.length > UNDO_DEPTH) this.#undoStack.shift();
    }
    if (vetoed) this.#announce(t.vetoed(vetoed.row.name, this.#subjectName(vetoed.ci)));
    else if (refused > 0 && undo.length === 0) this.#announce(this.readonly ? t.readOnly : t.notEditable);
    this.#statusesChanged(undo);
    if (undo.every((item) => item.local !== undefined)) {
      // Standalone edits are stored already: announce them in the same update as the cells (one render, not two).
      const results = undo.map(() => true);
      this.#announceStored(undo, to, results);
      return Promise.resolve(results);
    }
    return this.#announceSaved(undo, to, writes);
  }

  /** Sets one pupil's status in one subject, as if a teacher typed it (events, adapter, pending, undo). */
  setStatus(pupilId: string, subjectId: string, to: string, note?: string): Promise<boolean[]> {
    const row = this.#model && rowOf(this.#model, pupilId);
    const ci = this.#model?.subjects.findIndex((s) => s.id === subjectId) ?? -1;
    if (!row || ci < 0) return Promise.resolve([]);
    return this.setLevel([{ row, ci }], to, note);
  }

  async #announceSaved(items: readonly UndoItem[], to: string, writes: readonly Promise<boolean>[]): Promise<boolean[]> {
    const results = await Promise.all(writes);
    this.#announceStored(items, to, results);
    return results;
  }

  /** Announces what the writes stored (nothing when none did). */
  #announceStored(items: readonly UndoItem[], to: string, results: readonly boolean[]): void {
    const t = this.#words();
    const saved = results.filter(Boolean).length;
    const first = items[0];
    if (saved === 0 || !first) return;
    if (items.length === 1) this.#announce(t.saved(first.row.name, this.#subjectName(first.ci), this.#levelName(to)));
    else if (saved === items.length) this.#announce(t.savedMany(saved, this.#levelName(to)));
  }

  #subjectName(ci: number): string {
    return this.#model?.subjects[ci]?.name ?? '';
  }

  #write(row: GridRow, ci: number, before: StatusEntry, to: string, note?: string): { readonly done: Promise<boolean>; readonly local?: Judgement } {
    const { pupilId, subjectId } = before;
    const key = cellKey(pupilId, subjectId);
    const input = { pupilId, subjectId, status: to, recordedBy: this.user, ...(note === undefined ? {} : { note }) } satisfies JudgementInput;
    this.#failed.delete(key);
    if (!this.#ctl.canRecord) {
      // Standalone: a local copy, so nothing the teacher did disappears; the host heard it through the event.
      const judgement: Judgement = { ...input, recordedAt: new Date().toISOString() };
      this.#local.push(judgement);
      this.#store(row, ci, { pupilId, subjectId, status: to, source: 'recorded' });
      this.#noteFor(key, note);
      emit(this, 'ontrack-status-saved', { pupilId, subjectId, judgement, local: true });
      return { done: Promise.resolve(true), local: judgement };
    }
    const gen = (this.#gens.get(key) ?? 0) + 1;
    this.#gens.set(key, gen);
    this.#pending.set(key, { to, gen });
    const latest = (): boolean => this.#gens.get(key) === gen;
    const done = this.#ctl.record(input).then(
      (judgement) => {
        if (latest()) {
          this.#pending.delete(key);
          this.#store(row, ci, { pupilId, subjectId, status: judgement.status, source: 'recorded' });
          this.#noteFor(key, judgement.note);
        }
        emit(this, 'ontrack-status-saved', { pupilId, subjectId, judgement, local: false });
        this.#statusesChanged([{ row, ci }]);
        return true;
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        if (latest()) {
          this.#pending.delete(key);
          this.#failed.set(key, reason);
        }
        const restored = this.#statusOf((this.#model && rowOf(this.#model, pupilId)) ?? row, ci);
        this.#announce(this.#words().rolledBack(row.name, this.#subjectName(ci), reason, this.#levelName(restored.status)));
        emit(this, 'ontrack-status-rollback', { pupilId, subjectId, from: before.status, to, reason });
        this.#statusesChanged([{ row, ci }]);
        return false;
      },
    );
    return { done };
  }

  /**
   * Undoes the last change (all the cells it set). Standalone, the cells go
   * back exactly as they were; through an adapter the earlier levels are
   * recorded again, since history is append-only.
   */
  undo(): Promise<boolean[]> {
    const t = this.#words();
    const last = this.#undoStack.pop();
    if (!last) {
      this.#announce(t.nothingToUndo);
      return Promise.resolve([]);
    }
    const writes: Promise<boolean>[] = [];
    for (const item of last) {
      const { row, ci, before } = item;
      const now = this.#statusOf(row, ci);
      if (item.local) {
        const detail = { pupilId: before.pupilId, subjectId: before.subjectId, from: now.status, to: before.status ?? now.status ?? '' };
        if (before.status !== null && !emit(this, 'ontrack-status-change', detail, { cancelable: true })) continue;
        const i = this.#local.indexOf(item.local);
        if (i >= 0) this.#local.splice(i, 1);
        this.#store(row, ci, before);
        writes.push(Promise.resolve(true));
      } else if (before.status !== null) {
        const detail = { pupilId: before.pupilId, subjectId: before.subjectId, from: now.status, to: before.status };
        if (!emit(this, 'ontrack-status-change', detail, { cancelable: true })) continue;
        writes.push(this.#write(row, ci, now, before.status).done);
      }
    }
    this.#announce(t.undone(last.length));
    this.#statusesChanged(last);
    return Promise.all(writes);
  }

  #store(row: GridRow, ci: number, entry: StatusEntry): void {
    if (this.#model) cellsOf(this.#model, row)[ci] = entry;
  }

  #noteFor(key: string, note: string | undefined): void {
    if (note) this.#model?.notes.set(key, note);
    else this.#model?.notes.delete(key);
  }

  #announce(text: string): void {
    // A changed string is announced again even when the words repeat.
    this.#announcement = this.#announcement === text ? `${text}\u00a0` : text;
    this.requestUpdate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ontrack-status-grid': OnTrackStatusGrid;
  }
}
