import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import './training.css';
import { commandDisabledReason, runCommand, type CommandId } from '../commands';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { DockResizer } from '../panels/DockResizer';
import { defaultLoss } from '../../src-shared/training/config';
import { displayKeys, SHORTCUTS } from '../shortcuts';
import { runSeries, scoreNameFor } from './chart-data';
import { BoundaryView } from './BoundaryView';
import { CurveChart } from './CurveChart';
import { useBoundarySync } from './use-boundary-sync';
import { RunHistory } from './RunHistory';
import { chooseDataset, useTrainingEvents } from './training-actions';
import { TrainingResults } from './TrainingResults';
import { TrainingSetup } from './TrainingSetup';
import { useTrainingStore, type TrainingTab } from './training-store';

const TABS: { id: TrainingTab; label: string }[] = [
  { id: 'setup', label: 'Setup' },
  { id: 'curves', label: 'Curves' },
  { id: 'results', label: 'Results' },
  { id: 'runs', label: 'Runs' },
  { id: 'boundary', label: 'Heatmaps' },
];

function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function Command({ id, label, disabled, testId, reason }: { id: CommandId; label: string; disabled?: boolean; testId: string; reason?: string | null }) {
  const keys = SHORTCUTS.find((s) => s.command === id)?.keys[0];
  const title = keys ? `${label} (${displayKeys(keys)})` : label;
  return (
    <button type="button" data-testid={testId} disabled={disabled} title={reason ? `${title}: ${reason}` : title} aria-describedby={reason ? `${testId}-reason` : undefined} onClick={() => void runCommand(id)}>
      {label}
    </button>
  );
}

function Progress() {
  const progress = useTrainingStore((s) => s.live?.progress ?? null);
  const live = useTrainingStore((s) => s.live !== null);
  if (!live) return null;
  if (!progress) return <span className="training-progress__text">Starting…</span>;
  const done = progress.epoch + progress.step / Math.max(1, progress.stepsPerEpoch);
  return (
    <div className="training-progress" data-testid="training-progress" data-epoch={progress.epoch} data-step={progress.step} data-paused={progress.paused}>
      <progress max={progress.targetEpochs} value={Math.min(done, progress.targetEpochs)} aria-label="Training progress" />
      <span className="training-progress__text">
        {progress.paused ? 'Paused · ' : ''}epoch {progress.epoch}/{progress.targetEpochs} · {Math.round(progress.samplesPerSec).toLocaleString()} samples/s · {duration(progress.etaMs)} left
      </span>
    </div>
  );
}

function DatasetPicker() {
  const datasets = useTrainingStore((s) => s.datasets);
  const datasetId = useTrainingStore((s) => s.datasetId);
  const live = useTrainingStore((s) => s.live !== null);
  return (
    <select data-testid="training-dataset" aria-label="Dataset to train on" value={datasetId ?? ''} disabled={live} onChange={(e) => void chooseDataset(e.target.value || null)}>
      {!datasetId && <option value="">No dataset</option>}
      {datasets.map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
        </option>
      ))}
    </select>
  );
}

function LiveCurves() {
  // The live run's curves, else the last finished run's.
  const shown = useTrainingStore((s) => s.live?.history ?? s.outcome?.history ?? null);
  const configLoss = useTrainingStore((s) => s.config.loss ?? null);
  const network = useEditorStore((s) => s.network);
  // The score the runner records is accuracy under a cross-entropy loss (a 0/1 target with a sigmoid output
  // included) and R² under MSE: name the axis after the loss, not after how the target column was encoded.
  const loss = configLoss ?? defaultLoss(network);
  const scoreLabel = scoreNameFor(loss);
  const series = useMemo(() => (shown ? runSeries(shown, scoreLabel) : []), [shown, scoreLabel]);
  if (!shown) return <p className="muted">Curves appear here while a run trains.</p>;
  return <CurveChart series={series} scoreLabel={scoreLabel} testId="live-chart" />;
}

/** The training dock under the canvas: controls and progress always in view, setup, curves, results and runs below. */
export function TrainingDock() {
  useTrainingEvents();
  useBoundarySync();
  const { open, tab, live, paused, datasets } = useTrainingStore(useShallow((s) => ({ open: s.open, tab: s.tab, live: s.live !== null, paused: s.live?.progress?.paused ?? false, datasets: s.datasets.length })));
  const neurons = useEditorStore((s) => s.network.neurons.length);
  const dockHeight = useUiStore((s) => s.dockHeight);
  // Why Train is off right now (no dataset, empty network); said beside the button, not only on hover.
  const reason = useMemo(() => (live ? null : commandDisabledReason('train.start')), [live, datasets, neurons]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section className={`training-dock${open ? ' is-open' : ''}`} aria-label="Training" data-testid="training-dock" data-live={live} style={open ? { height: dockHeight } : undefined}>
      {open && <DockResizer />}
      <div className="training-bar">
        <button type="button" className="training-bar__toggle" aria-expanded={open} data-testid="training-toggle" onClick={() => useTrainingStore.setState({ open: !open })}>
          {open ? '▾' : '▸'} Training
        </button>
        <DatasetPicker />
        <Command id="train.start" label="Train" testId="train-start" disabled={live || !!reason} reason={reason} />
        <Command id="train.pauseResume" label={paused ? 'Resume' : 'Pause'} testId="train-pause" disabled={!live} />
        <Command id="train.stop" label="Stop" testId="train-stop" disabled={!live} />
        <Command id="train.stepBatch" label="Step batch" testId="train-step-batch" disabled={!live} />
        <Command id="train.stepEpoch" label="Step epoch" testId="train-step-epoch" disabled={!live} />
        <Command id="train.resetWeights" label="Reset weights" testId="train-reset" disabled={live} />
        {reason && (
          <span className="training-reason" id="train-start-reason" data-testid="train-disabled-reason">
            {reason}
          </span>
        )}
        <Progress />
        {live && (
          <span className="training-lock" data-testid="structure-lock" role="status">
            🔒 Structure locked while training
          </span>
        )}
      </div>
      {open && (
        <div className="training-body">
          <div className="training-tabs" role="tablist">
            {TABS.map((t) => (
              <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} data-testid={`training-tab-${t.id}`} onClick={() => useTrainingStore.setState({ tab: t.id })}>
                {t.label}
              </button>
            ))}
          </div>
          <div className="training-tabpanel" role="tabpanel">
            {tab === 'setup' && <TrainingSetup />}
            {tab === 'curves' && <LiveCurves />}
            {tab === 'results' && <TrainingResults />}
            {tab === 'runs' && <RunHistory />}
            {tab === 'boundary' && <BoundaryView />}
          </div>
        </div>
      )}
    </section>
  );
}
