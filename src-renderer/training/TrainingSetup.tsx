import { TrainingConfigSchema, defaultLoss, type TrainingConfigInput } from '../../src-shared/training/config';
import { runCommand } from '../state/command-bus';
import { hasDaleMarks } from '../../src-shared/training/dale-setting';
import { CommitField, parseNumber } from '../ui/CommitField';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { DatasetPicker } from './DatasetPicker';
import { useTrainingStore } from '../state/training-store';
import { SweepButton } from './SweepPanel';

const LOSS_NAMES = { mse: 'mean squared error', bce: 'binary cross-entropy', cce: 'cross-entropy' } as const;
type Optimizer = NonNullable<TrainingConfigInput['optimizer']>;
type Schedule = NonNullable<TrainingConfigInput['schedule']>;

/** Applies a change to the config if the shared schema accepts it; otherwise says which field is wrong. */
function change(label: string, patch: Partial<TrainingConfigInput>): boolean {
  const next = { ...useTrainingStore.getState().config, ...patch };
  const r = TrainingConfigSchema.safeParse(next);
  if (!r.success) {
    useUiStore.getState().toast(`${label}: ${r.error.issues[0]?.message ?? 'not accepted'}.`, 'error');
    return false;
  }
  useTrainingStore.setState({ config: next });
  return true;
}

function NumberSetting({ label, value, onValue, int, hint, testId }: { label: string; value: number | null; onValue(v: number | null): boolean; int?: boolean; hint?: string; testId: string }) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <CommitField
        data-testid={testId}
        inputMode={int ? 'numeric' : 'decimal'}
        value={value === null ? '' : String(value)}
        placeholder={hint}
        onCommit={(t) => {
          const v = parseNumber(t);
          if (t.trim() && v === null) return (useUiStore.getState().toast(`${label}: "${t}" is not a number.`, 'error'), false);
          return onValue(v);
        }}
      />
    </label>
  );
}

