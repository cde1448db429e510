/**
 * @ontrack/elements/react — React components wrapping the OnTrack elements,
 * made with `@lit/react`: properties are set as properties (not attributes) and
 * each `ontrack-*` event is a typed `on…` prop. Importing this module also
 * registers the elements. `react` and `@lit/react` are optional peer
 * dependencies: only hosts that import this entry need them.
 *
 * @example
 * ```tsx
 * import { OnTrackProvider, OnTrackStatusGrid } from '@ontrack/elements/react';
 * <OnTrackProvider adapter={adapter} date="2026-11-16" onLoad={(e) => console.log(e.detail.status)}>
 *   <OnTrackStatusGrid label="Year 4" />
 * </OnTrackProvider>
 * ```
 * @packageDocumentation
 */
import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import { OnTrackProvider as ProviderElement } from './provider/provider.js';
import { OnTrackStatusGrid as StatusGridElement } from './status-grid/status-grid.js';
import { OnTrackCohortGauge as CohortGaugeElement } from './cohort-gauge/cohort-gauge.js';
import { OnTrackTrendChart as TrendChartElement } from './trend-chart/trend-chart.js';

/** The typed event name of an `ontrack-*` event, for `@lit/react`'s `events` map. */
function on<K extends keyof HTMLElementEventMap>(name: K): EventName<HTMLElementEventMap[K]> {
  return name as EventName<HTMLElementEventMap[K]>;
}

const providerEvents = {
  /** `ontrack-load`: the provider finished loading (`detail.status` is `ready` or `error`). */
  onLoad: on('ontrack-load'),
};

/** `<ontrack-provider>` for React: `adapter`, `policy`, `date` and `scope` as props; `onLoad`. */
export const OnTrackProvider: ReactWebComponent<ProviderElement, typeof providerEvents> = createComponent({
  react: React,
  tagName: 'ontrack-provider',
  elementClass: ProviderElement,
  events: providerEvents,
  displayName: 'OnTrackProvider',
});

const statusGridEvents = {
  /** `ontrack-status-change`: before a teacher's change is written; call `preventDefault()` to veto it. */
  onStatusChange: on('ontrack-status-change'),
  /** `ontrack-status-saved`: the adapter stored a change. */
  onStatusSaved: on('ontrack-status-saved'),
  /** `ontrack-status-rollback`: the adapter rejected a change and the cell went back. */
  onStatusRollback: on('ontrack-status-rollback'),
};

/**
 * `<ontrack-status-grid>` for React: its properties (`data`, `policy`, `date`, `label`,
 * `messages`, `readonly`, filters…) as props; `onStatusChange`, `onStatusSaved`, `onStatusRollback`.
 */
export const OnTrackStatusGrid: ReactWebComponent<StatusGridElement, typeof statusGridEvents> = createComponent({
  react: React,
  tagName: 'ontrack-status-grid',
  elementClass: StatusGridElement,
  events: statusGridEvents,
  displayName: 'OnTrackStatusGrid',
});

/** `<ontrack-cohort-gauge>` for React: one cohort's levels against a target; its properties as props. */
export const OnTrackCohortGauge: ReactWebComponent<CohortGaugeElement> = createComponent({
  react: React,
  tagName: 'ontrack-cohort-gauge',
  elementClass: CohortGaugeElement,
  displayName: 'OnTrackCohortGauge',
});

/** `<ontrack-trend-chart>` for React: breakdowns over snapshots; its properties as props. */
export const OnTrackTrendChart: ReactWebComponent<TrendChartElement> = createComponent({
  react: React,
  tagName: 'ontrack-trend-chart',
  elementClass: TrendChartElement,
  displayName: 'OnTrackTrendChart',
});
