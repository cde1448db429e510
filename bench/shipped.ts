// What the browser benchmarks bundle: the packages as they ship (dist, built by
// `npm run build`: templates minified, one file per module), never their
// TypeScript sources. Pages import sources by relative path (so they typecheck
// without a build); this esbuild plugin sends each such import to its built file.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';

/** esbuild plugin: `…/packages/<pkg>/src/<x>.js` → `…/packages/<pkg>/dist/<x>.js`; fails if that was not built. */
export const shippedPackages: Plugin = {
  name: 'shipped-packages',
  setup(build) {
    build.onResolve({ filter: /packages\/(rules|elements)\/src\// }, (args) => {
      const file = resolve(args.resolveDir, args.path).replace(/\/packages\/(rules|elements)\/src\//, '/packages/$1/dist/').replace(/\.ts$/, '.js');
      if (!existsSync(file)) return { errors: [{ text: `${file} is not built: run \`npm run build\` first` }] };
      return { path: file };
    });
  },
};

/** Package export conditions for a production browser bundle of the built packages (no `source`). */
export const SHIPPED_CONDITIONS = ['browser', 'production'];
