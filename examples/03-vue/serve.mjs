// Example 03: `node examples/03-vue/serve.mjs` — bundles main.ts with esbuild
// (Vue's runtime-only build: no template compiler, no eval) and serves it under a strict CSP.
import { fileURLToPath } from 'node:url';
import { runIfMain, serveExample } from '../shared/serve-example.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Starts the example; resolves with `{ server, url }`. */
export function start({ port, host } = {}) {
  return serveExample({ root, entry: 'main.ts', port, host });
}

await runIfMain(import.meta.url, '03-vue', start);
