import type { StorybookConfig } from '@storybook/web-components-vite';
import { transform } from 'esbuild';
import type { Plugin } from 'vite';
import { litStaticProperties } from '../scripts/lit-static-properties.mjs';

/**
 * Vite 8 keeps standard decorators as written and Chromium cannot run them yet: the
 * elements' Lit decorators are rewritten as the build rewrites them, and esbuild
 * compiles (and lowers anything else) first.
 */
const lowerDecorators: Plugin = {
  name: 'ontrack-lower-decorators',
  enforce: 'pre',
  async transform(code, id) {
    if (!/\.ts$/.test(id) || id.includes('node_modules')) return null;
    const source = /\/packages\/elements\/src\/.+(?<!\.test)\.ts$/.test(id) ? (litStaticProperties(code, id)?.code ?? code) : code;
    const out = await transform(source, { loader: 'ts', target: 'es2022', sourcefile: id, sourcemap: true });
    return { code: out.code, map: out.map };
  },
};

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  core: { disableTelemetry: true },
  viteFinal(viteConfig) {
    viteConfig.resolve = { ...viteConfig.resolve, conditions: ['source', 'module', 'browser', 'development|production'] };
    viteConfig.plugins = [lowerDecorators, ...(viteConfig.plugins ?? [])];
    return viteConfig;
  },
};
export default config;
