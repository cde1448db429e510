-- OnTrack reference server: the first schema.
-- Judgements and snapshots are append-only (triggers refuse UPDATE and DELETE):
-- the live status is derived from the history, and a snapshot once taken never changes.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL               -- JSON: the calendar, the subjects
) STRICT;

CREATE TABLE schools (
  id   TEXT PRIMARY KEY,
  doc  TEXT NOT NULL                -- JSON: the school as in the data file
) STRICT;

CREATE TABLE pupils (
  id         TEXT PRIMARY KEY,
  school_id  TEXT NOT NULL REFERENCES schools (id),
  year_group TEXT NOT NULL,
  class_id   TEXT NOT NULL,
  doc        TEXT NOT NULL          -- JSON: the pupil as in the data file
) STRICT;
CREATE INDEX pupils_by_class ON pupils (school_id, class_id);

CREATE TABLE judgements (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of arrival; the SSE event id
  edit_id     TEXT NOT NULL UNIQUE,               -- client-generated: the same edit is never written twice
  pupil_id    TEXT NOT NULL REFERENCES pupils (id),
  subject_id  TEXT NOT NULL,
  version     INTEGER NOT NULL,                   -- 1, 2, … per pupil × subject: optimistic concurrency
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  doc         TEXT NOT NULL,                      -- JSON: the judgement as stored
  UNIQUE (pupil_id, subject_id, version)
) STRICT;
CREATE TRIGGER judgements_no_update BEFORE UPDATE ON judgements BEGIN SELECT RAISE(ABORT, 'judgements are append-only'); END;
CREATE TRIGGER judgements_no_delete BEFORE DELETE ON judgements BEGIN SELECT RAISE(ABORT, 'judgements are append-only'); END;

CREATE TABLE assessments (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  pupil_id TEXT NOT NULL REFERENCES pupils (id),
  doc      TEXT NOT NULL
) STRICT;

CREATE TABLE snapshots (
  half_term_id TEXT NOT NULL,
  school_id    TEXT NOT NULL REFERENCES schools (id),
  taken_on     TEXT NOT NULL,
  doc          TEXT NOT NULL,       -- JSON: the statuses of the school's pupils
  PRIMARY KEY (half_term_id, school_id)
) STRICT;
CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots BEGIN SELECT RAISE(ABORT, 'a snapshot never changes'); END;
CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots BEGIN SELECT RAISE(ABORT, 'a snapshot never changes'); END;

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('teacher', 'leader', 'trust')),
  school_id     TEXT REFERENCES schools (id),   -- teachers and leaders belong to one school
  password_hash TEXT NOT NULL                   -- scrypt: salt:hash, hex
) STRICT;

CREATE TABLE user_classes (
  user_id   TEXT NOT NULL REFERENCES users (id),
  school_id TEXT NOT NULL REFERENCES schools (id),
  class_id  TEXT NOT NULL,
  PRIMARY KEY (user_id, school_id, class_id)
) STRICT;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,      -- sha256 of the token: a stolen database holds no usable session
  user_id    TEXT NOT NULL REFERENCES users (id),
  expires_at INTEGER NOT NULL       -- ms since the epoch
) STRICT;
