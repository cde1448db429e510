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
export { en, locales, resolveMessages } from './shared/messages.js';
export type { Messages, MessageOverrides } from './shared/messages.js';

// ── embed ──
export { cy } from './shared/messages.js';
