// Runs the reference server on its own: `node --import tsx examples/server/main.ts [--db FILE] [--port N]`.
// Prints one line, `listening <url>`, once it accepts requests (tests start it as a child process).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from './start.js';

const { values } = parseArgs({ options: { db: { type: 'string', default: 'examples/server/data/ontrack.sqlite' }, port: { type: 'string', default: '0' } } });
mkdirSync(dirname(values.db), { recursive: true });
const server = await startServer({ dbFile: values.db, port: Number(values.port) });
console.log(`listening ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
