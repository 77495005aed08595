/**
 * Test support: a seeded corpus of hostile project files made from one real project (`base`), the
 * way an attacker or a broken disk would make them: flipped bytes, cut files, swapped pages, planted
 * triggers, views and generated columns, lying BLOB headers, non-finite numbers, oversized claims,
 * SQL in labels, broken networks, bad rows, hot journals. Generated at test time, never committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** One file of the corpus and what the test should expect of it beyond "opens or is refused with a sentence". */
export interface HostileFile {
  name: string;
  file: string;
  kind: string;
  /** An error code opening must give, or 'opens' when it must open. */
  expect?: string;
}

/** A small seeded generator (mulberry32), so every run of the test makes the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type SqlCase = { name: string; sql?: string; unsafe?: boolean; run?: (db: Database.Database) => void; expect?: string };

/** A checkpoint state blob with the given header and array bytes (the codec's layout: u32 header length, JSON, pad, float64s). */
export function stateBlob(header: Record<string, unknown>, arrays: Float64Array[] = []): Buffer {
  const h = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(h.length);
  const pad = Buffer.alloc((8 - ((4 + h.length) % 8)) % 8);
  return Buffer.concat([len, h, pad, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]);
}

const HEADER = { t: 1, trainerEpoch: 1, stepInEpoch: 0, rngState: 1, epoch: 1, shuffleRng: 1, bestLoss: 1, bestEpoch: 1, sinceBest: 0, pos: 0, epochLossSum: 0, epochSteps: 0 };

/** Changes the bytes of a dataset's data BLOB in place. */
function editBlob(db: Database.Database, id: string, edit: (b: Buffer) => void): void {
  const b = db.prepare('SELECT data FROM datasets WHERE id = ?').pluck().get(id) as Buffer;
  edit(b);
  db.prepare('UPDATE datasets SET data = ? WHERE id = ?').run(b, id);
}

/** Runs `sql` on a table with STRICT switched off for the moment, so it can store values of the wrong type, then switches it back. */
function withoutStrict(db: Database.Database, table: string, sql: string): void {
  const def = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string;
  db.exec('PRAGMA writable_schema = ON');
  db.prepare('UPDATE sqlite_schema SET sql = ? WHERE name = ?').run(def.replace(') STRICT', ')'), table);
  db.exec('PRAGMA writable_schema = RESET');
  db.exec(sql);
  db.exec('PRAGMA writable_schema = ON');
  db.prepare('UPDATE sqlite_schema SET sql = ? WHERE name = ?').run(def, table);
  db.exec('PRAGMA writable_schema = RESET');
}

