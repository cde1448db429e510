// A tiny static server shared by the numbered examples: loopback only, a strict
// Content-Security-Policy (no eval, no inline style; an inline <script> is
// allowed only by its own sha256 hash), optional esbuild bundle of a TypeScript
// entry served as /main.js. Plain JavaScript so `node examples/…/serve.mjs`
// needs no build step.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The repository root (the examples are served from inside it). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The sha256 CSP sources of every inline <script> (import maps and module scripts) in a page. */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(`'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`);
  }
  return hashes;
}

/** The policy every example is served under; `scripts` adds hash sources. */
export function contentSecurityPolicy(scripts = []) {
  return [
    "default-src 'none'",
    `script-src 'self' ${scripts.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Bundles a TypeScript/TSX entry (and the packages' sources) into one ES module. */
export async function bundle(entry, { conditions = ['source', 'browser', 'production'] } = {}) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    minify: true,
    sourcemap: 'inline',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** Reads a file under `base`, refusing anything that normalises outside it. */
export async function readUnder(base, path) {
  const file = normalize(join(base, decodeURIComponent(path)));
  if (!file.startsWith(base.endsWith(sep) ? base : base + sep)) return undefined;
  const type = TYPES[extname(file)];
  if (!type) return undefined;
  try {
    return { type, body: await readFile(file) };
  } catch {
    return undefined;
  }
}

/**
 * Starts an example's server.
 * - `root`: the example's folder (its index.html, css, plain js).
 * - `entry`: optional TypeScript entry bundled once at start and served as /main.js.
 * - `routes(pathname)`: optional extra responses ({ type, body } or undefined).
 * Resolves with `{ server, url }`.
 */
export async function serveExample({ root, entry, routes, port = Number(process.env.PORT ?? 8080), host = '127.0.0.1' }) {
  const js = entry ? await bundle(join(root, entry)) : undefined;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const headers = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };
    let found;
    if (path === '/main.js' && js !== undefined) found = { type: TYPES['.js'], body: js };
    else found = (await routes?.(path)) ?? (path.endsWith('.mjs') ? undefined : await readUnder(root, path));
    if (!found) {
      res.writeHead(path === '/favicon.ico' ? 204 : 404, { ...headers, 'Content-Security-Policy': contentSecurityPolicy() }).end();
      return;
    }
    const hashes = found.type.startsWith('text/html') ? inlineScriptHashes(String(found.body)) : [];
    res.writeHead(200, { ...headers, 'Content-Security-Policy': contentSecurityPolicy(hashes), 'Content-Type': found.type });
    res.end(found.body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}/`;
  return { server, url };
}

/** Runs `start()` when the calling module is the script node was asked to run, and prints the URL. */
export async function runIfMain(moduleUrl, name, start) {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  const { url } = await start({});
  console.log(`OnTrack example ${name}: ${url}  (Ctrl+C to stop)`);
}
