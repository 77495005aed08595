import { ACTIVATION_INFO, ACTIVATION_KINDS, type ActivationKind } from '../../src-shared/model/activation-kind';
import type { HiddenChoice } from './import-wizard-state';

/** An optional hidden layer the import adds between inputs and outputs (editing its size or activation turns it on). */
export function HiddenLayerFields({ hidden, busy, onChange }: { hidden: HiddenChoice; busy: boolean; onChange(hidden: HiddenChoice): void }) {
  return (
    <fieldset className="ds-hidden" disabled={busy}>
      <label className="check">
        <span>
          <input data-testid="import-hidden" type="checkbox" checked={hidden.on} onChange={(e) => onChange({ ...hidden, on: e.target.checked })} /> With a hidden layer of
        </span>
      </label>
      <input aria-label="Hidden layer size" data-testid="import-hidden-size" type="number" min={1} max={512} value={hidden.size} onChange={(e) => onChange({ ...hidden, on: true, size: Math.max(1, Math.min(512, Math.floor(+e.target.value || 1))) })} />
      <select aria-label="Hidden layer activation" data-testid="import-hidden-activation" value={hidden.activation} onChange={(e) => onChange({ ...hidden, on: true, activation: e.target.value as ActivationKind })}>
        {ACTIVATION_KINDS.map((a) => (
          <option key={a} value={a}>
            {ACTIVATION_INFO[a].label}
          </option>
        ))}
      </select>
      <span className="muted">neurons</span>
    </fieldset>
  );
}
