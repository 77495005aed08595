/**
 * Writes `iris16.neurite` into the projects folder given as the first argument: the shipped Iris dataset with a
 * starter network of one 16-neuron tanh layer (4 → 16 → 3 softmax), saved by the project service exactly as the
 * app saves, so a journey can open it through File › Open like a user. Run with `node --import tsx`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { starterNetwork } from '../src-shared/data/bind';
import { loadIrisExample } from '../src-main/services/dataset/examples';
import { saveDataset } from '../src-main/services/dataset/store';
import { closeSession, newProject, saveProject, workingDatabase } from '../src-main/services/project/service';
import { createSession } from '../src-main/services/session';

const projectsDir = process.argv[2];
const { dataset } = await loadIrisExample(1);
const network = starterNetwork(dataset.meta, { hidden: [16], activation: 'tanh', seed: 1 });
const { session, close } = createSession({ mode: 'browser', projectsDir, stateDir: mkdtempSync(join(tmpdir(), 'neurite-e2e-state-')), emit: () => {} });
newProject(session);
saveDataset(workingDatabase(session), dataset);
saveProject(session, network, 'iris16');
closeSession(session);
close();
