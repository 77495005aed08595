/**
 * The training panel's state: the config the user edited, the live run (progress and its curve),
 * the last results, the run history and the runs picked for comparison.
 */
import { create } from 'zustand';
import type { EventOf } from '../../src-shared/api';
import type { DatasetMeta } from '../../src-shared/data/schema';
import type { RunSummary } from '../../src-shared/training/contract';
import { defaultLoss, type TrainingConfigInput } from '../../src-shared/training/config';
import { useEditorStore } from './editor-store';
import { DEFAULT_TEMPO, type Tempo } from '../../src-shared/training/tempo';

/** A metric history: per name ('train.loss', 'val.loss', 'val.score'), [epoch, value] pairs. */
export type History = Record<string, [number, number][]>;

/** The run in progress in this window. */
export interface LiveRun {
  runId: string;
  datasetId: string;
  progress: EventOf<'training.progress'> | null;
  history: History;
}

/** What a finished run left to show. */
export interface RunOutcome {
  runId: string;
  datasetId: string;
  reason: 'completed' | 'stopped' | 'early-stopped' | 'error';
  evaluation: EventOf<'training.done'>['evaluation'] | null;
  message: string | null;
  /** Its curves, when known. */
  history: History | null;
}

/** A snapshot's place in its run. */
export interface SnapshotKey {
  epoch: number;
  step: number;
}

/** The replay of a stored run: its snapshots and which one the canvas shows. */
export interface Replay {
  runId: string;
  snapshots: SnapshotKey[];
  /** The snapshot on the canvas, or null: the canvas shows the document's own weights. */
  index: number | null;
  playing: boolean;
  /** Why this run cannot be replayed on the canvas (another network), or null. */
  problem: string | null;
}

/** Which part of the panel body is showing. */
export type TrainingTab = 'setup' | 'curves' | 'results' | 'runs' | 'boundary';

/** The training store's state. */
export interface TrainingState {
  config: TrainingConfigInput;
  /** The project's datasets, for the picker. */
  datasets: { id: string; name: string }[];
  datasetId: string | null;
  /** The chosen dataset's metadata (class names, target kind). */
  meta: DatasetMeta | null;
  live: LiveRun | null;
  outcome: RunOutcome | null;
  runs: RunSummary[];
  /** Runs picked to overlay their curves, with their stored histories. */
  compared: Record<string, History>;
  open: boolean;
  tab: TrainingTab;
  /** Training speed: epochs per second, 0 by hand, null full speed. */
  tempo: Tempo;
  replay: Replay | null;
  /** What the last started or shown run scores: accuracy for class losses (bce, cce), R² for mse; null before any. */
  scoreName: 'accuracy' | 'R²' | null;
}

/** The one training store of the window. */
export const useTrainingStore = create<TrainingState>()(() => ({
  config: {},
  datasets: [],
  datasetId: null,
  meta: null,
  live: null,
  outcome: null,
  runs: [],
  compared: {},
  open: false,
  tab: 'setup',
  tempo: DEFAULT_TEMPO,
  replay: null,
  scoreName: null,
}));

/** The score a loss reports per epoch: accuracy under cross-entropy (a 0/1 target with a sigmoid output included), R² under MSE. */
export const scoreOfLoss = (loss: string): 'accuracy' | 'R²' => (loss === 'mse' ? 'R²' : 'accuracy');

/** The score's name: the run's own when known, else the one the loss Setup would use records (named after the loss, not the target's encoding). */
export function useScoreName(): 'accuracy' | 'R²' {
  const configLoss = useTrainingStore((s) => s.config.loss ?? null);
  const autoLoss = useEditorStore((s) => defaultLoss(s.network));
  return useTrainingStore((s) => s.scoreName ?? scoreOfLoss(configLoss ?? autoLoss));
}

/** A history with epochs appended (nulls skipped: no validation split); copies each array once. */
export function appendEpochs(h: History, epochs: readonly Pick<EventOf<'training.epoch'>, 'epoch' | 'trainLoss' | 'valLoss' | 'score'>[]): History {
  const next: History = {};
  for (const [name, points] of Object.entries(h)) next[name] = points.slice();
  const add = (name: string, epoch: number, v: number | null) => {
    if (v !== null) (next[name] ??= []).push([epoch, v]);
  };
  for (const e of epochs) {
    add('train.loss', e.epoch, e.trainLoss);
    add('val.loss', e.epoch, e.valLoss);
    add('val.score', e.epoch, e.score);
  }
  return next;
}
