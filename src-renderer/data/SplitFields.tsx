import type { WizardSplit } from './import-wizard-state';

/** The split step: the dataset's name, the train / validation / test shares, the seed and stratification. */
export function SplitFields({ name, split, hasClassTarget, busy, onName, onSplit }: { name: string; split: WizardSplit; hasClassTarget: boolean; busy: boolean; onName(name: string): void; onSplit(split: WizardSplit): void }) {
  return (
    <fieldset className="ds-split" disabled={busy}>
      <label>
        Name
        <input data-testid="ds-name" value={name} onChange={(e) => onName(e.target.value)} />
      </label>
      {(['train', 'val', 'test'] as const).map((k) => (
        <label key={k}>
          {k === 'train' ? 'Train %' : k === 'val' ? 'Validation %' : 'Test %'}
          <input data-testid={`split-${k}`} type="number" min={0} max={100} value={split[k]} onChange={(e) => onSplit({ ...split, [k]: +e.target.value })} />
        </label>
      ))}
      <label>
        Seed
        <input data-testid="split-seed" type="number" value={split.seed} onChange={(e) => onSplit({ ...split, seed: Math.floor(+e.target.value || 0) })} />
      </label>
      <label className="check">
        <span>
          <input data-testid="split-stratify" type="checkbox" disabled={!hasClassTarget} checked={split.stratify && hasClassTarget} onChange={(e) => onSplit({ ...split, stratify: e.target.checked })} /> Stratify by target
        </span>
      </label>
    </fieldset>
  );
}
