import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './fs-util';
import { readRegularFileOrNull } from '../safe-fs';

/** How many projects the Open Recent menu remembers. */
export const MAX_RECENT = 10;

/** One remembered project (absolute path). */
export interface RecentEntry {
  path: string;
  name: string;
  openedAt: string;
}

function file(stateDir: string): string {
  return path.join(stateDir, 'recent.json');
}

/** The remembered projects, most recent first, without those whose file is gone. */
export function readRecent(stateDir: string): RecentEntry[] {
  let list: RecentEntry[];
  try {
    const raw = JSON.parse(readRegularFileOrNull(file(stateDir)) ?? '') as unknown;
    list = Array.isArray(raw) ? raw.filter((e): e is RecentEntry => typeof e?.path === 'string' && typeof e?.name === 'string' && typeof e?.openedAt === 'string') : [];
  } catch {
    return [];
  }
  return list.filter((e) => fs.existsSync(e.path));
}

/** Puts a project at the top of the recent list; best effort, since a failed open or save over the list would be worse. */
export function addRecent(stateDir: string, entry: RecentEntry): void {
  const list = [entry, ...readRecent(stateDir).filter((e) => e.path !== entry.path)].slice(0, MAX_RECENT);
  try {
    fs.mkdirSync(stateDir, { recursive: true });
    writeFileAtomic(file(stateDir), JSON.stringify(list, null, 2));
  } catch (err) {
    console.warn('could not update the recent projects list', err);
  }
}
