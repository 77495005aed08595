import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { emptyNetwork, type Network } from '../../../src-shared/model/network';
import { PROJECT_EXTENSION, type ProjectFile, type ProjectInfo, type ProjectSnapshot, type RecentProject, type RecoverableSession } from '../../../src-shared/model/project';
import { formatPath } from '../dispatch';
import type { Session } from '../session';
import { APP_VERSION } from './format';
import { fsyncDir, fsyncFile, isWritable } from './fs-util';
import { createFileExclusive } from '../safe-fs';
import { checkWritable } from './inspect';
import { loadProjectFile } from './load-file';
import { fail, quoted, reason } from './messages';
import { createSchema, migrateProjectDb } from './migrations';
import { readNetwork, writeNetwork } from './network-tables';
import { projectName, projectsRoot, rendererPath, resolveProjectPath } from './paths';
import { addRecent, MAX_RECENT, readRecent } from './recent';
import {
  claimWorkingCopy,
  clearJournal,
  createWorkingCopy,
  openWorkingDb,
  readJournal,
  readSessionInfo,
  releaseWorkingCopy,
  removeWorkingCopy,
  scanWorkingCopies,
  writeJournal,
  writeSessionInfo,
  type WorkingCopy,
} from './working-copy';

/** The project a session has open. */
interface OpenProject {
  wc: WorkingCopy;
  db: Database.Database;
  /** Absolute path of the saved file, or null when never saved. */
  path: string | null;
  savedAt: string | null;
  recovered: boolean;
  /** True while journal.json holds edits that are not in the saved file. */
  journaled: boolean;
}

/** Per-session open projects, keyed by session id (every window is a session; all share this process). */
const projects = new Map<string, OpenProject>();
/** Sessions whose close hook is registered. */
const hooked = new Set<string>();

function info(session: Session, p: OpenProject): ProjectInfo {
  return { path: p.path ? rendererPath(session, p.path) : null, name: projectName(p.path), savedAt: p.savedAt, recovered: p.recovered };
}

function snapshot(session: Session, p: OpenProject, network: Network): ProjectSnapshot {
  return { ...info(session, p), network };
}

/** Which other window or process has this file open, or null. */
function otherHolder(session: Session, abs: string): string | null {
  for (const [sid, p] of projects) if (sid !== session.id && p.path === abs) return 'another Neurite window';
  const own = projects.get(session.id)?.wc.id;
  for (const e of scanWorkingCopies(session.stateDir)) {
    if (e.id !== own && e.owner !== null && e.info?.path === abs) return e.owner === process.pid ? 'another Neurite window' : `another Neurite window (process ${e.owner})`;
  }
  return null;
}

function refuseIfOpenElsewhere(session: Session, abs: string): void {
  const holder = otherHolder(session, abs);
  if (holder) fail('project.alreadyOpen', `${quoted(abs)} is already open in ${holder}. Switch to that window, or close the project there first.`);
}

