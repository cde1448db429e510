// `npm start`: starts the OnTrack reference server (Fastify + SQLite) with a
// seeded school and one user per role, and serves the demo page from it. The
// page reads and writes through the HTTP adapter, so an edit survives a
// restart. Strict Content-Security-Policy on every answer (no inline script,
// no eval). The server is TypeScript: run under tsx (`node --import tsx`).
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from '../shared/serve-example.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const DEFAULT_DB = fileURLToPath(new URL('../server/data/demo.sqlite', import.meta.url));

/**
 * Starts the reference server with the demo page; resolves with it, its URL and
 * the demo users. `dbFile` is the SQLite file (created and seeded when new).
 */
export async function startDemo({ port = Number(process.env.PORT ?? 8080), host = '127.0.0.1', dbFile = process.env.ONTRACK_DB ?? DEFAULT_DB } = {}) {
  const { startServer } = await import('../server/start.ts');
  mkdirSync(dirname(dbFile), { recursive: true });
  const html = readFileSync(join(root, 'index.html'));
  // The page's script and, for the rules engine off the main thread, the worker (the page's CSP allows workers from 'self' only).
  const [main, worker] = await Promise.all([bundle(join(root, 'main.ts')), bundle(fileURLToPath(new URL('../../packages/elements/src/worker/evaluate-worker.ts', import.meta.url)))]);
  const files = new Map([
    ['/', { type: 'text/html; charset=utf-8', body: html }],
    ['/index.html', { type: 'text/html; charset=utf-8', body: html }],
    ['/demo.css', { type: 'text/css; charset=utf-8', body: readFileSync(join(root, 'demo.css')) }],
    ['/main.js', { type: 'text/javascript; charset=utf-8', body: main }],
    ['/evaluate-worker.js', { type: 'text/javascript; charset=utf-8', body: worker }],
  ]);
  const server = await startServer({ dbFile, port, host, files });
  return { server, url: `${server.url}/`, users: server.users, dbFile };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { server, url, users, dbFile } = await startDemo();
  console.log(`OnTrack demo: ${url}  (Ctrl+C to stop; data in ${dbFile})`);
  console.log('Sign in as one of (password for each shown):');
  for (const u of users) console.log(`  ${u.id.padEnd(8)} ${u.role.padEnd(8)} ${u.role === 'teacher' ? `class ${u.classes?.join(', ') ?? ''}` : u.role === 'leader' ? 'the school' : 'every school'}  password: ${u.password}`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void server.close().then(() => process.exit(0)));
}
