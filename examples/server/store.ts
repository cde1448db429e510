import {
  checkJudgements, ConflictError, datasetSchema, defaultPolicy, freezeSnapshot, NotFoundError, PermissionError, parseWith, todayUtc,
  type IsoDate, type Judgement, type JudgementInput, type Pupil, type Scope, type Snapshot, type StorePolicy,
  type StoredJudgement, type Subject, type TrackingDataset,
} from '../../packages/rules/src/index.js';
import { canSee, type User, visibleSql } from './auth.js';
import type { Db } from './db.js';

/** A change to tell the SSE streams about, with what decides who may see it. */
export type StoreEvent =
  | { readonly type: 'judgement'; readonly seq: number; readonly judgement: StoredJudgement; readonly schoolId: string; readonly classId: string }
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot; readonly places: ReadonlyMap<string, { schoolId: string; classId: string }> };

interface PupilRow {
  id: string;
  school_id: string;
  class_id: string;
  doc: string;
}

/** The reference server's data operations over SQLite; every one takes the signed-in user and checks scope. */
export interface Store {
  load(user: User, scope: Scope): TrackingDataset;
  record(user: User, inputs: readonly JudgementInput[], single: boolean): { judgements: StoredJudgement[]; fresh: boolean[] };
  snapshot(user: User, halfTermId: string, date: IsoDate | undefined): Snapshot;
  cell(user: User, pupilId: string, subjectId: string): { version: number; judgement: StoredJudgement | null };
  /** Judgements a user may see that arrived after `seq` (SSE resume). */
  since(user: User, seq: number): { seq: number; judgement: StoredJudgement }[];
  /** Empty database? */
  isEmpty(): boolean;
  /** Loads a data file into an empty database (seeding, CSV import). */
  seed(dataset: TrackingDataset): void;
  onChange(listener: (event: StoreEvent) => void): () => void;
}

function storedOf(row: { doc: string; edit_id: string; version: number }): StoredJudgement {
  return { ...(JSON.parse(row.doc) as Judgement), id: row.edit_id, version: row.version };
}

