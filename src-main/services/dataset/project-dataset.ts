/** One stored dataset of the session's open project, for the services that compute with it (decoded once, see decoded-cache.ts). */
import type { EncodedDataset } from '../../../src-shared/data/schema';
import { workingDatabase } from '../project/service';
import type { Session } from '../session';
import { UserError } from '../user-error';
import { cachedDataset } from './decoded-cache';
import { loadDataset } from './store';

/** The dataset `id` of the open project (read-only: shared with other callers); a UserError the user can read when there is none. */
export function projectDataset(session: Session, id: string): EncodedDataset {
  const db = workingDatabase(session);
  const d = cachedDataset(db, id, () => loadDataset(db, id));
  if (!d) throw new UserError('dataset.notFound', `There is no dataset "${id}" in this project.`);
  return d;
}
