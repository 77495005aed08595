/**
 * The project file's tables at format 1, exactly as first written (see README.md for the meaning
 * of every column). Never edit it: every later format is this plus the migrations in
 * migrations.ts, both for a new project and for the schema a file of format N must have
 * (schema-check.ts compares a file against this definition, text for text).
 */
export const SCHEMA_SQL = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE neurons (
  ord        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL,
  role       TEXT NOT NULL,
  label      TEXT NOT NULL,
  activation TEXT NOT NULL,
  bias       REAL NOT NULL,
  x          REAL NOT NULL,
  y          REAL NOT NULL,
  dale       TEXT
) STRICT;

CREATE TABLE synapses (
  ord    INTEGER PRIMARY KEY,
  id     TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  weight REAL NOT NULL
) STRICT;

CREATE TABLE softmax_groups (
  ord   INTEGER PRIMARY KEY,
  id    TEXT NOT NULL,
  label TEXT NOT NULL
) STRICT;

CREATE TABLE softmax_members (
  group_ord INTEGER NOT NULL REFERENCES softmax_groups(ord) ON DELETE CASCADE,
  ord       INTEGER NOT NULL,
  neuron_id TEXT NOT NULL,
  PRIMARY KEY (group_ord, ord)
) STRICT;

CREATE TABLE datasets (
  id       TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  created  TEXT NOT NULL,
  spec     TEXT NOT NULL,
  data     BLOB
) STRICT;

CREATE TABLE runs (
  id         TEXT PRIMARY KEY,
  dataset_id TEXT REFERENCES datasets(id) ON DELETE SET NULL,
  started    TEXT NOT NULL,
  finished   TEXT,
  status     TEXT NOT NULL,
  config     TEXT NOT NULL,
  network    TEXT
) STRICT;

CREATE TABLE run_metrics (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name   TEXT NOT NULL,
  step   INTEGER NOT NULL,
  epoch  INTEGER,
  value  REAL NOT NULL,
  PRIMARY KEY (run_id, name, step)
) STRICT;

CREATE TABLE checkpoints (
  id              TEXT PRIMARY KEY,
  run_id          TEXT REFERENCES runs(id) ON DELETE CASCADE,
  step            INTEGER NOT NULL,
  created         TEXT NOT NULL,
  weights         BLOB NOT NULL,
  optimizer_state BLOB,
  note            TEXT
) STRICT;
`;

/** Format 2: weight snapshots of every run, for the replay (see src-shared/training/snapshots.ts for the spacing). */
export const RUN_SNAPSHOTS_SQL = `
CREATE TABLE run_snapshots (
  run_id  TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  epoch   INTEGER NOT NULL,
  step    INTEGER NOT NULL,
  weights BLOB NOT NULL,
  PRIMARY KEY (run_id, epoch, step)
) STRICT;
`;

/** Tables of format 1 (schema-check.ts derives each format's full list from SCHEMA_SQL and the migrations). */
export const REQUIRED_TABLES = ['meta', 'neurons', 'synapses', 'softmax_groups', 'softmax_members', 'datasets', 'runs', 'run_metrics', 'checkpoints'] as const;