/** The SQL-level cases: each edits a copy of the base project with SQLite itself. */
function sqlCases(runA: string, runB: string, datasetA: string): SqlCase[] {
  const cp = `'${runA}:final'`;
  return [
    { name: 'trigger-deletes-everything', sql: 'CREATE TRIGGER t AFTER DELETE ON neurons BEGIN DELETE FROM datasets; DELETE FROM runs; DELETE FROM checkpoints; END', expect: 'opens' },
    { name: 'trigger-raises', sql: "CREATE TRIGGER r BEFORE INSERT ON neurons BEGIN SELECT RAISE(ABORT, 'no saving for you'); END", expect: 'opens' },
    { name: 'trigger-inserts-junk', sql: "CREATE TRIGGER j AFTER INSERT ON synapses BEGIN INSERT OR REPLACE INTO meta VALUES ('junk' || new.ord, hex(randomblob(64))); END", expect: 'opens' },
    { name: 'trigger-on-runs', sql: "CREATE TRIGGER u AFTER UPDATE ON runs BEGIN UPDATE runs SET status = 'pwned'; END", expect: 'opens' },
    { name: 'trigger-on-checkpoints', sql: 'CREATE TRIGGER c BEFORE INSERT ON checkpoints BEGIN DELETE FROM run_metrics; END', expect: 'opens' },
    { name: 'view-extra-huge', sql: "CREATE VIEW v AS SELECT printf('%.*c', 50000000, 'x') AS big", expect: 'opens' },
    { name: 'view-named-neurons', sql: 'ALTER TABLE neurons RENAME TO neurons_real; CREATE VIEW neurons AS SELECT * FROM neurons_real', expect: 'project.foreignSchema' },
    {
      name: 'view-named-neurons-huge-label',
      sql: "ALTER TABLE neurons RENAME TO neurons_real; CREATE VIEW neurons AS SELECT ord, id, role, printf('%.*c', 50000000, 'x') AS label, activation, bias, x, y, dale FROM neurons_real",
      expect: 'project.foreignSchema',
    },
    { name: 'view-named-datasets', sql: 'ALTER TABLE datasets RENAME TO d2; CREATE VIEW datasets AS SELECT * FROM d2', expect: 'project.foreignSchema' },
    { name: 'generated-column', sql: "ALTER TABLE neurons ADD COLUMN big TEXT GENERATED ALWAYS AS (printf('%.*c', 50000000, 'x')) VIRTUAL", expect: 'project.foreignSchema' },
    { name: 'generated-column-runs', sql: "ALTER TABLE runs ADD COLUMN g TEXT GENERATED ALWAYS AS (upper(config)) VIRTUAL", expect: 'project.foreignSchema' },
    { name: 'extra-column', sql: 'ALTER TABLE synapses ADD COLUMN note TEXT', expect: 'project.foreignSchema' },
    { name: 'extra-table', sql: "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hello')", expect: 'opens' },
    { name: 'extra-index', sql: 'CREATE INDEX i_label ON neurons(label)', expect: 'opens' },
    { name: 'expression-index', sql: 'CREATE INDEX i_abs ON synapses(abs(weight))', expect: 'opens' },
    { name: 'partial-index', sql: 'CREATE INDEX i_part ON runs(status) WHERE status = 1/0', expect: 'opens' },
    { name: 'virtual-table-fts5', sql: "CREATE VIRTUAL TABLE f USING fts5(x); INSERT INTO f VALUES ('text')", expect: 'opens' },
    {
      name: 'virtual-table-unknown-module',
      unsafe: true,
      sql: "PRAGMA writable_schema = ON; INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('table', 'vt', 'vt', 0, 'CREATE VIRTUAL TABLE vt USING nosuchmodule(x)')",
      expect: 'opens',
    },
    { name: 'neurons-as-virtual-table', sql: 'ALTER TABLE neurons RENAME TO n_real; CREATE VIRTUAL TABLE neurons USING fts5(ord, id, role, label, activation, bias, x, y, dale)', expect: 'project.foreignSchema' },
    {
      name: 'check-constraint-added',
      unsafe: true,
      sql: "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, 'dale       TEXT', 'dale TEXT CHECK (length(label) < 0)') WHERE name = 'neurons'",
      expect: 'project.foreignSchema',
    },
    { name: 'strict-removed', unsafe: true, sql: "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'synapses'" },
    {
      name: 'default-with-function',
      unsafe: true,
      sql: "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, 'note            TEXT', 'note TEXT DEFAULT (hex(randomblob(1000000)))') WHERE name = 'checkpoints'",
      expect: 'project.foreignSchema',
    },
    { name: 'wrong-type-in-strict-column', unsafe: true, run: (db) => withoutStrict(db, 'neurons', "UPDATE neurons SET bias = 'not a number' WHERE ord = 0") },
    { name: 'blob-where-text-belongs', unsafe: true, run: (db) => withoutStrict(db, 'synapses', "UPDATE synapses SET id = x'00ff00ff' WHERE ord = 1") },
    { name: 'application-id-wrong', sql: 'PRAGMA application_id = 1234', expect: 'project.notNeurite' },
    { name: 'format-from-the-future', sql: 'PRAGMA user_version = 99', expect: 'project.newerVersion' },
    { name: 'format-zero', sql: 'PRAGMA user_version = 0', expect: 'project.damaged' },
    { name: 'missing-table', sql: 'DROP TABLE run_metrics', expect: 'project.damaged' },
    { name: 'weight-infinite', sql: 'UPDATE synapses SET weight = 1e999 WHERE ord = 0', expect: 'project.damaged' },
    { name: 'bias-minus-infinite', sql: 'UPDATE neurons SET bias = -1e999 WHERE ord = 1', expect: 'project.damaged' },
    { name: 'position-infinite', sql: 'UPDATE neurons SET x = 1e999', expect: 'project.damaged' },
    { name: 'sql-in-labels', sql: "UPDATE neurons SET label = ''');DROP TABLE neurons;--' || char(0) || '\"; DELETE FROM runs; --' WHERE ord = 0", expect: 'opens' },
    { name: 'label-too-long', sql: "UPDATE neurons SET label = printf('%.*c', 50000, 'x') WHERE ord = 0", expect: 'project.tooBig' },
    { name: 'id-too-long', sql: "UPDATE synapses SET id = printf('%.*c', 5000, 's') WHERE ord = 0", expect: 'project.tooBig' },
    {
      name: 'million-neurons',
      sql: "WITH RECURSIVE n(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM n WHERE i < 1001000) INSERT INTO neurons (ord, id, role, label, activation, bias, x, y, dale) SELECT i, 'm' || i, 'hidden', 'h', 'relu', 0, 0, 0, NULL FROM n",
      expect: 'project.tooBig',
    },
    {
      name: 'too-many-synapses',
      sql: "WITH RECURSIVE n(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM n WHERE i < 301000) INSERT INTO synapses (ord, id, source, target, weight) SELECT i, 's' || i, 'a', 'b', 0.5 FROM n",
      expect: 'project.tooBig',
    },
    { name: 'duplicate-neuron-ids', sql: "UPDATE neurons SET id = (SELECT id FROM neurons WHERE ord = 0) WHERE ord = 1", expect: 'opens' },
    { name: 'duplicate-synapse-ids', sql: "UPDATE synapses SET id = 'same'", expect: 'opens' },
    { name: 'dangling-synapse', sql: "UPDATE synapses SET target = 'nobody' WHERE ord = 0", expect: 'opens' },
    { name: 'cycle', sql: "INSERT INTO synapses (ord, id, source, target, weight) SELECT 100000, 'back', (SELECT id FROM neurons WHERE role = 'output' LIMIT 1), (SELECT id FROM neurons WHERE role = 'hidden' LIMIT 1), 1", expect: 'opens' },
    { name: 'self-loop', sql: "INSERT INTO synapses (ord, id, source, target, weight) SELECT 100001, 'self', id, id, 1 FROM neurons WHERE role = 'hidden' LIMIT 1", expect: 'opens' },
    { name: 'bad-role', sql: "UPDATE neurons SET role = 'boss' WHERE ord = 0", expect: 'project.damaged' },
    { name: 'bad-activation', sql: "UPDATE neurons SET activation = 'eval' WHERE ord = 0", expect: 'project.damaged' },
    { name: 'softmax-group-of-strangers', sql: "INSERT INTO softmax_groups VALUES (500, 'g', 'g'); INSERT INTO softmax_members VALUES (500, 0, 'nobody'), (500, 1, 'noone')", expect: 'opens' },
    { name: 'viewport-not-json', sql: "UPDATE meta SET value = '{not json' WHERE key = 'viewport'", expect: 'project.damaged' },
    { name: 'viewport-huge', sql: "UPDATE meta SET value = printf('%.*c', 200000, '[') WHERE key = 'viewport'", expect: 'project.damaged' },
    { name: 'modified-huge', sql: "UPDATE meta SET value = printf('%.*c', 5000000, '9') WHERE key = 'modified'", expect: 'opens' },
    { name: 'run-config-not-json', sql: `UPDATE runs SET config = '{{{' WHERE id = '${runA}'`, expect: 'opens' },
    { name: 'run-config-wrong-shape', sql: `UPDATE runs SET config = '{"config": 5}' WHERE id = '${runA}'`, expect: 'opens' },
    { name: 'run-config-huge-message', sql: `UPDATE runs SET config = json_set(config, '$.message', printf('%.*c', 3000000, 'm')) WHERE id = '${runA}'`, expect: 'opens' },
    { name: 'run-network-not-json', sql: `UPDATE runs SET network = 'nope' WHERE id = '${runA}'`, expect: 'opens' },
    { name: 'run-network-cycle', sql: `UPDATE runs SET network = json_set(network, '$.synapses[0].source', json_extract(network, '$.synapses[0].target')) WHERE id = '${runA}'`, expect: 'opens' },
    { name: 'run-network-null', sql: `UPDATE runs SET network = NULL WHERE id = '${runA}'`, expect: 'opens' },
    { name: 'run-status-unknown', sql: `UPDATE runs SET status = 'hacked' WHERE id = '${runA}'`, expect: 'opens' },
    { name: 'run-status-running', sql: `UPDATE runs SET status = 'running'`, expect: 'opens' },
    { name: 'run-id-huge', sql: `UPDATE runs SET id = printf('%.*c', 1000000, 'r') WHERE id = '${runA}'`, expect: 'opens' },
    { name: 'run-started-huge', sql: `UPDATE runs SET started = printf('%.*c', 1000000, '2') WHERE id = '${runA}'`, expect: 'opens' },
    { name: 'run-orphan-dataset', unsafe: true, sql: `PRAGMA foreign_keys = OFF; UPDATE runs SET dataset_id = 'gone' WHERE id = '${runA}'`, expect: 'opens' },
    { name: 'checkpoint-orphan', unsafe: true, sql: `PRAGMA foreign_keys = OFF; UPDATE checkpoints SET run_id = 'gone' WHERE id = ${cp}`, expect: 'opens' },
    { name: 'metrics-garbage', sql: `INSERT INTO run_metrics VALUES ('${runB}', printf('%.*c', 100000, 'n'), 1, 1, 1.5), ('${runB}', 'train.loss', 999999999, 1, 1e308)`, expect: 'opens' },
    {
      name: 'checkpoint-lengths-lie-5e8',
      run: (db) => db.prepare(`UPDATE checkpoints SET optimizer_state = ? WHERE id = ${cp}`).run(stateBlob({ ...HEADER, lengths: [0, 0, 0, 0, 5e8] })),
      expect: 'opens',
    },
    {
      name: 'checkpoint-header-length-huge',
      run: (db) => {
        const b = Buffer.alloc(64);
        b.writeUInt32LE(0xffffffff, 0);
        db.prepare(`UPDATE checkpoints SET optimizer_state = ? WHERE id = ${cp}`).run(b);
      },
      expect: 'opens',
    },
    { name: 'checkpoint-header-not-json', run: (db) => db.prepare(`UPDATE checkpoints SET optimizer_state = ? WHERE id = ${cp}`).run(Buffer.concat([Buffer.from([8, 0, 0, 0]), Buffer.from('{{{{{{{{')])), expect: 'opens' },
    { name: 'checkpoint-lengths-negative', run: (db) => db.prepare(`UPDATE checkpoints SET optimizer_state = ? WHERE id = ${cp}`).run(stateBlob({ ...HEADER, lengths: [-1, 0, 0, 0, 1] })), expect: 'opens' },
    { name: 'checkpoint-lengths-fractional', run: (db) => db.prepare(`UPDATE checkpoints SET optimizer_state = ? WHERE id = ${cp}`).run(stateBlob({ ...HEADER, lengths: [0.5, 0, 0, 0, 0] })), expect: 'opens' },
    {
      name: 'checkpoint-sizes-disagree',
      run: (db) => db.prepare(`UPDATE checkpoints SET optimizer_state = ? WHERE id = ${cp}`).run(stateBlob({ ...HEADER, lengths: [3, 3, 3, 2, 1] }, [new Float64Array(3), new Float64Array(3), new Float64Array(3), new Float64Array(2), new Float64Array(1)])),
      expect: 'opens',
    },
    {
      name: 'checkpoint-state-nan',
      run: (db) => {
        const w = db.prepare(`SELECT length(weights) / 8 FROM checkpoints WHERE id = ${cp}`).pluck().get() as number;
        const a = new Float64Array(w).fill(Number.NaN);
        db.prepare(`UPDATE checkpoints SET optimizer_state = ? WHERE id = ${cp}`).run(stateBlob({ ...HEADER, lengths: [w, 0, 0, w, 0] }, [a, a]));
      },
      expect: 'opens',
    },
    {
      name: 'checkpoint-order-outside',
      run: (db) => {
        const w = db.prepare(`SELECT length(weights) / 8 FROM checkpoints WHERE id = ${cp}`).pluck().get() as number;
        const a = new Float64Array(w);
        db.prepare(`UPDATE checkpoints SET optimizer_state = ? WHERE id = ${cp}`).run(stateBlob({ ...HEADER, lengths: [w, 0, 0, w, 2], pos: 1 }, [a, a, Float64Array.of(1e9, -5)]));
      },
      expect: 'opens',
    },
    { name: 'checkpoint-weights-nan', run: (db) => db.prepare(`UPDATE checkpoints SET weights = ? WHERE id = ${cp}`).run(Buffer.from(new Float64Array(20).fill(Number.POSITIVE_INFINITY).buffer)), expect: 'opens' },
    { name: 'checkpoint-weights-odd-length', run: (db) => db.prepare(`UPDATE checkpoints SET weights = ? WHERE id = ${cp}`).run(Buffer.alloc(7)), expect: 'opens' },
    { name: 'checkpoint-weights-wrong-count', run: (db) => db.prepare(`UPDATE checkpoints SET weights = ?, optimizer_state = NULL WHERE id = ${cp}`).run(Buffer.alloc(8 * 3)), expect: 'opens' },
    { name: 'checkpoint-step-negative', sql: `UPDATE checkpoints SET step = -7 WHERE id = ${cp}`, expect: 'opens' },
    { name: 'dataset-spec-not-json', sql: `UPDATE datasets SET spec = 'oops' WHERE id = '${datasetA}'`, expect: 'opens' },
    { name: 'dataset-claims-billion-rows', sql: `UPDATE datasets SET spec = json_set(spec, '$.meta.rowCount', 1000000000) WHERE id = '${datasetA}'`, expect: 'opens' },
    {
      name: 'dataset-layout-beyond-data',
      sql: `UPDATE datasets SET spec = json_set(spec, '$.layout.x.offset', 1e12) WHERE id = '${datasetA}'`,
      expect: 'opens',
    },
    { name: 'dataset-data-null', sql: `UPDATE datasets SET data = NULL WHERE id = '${datasetA}'`, expect: 'opens' },
    { name: 'dataset-data-cut', sql: `UPDATE datasets SET data = substr(data, 1, 100) WHERE id = '${datasetA}'`, expect: 'opens' },
    { name: 'dataset-data-text', unsafe: true, run: (db) => withoutStrict(db, 'datasets', `UPDATE datasets SET data = 'text not blob' WHERE id = '${datasetA}'`) },
    { name: 'checkpoint-weights-text', unsafe: true, run: (db) => withoutStrict(db, 'checkpoints', `UPDATE checkpoints SET weights = 'abc', step = 'seven' WHERE id = ${cp}`) },
    { name: 'dataset-values-nan', run: (db) => editBlob(db, datasetA, (b) => Buffer.from(Float64Array.of(Number.NaN, Number.POSITIVE_INFINITY).buffer).copy(b, 0)), expect: 'opens' },
    { name: 'dataset-split-bad', run: (db) => editBlob(db, datasetA, (b) => (b[b.length - 1] = 7)), expect: 'opens' },
    { name: 'dataset-10000-classes', sql: `UPDATE datasets SET spec = json_set(spec, '$.meta.targets[0].classes', json((WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) SELECT json_group_array(CAST(i AS TEXT)) FROM n))) WHERE id = '${datasetA}'`, expect: 'opens' },
    { name: 'dataset-name-huge', sql: `UPDATE datasets SET name = printf('%.*c', 2000000, 'd') WHERE id = '${datasetA}'`, expect: 'opens' },
  ];
}

