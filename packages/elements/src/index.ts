/**
 * @ontrack/elements — Lit web components for live pupil-progress tracking.
 * Importing this module registers every `ontrack-*` element.
 * @packageDocumentation
 */
export { OnTrackProvider } from './provider/provider.js';
export type { LoadDetail } from './provider/provider.js';
export { OnTrackStatusGrid } from './status-grid/status-grid.js';
export { moveFor } from './status-grid/grid-keys.js';
export type { GridPosition } from './status-grid/grid-keys.js';
export { onTrackContext } from './shared/contexts.js';
export type { OnTrackContextValue, LoadStatus } from './shared/contexts.js';
export { DataController } from './shared/data-controller.js';
export type { DataProps } from './shared/data-controller.js';
export { themeStyles } from './shared/theme.styles.js';
export { levelLooks } from './shared/levels.js';
export type { LevelLook } from './shared/levels.js';
export { en, locales, registerLocale, resolveMessages } from './shared/messages.js';
export type { Messages, MessageOverrides } from './shared/messages.js';

// Status grid, provider wiring and shared infrastructure (grid).
export type { CanEdit, GridSelection, GridTarget } from './status-grid/status-grid.js';
export type { StatusChangeDetail, StatusSavedDetail, StatusRollbackDetail } from './status-grid/status-grid.events.js';
export type { GridModel, GridRow, GridFilter, GridSort } from './status-grid/grid-model.js';
export { describeBecause } from './status-grid/grid-because.js';
export { emit } from './shared/emit.js';
export type { Evaluator } from './provider/provider.js';

// charts
export { OnTrackCohortGauge } from './cohort-gauge/cohort-gauge.js';
export { OnTrackTrendChart } from './trend-chart/trend-chart.js';
export type { TrendKind } from './trend-chart/trend-model.js';

// ── embed ──
export { cy } from './locales/cy.js';
// perf-grid: per-element words, so each element's bundle holds only its own.
export { sectionWords, gridLocales, gaugeLocales, trendLocales } from './shared/messages.js';

// embed: incremental updates, shared filters, evaluation off the main thread.
export { createWorkerEvaluator } from './worker/worker-evaluator.js';
export type { WorkerEvaluator } from './worker/worker-evaluator.js';
export type { EvaluateRequest, EvaluateResponse } from './worker/protocol.js';
export { intersectFilters } from './shared/data-controller.js';
