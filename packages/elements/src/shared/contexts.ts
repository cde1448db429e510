import { createContext } from '@lit/context';
import type { Breakdown, CohortFilter, EvaluationResult, Gap, Judgement, JudgementInput, TrackingAdapter, TrackingDataset, TrackingPolicy, TrendSeries } from '@ontrack/rules';

/** Where the provider is with loading its data. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What `<ontrack-provider>` gives its descendants. A new object on every change. */
export interface OnTrackContextValue {
  readonly adapter: TrackingAdapter | undefined;
  readonly policy: TrackingPolicy;
  /** Evaluation date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly status: LoadStatus;
  readonly dataset: TrackingDataset | undefined;
  readonly error: Error | undefined;
  /**
   * The engine's evaluation of `dataset` under `policy` at `date` (statuses,
   * interventions, summary); undefined until loaded or when no evaluator is available.
   */
  readonly evaluation?: EvaluationResult | undefined;
  /**
   * The cohort the provider narrows every element to (its `filter`); elements
   * intersect it with their own. Empty: everyone.
   */
  readonly filter?: CohortFilter | undefined;
  /** Loads the data again (after an error, say). */
  readonly reload: () => void;
  /**
   * Stores a judgement through the adapter and folds the stored judgement into
   * the dataset; rejects with the adapter's reason (nothing is changed then).
   */
  readonly record?: (judgement: JudgementInput) => Promise<Judgement>;
  /**
   * The figures the charts draw, computed by the provider from `dataset`,
   * `policy` and `date` for its `filter` intersected with the chart's own;
   * undefined until the data is loaded. The same object while none of those
   * change, so a chart recomputes only when the data did.
   */
  readonly figures?: ChartFigures | undefined;
}

/**
 * What a chart asks the provider for. Each call intersects the provider's
 * `filter` with the one given; a group or level the policy does not define
 * throws (`NotFoundError`), for the chart to show.
 */
export interface ChartFigures {
  /** The live breakdown of a cohort. */
  readonly breakdown: (filter: CohortFilter) => Breakdown;
  /** A policy group against the rest of the cohort (`left` the group, `right` the others). */
  readonly groupGap: (groupId: string, filter: CohortFilter) => Gap;
  /** A cohort's breakdowns at each snapshot taken by the date, then the live point labelled `liveLabel`. */
  readonly trend: (filter: CohortFilter, liveLabel: string) => TrendSeries;
  /** One pupil's level per tracked subject over the snapshots and now, and the pupil's name (undefined for an unknown id). */
  readonly trajectory: (pupilId: string, liveLabel: string) => { readonly name: string | undefined; readonly series: TrendSeries[] };
}

/** Context key of the provider; consumers subscribe to it through `DataController`. */
export const onTrackContext = createContext<OnTrackContextValue>(Symbol.for('ontrack-context'));
