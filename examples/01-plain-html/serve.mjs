// Example 01: `node examples/01-plain-html/serve.mjs` (builds the packages first
// if dist/ is missing). The page itself is plain HTML: an import map and a
// <script type="module">. This script only serves files; the two CommonJS
// dependencies of @ontrack/rules are wrapped as ES modules on the fly, which a
// CDN such as esm.sh does for you in production.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { readUnder, repoRoot, runIfMain, serveExample } from '../shared/serve-example.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);
const COMMONJS = ['json-rules-engine', 'papaparse'];
const JS = 'text/javascript; charset=utf-8';

/** An ES module re-exporting a CommonJS package (its default and each named export), bundled from node_modules. */
async function esmOf(id) {
  const names = Object.keys(require(id)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
  const result = await build({
    stdin: { contents: `import * as m from '${id}'; export const { ${names.join(', ')} } = m; export default m.default ?? m;`, resolveDir: repoRoot },
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Starts the example; resolves with `{ server, url }`. */
export async function start({ port, host } = {}) {
  if (!existsSync(join(repoRoot, 'packages/elements/dist/index.js')) || !existsSync(join(repoRoot, 'packages/rules/dist/index.js'))) {
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }
  const wrapped = new Map(await Promise.all(COMMONJS.map(async (id) => [`/esm/${id}.js`, await esmOf(id)])));
  const nodeModules = join(repoRoot, 'node_modules');
  return serveExample({
    root,
    port,
    host,
    routes(path) {
      if (wrapped.has(path)) return { type: JS, body: wrapped.get(path) };
      if (path.startsWith('/node_modules/') && path.endsWith('.js')) return readUnder(nodeModules, path.slice('/node_modules/'.length));
      return undefined;
    },
  });
}

await runIfMain(import.meta.url, '01-plain-html', start);