/** A short meta value (a time, a version), or null when it is missing or is not one. */
function metaValue(db: Database.Database, key: string): string | null {
  const v = db.prepare('SELECT substr(value, 1, 100) FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  return typeof v === 'string' && v.length < 100 ? v : null;
}

/** Makes `next` the session's project and disposes of the one it replaces (its unsaved edits were settled by the renderer). */
function install(session: Session, next: OpenProject): void {
  const prev = projects.get(session.id);
  // The first project of a session: release it when the window closes or the socket drops.
  if (!prev && !hooked.has(session.id)) {
    hooked.add(session.id);
    session.onClose?.(() => {
      hooked.delete(session.id);
      closeSession(session);
    });
  }
  projects.set(session.id, next);
  if (prev && prev.wc.id !== next.wc.id) removeWorkingCopy(prev.wc);
}

function current(session: Session): OpenProject {
  const p = projects.get(session.id);
  if (p) return p;
  // Journal or save before any new/open: the canvas's untitled document becomes a project.
  newProject(session);
  return projects.get(session.id)!;
}

/** Starts a new, untitled project with an empty network. */
export function newProject(session: Session): ProjectSnapshot {
  const wc = createWorkingCopy(session.stateDir);
  try {
    const db = openWorkingDb(wc);
    createSchema(db);
    const network = emptyNetwork();
    db.transaction(() => writeNetwork(db, network))();
    const p: OpenProject = { wc, db, path: null, savedAt: null, recovered: false, journaled: false };
    writeSessionInfo(wc, { path: null, name: projectName(null), savedAt: null });
    install(session, p);
    return snapshot(session, p, network);
  } catch (err) {
    removeWorkingCopy(wc);
    throw err;
  }
}

/**
 * Opens a project file: validates it without changing it, copies it into a new working copy,
 * migrates the copy and reads the network. Any failure leaves the session's open project as it was.
 */
export function openProject(session: Session, given: string): ProjectSnapshot {
  const abs = resolveProjectPath(session, given, 'open');
  let wc: WorkingCopy | null = null;
  try {
    wc = createWorkingCopy(session.stateDir);
    // Copies, settles and checks the file, then builds the working database from our own schema.
    const { warnings } = loadProjectFile(abs, wc);
    checkWritable(abs);
    refuseIfOpenElsewhere(session, abs);
    const db = openWorkingDb(wc);
    migrateProjectDb(db);
    let network: Network;
    try {
      network = readNetwork(db);
    } catch (err) {
      fail('project.damaged', `${quoted(abs)} is damaged: its network cannot be read (${firstIssue(err)}).`);
    }
    // Nothing trains in a project that was just opened: a run the file calls running was cut off.
    interruptRuns(db);
    const p: OpenProject = { wc, db, path: abs, savedAt: metaValue(db, 'modified'), recovered: false, journaled: false };
    writeSessionInfo(wc, { path: abs, name: projectName(abs), savedAt: p.savedAt });
    install(session, p);
    addRecent(session.stateDir, { path: abs, name: projectName(abs), openedAt: new Date().toISOString() });
    return { ...snapshot(session, p, network), ...(warnings.length ? { warnings } : {}) };
  } catch (err) {
    if (wc) removeWorkingCopy(wc);
    throw err;
  }
}

/** Marks runs a dead process left `running` as `interrupted` (continuable from their last checkpoint). */
function interruptRuns(db: Database.Database): string[] {
  const ids = db.prepare("SELECT id FROM runs WHERE status = 'running'").pluck().all() as string[];
  const set = db.prepare("UPDATE runs SET status = 'interrupted' WHERE id = ?");
  db.transaction(() => ids.forEach((id) => set.run(id)))();
  return ids;
}

function firstIssue(err: unknown): string {
  const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues?.length) return `${formatPath(issues[0].path)}: ${issues[0].message}`;
  return reason(err);
}

/** Removes temp files a crash during an earlier save left beside the target. */
function sweepSaveLeftovers(target: string): void {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  try {
    // The temp file and the rollback journal (or WAL) SQLite kept beside it while writing it.
    for (const n of fs.readdirSync(dir)) if (n.startsWith(prefix) && /\.saving(-journal|-wal|-shm)?$/.test(n)) fs.rmSync(path.join(dir, n), { force: true });
  } catch {
    // Leftovers are harmless; saving matters more.
  }
}

/**
 * Saves the network (with everything the working copy holds) to the current path, or to
 * `given` (Save As). The file is replaced atomically: VACUUM INTO a temp file beside it,
 * fsync, rename over it, fsync the folder; a crash leaves the old file or the new one.
 */
