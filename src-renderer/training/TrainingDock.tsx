import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import './training.css';
import { commandDisabledReason, runCommand, type CommandId } from '../state/command-bus';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { DockResizer } from '../ui/DockResizer';
import { displayKeys, SHORTCUTS } from '../shortcuts';
import { BoundaryView } from './BoundaryView';
import { useBoundarySync } from './use-boundary-sync';
import { RunHistory } from './RunHistory';
import { setTempo, useTrainingEvents } from './training-actions';
import { CurvesPanel } from './CurvesPanel';
import { TEMPO_CHOICES } from '../../src-shared/training/tempo';
import { TrainingResults } from './TrainingResults';
import { TrainingSetup } from './TrainingSetup';
import { formatMetric, formatMetricShort, formatSignificant } from '../../src-shared/format-number';
import { useScoreName, useTrainingStore, type TrainingTab } from '../state/training-store';

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

function Command({ id, label, text, disabled, testId, reason }: { id: CommandId; label: string; text?: string; disabled?: boolean; testId: string; reason?: string | null }) {
  const keys = SHORTCUTS.find((s) => s.command === id)?.keys[0];
  const title = keys ? `${label} (${displayKeys(keys)})` : label;
  // A short text (an icon) keeps the bar on one line; the label stays the button's accessible name.
  return (
    <button type="button" data-testid={testId} disabled={disabled} aria-label={text ? label : undefined} title={reason ? `${title}: ${reason}` : title} aria-describedby={reason ? `${testId}-reason` : undefined} onClick={() => void runCommand(id)}>
      {text ?? label}
    </button>
  );
}

/** Samples per second, short: 840, 12.3k, 1.2M. */
function rate(v: number): string {
  if (v < 1000) return String(Math.round(v));
  if (v < 1e6) return `${formatSignificant(v / 1000, 3)}k`;
  return `${formatSignificant(v / 1e6, 3)}M`;
}


/** The epoch counter, speed and the current loss and score: always in the bar, live or not. */
function Status() {
  const progress = useTrainingStore((s) => s.live?.progress ?? null);
  const live = useTrainingStore((s) => s.live !== null);
  const last = useTrainingStore((s) => s.outcome);
  const tempo = useTrainingStore((s) => s.tempo);
  const scoreName = useScoreName() === 'accuracy' ? 'acc' : 'R²';
  if (live && !progress)
    return (
      <span className="training-status">
        <span className="training-status__text" data-testid="training-status">
          Starting…
        </span>
      </span>
    );
  if (live && progress) {
    const done = progress.epoch + progress.step / Math.max(1, progress.stepsPerEpoch);
    const limit = progress.targetEpochs;
    const state = progress.paused ? 'Paused' : tempo === 0 ? 'Step by hand' : null;
    return (
      <div className="training-status" data-testid="training-progress" data-epoch={progress.epoch} data-step={progress.step} data-paused={progress.paused} role="status" aria-live="off">
        <span className="training-status__text" data-testid="training-status" title={limit !== null && progress.etaMs !== null && !progress.paused ? `${Math.floor((100 * done) / limit)}% · ${duration(progress.etaMs)} left` : undefined}>
          {state && <b>{state} · </b>}
          <span data-testid="epoch-counter">
            epoch {progress.epoch}
            {limit !== null ? `/${limit}` : ''}
            {progress.step && (progress.paused || tempo === 0) ? ` +${progress.step} batch${progress.step === 1 ? '' : 'es'}` : ''}
          </span>
          {' · '}
          {/* A paused or hand-stepped run has no speed to speak of. */}
          {state ? '' : `${rate(progress.samplesPerSec)} samples/s · `}loss {formatMetricShort(progress.trainLoss)}
          {progress.score !== null ? ` · ${scoreName} ${scoreName === 'acc' ? formatMetric(progress.score, true) : formatMetricShort(progress.score)}` : ''}
        </span>
      </div>
    );
  }
  const ev = last?.evaluation;
  const split = ev?.val ?? ev?.train;
  const score = split?.classification ? `acc ${formatMetric(split.classification.accuracy, true)}` : split?.regression ? `R² ${formatMetricShort(split.regression.r2)}` : '';
  const epochs = last?.history?.['train.loss']?.at(-1)?.[0] ?? 0;
  return (
    <span className="training-status">
      <span className="training-status__text" data-testid="training-status">
      {last ? (
        <>
          {last.reason === 'error' ? 'Failed' : last.reason === 'completed' ? 'Done' : 'Stopped'} · <span data-testid="epoch-counter">epoch {epochs}</span>
          {split ? ` · ${ev?.val ? 'val' : 'train'} loss ${formatMetricShort(split.loss)}${score ? ` · ${score}` : ''}` : ''}
        </>
      ) : (
        <>
          Ready · <span data-testid="epoch-counter">epoch 0</span>
        </>
      )}
      </span>
    </span>
  );
}

/** The Training speed control: step by hand, slow tempos, full speed. */
function TempoPicker() {
  const tempo = useTrainingStore((s) => s.tempo);
  return (
    <select className="training-tempo" aria-label="Training speed" title="Training speed (epochs per second)" data-testid="training-speed" value={String(tempo)} onChange={(e) => void setTempo(e.target.value === 'null' ? null : Number(e.target.value))}>
      {TEMPO_CHOICES.map((c) => (
        <option key={String(c.value)} value={String(c.value)}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** The training dock under the canvas: controls and progress always in view, setup, curves, results and runs below. */
export function TrainingDock() {
  useTrainingEvents();
  useBoundarySync();
  const { open, tab, live, paused, byHand, canStep, datasets } = useTrainingStore(
    useShallow((s) => ({ open: s.open, tab: s.tab, live: s.live !== null, paused: s.live?.progress?.paused ?? false, byHand: s.tempo === 0, canStep: s.live !== null || s.datasetId !== null, datasets: s.datasets.length })),
  );
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
        <Command id="train.start" label="Train" testId="train-start" disabled={live || !!reason} reason={reason} />
        <Command id="train.pauseResume" label={paused ? 'Resume' : 'Pause'} text={paused ? '▶' : '❚❚'} testId="train-pause" disabled={!live || (byHand && !paused)} />
        <Command id="train.stop" label="Stop" text="■" testId="train-stop" disabled={!live} />
        <Command id="train.stepBatch" label="Step batch" text="↷" testId="train-step-batch" disabled={!canStep} />
        <Command id="train.stepEpoch" label="Step epoch" text="⇥" testId="train-step-epoch" disabled={!canStep} />
        <TempoPicker />
        {reason ? (
          <span className="training-reason" id="train-start-reason" data-testid="train-disabled-reason">
            {reason}
          </span>
        ) : (
          <Status />
        )}
        {live && (
          <span className="training-lock" data-testid="structure-lock" role="status" aria-label="Structure locked while training" title="The structure is locked while training: stop the run (Shift+F5) to edit it.">
            <svg width={14} height={14} viewBox="0 0 16 16" aria-hidden="true">
              <path d="M4 7.5h8v6H4zM5.5 7.5V5a2.5 2.5 0 015 0v2.5" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />
            </svg>
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
          <div className="training-tabpanel" role="tabpanel" data-tab={tab}>
            {tab === 'setup' && <TrainingSetup />}
            {tab === 'curves' && <CurvesPanel />}
            {tab === 'results' && <TrainingResults />}
            {tab === 'runs' && <RunHistory />}
            {tab === 'boundary' && <BoundaryView />}
          </div>
        </div>
      )}
    </section>
  );
}
