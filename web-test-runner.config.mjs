import { createRequire } from 'node:module';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { build } from 'esbuild';
import { findChrome } from './scripts/find-chrome.mjs';
import { litStaticProperties } from './scripts/lit-static-properties.mjs';

const require = createRequire(import.meta.url);

/**
 * Serves CommonJS packages (json-rules-engine, papaparse) as ESM bundles; the rollup
 * commonjs plugin loses their named exports under @web/dev-server.
 */
function cjsToEsm(ids) {
  return {
    name: 'cjs-to-esm',
    resolveImport({ source }) {
      if (ids.includes(source)) return `/__cjs__/${source}.js`;
      return undefined;
    },
    async serve(context) {
      const id = ids.find((i) => context.path === `/__cjs__/${i}.js`);
      if (!id) return undefined;
      const names = Object.keys(require(id)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
      const result = await build({
        stdin: { contents: `import * as m from '${id}'; export const { ${names.join(', ')} } = m; export default m.default ?? m;`, resolveDir: process.cwd() },
        bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}

/** The elements' decorators rewritten as the build rewrites them, so the tests run the code that ships. */
const litDecorators = {
  name: 'lit-static-properties',
  transform(context) {
    if (!/\/packages\/elements\/src\/.+(?<!\.test)\.ts$/.test(context.path) || typeof context.body !== 'string') return undefined;
    const out = litStaticProperties(context.body, context.path);
    return out ? { body: out.code } : undefined;
  },
};

const chrome = findChrome();

export default {
  files: ['packages/elements/src/**/*.test.ts', 'stories/**/*.test.ts', 'examples/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [cjsToEsm(['json-rules-engine', 'papaparse']), litDecorators, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chrome,
        headless: true,
        args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      },
    }),
  ],
};
