import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import manifest from '../packages/elements/custom-elements.json' with { type: 'json' };
import './themes.css';

// Controls and docs pages come from the manifest `npm run analyze` generates from the JSDoc.
setCustomElementsManifest(manifest);

/**
 * Wraps every story in the toolbar's choices: a theme (light, dark, or the
 * high-contrast token set), a direction and a language. The elements read
 * `lang` from their nearest ancestor and follow `dir` for layout and arrow keys.
 */
const withOnTrackGlobals: Decorator = (story, context): TemplateResult => {
  const theme = String(context.globals['theme'] ?? 'light');
  const dir = String(context.globals['dir'] ?? 'ltr');
  const locale = String(context.globals['locale'] ?? 'en');
  return html`<div class="ontrack-story theme-${theme}" dir=${dir} lang=${locale}>${story()}</div>`;
};

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
  globalTypes: {
    theme: {
      description: 'Colour theme',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'high-contrast', title: 'High contrast' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left (RTL)' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language of the elements’ words',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'cy', title: 'Cymraeg (Welsh)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', dir: 'ltr', locale: 'en' },
  decorators: [withOnTrackGlobals],
};
export default preview;
