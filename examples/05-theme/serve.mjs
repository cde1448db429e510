// Example 05: `node examples/05-theme/serve.mjs` — bundles main.ts with esbuild
// (OnTrack themed to a portal's look with tokens and ::part) and serves it under a strict CSP.
import { fileURLToPath } from 'node:url';
import { runIfMain, serveExample } from '../shared/serve-example.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Starts the example; resolves with `{ server, url }`. */
export function start({ port, host } = {}) {
  return serveExample({ root, entry: 'main.ts', port, host });
}

await runIfMain(import.meta.url, '05-theme', start);
