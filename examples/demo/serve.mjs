// `npm start`: bundles the demo with esbuild and serves it on loopback with a
// strict Content-Security-Policy (no inline script, no eval). No build step needed.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Bundles main.ts (and the packages' TypeScript sources) into one ES module. */
export async function bundle() {
  const result = await build({
    entryPoints: [join(root, 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source', 'browser', 'production'],
    minify: true,
    sourcemap: 'inline',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** Starts the demo server; resolves with it and its URL. */
export async function startDemo({ port = Number(process.env.PORT ?? 8080), host = '127.0.0.1' } = {}) {
  const js = await bundle();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };
    if (path === '/favicon.ico') {
      res.writeHead(204, headers).end();
      return;
    }
    if (path === '/main.js') {
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.js'] });
      res.end(js);
      return;
    }
    const file = normalize(join(root, path));
    const type = TYPES[extname(file)];
    if (!file.startsWith(root) || !type || file.endsWith('.mjs')) {
      res.writeHead(404, headers).end('Not found');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': type });
      res.end(body);
    } catch {
      res.writeHead(404, headers).end('Not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}/`;
  return { server, url };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startDemo();
  console.log(`OnTrack demo: ${url}  (Ctrl+C to stop)`);
}