export function saveProject(session: Session, network: Network, given?: string | null): ProjectInfo {
  const p = current(session);
  const target = given ? resolveProjectPath(session, given, 'save') : p.path;
  if (!target) fail('project.noPath', 'This project has not been saved yet: choose where to save it (Save As).');
  if (target !== p.path) refuseIfOpenElsewhere(session, target);
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) fail('project.notFound', `The folder ${dir} does not exist.`);
  if (fs.existsSync(target)) {
    if (fs.statSync(target).isDirectory()) fail('project.isFolder', `${quoted(target)} is a folder; choose a file name to save to.`);
    checkWritable(target);
  } else if (!isWritable(dir)) {
    fail('project.readOnlyFolder', `${quoted(target)} cannot be saved: the folder ${dir} is read-only.`);
  }
  const now = new Date().toISOString();
  const put = p.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  p.db.transaction(() => {
    writeNetwork(p.db, network);
    put.run('modified', now);
    put.run('app_version', APP_VERSION);
  })();
  sweepSaveLeftovers(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}-${Date.now()}.saving`);
  // A run still training is saved as it stands, as interrupted (continuable from its last
  // checkpoint), never as running: nothing trains in a file. The working copy gets its status back.
  const training = interruptRuns(p.db);
  try {
    // Created empty first, exclusively and without following links (VACUUM INTO accepts an empty file).
    createFileExclusive(tmp, '');
    p.db.prepare('VACUUM INTO ?').run(tmp);
    fsyncFile(tmp);
    // A sidecar another tool left beside the old file would be replayed onto the new one and
    // corrupt it. Its content is already in the working copy; without it the old file is older but whole.
    for (const side of ['-wal', '-journal', '-shm']) fs.rmSync(target + side, { force: true });
    fs.renameSync(tmp, target);
  } catch (err) {
    for (const side of ['', '-journal', '-wal', '-shm']) fs.rmSync(tmp + side, { force: true });
    fail('project.saveFailed', `${quoted(target)} could not be saved: ${reason(err)}. The file on disk is unchanged.`);
  } finally {
    const back = p.db.prepare("UPDATE runs SET status = 'running' WHERE id = ? AND status = 'interrupted'");
    p.db.transaction(() => training.forEach((id) => back.run(id)))();
  }
  fsyncDir(dir);
  p.path = target;
  p.savedAt = now;
  p.recovered = false;
  // The journal goes first: a crash from here on leaves nothing stale to "recover".
  clearJournal(p.wc);
  p.journaled = false;
  writeSessionInfo(p.wc, { path: target, name: projectName(target), savedAt: now });
  addRecent(session.stateDir, { path: target, name: projectName(target), openedAt: now });
  return info(session, p);
}

/** Records the renderer's unsaved network so a crash can be recovered from (the renderer calls this debounced). */
export function journal(session: Session, network: Network): void {
  const p = current(session);
  writeJournal(p.wc, network);
  p.journaled = true;
}

/**
 * For services that write into the working copy (datasets, runs): marks the project as holding
 * unsaved work, so a crash keeps it recoverable even if the network itself was not edited.
 */
export function markUnsaved(session: Session): void {
  const p = current(session);
  if (p.journaled) return;
  writeJournal(p.wc, readNetwork(p.db));
  p.journaled = true;
}

/** Closes the session's project and forgets its unsaved edits (the renderer asked the user first). */
export function closeProject(session: Session): void {
  const p = projects.get(session.id);
  if (!p) return;
  projects.delete(session.id);
  removeWorkingCopy(p.wc);
}

/**
 * Called by the transport when a window or tab goes away without closing its project: with
 * unsaved edits journaled, the working copy is kept for recovery; otherwise it is deleted.
 */
export function closeSession(session: Session): void {
  const p = projects.get(session.id);
  if (!p) return;
  projects.delete(session.id);
  if (p.journaled) releaseWorkingCopy(p.wc);
  else removeWorkingCopy(p.wc);
}

/** The session's open project without its network, or null. */
export function currentProject(session: Session): ProjectInfo | null {
  const p = projects.get(session.id);
  return p ? info(session, p) : null;
}

/** The working database of the session's project, for services that store datasets, runs and checkpoints in it. */
export function workingDatabase(session: Session): Database.Database {
  return current(session).db;
}

/**
 * The Open Recent list. In browser mode only the projects inside the projects folder, with relative
 * paths, and where fewer than MAX_RECENT were opened here, the folder's other projects, newest first
 * (a project copied into the folder is recent too).
 */
export function recentProjects(session: Session): RecentProject[] {
  const out: RecentProject[] = [];
  for (const e of readRecent(session.stateDir)) {
    const rp = rendererPath(session, e.path);
    if (rp) out.push({ ...e, path: rp });
  }
  if (session.mode !== 'browser' || !session.projectsDir || out.length >= MAX_RECENT) return out;
  const listed = new Set(out.map((r) => r.path));
  const others = listProjectFiles(session)
    .filter((f) => !listed.has(f.path))
    .sort((a, b) => b.modified.localeCompare(a.modified));
  for (const f of others.slice(0, MAX_RECENT - out.length)) out.push({ path: f.path, name: f.name, openedAt: f.modified });
  return out;
}

/** The `.neurite` files in the projects folder and its subfolders (browser mode's open dialog). */
export function listProjectFiles(session: Session): ProjectFile[] {
  const root = projectsRoot(session);
  const out: ProjectFile[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const abs = path.join(dir, e.name);
      if (e.isDirectory() && depth < 4) walk(abs, depth + 1);
      else if (e.isFile() && e.name.toLowerCase().endsWith(PROJECT_EXTENSION)) {
        const st = fs.statSync(abs);
        out.push({ path: path.relative(root, abs).split(path.sep).join('/'), name: projectName(abs), size: st.size, modified: st.mtime.toISOString() });
      }
    }
  };
  walk(root, 0);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Sessions that ended with unsaved edits and nobody holds any more (crash, killed tab).
 * Working copies left without unsaved edits are deleted on the way.
 */
export function recoverableSessions(session: Session): RecoverableSession[] {
  const out: RecoverableSession[] = [];
  for (const e of scanWorkingCopies(session.stateDir)) {
    if (e.owner !== null) continue;
    const j = readJournal(e.dir);
    if (!j) {
      fs.rmSync(e.dir, { recursive: true, force: true });
      continue;
    }
    const abs = e.info?.path ?? null;
    const rp = abs ? rendererPath(session, abs) : null;
    if (abs && rp === null) continue; // another projects folder's session: not this browser session's to see
    out.push({ id: e.id, path: rp, name: projectName(abs), editedAt: j.editedAt });
  }
  return out.sort((a, b) => b.editedAt.localeCompare(a.editedAt));
}

/** Restores a recoverable session as this session's project, with its unsaved network. */
export function recoverSession(session: Session, id: string): ProjectSnapshot {
  const entry = scanWorkingCopies(session.stateDir).find((e) => e.id === id);
  if (entry?.info?.path) refuseIfOpenElsewhere(session, entry.info.path);
  const wc = claimWorkingCopy(session.stateDir, id);
  if (!wc) fail('project.recoveryGone', 'Those unsaved edits are no longer available: they were recovered or discarded elsewhere.');
  try {
    const sinfo = readSessionInfo(wc.dir);
    const j = readJournal(wc.dir);
    if (!j) fail('project.recoveryGone', 'Those unsaved edits could not be read.');
    const db = openWorkingDb(wc);
    migrateProjectDb(db);
    // The process that trained in this working copy is gone.
    interruptRuns(db);
    const p: OpenProject = { wc, db, path: sinfo?.path ?? null, savedAt: sinfo?.savedAt ?? null, recovered: true, journaled: true };
    install(session, p);
    return snapshot(session, p, j.network);
  } catch (err) {
    // Put it back for a later attempt rather than lose the edits.
    releaseWorkingCopy(wc);
    throw err;
  }
}

/** Deletes a recoverable session's unsaved edits. */
export function discardRecovery(session: Session, id: string): void {
  const wc = claimWorkingCopy(session.stateDir, id);
  if (wc) removeWorkingCopy(wc);
}
