import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  defaultDisplayPolicy, todayUtc, type CohortFilter, type EvaluationResult, type Intervention, type Judgement, type JudgementInput,
  type TrackingDataset, type TrackingPolicy,
} from '@ontrack/rules';
import { onTrackContext, type LoadStatus, type OnTrackContextValue } from './contexts.js';

/** One empty list, so that "no interventions" is the same value on every read. */
const NONE: readonly Intervention[] = Object.freeze([]);
/** The empty filter: everyone. */
const NO_FILTER: CohortFilter = Object.freeze({});

/** The properties a component may be given directly, overriding the provider. */
export interface DataProps {
  data?: TrackingDataset | undefined;
  policy?: TrackingPolicy | undefined;
  date?: string | undefined;
  /** Interventions to show; when unset, the provider's evaluation's. */
  interventions?: readonly Intervention[] | undefined;
}

/**
 * The one way data reaches a component: its own properties when set, else the
 * nearest `<ontrack-provider>`. Components never fetch.
 */
export class DataController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement & DataProps;
  private readonly consumer: ContextConsumer<typeof onTrackContext, ReactiveControllerHost & HTMLElement>;

  constructor(host: ReactiveControllerHost & HTMLElement & DataProps) {
    this.host = host;
    this.consumer = new ContextConsumer(host, { context: onTrackContext, subscribe: true });
    host.addController(this);
  }

  hostConnected(): void {
    // The consumer requests the context itself; nothing else to do.
  }

  private get provided(): OnTrackContextValue | undefined {
    return this.consumer.value;
  }

  /** The dataset to show: the property, else the provider's. */
  get dataset(): TrackingDataset | undefined {
    return this.host.data ?? this.provided?.dataset;
  }

  /**
   * The policy: the property, else the provider's, else the default policy's
   * levels, groups and numbers (`defaultDisplayPolicy`: components show statuses
   * and never run rules, so the default rules stay out of their bundles).
   */
  get policy(): TrackingPolicy {
    return this.host.policy ?? this.provided?.policy ?? defaultDisplayPolicy;
  }

  get date(): string {
    return this.host.date ?? this.provided?.date ?? todayUtc();
  }

  /** The provider's evaluation, when the component shows the provider's data. */
  get evaluation(): EvaluationResult | undefined {
    return this.host.data ? undefined : this.provided?.evaluation;
  }

  /** The provider's filter when the element shows the provider's data; else the empty filter. */
  get sharedFilter(): CohortFilter {
    return (this.host.data ? undefined : this.provided?.filter) ?? NO_FILTER;
  }

  /** Interventions: the property, else the provider's evaluation's, else none. */
  get interventions(): readonly Intervention[] {
    return this.host.interventions ?? this.evaluation?.interventions ?? NONE;
  }

  /**
   * True when edits are written through the provider's adapter; false when the
   * component works on plain data given by property (edits stay local).
   */
  get canRecord(): boolean {
    return !this.host.data && this.provided?.record !== undefined && this.provided.adapter !== undefined;
  }

  /** Stores a judgement through the provider's adapter; rejects when there is none. */
  record(judgement: JudgementInput): Promise<Judgement> {
    const record = this.canRecord ? this.provided?.record : undefined;
    if (!record) return Promise.reject(new Error('No adapter to record through'));
    return record(judgement);
  }

  /** `ready` when given data by property; else the provider's state, `idle` with no provider. */
  get status(): LoadStatus {
    if (this.host.data) return 'ready';
    return this.provided?.status ?? 'idle';
  }

  get error(): Error | undefined {
    return this.host.data ? undefined : this.provided?.error;
  }

  /** Asks the provider to load again. */
  reload(): void {
    this.provided?.reload();
  }
}

const SCALARS = ['schoolId', 'yearGroup', 'classId', 'subjectId'] as const;

/**
 * The cohort in both filters: every field of each applies; groups add up;
 * named pupils must be in both lists. Two different values of one field (class
 * 3A and class 4B) leave nobody (`pupilIds: []`).
 */
export function intersectFilters(a: CohortFilter, b: CohortFilter): CohortFilter {
  if (Object.keys(a).length === 0) return b;
  if (Object.keys(b).length === 0) return a;
  const out: { -readonly [K in keyof CohortFilter]: CohortFilter[K] } = {};
  let nobody = false;
  for (const key of SCALARS) {
    const x = a[key];
    const y = b[key];
    if (x !== undefined && y !== undefined && x !== y) nobody = true;
    const v = x ?? y;
    if (v !== undefined) (out as Record<string, string>)[key] = v;
  }
  const union = (p?: readonly string[], q?: readonly string[]): string[] | undefined => (p || q ? [...new Set([...(p ?? []), ...(q ?? [])])] : undefined);
  const groups = union(a.groups, b.groups);
  if (groups) out.groups = groups;
  const notGroups = union(a.notGroups, b.notGroups);
  if (notGroups) out.notGroups = notGroups;
  if (a.pupilIds && b.pupilIds) {
    const keep = new Set(b.pupilIds);
    out.pupilIds = a.pupilIds.filter((id) => keep.has(id));
  } else {
    const only = a.pupilIds ?? b.pupilIds;
    if (only) out.pupilIds = only;
  }
  if (nobody) out.pupilIds = [];
  return out;
}