/** The store over an open, migrated database. `now` stamps judgements recorded without a time. */
export function createStore(db: Db, policy: StorePolicy = defaultPolicy, now: () => Date = () => new Date()): Store {
  const listeners = new Set<(event: StoreEvent) => void>();
  const levels = new Set(policy.levels.map((l) => l.id));
  const meta = (key: string): unknown => {
    const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key);
    return row ? JSON.parse(row.value) : undefined;
  };
  const pupilPlace = db.prepare<[string], { school_id: string; class_id: string }>('SELECT school_id, class_id FROM pupils WHERE id = ?');
  const byEditId = db.prepare<[string], { doc: string; edit_id: string; version: number; pupil_id: string }>('SELECT doc, edit_id, version, pupil_id FROM judgements WHERE edit_id = ?');
  const cellVersion = db.prepare<[string, string], { v: number }>('SELECT COALESCE(MAX(version), 0) AS v FROM judgements WHERE pupil_id = ? AND subject_id = ?');
  const cellLatest = db.prepare<[string, string], { doc: string; edit_id: string; version: number }>(
    'SELECT doc, edit_id, version FROM judgements WHERE pupil_id = ? AND subject_id = ? ORDER BY version DESC LIMIT 1',
  );
  const insert = db.prepare('INSERT INTO judgements (edit_id, pupil_id, subject_id, version, recorded_at, recorded_by, doc) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const subjectIds = (): Set<string> => new Set(((meta('subjects') ?? []) as Subject[]).map((s) => s.id));

  function emit(event: StoreEvent): void {
    for (const listener of listeners) listener(event);
  }

  function visiblePupils(user: User, scope: Scope): PupilRow[] {
    const where: string[] = [];
    const params: string[] = [];
    for (const [column, value] of [['p.school_id', scope.schoolId], ['p.year_group', scope.yearGroup], ['p.class_id', scope.classId]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    const scoped = where.length > 0 ? where.join(' AND ') : '1';
    const visible = visibleSql(user);
    const rows = db.prepare<string[], PupilRow>(`SELECT p.id, p.school_id, p.class_id, p.doc FROM pupils p WHERE ${scoped} AND ${visible.sql} ORDER BY rowid`).all(...params, ...visible.params);
    if (rows.length === 0 && where.length > 0) {
      const exists = db.prepare<string[], { n: number }>(`SELECT COUNT(*) AS n FROM pupils p WHERE ${scoped}`).get(...params);
      if ((exists?.n ?? 0) > 0) throw new PermissionError(`You may not see the pupils in scope ${JSON.stringify(scope)}`);
      throw new NotFoundError(`No pupils in scope ${JSON.stringify(scope)}`);
    }
    return rows;
  }

  function datasetOf(pupilRows: readonly PupilRow[], allSnapshots: boolean): TrackingDataset {
    const ids = new Set(pupilRows.map((p) => p.id));
    const schoolIds = [...new Set(pupilRows.map((p) => p.school_id))];
    const allSchools = db.prepare<[], { id: string; doc: string }>('SELECT id, doc FROM schools ORDER BY rowid').all();
    const schools = allSchools.filter((s) => schoolIds.includes(s.id) || (schoolIds.length === 0 && allSchools.length === 1)).map((s) => JSON.parse(s.doc) as { id: string; name: string });
    const pupils = pupilRows.map((p) => ({ ...(JSON.parse(p.doc) as Pupil), schoolId: p.school_id }));
    // One pass over each table, filtered in JS by the visible ids: fine at school scale, and no unbounded `IN (…)` lists.
    const judgements = db
      .prepare<[], { doc: string; edit_id: string; version: number; pupil_id: string }>('SELECT doc, edit_id, version, pupil_id FROM judgements ORDER BY seq')
      .all()
      .filter((r) => ids.has(r.pupil_id))
      .map(storedOf);
    const assessments = db
      .prepare<[], { doc: string; pupil_id: string }>('SELECT doc, pupil_id FROM assessments ORDER BY seq')
      .all()
      .filter((r) => ids.has(r.pupil_id))
      .map((r) => JSON.parse(r.doc) as TrackingDataset['assessments'][number]);
    const snapshots: Snapshot[] = [];
    for (const row of db.prepare<[], { half_term_id: string; school_id: string; taken_on: string; doc: string }>('SELECT half_term_id, school_id, taken_on, doc FROM snapshots ORDER BY rowid').all()) {
      if (!allSnapshots && !schoolIds.includes(row.school_id)) continue;
      const statuses = (JSON.parse(row.doc) as Snapshot['statuses']).filter((s) => ids.has(s.pupilId));
      const same = snapshots.find((s) => s.halfTermId === row.half_term_id);
      if (same) same.statuses.push(...statuses);
      else snapshots.push({ halfTermId: row.half_term_id, takenOn: row.taken_on, statuses });
    }
    const dataset: Record<string, unknown> = {
      version: 1,
      calendar: meta('calendar'),
      subjects: meta('subjects'),
      pupils,
      judgements,
      assessments,
      snapshots,
    };
    if (schools.length === 1) dataset['school'] = schools[0];
    else dataset['schools'] = schools;
    return parseWith(datasetSchema, dataset, 'stored dataset');
  }

  return {
    load(user, scope) {
      return datasetOf(visiblePupils(user, scope), false);
    },

    record(user, inputs, single) {
      const subjects = subjectIds();
      const places = new Map<string, { school_id: string; class_id: string } | undefined>();
      const place = (id: string): { school_id: string; class_id: string } | undefined => {
        if (!places.has(id)) places.set(id, pupilPlace.get(id));
        return places.get(id);
      };
      // The signed-in user is who recorded it, whatever the body says.
      const stamped = (inputs as readonly unknown[]).map((i) => (typeof i === 'object' && i !== null ? { ...i, recordedBy: user.id } : i));
      const checked = checkJudgements(stamped, { hasPupil: (id) => place(id) !== undefined, hasSubject: (id) => subjects.has(id), levels }, now, single ? 'judgement' : 'judgements', single);
      for (const { judgement } of checked) {
        const p = place(judgement.pupilId);
        if (!p || !canSee(user, { schoolId: p.school_id, classId: p.class_id })) throw new PermissionError(`You may not record judgements for pupil "${judgement.pupilId}"`);
      }
      const fresh: boolean[] = [];
      const events: StoreEvent[] = [];
      const judgements = db.transaction(() => {
        const out: StoredJudgement[] = [];
        const batchIds = new Set<string>();
        for (const { judgement, expectedVersion } of checked) {
          const existing = byEditId.get(judgement.id);
          if (existing) {
            // The same edit sent again (a retry after a lost answer): answer with what was stored, write nothing.
            if (existing.pupil_id !== judgement.pupilId) throw new ConflictError(`Edit id "${judgement.id}" is already used for another pupil`);
            out.push(storedOf(existing));
            fresh.push(false);
            continue;
          }
          if (batchIds.has(judgement.id)) throw new ConflictError(`Edit id "${judgement.id}" appears twice in one batch`);
          batchIds.add(judgement.id);
          const current = cellVersion.get(judgement.pupilId, judgement.subjectId)?.v ?? 0;
          if (expectedVersion !== undefined && expectedVersion !== current) {
            const latest = cellLatest.get(judgement.pupilId, judgement.subjectId);
            throw new ConflictError(
              `${judgement.pupilId} × ${judgement.subjectId} is at version ${String(current)}, not ${String(expectedVersion)}: someone else changed it`,
              { version: current, judgement: latest ? storedOf(latest) : null },
            );
          }
          const { id, ...doc } = judgement;
          const stored: StoredJudgement = { ...doc, id, version: current + 1 };
          const result = insert.run(id, doc.pupilId, doc.subjectId, current + 1, doc.recordedAt, doc.recordedBy, JSON.stringify(doc));
          const p = place(doc.pupilId);
          events.push({ type: 'judgement', seq: Number(result.lastInsertRowid), judgement: stored, schoolId: p?.school_id ?? '', classId: p?.class_id ?? '' });
          out.push(stored);
          fresh.push(true);
        }
        return out;
      })();
      // Only after the commit: nobody hears of a write that was rolled back.
      for (const event of events) emit(event);
      return { judgements, fresh };
    },

    snapshot(user, halfTermId, date) {
      if (user.role === 'teacher') throw new PermissionError('Only a leader or the trust may take a snapshot');
      const pupilRows = visiblePupils(user, {});
      const bySchool = new Map<string, PupilRow[]>();
      for (const p of pupilRows) bySchool.set(p.school_id, [...(bySchool.get(p.school_id) ?? []), p]);
      const existing = db.prepare<[string], { school_id: string }>('SELECT school_id FROM snapshots WHERE half_term_id = ?').all(halfTermId);
      const taken = new Set(existing.map((e) => e.school_id));
      const full = datasetOf(pupilRows, false);
      if ([...bySchool.keys()].some((s) => taken.has(s))) {
        throw new ConflictError(`The ${halfTermId} snapshot was already taken; a snapshot never changes`, full.snapshots.find((s) => s.halfTermId === halfTermId));
      }
      const snapshot = freezeSnapshot(full, policy, halfTermId, date ?? todayUtc(now()));
      const places = new Map(pupilRows.map((p) => [p.id, { schoolId: p.school_id, classId: p.class_id }]));
      const add = db.prepare('INSERT INTO snapshots (half_term_id, school_id, taken_on, doc) VALUES (?, ?, ?, ?)');
      db.transaction(() => {
        for (const schoolId of bySchool.keys()) {
          add.run(halfTermId, schoolId, snapshot.takenOn, JSON.stringify(snapshot.statuses.filter((s) => places.get(s.pupilId)?.schoolId === schoolId)));
        }
      })();
      emit({ type: 'snapshot', snapshot, places });
      return snapshot;
    },

    cell(user, pupilId, subjectId) {
      const p = pupilPlace.get(pupilId);
      if (!p) throw new NotFoundError(`No pupil "${pupilId}"`);
      if (!canSee(user, { schoolId: p.school_id, classId: p.class_id })) throw new PermissionError(`You may not see pupil "${pupilId}"`);
      if (!subjectIds().has(subjectId)) throw new NotFoundError(`No subject "${subjectId}"`);
      const latest = cellLatest.get(pupilId, subjectId);
      return { version: latest?.version ?? 0, judgement: latest ? storedOf(latest) : null };
    },

    since(user, seq) {
      const visible = visibleSql(user);
      return db
        .prepare<(string | number)[], { seq: number; doc: string; edit_id: string; version: number }>(
          `SELECT j.seq, j.doc, j.edit_id, j.version FROM judgements j JOIN pupils p ON p.id = j.pupil_id WHERE j.seq > ? AND ${visible.sql} ORDER BY j.seq`,
        )
        .all(seq, ...visible.params)
        .map((r) => ({ seq: r.seq, judgement: storedOf(r) }));
    },

    isEmpty() {
      return (db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM schools').get()?.n ?? 0) === 0;
    },

    seed(dataset) {
      const data = parseWith(datasetSchema, dataset, 'seed');
      const schools = data.schools ?? (data.school ? [data.school] : []);
      const fallback = schools[0]?.id;
      if (fallback === undefined) throw new NotFoundError('The seed names no school');
      db.transaction(() => {
        const setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
        setMeta.run('calendar', JSON.stringify(data.calendar));
        setMeta.run('subjects', JSON.stringify(data.subjects));
        for (const s of schools) db.prepare('INSERT INTO schools (id, doc) VALUES (?, ?)').run(s.id, JSON.stringify(s));
        const addPupil = db.prepare('INSERT INTO pupils (id, school_id, year_group, class_id, doc) VALUES (?, ?, ?, ?, ?)');
        for (const p of data.pupils) addPupil.run(p.id, p.schoolId ?? fallback, p.yearGroup, p.classId, JSON.stringify(p));
        const versions = new Map<string, number>();
        for (const j of data.judgements) {
          const key = `${j.pupilId}\u0000${j.subjectId}`;
          const v = (versions.get(key) ?? 0) + 1;
          versions.set(key, v);
          const { id, ...rest } = j as Judgement & { id?: unknown };
          const doc: Record<string, unknown> = { ...rest };
          delete doc['version'];
          insert.run(typeof id === 'string' ? id : globalThis.crypto.randomUUID(), j.pupilId, j.subjectId, v, j.recordedAt, j.recordedBy, JSON.stringify(doc));
        }
        const addAssessment = db.prepare('INSERT INTO assessments (pupil_id, doc) VALUES (?, ?)');
        for (const a of data.assessments) addAssessment.run(a.pupilId, JSON.stringify(a));
        const school = new Map(data.pupils.map((p) => [p.id, p.schoolId ?? fallback]));
        const addSnapshot = db.prepare('INSERT INTO snapshots (half_term_id, school_id, taken_on, doc) VALUES (?, ?, ?, ?)');
        for (const s of data.snapshots) {
          for (const schoolId of new Set(school.values())) {
            addSnapshot.run(s.halfTermId, schoolId, s.takenOn, JSON.stringify(s.statuses.filter((e) => school.get(e.pupilId) === schoolId)));
          }
        }
      })();
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
