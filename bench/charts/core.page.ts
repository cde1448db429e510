// What every OnTrack element pays beyond Lit, whichever it is: the data
// controller (@lit/context), the theme, the words, the level looks and the
// rules functions the charts call (with the default policy they fall back to).
import './lit.page.js';
import { breakdownFromStatuses, gapBetween, groupGap, liveStatuses, round1, shareAtOrAbove, trackedSubjects } from '@ontrack/rules';
import { DataController } from '../../packages/elements/src/shared/data-controller.js';
import { levelLooks } from '../../packages/elements/src/shared/levels.js';
import { resolveMessages } from '../../packages/elements/src/shared/messages.js';
import { themeStyles } from '../../packages/elements/src/shared/theme.styles.js';

/** Kept, so the bundler cannot drop any of it. */
export const core = [DataController, themeStyles, resolveMessages, levelLooks, breakdownFromStatuses, liveStatuses, groupGap, gapBetween, shareAtOrAbove, round1, trackedSubjects];
