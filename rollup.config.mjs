// Builds both packages as ESM with .d.ts; `rollup -c --configSize` builds the
// size bundles (everything inlined, minified) that `npm run size` and the
// benchmarks measure.
import { readFileSync, rmSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { transform } from 'esbuild';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { litStaticProperties } from './scripts/lit-static-properties.mjs';

const pkg = (dir) => JSON.parse(readFileSync(new URL(`./packages/${dir}/package.json`, import.meta.url), 'utf8'));

/** Entry points of their own, so a page that shows one element ships only that element (and Welsh only when asked for). */
const ELEMENT_ENTRIES = [
  'provider/provider', 'status-grid/status-grid', 'cohort-gauge/cohort-gauge', 'trend-chart/trend-chart', 'locales/cy', 'worker/worker-evaluator',
  // Not in the exports map: an entry only so that its benchmark switch (`setIncrementalUpdates`) is kept.
  'shared/live-statuses',
];

const ESBUILD = { loader: 'ts', target: 'es2022', format: 'esm' };

/**
 * TypeScript → ES2022 by esbuild: type-only syntax removed; Lit's decorators are
 * first rewritten as the `static properties` Lit documents, so nothing is lowered.
 * Types are checked by `npm run typecheck`; declarations come from `tsc` (`npm run build:types`).
 */
function typescriptByEsbuild() {
  return {
    name: 'typescript-by-esbuild',
    async resolveId(source, importer) {
      // Relative imports name the .js a module becomes; the source is the .ts beside it.
      if (!importer?.endsWith('.ts') || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const resolved = await this.resolve(source.replace(/\.js$/, '.ts'), importer, { skipSelf: true });
      return resolved ?? null;
    },
    async transform(source, id) {
      if (!id.endsWith('.ts')) return null;
      // Lit's decorators become `static properties` first (see scripts/lit-static-properties.mjs).
      const code = litStaticProperties(source, id)?.code ?? source;
      const out = await transform(code, {
        ...ESBUILD,
        sourcemap: true,
        sourcefile: id,
        tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: true } },
      });
      return { code: out.code, map: out.map };
    },
  };
}

function lib(dir, entries) {
  rmSync(new URL(`./packages/${dir}/dist`, import.meta.url), { recursive: true, force: true });
  const deps = Object.keys({ ...pkg(dir).dependencies, ...pkg(dir).peerDependencies });
  return {
    input: Object.fromEntries(entries.map((e) => [e, `packages/${dir}/src/${e === 'cli' ? 'cli/main' : e}.ts`])),
    output: {
      dir: `packages/${dir}/dist`,
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      // One file per module, as Lit ships: a host's bundler keeps exactly the modules
      // it uses (package.json `sideEffects` names the few that must stay).
      preserveModules: true,
      preserveModulesRoot: `packages/${dir}/src`,
    },
    external: (id) => id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(`${d}/`)),
    plugins: [
      typescriptByEsbuild(),
      // Lit's own builds ship minified templates; ours too: the CSS and markup in
      // css`` / html`` / svg`` literals lose their whitespace and comments.
      ...(dir === 'elements' ? [minifyLiterals({ failOnError: true })] : []),
    ],
  };
}

const quiet = (warning, warn) => {
  if (warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

function sizeBundle(name, input, external = []) {
  return {
    input,
    external,
    // One file per entry even where the code imports lazily (the size of everything it can load).
    output: { file: `.cache/size/${name}.js`, format: 'es', inlineDynamicImports: true },
    onwarn: quiet,
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['browser', 'production', 'default'] }),
      commonjs(),
      terser({ format: { comments: false } }),
    ],
  };
}

const sizeBundles = [
  sizeBundle('rules', 'packages/rules/dist/index.js'),
  sizeBundle('elements', 'packages/elements/dist/index.js'),
  // React itself is the host's; the entry's own cost is the wrappers and @lit/react.
  sizeBundle('elements-react', 'packages/elements/dist/react.js', ['react']),
  // One element at a time (each with Lit and the @ontrack/rules parts it uses).
  ...ELEMENT_ENTRIES.filter((e) => e !== 'shared/live-statuses').map((e) => sizeBundle(`elements-${e.split('/').at(-1)}`, `packages/elements/dist/${e}.js`)),
  sizeBundle('elements-evaluate-worker', 'packages/elements/dist/evaluate-worker.js'),
];

/**
 * The evaluation worker, self-contained (the rules engine inside, from its
 * sources): a worker cannot use the page's import map, and one file from the
 * host's own origin is all a strict CSP (`worker-src 'self'`) has to allow.
 */
const evaluateWorker = {
  input: 'packages/elements/src/worker/evaluate-worker.ts',
  output: { file: 'packages/elements/dist/evaluate-worker.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
  onwarn: quiet,
  plugins: [
    typescriptByEsbuild(),
    nodeResolve({ browser: true, exportConditions: ['source', 'browser', 'production', 'default'], extensions: ['.ts', '.js', '.mjs', '.json'] }),
    commonjs(),
    terser({ format: { comments: false } }),
  ],
};

export default (args) =>
  args.configSize ? sizeBundles : [lib('rules', ['index', 'cli']), lib('elements', ['index', 'react', ...ELEMENT_ENTRIES]), evaluateWorker];
