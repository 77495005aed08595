/** One stored dataset of the session's open project, for the services that compute with it. */
import type { EncodedDataset } from '../../../src-shared/data/schema';
import { workingDatabase } from '../project/service';
import type { Session } from '../session';
import { UserError } from '../user-error';
import { loadDataset } from './store';

/** The dataset `id` of the open project; a UserError the user can read when there is none. */
export function projectDataset(session: Session, id: string): EncodedDataset {
  const d = loadDataset(workingDatabase(session), id);
  if (!d) throw new UserError('dataset.notFound', `There is no dataset "${id}" in this project.`);
  return d;
}
