/**
 * The wizard's memory: the settings of the last successful import of each file name (reading
 * options, column choices, split, hidden layer), in one small JSON file in the state folder.
 * A file that cannot be read or parsed is treated as empty: forgetting settings is harmless.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RememberedImportSchema, type RememberedImport } from '../../../src-shared/data/contract';
import { writeFileAtomic } from '../project/fs-util';

const FILE = 'import-settings.json';
/** Names remembered at most (the oldest are forgotten first). */
export const REMEMBERED_MAX = 100;

const StoreSchema = z.object({ version: z.literal(1), files: z.array(z.object({ name: z.string(), settings: RememberedImportSchema })) });
type Store = z.infer<typeof StoreSchema>;

function read(stateDir: string): Store {
  try {
    const file = path.join(stateDir, FILE);
    if (!fs.statSync(file).isFile()) return { version: 1, files: [] };
    return StoreSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return { version: 1, files: [] };
  }
}

/** The settings last used for a file of this name (compared without folders), or null. */
export function rememberedImport(stateDir: string, fileName: string): RememberedImport | null {
  const name = path.basename(fileName);
  return read(stateDir).files.find((f) => f.name === name)?.settings ?? null;
}

/** Remembers the settings of a successful import under the file's name. */
export function rememberImport(stateDir: string, fileName: string, settings: RememberedImport): void {
  const name = path.basename(fileName);
  const store = read(stateDir);
  const files = [{ name, settings }, ...store.files.filter((f) => f.name !== name)].slice(0, REMEMBERED_MAX);
  try {
    fs.mkdirSync(stateDir, { recursive: true });
    writeFileAtomic(path.join(stateDir, FILE), JSON.stringify({ version: 1, files }));
  } catch {
    // A state folder that cannot be written only means the wizard will not remember this file.
  }
}