/** The training configuration: every field defaulted, so Train works without touching any of it. */
export function TrainingSetup() {
  const network = useEditorStore((s) => s.network);
  const config = useTrainingStore((s) => s.config);
  const live = useTrainingStore((s) => s.live !== null);
  const full = TrainingConfigSchema.parse(config);
  const auto = defaultLoss(network);
  const marked = hasDaleMarks(network);
  const setOptimizer = (o: Partial<Optimizer>) => change('Optimizer', { optimizer: { ...full.optimizer, ...o } as Optimizer });
  const setSchedule = (s: Schedule) => change('Schedule', { schedule: s });
  return (
    <div className="training-setup" data-testid="training-setup">
      <label className="field">
        <span className="field__label">Dataset</span>
        <DatasetPicker />
      </label>
      <label className="field">
        <span className="field__label">Loss</span>
        <select data-testid="cfg-loss" value={config.loss ?? ''} onChange={(e) => change('Loss', { loss: (e.target.value || null) as TrainingConfigInput['loss'] })}>
          <option value="">Auto ({LOSS_NAMES[auto]})</option>
          <option value="cce">Cross-entropy (softmax classes)</option>
          <option value="bce">Binary cross-entropy (sigmoid outputs)</option>
          <option value="mse">Mean squared error (numbers)</option>
        </select>
      </label>
      <label className="field">
        <span className="field__label">Optimizer</span>
        <select data-testid="cfg-optimizer" value={full.optimizer.kind} onChange={(e) => setOptimizer({ kind: e.target.value as Optimizer['kind'] })}>
          <option value="sgd">SGD</option>
          <option value="momentum">SGD with momentum</option>
          <option value="adam">Adam</option>
          <option value="adamw">AdamW</option>
        </select>
      </label>
      <NumberSetting label="Learning rate" testId="cfg-lr" value={full.optimizer.lr} onValue={(lr) => lr !== null && setOptimizer({ lr })} />
      {full.optimizer.kind === 'momentum' && <NumberSetting label="Momentum" testId="cfg-momentum" value={full.optimizer.momentum} onValue={(momentum) => momentum !== null && setOptimizer({ momentum })} />}
      {full.optimizer.kind === 'adamw' && <NumberSetting label="Weight decay" testId="cfg-wd" value={full.optimizer.weightDecay} onValue={(weightDecay) => weightDecay !== null && setOptimizer({ weightDecay })} />}
      <label className="field">
        <span className="field__label">Schedule</span>
        <select
          data-testid="cfg-schedule"
          value={full.schedule.kind}
          onChange={(e) => setSchedule(e.target.value === 'step' ? { kind: 'step', everyEpochs: 10, gamma: 0.5 } : e.target.value === 'cosine' ? { kind: 'cosine', minLr: 0 } : { kind: 'constant' })}
        >
          <option value="constant">Constant</option>
          <option value="step">Step decay</option>
          <option value="cosine">Cosine</option>
        </select>
      </label>
      {full.schedule.kind === 'step' && (
        <>
          <NumberSetting label="Every (epochs)" int testId="cfg-step-every" value={full.schedule.everyEpochs} onValue={(v) => v !== null && setSchedule({ ...(full.schedule as Extract<Schedule, { kind: 'step' }>), everyEpochs: v })} />
          <NumberSetting label="Multiply by" testId="cfg-step-gamma" value={full.schedule.gamma} onValue={(v) => v !== null && setSchedule({ ...(full.schedule as Extract<Schedule, { kind: 'step' }>), gamma: v })} />
        </>
      )}
      {full.schedule.kind === 'cosine' && <NumberSetting label="Final learning rate" testId="cfg-cos-min" value={full.schedule.minLr} onValue={(v) => v !== null && setSchedule({ kind: 'cosine', minLr: v })} />}
      <NumberSetting label="Batch size" int testId="cfg-batch" value={full.batchSize} onValue={(v) => v !== null && change('Batch size', { batchSize: v })} />
      <NumberSetting label="Epochs (blank: until stopped)" int testId="cfg-epochs" hint="until stopped" value={full.epochs} onValue={(v) => change('Epochs', { epochs: v })} />
      <NumberSetting label="L1" testId="cfg-l1" value={full.l1} onValue={(v) => change('L1', { l1: v ?? 0 })} />
      <NumberSetting label="L2" testId="cfg-l2" value={full.l2} onValue={(v) => change('L2', { l2: v ?? 0 })} />
      <NumberSetting label="Seed" int testId="cfg-seed" value={full.seed} onValue={(v) => v !== null && change('Seed', { seed: v })} />
      <NumberSetting label="Early stop after (epochs)" int testId="cfg-patience" hint="off" value={full.patience} onValue={(v) => change('Early stopping', { patience: v })} />
      <label className="check" title={marked ? "Keep the sign of each E or I neuron's outgoing weights while training" : 'No neuron is marked E or I: mark some in the inspector for the constraint to act'}>
        <input type="checkbox" data-testid="cfg-dale" disabled={!marked} checked={full.dale && marked} onChange={(e) => change("Dale's constraint", { dale: e.target.checked })} /> Dale&apos;s constraint{marked ? '' : ' (no E/I neuron)'}
      </label>
      <label className="check" title="Start from fresh random weights (the seed) instead of the weights on the canvas">
        <input type="checkbox" data-testid="cfg-reinit" checked={full.reinitialise} onChange={(e) => change('Reinitialise', { reinitialise: e.target.checked })} /> Reinitialise first
      </label>
      <button type="button" className="training-setup__reset" data-testid="train-reset" disabled={live} title="Reinitialise every weight and bias on the canvas from the seed (one undo step)" onClick={() => void runCommand('train.resetWeights')}>
        Reset weights
      </button>
      <label className="field" title="float32 runs the dense layers about twice as fast; results differ from float64 around the 7th digit">
        <span className="field__label">Arithmetic</span>
        <select data-testid="cfg-precision" value={full.precision} onChange={(e) => change('Arithmetic', { precision: e.target.value as 'float64' | 'float32' })}>
          <option value="float64">float64 (exact)</option>
          <option value="float32">float32 (faster)</option>
        </select>
      </label>
      <SweepButton />
    </div>
  );
}
