import type { Judgement, LevelId } from '@ontrack/rules';

/**
 * Sent before a teacher's change is written, once per cell. Cancelable: a host
 * that calls `preventDefault()` vetoes the change and nothing is written.
 */
export interface StatusChangeDetail {
  readonly pupilId: string;
  readonly subjectId: string;
  /** The status shown before the change; null when the cell was untracked. */
  readonly from: LevelId | null;
  readonly to: LevelId;
  /** The teacher's note, when one was given in the level menu. */
  readonly note?: string;
}

/** Sent when the adapter has stored a change (or, standalone, when it was applied locally). */
export interface StatusSavedDetail {
  readonly pupilId: string;
  readonly subjectId: string;
  readonly judgement: Judgement;
  /** True when applied to the grid's local copy only (no adapter). */
  readonly local: boolean;
}

/** Sent when the adapter rejected a change and the cell went back to what it was. */
export interface StatusRollbackDetail {
  readonly pupilId: string;
  readonly subjectId: string;
  readonly from: LevelId | null;
  readonly to: LevelId;
  readonly reason: string;
}

declare global {
  interface HTMLElementEventMap {
    'ontrack-status-change': CustomEvent<StatusChangeDetail>;
    'ontrack-status-saved': CustomEvent<StatusSavedDetail>;
    'ontrack-status-rollback': CustomEvent<StatusRollbackDetail>;
  }
}