/** Writes a copy of `base` to `file` changed by `edit` (SQLite in rollback mode; no sidecar left). */
function edited(base: string, file: string, edit: (db: Database.Database) => void, unsafe = false): void {
  fs.copyFileSync(base, file);
  const db = new Database(file);
  if (unsafe) db.unsafeMode(true);
  // An attacker's tool keeps no foreign keys.
  db.pragma('foreign_keys = OFF');
  try {
    edit(db);
  } catch (e) {
    throw new Error(`${path.basename(file)}: ${(e as Error).message}`);
  } finally {
    db.close();
  }
}

/** A hot rollback journal: a transaction whose changes spilled into the file before it committed, frozen by copying both. */
function hotJournal(base: string, file: string): void {
  const work = `${file}.work`;
  fs.copyFileSync(base, work);
  const db = new Database(work);
  db.pragma('cache_size = 1');
  db.pragma('cache_spill = ON');
  db.exec('BEGIN');
  db.exec("UPDATE neurons SET label = label || printf('%.*c', 300, 'z'), bias = 42");
  db.exec("UPDATE datasets SET name = 'half-written'");
  if (!fs.existsSync(`${work}-journal`)) throw new Error('no journal to freeze');
  fs.copyFileSync(work, file);
  fs.copyFileSync(`${work}-journal`, `${file}-journal`);
  db.exec('ROLLBACK');
  db.close();
  fs.rmSync(work, { force: true });
}

