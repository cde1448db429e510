// What every OnTrack chart pays beyond Lit, whichever it is: the provider's
// context (@lit/context's consumer), the theme, the words and the level looks.
// The figures themselves (live statuses, breakdowns, trends) are computed by the
// provider, which the page pays for once, and are not in any chart's bundle.
import './lit.page.js';
import { ContextConsumer } from '@lit/context';
import { onTrackContext } from '../../packages/elements/src/shared/contexts.js';
import { levelLooks } from '../../packages/elements/src/shared/levels.js';
import { sectionWords } from '../../packages/elements/src/shared/messages.js';
import { themeStyles } from '../../packages/elements/src/shared/theme.styles.js';

/** Kept, so the bundler cannot drop any of it. */
export const core = [ContextConsumer, onTrackContext, themeStyles, sectionWords, levelLooks];
