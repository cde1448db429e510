// Builds both packages as ESM with .d.ts; `rollup -c --configSize` builds the
// size bundles (everything inlined, minified) that `npm run size` and the
// benchmarks measure.
import { readFileSync, rmSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { transform } from 'esbuild';
import MagicString from 'magic-string';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

const pkg = (dir) => JSON.parse(readFileSync(new URL(`./packages/${dir}/package.json`, import.meta.url), 'utf8'));

/** Entry points of their own, so a page that shows one element ships only that element (and Welsh only when asked for). */
const ELEMENT_ENTRIES = [
  'provider/provider', 'status-grid/status-grid', 'cohort-gauge/cohort-gauge', 'trend-chart/trend-chart', 'locales/cy', 'worker/worker-evaluator',
  // Not in the exports map: an entry only so that its benchmark switch (`setIncrementalUpdates`) is kept.
  'shared/live-statuses',
];

/**
 * TypeScript → ES2022 by esbuild: type-only syntax removed and standard decorators
 * lowered more compactly than tsc + tslib does (what the element bundles weigh).
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
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
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

const HELPERS = '\0esbuild-helpers';
const ESBUILD = { loader: 'ts', target: 'es2022', format: 'esm' };

/** esbuild's runtime helpers (`var __x = …`) at the top level of a module: name and source range. */
function helperDeclarations(parse, code) {
  return parse(code).body.flatMap((node) =>
    node.type === 'VariableDeclaration' && node.declarations.length === 1 && node.declarations[0].id.name?.startsWith('__')
      ? [{ name: node.declarations[0].id.name, start: node.start, end: node.end }]
      : [],
  );
}

/**
 * esbuild writes its decorator helpers into every module that uses decorators
 * (≈ 1.5 KB minified each); this moves them into one shared module that every
 * element imports, so a page with three elements carries them once. The shared
 * module holds the helpers of every decorator form (a sample compiled once).
 */
function sharedEsbuildHelpers() {
  let source;
  return {
    name: 'shared-esbuild-helpers',
    resolveId: (id) => (id === HELPERS ? HELPERS : null),
    async load(id) {
      if (id !== HELPERS) return null;
      if (!source) {
        const sample = 'const d = (x: unknown) => x; @d class A { @d accessor a = 1; @d static accessor b = 1; @d accessor #c = 1; @d m() {} @d static n() {} @d #o() {} @d f = 1; @d get g() { return 1; } @d set g(v) {} }';
        const { code } = await transform(sample, ESBUILD);
        const helpers = helperDeclarations((c) => this.parse(c), code);
        source = `${helpers.map((h) => code.slice(h.start, h.end)).join('\n')}\nexport { ${helpers.map((h) => h.name).join(', ')} };\n`;
      }
      return source;
    },
    transform(code, id) {
      if (id === HELPERS || !id.endsWith('.ts')) return null;
      const helpers = helperDeclarations((c) => this.parse(c), code);
      if (helpers.length === 0) return null;
      const s = new MagicString(code);
      for (const h of helpers) s.remove(h.start, h.end);
      s.prepend(`import { ${helpers.map((h) => h.name).join(', ')} } from '${HELPERS}';\n`);
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
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
      sharedEsbuildHelpers(),
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
