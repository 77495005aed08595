/** The training channels: runs in workers (host.ts), history from the project's working copy (store.ts). */
import { withEffectiveDale } from '../../../src-shared/training/dale-setting';
import { applyWeightsToNetwork, compileNetwork, createRng, initialise, paramsFromNetwork, type Program } from '../../../src-shared/engine';
import type { Network } from '../../../src-shared/model/network';
import { parseTrainingConfig } from '../../../src-shared/training/config';
import { RunEvaluationSchema, type RunSummary } from '../../../src-shared/training/contract';
import { planRun, type RunPlan } from '../../../src-shared/training/plan';
import { TrainingRun } from '../../../src-shared/training/runner';
import type { ResponseOf } from '../../../src-shared/api';
import type { trainingRequests } from '../../../src-shared/training/contract';
import type { PayloadOf } from '../dispatch';
import type { Session } from '../session';
import { sessionRegistry } from '../session-registry';
import { UserError } from '../user-error';
import { cachedDataset } from '../dataset/decoded-cache';
import { projectDataset } from '../dataset/project-dataset';
import { loadDataset } from '../dataset/store';
import { markUnsaved, workingDatabase } from '../project/service';
import { startRun, type RunHandle } from './host';
import { checkStateFits } from './state-codec';
import { getRun, listRuns, listSnapshots, metricHistory, readCheckpoint, readSnapshot, type RunListItem } from './store';
import type Database from 'better-sqlite3';

// Predictions and heatmaps live in insight-handlers.ts.
type TrainingChannel = Exclude<keyof typeof trainingRequests, 'training.predictions' | 'training.boundary'>;

// A closed window stops its runs (their state so far is already in the working copy).
const active = sessionRegistry<RunHandle>((h) => h.stop());

function live(session: Session, runId: string): RunHandle {
  const h = active.get(session, runId);
  if (!h) throw new UserError('no-run', 'That training run is not running.');
  return h;
}

/** Per-synapse weights and per-neuron biases in document order (what the canvas shows). */
export function liveWeights(program: Program, params: Float64Array): { synapseWeights: number[]; biases: number[] } {
  return { synapseWeights: Array.from(program.synParam, (p) => params[p]), biases: Array.from({ length: program.neuronIds.length }, (_, i) => params[program.nWeights + i]) };
}

const nn = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

function summary(r: RunListItem): RunSummary {
  // JSON turned NaN into null already in the stored result.
  const base = { id: r.id, datasetId: r.datasetId, started: r.started, finished: r.finished, status: r.status, epochs: r.epochs };
  if (!r.stored) return { ...base, config: parseTrainingConfig({}), loss: '', result: null, message: `This run is damaged in the project file: ${r.problem ?? 'it cannot be read'}.` };
  return { ...base, config: r.stored.config, loss: r.stored.loss, result: r.stored.result as RunSummary['result'], message: r.stored.message };
}

/** The compiled network a stored run trained, or a UserError when the file holds one that cannot be compiled. */
function runProgram(runId: string, network: Network): Program {
  try {
    return compileNetwork(network);
  } catch (e) {
    throw new UserError('run.damaged', `The run ${runId.slice(0, 40)} in this project is damaged (its network cannot be built: ${(e as Error).message}).`);
  }
}

function itemOf(db: Database.Database, runId: string): RunListItem | null {
  return listRuns(db).find((r) => r.id === runId) ?? null;
}

function begin(session: Session, opts: Omit<Parameters<typeof startRun>[0], 'db' | 'listener'>): RunHandle {
  const db = workingDatabase(session);
  const program = compileNetwork(opts.network);
  let runId = '';
  const target = opts.resume?.targetEpochs ?? opts.config.epochs;
  const targetEpochs = target !== null && Number.isFinite(target) ? target : null;
  const h = startRun({
    ...opts,
    db,
    listener: {
      progress: (p) =>
        session.emit('training.progress', {
          runId, epoch: p.epoch, step: p.step, stepsPerEpoch: p.stepsPerEpoch, targetEpochs, samplesPerSec: p.samplesPerSec,
          trainLoss: nn(p.trainLoss), valLoss: nn(p.valLoss), score: nn(p.score), elapsedMs: p.elapsedMs, etaMs: nn(p.etaMs), paused: p.paused,
          weights: liveWeights(program, p.weights),
        }),
      epoch: (e) => session.emit('training.epoch', { runId, epoch: e.epoch, trainLoss: nn(e.trainLoss), valLoss: nn(e.val?.loss), score: nn(e.score) }),
      stored: () => markUnsaved(session),
    },
  });
  runId = h.runId;
  const runs = active.of(session);
  runs.set(runId, h);
  void h.done.then((out) => {
    runs.delete(runId);
    if (out.status === 'error') session.emit('training.error', { runId, message: out.message, epoch: out.epoch, step: null, weights: out.params ? liveWeights(program, out.params) : null });
    // Through JSON, as the browser transport sends it, so NaN (an empty class's precision) is null in Electron too.
    else session.emit('training.done', { runId, reason: out.status, evaluation: RunEvaluationSchema.parse(JSON.parse(JSON.stringify(out.evaluation))), weights: liveWeights(program, out.params) });
  });
  return h;
}

