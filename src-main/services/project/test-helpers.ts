import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession, type Session, type SessionMode } from '../session';

const made: string[] = [];

/** A fresh temporary folder for one test (removed by removeTempDirs). */
export function tempDir(prefix = 'neurite-project-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made in this test file (call from afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A session like a transport builds, with its own state dir (or a shared one to act as "another window"). */
export function testSession(opts: { mode?: SessionMode; stateDir?: string; projectsDir?: string | null } = {}): { session: Session; close: () => void } {
  return createSession({
    mode: opts.mode ?? 'electron',
    projectsDir: opts.projectsDir ?? null,
    stateDir: opts.stateDir ?? tempDir('neurite-state-'),
    emit: () => {},
  });
}

/** The SHA-256 of a file, to prove it was not touched. */
export function fileHash(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
