import { ContextProvider } from '@lit/context';
import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  cellKey, defaultPolicy, evaluate, todayUtc, type CohortFilter, type EvaluationResult, type Judgement, type JudgementInput, type Scope,
  type TrackingAdapter, type TrackingChange, type TrackingDataset, type TrackingPolicy,
} from '@ontrack/rules';
import { emit } from '../shared/emit.js';
import { onTrackContext, type ChartFigures, type LoadStatus, type OnTrackContextValue } from '../shared/contexts.js';
import { withJudgements } from '../shared/live-statuses.js';
import { chartFigures } from '../shared/figures.js';
import { sameKey } from '../shared/same-key.js';

/**
 * Holds the adapter, the policy and the evaluation date, loads the data for its
 * scope and gives all of it to the OnTrack elements inside it, following
 * changes made elsewhere through the adapter's `subscribe`.
 *
 * @slot - The OnTrack elements (and anything else) that use this provider.
 *
 * @example
 * ```html
 * <ontrack-provider date="2026-11-16">
 *   <ontrack-status-grid></ontrack-status-grid>
 * </ontrack-provider>
 * <script type="module">
 *   document.querySelector('ontrack-provider').adapter = createMemoryAdapter(generateSchool({ seed: 1, pupils: 30 }));
 * </script>
 * ```
 */
