// Example 02: `node examples/02-react/serve.mjs` — bundles main.tsx with esbuild
// (React, the @ontrack/elements/react wrappers) and serves it under a strict CSP.
import { fileURLToPath } from 'node:url';
import { runIfMain, serveExample } from '../shared/serve-example.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Starts the example; resolves with `{ server, url }`. */
export function start({ port, host } = {}) {
  return serveExample({ root, entry: 'main.tsx', port, host });
}

await runIfMain(import.meta.url, '02-react', start);
