import { generateSchool, todayUtc, type TrackingDataset } from '../../packages/rules/src/index.js';
import { addUser, type Role } from './auth.js';
import type { Db } from './db.js';
import type { Store } from './store.js';

/** A demo user: sign in with `id` and `password`. */
export interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly password: string;
  readonly classes?: readonly string[];
}

/** The academic year containing `date`: it starts on 1 September. */
export function yearStartFor(date: string): string {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '09-01' ? `${String(year)}-09-01` : `${String(year - 1)}-09-01`;
}

/** The demo's school: 30 synthetic pupils, tracked up to today. */
export function demoSchool(today = todayUtc()): TrackingDataset {
  return generateSchool({ seed: 2026, pupils: 30, yearStart: yearStartFor(today), through: today });
}

/**
 * Seeds an empty database with a school and one user per role: a teacher of the
 * first class, the school's leader and the trust. Returns the users (and their
 * passwords, for printing how to sign in). Does nothing when already seeded.
 */
export function seedDemo(db: Db, store: Store, school: TrackingDataset = demoSchool(), password = 'ontrack-demo'): DemoUser[] {
  const schoolId = school.school?.id ?? school.schools?.[0]?.id ?? 'hp';
  const firstClass = school.pupils[0]?.classId ?? '';
  const users: DemoUser[] = [
    { id: 'teacher', name: 'Ms Teacher', role: 'teacher', password, classes: [firstClass] },
    { id: 'leader', name: 'Mr Leader', role: 'leader', password },
    { id: 'trust', name: 'Trust Office', role: 'trust', password },
  ];
  if (!store.isEmpty()) return users;
  store.seed(school);
  for (const u of users) {
    addUser(db, { id: u.id, name: u.name, role: u.role, password: u.password, classes: (u.classes ?? []).map((c) => [schoolId, c] as const), ...(u.role === 'trust' ? {} : { schoolId }) });
  }
  return users;
}