/** Handlers of the training channels. */
export const trainingHandlers: { [C in TrainingChannel]: (payload: PayloadOf<C>, session: Session) => Promise<ResponseOf<C>> } = {
  'training.start': async ({ datasetId, network, config, tempo, paused }, session) => {
    const dataset = projectDataset(session, datasetId);
    // The contract parsed the configuration (defaults filled in). A run says "Dale on" only when the constraint had a marked neuron to act on.
    const cfg = withEffectiveDale(config, network);
    let plan: RunPlan;
    try {
      // Fail fast on a network that does not fit the data (the worker would report the same).
      plan = planRun({ network: network, x: dataset.x, y: dataset.y, split: dataset.split, config: cfg });
    } catch (e) {
      throw new UserError('bad-training', e instanceof Error ? e.message : String(e));
    }
    const h = begin(session, { datasetId, dataset, network: network, config: cfg, tempo, paused });
    return { runId: h.runId, loss: plan.loss, stepsPerEpoch: plan.stepsPerEpoch };
  },
  'training.tempo': async ({ runId, tempo }, session) => (live(session, runId).setTempo(tempo), {}),
  'training.snapshots': async ({ runId }, session) => {
    const db = workingDatabase(session);
    const r = getRun(db, runId);
    if (!r) throw new UserError('no-run', `There is no run ${runId.slice(0, 40)} in this project.`);
    return { snapshots: listSnapshots(db, runId), neuronIds: r.network.neurons.map((n) => n.id), synapseIds: r.network.synapses.map((x) => x.id) };
  },
  'training.snapshot': async ({ runId, epoch, step }, session) => {
    const db = workingDatabase(session);
    const r = getRun(db, runId);
    const params = r && readSnapshot(db, runId, { epoch, step });
    if (!r || !params) throw new UserError('no-snapshot', `Run ${runId.slice(0, 40)} has no snapshot at epoch ${epoch}${step ? ` + ${step} batches` : ''}.`);
    const program = compileNetwork(r.network);
    if (params.length !== program.nWeights + program.neuronIds.length) throw new UserError('bad-snapshot', `The snapshot at epoch ${epoch} does not fit the run's network.`);
    return { weights: liveWeights(program, params) };
  },
  'training.pause': async ({ runId }, session) => (live(session, runId).pause(), {}),
  'training.resume': async ({ runId }, session) => (live(session, runId).resume(), {}),
  'training.stop': async ({ runId }, session) => (live(session, runId).stop(), {}),
  'training.step': async ({ runId, unit }, session) => (live(session, runId).step(unit), {}),
  'training.resetWeights': async ({ network, seed }) => {
    const program = compileNetwork(network);
    const params = paramsFromNetwork(program, network);
    initialise(program, params, 'glorot_uniform', createRng(seed));
    return { network: applyWeightsToNetwork(network, program, params) };
  },
  'training.runs': async (_p, session) => ({ runs: listRuns(workingDatabase(session)).map(summary) }),
  'training.run': async ({ runId }, session) => {
    const db = workingDatabase(session);
    const r = itemOf(db, runId);
    if (!r) throw new UserError('no-run', `There is no run ${runId.slice(0, 40)} in this project.`);
    return { run: summary(r), history: r.stored ? metricHistory(db, runId) : {} };
  },
  'training.loadWeights': async ({ runId, which }, session) => {
    const db = workingDatabase(session);
    const r = getRun(db, runId);
    const cp = r && readCheckpoint(db, runId, which);
    if (!r || !cp) throw new UserError('no-run', `Run ${runId.slice(0, 40)} has no ${which} weights.`);
    const program = runProgram(runId, r.network);
    if (cp.params.length !== program.nWeights + program.neuronIds.length) {
      throw new UserError('run.damaged', `The run ${runId.slice(0, 40)} in this project is damaged (its ${which} checkpoint holds ${cp.params.length} values but its network has ${program.nWeights + program.neuronIds.length} weights and biases), so its weights cannot be loaded.`);
    }
    return { network: applyWeightsToNetwork(r.network, program, cp.params) };
  },
  'training.continue': async ({ runId, epochs, tempo }, session) => {
    const db = workingDatabase(session);
    const r = getRun(db, runId);
    const cp = r && readCheckpoint(db, runId, 'final');
    // A run cut off before its first checkpoint (an older Neurite, or a crash in its first moments) starts over from its network.
    const fromStart = r?.status === 'interrupted' && !cp?.state;
    if (!r || (!cp?.state && !fromStart)) throw new UserError('no-run', `Run ${runId.slice(0, 40)} has no stored state to continue from.`);
    if (active.get(session, runId)) throw new UserError('busy', 'That run is still training.');
    if (!r.datasetId) throw new UserError('no-dataset', 'The dataset of that run was deleted.');
    const datasetId = r.datasetId;
    const dataset = cachedDataset(db, datasetId, () => loadDataset(db, datasetId));
    if (!dataset) throw new UserError('no-dataset', 'The dataset of that run was deleted.');
    let state = cp?.state ?? null;
    try {
      if (state) checkStateFits(state, paramsFromNetwork(runProgram(runId, r.network), r.network).length, dataset.split);
      else state = new TrainingRun({ network: r.network, x: dataset.x, y: dataset.y, split: dataset.split, config: r.stored.config }).getState();
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError('run.damaged', `The run ${runId.slice(0, 40)} in this project cannot be continued: ${(e as Error).message}`);
    }
    begin(session, { datasetId: r.datasetId, dataset, network: r.network, config: r.stored.config, resume: { runId, state, targetEpochs: state.epoch + epochs }, tempo });
    return { runId };
  },
};
