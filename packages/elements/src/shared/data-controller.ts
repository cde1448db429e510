import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { defaultPolicy, todayUtc, type TrackingAdapter, type TrackingDataset, type TrackingPolicy } from '@ontrack/rules';
import { onTrackContext, type LoadStatus, type OnTrackContextValue } from './contexts.js';

/** The properties a component may be given directly, overriding the provider. */
export interface DataProps {
  data?: TrackingDataset | undefined;
  policy?: TrackingPolicy | undefined;
  date?: string | undefined;
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

  get policy(): TrackingPolicy {
    return this.host.policy ?? this.provided?.policy ?? defaultPolicy;
  }

  get date(): string {
    return this.host.date ?? this.provided?.date ?? todayUtc();
  }

  get adapter(): TrackingAdapter | undefined {
    return this.provided?.adapter;
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
