import { createContext } from '@lit/context';
import type { CohortFilter, EvaluationResult, Judgement, JudgementInput, TrackingAdapter, TrackingDataset, TrackingPolicy } from '@ontrack/rules';

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
}

/** Context key of the provider; consumers subscribe to it through `DataController`. */
export const onTrackContext = createContext<OnTrackContextValue>(Symbol.for('ontrack-context'));
