/**
 * Edit › Insert Layer…: N hidden neurons with one activation, wired from the selected inputs
 * (or every input) into the selected outputs (or every output), replacing the direct synapses
 * between them. The dialog says what will happen before it happens; the edit is one undo step.
 */
import { useMemo, useState } from 'react';
import { ACTIVATION_INFO, ACTIVATION_KINDS, type ActivationKind } from '../../src-shared/model/activation-kind';
import { layerEnds, MAX_LAYER_SIZE } from '../../src-shared/model/insert-layer';
import { fitViewSoon } from '../commands';
import { useEditorStore } from '../state/editor-store';
import { insertLayerFromSelection } from '../state/network-edits';
import { useUiStore } from '../state/ui-store';
import { Modal } from '../ui/Modal';
import './insert-layer.css';

/** The last size and activation used, so a second insertion starts from the first's choice. */
let last: { count: number; activation: ActivationKind } = { count: 16, activation: 'tanh' };

function names(labels: string[]): string {
  return labels.length <= 4 ? labels.join(', ') : `${labels.slice(0, 3).join(', ')} and ${labels.length - 3} more`;
}

/** The Insert layer dialog. */
export function InsertLayerDialog({ onClose }: { onClose(): void }) {
  const network = useEditorStore((s) => s.network);
  const selected = useEditorStore((s) => s.selection.neurons);
  const [count, setCount] = useState(last.count);
  const [activation, setActivation] = useState<ActivationKind>(last.activation);
  const [error, setError] = useState<string | null>(null);
  const plan = useMemo(() => {
    const { sources, targets } = layerEnds(network, selected);
    const label = new Map(network.neurons.map((n) => [n.id, n.label]));
    const s = new Set(sources);
    const t = new Set(targets);
    const direct = network.synapses.filter((x) => s.has(x.source) && t.has(x.target)).length;
    const role = new Map(network.neurons.map((n) => [n.id, n.role]));
    return {
      sources: sources.map((id) => label.get(id) ?? id),
      targets: targets.map((id) => label.get(id) ?? id),
      direct,
      pickedSources: selected.some((id) => role.has(id) && role.get(id) !== 'output'),
      pickedTargets: selected.some((id) => role.get(id) === 'output'),
    };
  }, [network, selected]);
  const valid = Number.isInteger(count) && count >= 1 && count <= MAX_LAYER_SIZE;

  const insert = () => {
    const store = useEditorStore.getState();
    let ids: string[] = [];
    let reason: string | null = null;
    store.commit((net) => {
      const r = insertLayerFromSelection(net, store.selection.neurons, count, activation);
      if (!r.ok) {
        reason = r.reason;
        return net;
      }
      ids = r.ids;
      return r.network;
    });
    if (reason) return setError(reason);
    if (!ids.length) return; // refused by a locked structure (the store said why)
    last = { count, activation };
    useEditorStore.getState().select({ neurons: ids });
    fitViewSoon();
    useUiStore.getState().toast(`Inserted ${ids.length} ${activation} neurons between ${plan.sources.length} and ${plan.targets.length} neurons${plan.direct ? `; ${plan.direct} direct synapses removed` : ''}.`);
    onClose();
  };

  return (
    <Modal title="Insert layer" onClose={onClose} testid="insert-layer-dialog">
      <form
        className="insert-layer"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) insert();
        }}
      >
        <p data-testid="insert-layer-plan">
          From {plan.pickedSources ? 'the selected' : 'every input:'} <strong>{plan.sources.length}</strong> neuron{plan.sources.length === 1 ? '' : 's'} ({names(plan.sources)}) into {plan.pickedTargets ? 'the selected' : 'every output:'}{' '}
          <strong>{plan.targets.length}</strong> output{plan.targets.length === 1 ? '' : 's'} ({names(plan.targets)}).
          {plan.direct > 0 && ` The ${plan.direct} direct synapse${plan.direct === 1 ? '' : 's'} between them ${plan.direct === 1 ? 'is' : 'are'} removed.`}
        </p>
        <div className="insert-layer__fields">
          <label>
            Neurons
            <input data-testid="insert-layer-count" type="number" min={1} max={MAX_LAYER_SIZE} value={Number.isFinite(count) ? count : ''} autoFocus onChange={(e) => setCount(Math.floor(Number(e.target.value)))} />
          </label>
          <label>
            Activation
            <select data-testid="insert-layer-activation" value={activation} onChange={(e) => setActivation(e.target.value as ActivationKind)}>
              {ACTIVATION_KINDS.map((a) => (
                <option key={a} value={a}>
                  {ACTIVATION_INFO[a].label}
                </option>
              ))}
            </select>
          </label>
        </div>
        {!valid && <p className="muted">A layer has 1 to {MAX_LAYER_SIZE} neurons.</p>}
        {error && (
          <p className="insert-layer__error" role="alert">
            {error}
          </p>
        )}
        <p className="muted">Weights start by fan-in (Glorot; He for ReLU-like neurons). Undo removes the layer and restores the direct synapses.</p>
        <div className="button-row button-row--end">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" data-testid="insert-layer-run" disabled={!valid}>
            Insert
          </button>
        </div>
      </form>
    </Modal>
  );
}
