import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from './app.js';
import { openDatabase } from './db.js';
import { type DemoUser, seedDemo } from './seed.js';
import type { Store } from './store.js';

/** A running reference server. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly url: string;
  readonly users: DemoUser[];
  close(): Promise<void>;
}

/**
 * Opens (and migrates) the SQLite file, seeds the demo school and users when it
 * is empty, and listens on loopback. Port 0 picks a free port.
 */
export async function startServer(
  options: { readonly dbFile: string; readonly port?: number; readonly host?: string; readonly seed?: boolean } & Omit<ServerOptions, 'db'>,
): Promise<RunningServer> {
  const db = openDatabase(options.dbFile);
  const { app, store } = buildServer({ ...options, db });
  const users = options.seed === false ? [] : seedDemo(db, store);
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 0;
  return {
    app, store, users, url: `http://${options.host ?? '127.0.0.1'}:${String(port)}`,
    async close() {
      await app.close();
      db.close();
    },
  };
}
