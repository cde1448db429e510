// Builds both packages as ESM with .d.ts; `rollup -c --configSize` builds the
// size bundles (everything inlined, minified) that `npm run size` and the
// benchmarks measure.
import { readFileSync, rmSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const pkg = (dir) => JSON.parse(readFileSync(new URL(`./packages/${dir}/package.json`, import.meta.url), 'utf8'));

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
      chunkFileNames: 'chunks/[name]-[hash].js',
      // zod-config has a side effect (see its comment); its own chunk lets package.json name it in `sideEffects`.
      manualChunks: (id) => (id.includes('zod-config') ? 'zod-config' : undefined),
    },
    external: (id) => id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(`${d}/`)),
    plugins: [typescript({ tsconfig: `packages/${dir}/tsconfig.build.json`, outputToFilesystem: true })],
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
];

export default (args) => (args.configSize ? sizeBundles : [lib('rules', ['index', 'cli']), lib('elements', ['index', 'react'])]);