/**
 * Builds the corpus in `dir` from the project file `base`. `ids` names two runs and a dataset of
 * the base project for the row-level cases. Returns every file with its kind.
 */
export function buildHostileCorpus(dir: string, base: string, ids: { runA: string; runB: string; datasetA: string }, seed = 12): HostileFile[] {
  fs.mkdirSync(dir, { recursive: true });
  const out: HostileFile[] = [];
  const bytes = fs.readFileSync(base);
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  const pages = bytes.length / pageSize;
  const rnd = seededRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const put = (name: string, kind: string, data: Buffer, expect?: string) => {
    const file = path.join(dir, `${name}.neurite`);
    fs.writeFileSync(file, data);
    out.push({ name, file, kind, expect });
  };

  for (let i = 0; i < 70; i++) {
    const b = Buffer.from(bytes);
    const flips = 1 + int(16);
    for (let k = 0; k < flips; k++) {
      // Half in the first pages (schema, header), half anywhere.
      const at = k % 2 ? int(b.length) : int(Math.min(b.length, pageSize * 3));
      b[at] ^= 1 << int(8);
    }
    put(`flip-${i}`, 'byte flips', b);
  }
  for (let i = 0; i < 25; i++) {
    const cut = i % 2 ? int(pages) * pageSize : int(bytes.length);
    put(`truncate-${i}`, 'truncation', bytes.subarray(0, cut));
  }
  for (let i = 0; i < 25; i++) {
    const b = Buffer.from(bytes);
    const p = 1 + int(pages - 1);
    const q = int(pages);
    const tmp = Buffer.from(b.subarray(p * pageSize, (p + 1) * pageSize));
    b.copy(b, p * pageSize, q * pageSize, (q + 1) * pageSize);
    tmp.copy(b, q * pageSize);
    put(`swap-pages-${i}`, 'swapped pages', b);
  }
  for (let i = 0; i < 10; i++) {
    const b = Buffer.from(bytes);
    const p = int(pages);
    b.fill(i % 2 ? 0 : 0xff, p * pageSize, (p + 1) * pageSize);
    put(`blank-page-${i}`, 'blanked page', b);
  }
  for (let i = 0; i < 8; i++) {
    // Header fields: page size, page count, freelist, schema cookie, text encoding, reserved bytes.
    const b = Buffer.from(bytes);
    const field = [16, 28, 32, 36, 40, 56, 20, 18][i];
    b.writeUInt16BE(int(65536), field);
    put(`header-field-${i}`, 'header field', b);
  }
  put('empty', 'not a project', Buffer.alloc(0), 'project.notSqlite');
  put('text', 'not a project', Buffer.from('SELECT * FROM neurons; -- not a database\n'.repeat(20)), 'project.notSqlite');
  put('magic-only', 'not a project', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(84)]));

  for (const c of sqlCases(ids.runA, ids.runB, ids.datasetA)) {
    const file = path.join(dir, `${c.name}.neurite`);
    edited(base, file, (db) => (c.run ? c.run(db) : db.exec(c.sql!)), c.unsafe);
    out.push({ name: c.name, file, kind: 'planted by SQL', expect: c.expect });
  }

  const utf16 = path.join(dir, 'utf16.neurite');
  {
    const db = new Database(utf16);
    db.pragma("encoding = 'UTF-16le'");
    const src = new Database(base, { readonly: true });
    for (const sql of src.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]) db.exec(sql);
    db.pragma(`application_id = ${src.pragma('application_id', { simple: true }) as number}`);
    db.pragma('user_version = 1');
    src.close();
    db.close();
  }
  out.push({ name: 'utf16', file: utf16, kind: 'planted by SQL', expect: 'project.foreignSchema' });

  const hot = path.join(dir, 'hot-journal.neurite');
  hotJournal(base, hot);
  out.push({ name: 'hot-journal', file: hot, kind: 'hot journal', expect: 'opens' });
  for (let i = 0; i < 4; i++) {
    const f = path.join(dir, `bad-journal-${i}.neurite`);
    hotJournal(base, f);
    const j = fs.readFileSync(`${f}-journal`);
    if (i === 0) fs.writeFileSync(`${f}-journal`, Buffer.alloc(j.length, 0x5a));
    else for (let k = 0; k < 8 * i; k++) j[28 + int(j.length - 28)] ^= 0xff;
    if (i > 0) fs.writeFileSync(`${f}-journal`, j);
    out.push({ name: `bad-journal-${i}`, file: f, kind: 'hot journal' });
  }
  const wal = path.join(dir, 'garbage-wal.neurite');
  fs.copyFileSync(base, wal);
  fs.writeFileSync(`${wal}-wal`, Buffer.alloc(4096, 0x33));
  out.push({ name: 'garbage-wal', file: wal, kind: 'hot journal', expect: 'opens' });
  return out;
}
