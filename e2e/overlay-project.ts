/**
 * Writes `with-data.neurite` into the projects folder given as the first argument: the overlay network and a
 * 10-row dataset (features x1, x2) with known values, saved by the project service exactly as the app saves,
 * so the overlay journey can open it through File › Open like a user. Run with `node --import tsx`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeExample } from '../src-shared/data/examples';
import type { Network } from '../src-shared/model/network';
import { saveDataset } from '../src-main/services/dataset/store';
import { closeSession, newProject, saveProject, workingDatabase } from '../src-main/services/project/service';
import { createSession } from '../src-main/services/session';
import { DATASET_NAME, NETWORK } from './overlay-network';

const projectsDir = process.argv[2];
const d = makeExample('xor', { size: 10, seed: 1 }).dataset;
// Every row is a training row: x1 = −0.8, x2 alternating −0.5 (ReLU silent) and 0.5 (ReLU on).
d.x = Float64Array.from({ length: 20 }, (_, k) => (k % 2 === 0 ? -0.8 : Math.floor(k / 2) % 2 === 0 ? -0.5 : 0.5));
d.split = new Uint8Array(10);
d.meta = { ...d.meta, name: DATASET_NAME, split: { ...d.meta.split, counts: [10, 0, 0] } };
const { session, close } = createSession({ mode: 'browser', projectsDir, stateDir: mkdtempSync(join(tmpdir(), 'neurite-e2e-state-')), emit: () => {} });
newProject(session);
saveDataset(workingDatabase(session), d);
saveProject(session, NETWORK as Network, 'with-data');
closeSession(session);
close();
