/**
 * A child process for the training crash tests (`node --import tsx crash-child.ts <stateDir> [file]`): a new
 * project with the Iris example, then a long training run through the same channels the app uses, printing
 * `epoch N <ms since start>` for every completed epoch until it is killed. With `file`, it also saves the
 * project there every 150 ms while training goes on, printing `saved <ms>` after each save.
 */
import { createDispatcher } from '../dispatch';
import { datasetHandlers } from '../dataset/handlers';
import { projectHandlers } from '../project/handlers';
import { createSession } from '../session';
import { trainingHandlers } from './handlers';

const [stateDir, file] = process.argv.slice(2);
const started = Date.now();
const { session } = createSession({
  mode: 'electron',
  projectsDir: null,
  stateDir,
  emit: (event, payload) => {
    if (event === 'training.epoch') process.stdout.write(`epoch ${(payload as { epoch: number }).epoch} ${Date.now() - started}\n`);
  },
});
const dispatch = createDispatcher({ ...projectHandlers, ...datasetHandlers, ...trainingHandlers }, () => {});
const call = async (channel: string, payload: unknown) => {
  const r = await dispatch(channel, payload, session);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as Record<string, unknown>;
};

await call('project.new', {});
const { meta, network } = (await call('dataset.example', { kind: 'iris' })) as { meta: { id: string }; network: unknown };
// Batch 1 and many epochs: a run that is mid-flight whenever the parent kills it.
await call('training.start', { datasetId: meta.id, network, config: { batchSize: 1, epochs: 1_000_000 } });
if (file) {
  const save = async () => {
    await call('project.save', { network, path: file });
    process.stdout.write(`saved ${Date.now() - started}\n`);
    setTimeout(() => void save(), 150);
  };
  void save();
}
setInterval(() => {}, 1000);