@customElement('ontrack-provider')
export class OnTrackProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The host's data adapter. Setting it loads the data. */
  @property({ attribute: false }) accessor adapter: TrackingAdapter | undefined = undefined;

  /** The trust's policy; the default policy when unset. */
  @property({ attribute: false }) accessor policy: TrackingPolicy = defaultPolicy;

  /** Evaluation date (`YYYY-MM-DD`); today (UTC) when unset. */
  @property() accessor date: string = todayUtc();

  /** Which pupils to load: a school, year group or class. */
  @property({ attribute: false }) accessor scope: Scope = {};

  /**
   * Computes the evaluation (statuses, interventions, summary) the elements
   * show: the engine's `evaluate` by default, a host's own (a server's, say),
   * one that runs off the main thread (`createWorkerEvaluator`, for large
   * trusts), or none when set to `undefined`. It runs just after each change,
   * not in the middle of it, so an edit shows at once and its interventions a
   * moment later; it may return a promise.
   */
  @property({ attribute: false }) accessor evaluator: Evaluator | undefined = evaluate;

  /**
   * A cohort every element inside narrows to (school, year group, class,
   * subject, policy groups): the gauges and trends count only it and the grid
   * lists only its pupils. Elements intersect it with their own `filter`.
   */
  @property({ attribute: false }) accessor filter: CohortFilter = {};

  private held: TrackingDataset | undefined;
  private evaluated: { readonly key: readonly unknown[]; readonly result: EvaluationResult | undefined; readonly seq: number } | undefined;
  private pendingKey: readonly unknown[] | undefined;
  private loadStatus: LoadStatus = 'idle';
  private loadError: Error | undefined;
  private loadToken = 0;
  private unsubscribe: (() => void) | undefined;
  /** Of the held data: pupil ids, and keys of the judgements folded in (built once per load, on the first change). */
  private known: { readonly pupils: ReadonlySet<string>; readonly judgements: Set<string> } | undefined;

  /** Evaluations asked for so far: each carries its number, so that answers landing out of order keep the newest. */
  private requestCount = 0;
  private madeFigures: { readonly key: readonly unknown[]; readonly figures: ChartFigures } | undefined;

  private readonly context = new ContextProvider(this, { context: onTrackContext, initialValue: this.snapshot() });

  /**
   * The latest evaluation of the held data (statuses, interventions, summary)
   * the elements were given; undefined until the first one is done.
   */
  get evaluation(): EvaluationResult | undefined {
    return this.evaluated?.result;
  }

  /** The provider's current load state. */
  get status(): LoadStatus {
    return this.loadStatus;
  }

  private snapshot(): OnTrackContextValue {
    return {
      adapter: this.adapter,
      policy: this.policy,
      date: this.date,
      status: this.loadStatus,
      dataset: this.held,
      error: this.loadError,
      evaluation: this.currentEvaluation(),
      filter: this.filter,
      reload: () => {
        void this.load();
      },
      record: (judgement) => this.record(judgement),
      figures: this.figures(),
    };
  }

  /** The charts' figures over the held data: one object per dataset, policy, date and filter. */
  private figures(): ChartFigures | undefined {
    const key = [this.held, this.policy, this.date, this.filter];
    if (!this.held) return undefined;
    const made = this.madeFigures;
    if (made && sameKey(made.key, key)) return made.figures;
    const figures = chartFigures(this.held, this.policy, this.date, this.filter);
    this.madeFigures = { key, figures };
    return figures;
  }

  /**
   * The evaluation of the held data, computed once per dataset, policy, date
   * and evaluator, in a task of its own; until then the previous one stands.
   */
  private currentEvaluation(): EvaluationResult | undefined {
    const key = [this.held, this.policy, this.date, this.evaluator];
    const done = this.evaluated;
    if (done && sameKey(done.key, key)) return done.result;
    if (sameKey(this.pendingKey, key)) return done?.result;
    this.pendingKey = key;
    const seq = ++this.requestCount;
    setTimeout(() => {
      if (this.pendingKey !== key) return;
      this.pendingKey = undefined;
      void this.runEvaluation(key, seq);
    }, 0);
    return done?.result;
  }

  private async runEvaluation(key: readonly unknown[], seq: number): Promise<void> {
    const [held, policy, date, evaluator] = [this.held, this.policy, this.date, this.evaluator];
    let result: EvaluationResult | undefined;
    if (held && evaluator) {
      try {
        result = await evaluator(held, policy, { date });
      } catch (error) {
        // A policy the engine cannot run must not take the grid down: statuses still show, without interventions.
        console.error('ontrack-provider: evaluation failed', error);
      }
    }
    // A slower, older evaluation never replaces a newer one.
    if ((this.evaluated?.seq ?? 0) > seq) return;
    this.evaluated = { key, result, seq };
    this.publish();
  }

  /** Stores a judgement through the adapter and folds the stored one into the held data. */
  private async record(judgement: JudgementInput): Promise<Judgement> {
    const adapter = this.adapter;
    if (!adapter) throw new Error('No adapter to record through');
    const stored = await adapter.recordJudgement(judgement);
    this.apply({ type: 'judgement', judgement: stored });
    return stored;
  }

  private publish(): void {
    this.context.setValue(this.snapshot(), true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('adapter') || changed.has('scope')) {
      this.listen();
      void this.load();
    } else if (changed.has('policy') || changed.has('date') || changed.has('evaluator') || changed.has('filter')) {
      this.publish();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.adapter && !this.unsubscribe) this.listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private listen(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.adapter?.subscribe((change) => {
      this.apply(change);
    });
  }

  /** Folds a change from the adapter into the held dataset. */
  private apply(change: TrackingChange): void {
    const data = this.held;
    if (!data) return;
    if (change.type === 'judgement') {
      const j = change.judgement;
      this.known ??= {
        pupils: new Set(data.pupils.map((p) => p.id)),
        judgements: new Set(data.judgements.map(judgementKey)),
      };
      if (!this.known.pupils.has(j.pupilId)) return;
      // The adapter may tell subscribers about our own write before `recordJudgement` resolves: fold it in once.
      const key = judgementKey(j);
      if (this.known.judgements.has(key)) return;
      this.known.judgements.add(key);
      // Derived, not rebuilt: the elements update their statuses and counts by this one judgement.
      this.held = withJudgements(data, [j]);
    } else {
      this.held = { ...data, snapshots: [...data.snapshots, change.snapshot] };
    }
    this.publish();
  }

  private async load(): Promise<void> {
    const token = ++this.loadToken;
    const adapter = this.adapter;
    if (!adapter) {
      this.loadStatus = 'idle';
      this.held = undefined;
      this.publish();
      return;
    }
    this.loadStatus = 'loading';
    this.loadError = undefined;
    this.publish();
    try {
      const data = await adapter.load(this.scope);
      if (token !== this.loadToken) return;
      this.held = data;
      this.known = undefined;
      this.loadStatus = 'ready';
    } catch (error) {
      if (token !== this.loadToken) return;
      this.loadError = error instanceof Error ? error : new Error(String(error));
      this.loadStatus = 'error';
    }
    this.publish();
    emit(this, 'ontrack-load', { status: this.loadStatus });
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}

/** How the provider evaluates its data: `evaluate` from `@ontrack/rules`, a worker's (`createWorkerEvaluator`), or a host's own. */
export type Evaluator = (dataset: TrackingDataset, policy: TrackingPolicy, options: { readonly date: string }) => EvaluationResult | Promise<EvaluationResult>;

/** What makes two judgements the same record: who set which cell to what, when. */
function judgementKey(j: Judgement): string {
  return `${cellKey(j.pupilId, j.subjectId)}\u0000${j.recordedAt}\u0000${j.status}\u0000${j.recordedBy}`;
}

/** Sent when the provider has finished loading, successfully or not. */
export interface LoadDetail {
  readonly status: LoadStatus;
}

declare global {
  interface HTMLElementTagNameMap {
    'ontrack-provider': OnTrackProvider;
  }
  interface HTMLElementEventMap {
    'ontrack-load': CustomEvent<LoadDetail>;
  }
}
