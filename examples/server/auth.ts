import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Db } from './db.js';

/** Who may see what: a teacher their own classes, a leader their school, a trust every school. */
export type Role = 'teacher' | 'leader' | 'trust';

/** A signed-in user and the classes they teach. */
export interface User {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly schoolId: string | null;
  /** `schoolId␀classId` of each class a teacher teaches. */
  readonly classes: ReadonlySet<string>;
}

/** How long a session lasts. */
export const SESSION_MS = 8 * 60 * 60 * 1000;

/** Hashes a password with scrypt and a random salt (`salt:hash`, hex). */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

function passwordMatches(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'hex');
  const actual = scryptSync(password, Buffer.from(salt, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A pupil's place, for scope checks. */
export interface PupilPlace {
  readonly schoolId: string;
  readonly classId: string;
}

/** Whether a user may see (and change) a pupil. */
export function canSee(user: User, pupil: PupilPlace): boolean {
  if (user.role === 'trust') return true;
  if (user.role === 'leader') return user.schoolId === pupil.schoolId;
  return user.classes.has(`${pupil.schoolId}\u0000${pupil.classId}`);
}

/**
 * SQL (with its parameters) that is true for the rows of `pupils p` a user may
 * see. Parameterised: nothing from the request is spliced into the text.
 */
export function visibleSql(user: User): { sql: string; params: string[] } {
  if (user.role === 'trust') return { sql: '1', params: [] };
  if (user.role === 'leader') return { sql: 'p.school_id = ?', params: [user.schoolId ?? ''] };
  return { sql: 'EXISTS (SELECT 1 FROM user_classes uc WHERE uc.user_id = ? AND uc.school_id = p.school_id AND uc.class_id = p.class_id)', params: [user.id] };
}

interface UserRow {
  id: string;
  name: string;
  role: Role;
  school_id: string | null;
  password_hash: string;
}

function userById(db: Db, id: string): User | null {
  const row = db.prepare<[string], UserRow>('SELECT id, name, role, school_id, password_hash FROM users WHERE id = ?').get(id);
  if (!row) return null;
  const classes = db
    .prepare<[string], { school_id: string; class_id: string }>('SELECT school_id, class_id FROM user_classes WHERE user_id = ?')
    .all(id)
    .map((c) => `${c.school_id}\u0000${c.class_id}`);
  return { id: row.id, name: row.name, role: row.role, schoolId: row.school_id, classes: new Set(classes) };
}

/** Checks a user name and password; on success starts a session and returns its token (shown once). */
export function signIn(db: Db, username: string, password: string, now = Date.now()): { token: string; user: User } | null {
  const row = db.prepare<[string], UserRow>('SELECT id, name, role, school_id, password_hash FROM users WHERE id = ?').get(username);
  // Hash even for an unknown user, so timing does not tell which user names exist.
  const ok = passwordMatches(password, row?.password_hash ?? hashPassword('x'));
  if (!row || !ok) return null;
  const token = randomBytes(32).toString('base64url');
  db.prepare('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)').run(tokenHash(token), row.id, now + SESSION_MS);
  const user = userById(db, row.id);
  return user ? { token, user } : null;
}

/** The user a session token belongs to, or null when unknown or expired. */
export function userForToken(db: Db, token: string, now = Date.now()): User | null {
  const row = db.prepare<[string, number], { user_id: string }>('SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?').get(tokenHash(token), now);
  return row ? userById(db, row.user_id) : null;
}

/** Ends a session. */
export function signOut(db: Db, token: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash(token));
}

/** Adds a user (seeding); a teacher's classes as `[schoolId, classId]` pairs. */
export function addUser(
  db: Db,
  user: { id: string; name: string; role: Role; schoolId?: string; password: string; classes?: readonly (readonly [string, string])[] },
): void {
  db.prepare('INSERT INTO users (id, name, role, school_id, password_hash) VALUES (?, ?, ?, ?, ?)').run(user.id, user.name, user.role, user.schoolId ?? null, hashPassword(user.password));
  const add = db.prepare('INSERT INTO user_classes (user_id, school_id, class_id) VALUES (?, ?, ?)');
  for (const [schoolId, classId] of user.classes ?? []) add.run(user.id, schoolId, classId);
}
