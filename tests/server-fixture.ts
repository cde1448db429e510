import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSchool, type TrackingDataset } from '../packages/rules/src/index.js';
import { addUser, type Role } from '../examples/server/auth.js';
import { openDatabase } from '../examples/server/db.js';
import { startServer, type RunningServer } from '../examples/server/start.js';

/** The password of every test user. */
export const PASSWORD = 'correct horse battery staple';

/** A two-school trust: `hp` (pupils hp-p*) and `ws` (pupils ws-p*). */
export function twoSchools(): TrackingDataset {
  const hp = generateSchool({ seed: 4, pupils: 40, schoolId: 'hp', schoolName: 'Hallwood Park', through: '2026-11-16' });
  const ws = generateSchool({ seed: 5, pupils: 20, schoolId: 'ws', schoolName: 'Westbrook', through: '2026-11-16' });
  return {
    ...hp,
    school: undefined,
    schools: [hp.school ?? { id: 'hp', name: 'Hallwood Park' }, ws.school ?? { id: 'ws', name: 'Westbrook' }],
    pupils: [...hp.pupils, ...ws.pupils],
    judgements: [...hp.judgements, ...ws.judgements],
    assessments: [...hp.assessments, ...ws.assessments],
    snapshots: [],
  };
}

/** A user to create: a teacher's classes as `[schoolId, classId]`. */
export interface TestUser {
  readonly id: string;
  readonly role: Role;
  readonly schoolId?: string;
  readonly classes?: readonly (readonly [string, string])[];
}

/** A server on loopback over a fresh SQLite file in a temp dir. */
export interface TestServer extends RunningServer {
  readonly dir: string;
  readonly dbFile: string;
  /** Signs a user in and returns their bearer token. */
  token(user: string): Promise<string>;
  /** Stops the server and opens a new one on the same file (a restart). */
  restart(): Promise<TestServer>;
  /** Stops the server and deletes the temp dir. */
  dispose(): Promise<void>;
}

async function wrap(running: RunningServer, dir: string, dbFile: string): Promise<TestServer> {
  return Promise.resolve({
    ...running,
    dir,
    dbFile,
    async token(user: string) {
      const response = await fetch(`${running.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user, password: PASSWORD }) });
      const body = (await response.json()) as { token?: string };
      if (!body.token) throw new Error(`could not sign in as ${user}: ${JSON.stringify(body)}`);
      return body.token;
    },
    async restart() {
      await running.close();
      return wrap(await startServer({ dbFile, seed: false }), dir, dbFile);
    },
    async dispose() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** Starts a server seeded with `dataset` and `users`. */
export async function startTestServer(dataset: TrackingDataset, users: readonly TestUser[]): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ontrack-server-'));
  const dbFile = join(dir, 'ontrack.sqlite');
  const db = openDatabase(dbFile);
  const running = await startServer({ dbFile, seed: false });
  running.store.seed(dataset);
  for (const u of users) addUser(db, { id: u.id, name: u.id, role: u.role, password: PASSWORD, ...(u.schoolId ? { schoolId: u.schoolId } : {}), classes: u.classes ?? [] });
  db.close();
  return wrap(running, dir, dbFile);
}
