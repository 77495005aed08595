import { useMemo, useState, type ReactNode } from 'react';
import { ACTIVATION_INFO, ACTIVATION_KINDS, type ActivationKind } from '../../src-shared/model/activation-kind';
import { depths } from '../../src-shared/model/graph';
import { useNetworkStructure } from '../state/use-structure';
import type { DaleSign, Network, Neuron, NeuronRole, Synapse } from '../../src-shared/model/network';
import { ActivationGlyph } from '../canvas/ActivationGlyph';
import { signColor } from '../ui/sign-colors';
import { CanvasLegend } from '../overlay/CanvasLegend';
import { formatShort } from '../../src-shared/format-number';
import { useOverlayStore } from '../overlay/overlay-store';
import { addDenseGroupFromSelection, runCommand } from '../commands';
import { useEditorStore } from '../state/editor-store';
import { addSoftmaxGroup, removeSoftmaxGroup, setRole, setWeight, updateNeurons, type NeuronPatch } from '../state/network-edits';
import { useUiStore } from '../state/ui-store';
import { CommitField, fourDigits, parseNumber } from '../ui/CommitField';

const commit = (edit: (net: Network) => Network) => useEditorStore.getState().commit(edit);
const patchNeurons = (ids: string[], patch: NeuronPatch) => commit((net) => updateNeurons(net, ids, patch));

function Segmented<T extends string | null>({ value, options, onChange, label }: { value: T; options: { value: T; text: string; title?: string }[]; onChange(v: T): void; label: string }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button key={String(o.value)} type="button" role="radio" aria-checked={value === o.value} title={o.title} className={value === o.value ? 'is-on' : ''} onClick={() => onChange(o.value)}>
          {o.text}
        </button>
      ))}
    </div>
  );
}

function ActivationSelect({ value, onChange }: { value: ActivationKind | ''; onChange(k: ActivationKind): void }) {
  return (
    <select data-testid="activation-select" aria-label="Activation" value={value} onChange={(e) => onChange(e.target.value as ActivationKind)}>
      {value === '' && <option value="">(mixed)</option>}
      {ACTIVATION_KINDS.map((k) => (
        <option key={k} value={k}>
          {ACTIVATION_INFO[k].label}
        </option>
      ))}
    </select>
  );
}

function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    // A div, not a label: a label would forward clicks on its text to the first button inside.
    <div className="field" role="group" aria-label={label}>
      <span className="field__label">{label}</span>
      {children}
      {hint && <span className="field__hint">{hint}</span>}
    </div>
  );
}

const ROLE_OPTIONS: { value: NeuronRole; text: string }[] = [
  { value: 'input', text: 'Input' },
  { value: 'hidden', text: 'Hidden' },
  { value: 'output', text: 'Output' },
];
const DALE_OPTIONS: { value: DaleSign | null; text: string; title: string }[] = [
  { value: null, text: 'None', title: 'Outgoing weights may take either sign' },
  { value: 'E', text: 'E', title: 'Excitatory: outgoing weights kept ≥ 0 in training' },
  { value: 'I', text: 'I', title: 'Inhibitory: outgoing weights kept ≤ 0 in training' },
];

function NeuronInspector({ net, neuron }: { net: Network; neuron: Neuron }) {
  const group = net.softmaxGroups.find((g) => g.members.includes(neuron.id));
  const incoming = net.synapses.filter((s) => s.target === neuron.id).length;
  const outgoing = net.synapses.filter((s) => s.source === neuron.id).length;
  const info = ACTIVATION_INFO[neuron.activation];
  return (
    <section className="inspector__section" key={neuron.id}>
      <header className="inspector__title">
        <span className={`role-dot role-dot--${neuron.role}`} />
        Neuron <b>{neuron.label}</b>
      </header>
      <Field label="Label" hint={neuron.role !== 'hidden' ? 'Binds this neuron to a data column of the same name.' : undefined}>
        <CommitField data-testid="label-input" aria-label="Label" value={neuron.label} onCommit={(t) => void patchNeurons([neuron.id], { label: t.trim() })} spellCheck={false} />
      </Field>
      <Field label="Role">
        <Segmented label="Role" value={neuron.role} options={ROLE_OPTIONS} onChange={(r) => commit((n) => setRole(n, neuron.id, r))} />
      </Field>
      <Field label="Activation">
        <ActivationSelect value={neuron.activation} onChange={(k) => patchNeurons([neuron.id], { activation: k })} />
      </Field>
      <div className="activation-preview">
        <ActivationGlyph kind={neuron.activation} width={96} height={44} />
        <code>{info.formula}</code>
      </div>
      {group && (
        <div className="note">
          Normalised with {group.members.length - 1} other output{group.members.length > 2 ? 's' : ''} by <b>{group.label}</b>.{' '}
          <button type="button" className="link" onClick={() => commit((n) => removeSoftmaxGroup(n, group.id))}>
            Dissolve group
          </button>
        </div>
      )}
      <Field label="Bias">
        <CommitField
          data-testid="bias-input"
          aria-label="Bias"
          inputMode="decimal"
          value={String(neuron.bias)}
          display={fourDigits}
          onCommit={(t) => {
            const v = parseNumber(t);
            if (v === null) return false;
            patchNeurons([neuron.id], { bias: v });
          }}
        />
      </Field>
      <Field label="Dale's principle" hint="Fixes the sign of all outgoing weights during training.">
        <Segmented label="Dale" value={neuron.dale} options={DALE_OPTIONS} onChange={(d) => patchNeurons([neuron.id], { dale: d })} />
      </Field>
      <div className="inspector__facts">
        {incoming} incoming · {outgoing} outgoing
      </div>
    </section>
  );
}

function SynapseInspector({ net, synapse }: { net: Network; synapse: Synapse }) {
  const label = (id: string) => net.neurons.find((n) => n.id === id)?.label ?? '?';
  const w = synapse.weight;
  // Orange/purple mean the sign of w only under the Weights overlay; elsewhere they mean the sign of c.
  const weightsShown = useOverlayStore((s) => s.mode === 'weights');
  // Under Contributions the colours mean the sign of c = w·o: say what this synapse does for the sample.
  const c = useOverlayStore((s) => (s.mode === 'contributions' ? s.edges.get(synapse.id)?.value : undefined));
  return (
    <section className="inspector__section" key={synapse.id}>
      <header className="inspector__title">
        Synapse <b>{label(synapse.source)}</b> → <b>{label(synapse.target)}</b>
      </header>
      <Field label="Weight" hint={<span style={{ color: weightsShown ? signColor(w) : undefined }}>{w > 0 ? 'Positive' : w < 0 ? 'Negative' : 'Zero'} weight{c !== undefined && <span data-testid="synapse-effect" style={{ color: signColor(c) }}>; for this sample c = w·o = {formatShort(c, true)}: {c > 0 ? 'excites' : c < 0 ? 'inhibits' : 'no effect'}</span>}</span>}>
        <CommitField
          data-testid="weight-input"
          aria-label="Weight"
          inputMode="decimal"
          value={String(w)}
          display={fourDigits}
          onCommit={(t) => {
            const v = parseNumber(t);
            if (v === null) return false;
            commit((n) => setWeight(n, synapse.id, v));
          }}
        />
      </Field>
      <div className="button-row">
        <button type="button" onClick={() => commit((n) => setWeight(n, synapse.id, -w))}>
          Flip sign
        </button>
        <button type="button" className="danger" onClick={() => void runCommand('edit.delete')}>
          Delete
        </button>
      </div>
    </section>
  );
}

function DenseGroupControl({ sources }: { sources: number }) {
  const count = useUiStore((s) => s.denseCount);
  const setCount = useUiStore((s) => s.setDenseCount);
  return (
    <div className="dense-control">
      <input type="number" min={1} max={512} value={count} aria-label="Neurons in the dense group" data-testid="dense-count" onChange={(e) => setCount(Number(e.target.value))} />
      <button type="button" data-testid="dense-add" onClick={() => addDenseGroupFromSelection()}>
        {sources ? `Add ${count}, fed by ${sources}` : `Add ${count} hidden`}
      </button>
    </div>
  );
}

function MultiInspector({ net, neuronIds, synapseCount }: { net: Network; neuronIds: string[]; synapseCount: number }) {
  const set = new Set(neuronIds);
  const chosen = net.neurons.filter((n) => set.has(n.id));
  const kinds = new Set(chosen.map((n) => n.activation));
  const feeders = chosen.filter((n) => n.role !== 'output').length;
  const outputs = chosen.filter((n) => n.role === 'output').map((n) => n.id);
  return (
    <section className="inspector__section">
      <header className="inspector__title">
        {chosen.length} neurons{synapseCount ? `, ${synapseCount} synapses` : ''} selected
      </header>
      {chosen.length > 0 && (
        <Field label="Activation (all selected)">
          <ActivationSelect value={kinds.size === 1 ? [...kinds][0] : ''} onChange={(k) => patchNeurons(neuronIds, { activation: k })} />
        </Field>
      )}
      <Field label="Dense group" hint="Adds a column of hidden neurons, each fed by every selected neuron that can feed.">
        <DenseGroupControl sources={feeders} />
      </Field>
      {outputs.length >= 2 && (
        <button type="button" onClick={() => commit((n) => addSoftmaxGroup(n, outputs))}>
          Make softmax group of {outputs.length} outputs
        </button>
      )}
      <div className="button-row">
        <button type="button" className="danger" onClick={() => void runCommand('edit.delete')}>
          Delete selection
        </button>
      </div>
    </section>
  );
}

function SoftmaxGroups({ net }: { net: Network }) {
  const [picked, setPicked] = useState<string[]>([]);
  const label = (id: string) => net.neurons.find((n) => n.id === id)?.label ?? '?';
  const grouped = new Set(net.softmaxGroups.flatMap((g) => g.members));
  const free = net.neurons.filter((n) => n.role === 'output' && !grouped.has(n.id));
  const chosen = picked.filter((id) => free.some((n) => n.id === id));
  return (
    <div className="softmax">
      {net.softmaxGroups.map((g) => (
        <div className="softmax__group" key={g.id}>
          <span>
            <b>{g.label}</b>: {g.members.map(label).join(', ')}
          </span>
          <button type="button" className="link" onClick={() => commit((n) => removeSoftmaxGroup(n, g.id))}>
            Dissolve
          </button>
        </div>
      ))}
      {free.length >= 2 ? (
        <>
          <div className="softmax__pick">
            {free.map((n) => (
              <label key={n.id} className="check">
                <input type="checkbox" checked={chosen.includes(n.id)} onChange={(e) => setPicked(e.target.checked ? [...chosen, n.id] : chosen.filter((x) => x !== n.id))} />
                {n.label}
              </label>
            ))}
          </div>
          <button
            type="button"
            disabled={chosen.length < 2}
            onClick={() => {
              commit((n) => addSoftmaxGroup(n, chosen));
              setPicked([]);
            }}
          >
            Group {chosen.length || ''} outputs under softmax
          </button>
        </>
      ) : (
        !net.softmaxGroups.length && <div className="muted">Add two or more outputs to normalise them together (classification).</div>
      )}
    </div>
  );
}

/** The canvas legend while the overlay is off; with an overlay on, the overlay panel beside this one carries it. */
function ReadingTheCanvas() {
  const mode = useOverlayStore((s) => s.mode);
  if (mode === 'off') return <CanvasLegend />;
  return (
    <p className="muted" data-testid="canvas-legend" data-mode={mode}>
      The overlay panel explains the colours of the {mode === 'weights' ? 'Weights' : mode === 'contributions' ? 'Contributions' : 'Dataset'} overlay.
    </p>
  );
}

function NetworkSummary({ net }: { net: Network }) {
  const count = (r: NeuronRole) => net.neurons.filter((n) => n.role === r).length;
  // Depth from the structure only: it stays put while training moves the weights.
  const structure = useNetworkStructure();
  const layers = useMemo(() => (structure.neurons.length ? Math.max(...depths(structure).values()) : 0), [structure]);
  return (
    <section className="inspector__section">
      <header className="inspector__title">Network</header>
      <dl className="summary">
        <dt>Inputs</dt>
        <dd>{count('input')}</dd>
        <dt>Hidden</dt>
        <dd>{count('hidden')}</dd>
        <dt>Outputs</dt>
        <dd>{count('output')}</dd>
        <dt>Synapses</dt>
        <dd>{net.synapses.length}</dd>
        <dt>Depth</dt>
        <dd>{layers}</dd>
      </dl>
      <header className="inspector__subtitle">Softmax groups</header>
      <SoftmaxGroups net={net} />
      <header className="inspector__subtitle">Reading the canvas</header>
      <ReadingTheCanvas />
      <p className="muted">
        Each neuron computes <code>z = b + Σ w·x</code> and outputs its activation of <code>z</code>, drawn on its card.
      </p>
    </section>
  );
}

/** The right-hand panel: edits whatever is selected, or summarises the network. */
export function Inspector() {
  const net = useEditorStore((s) => s.network);
  const selection = useEditorStore((s) => s.selection);
  const neuron = selection.neurons.length === 1 ? net.neurons.find((n) => n.id === selection.neurons[0]) : undefined;
  const synapse = selection.synapses.length === 1 ? net.synapses.find((s) => s.id === selection.synapses[0]) : undefined;
  let body: ReactNode;
  if (neuron && selection.synapses.length === 0) body = <NeuronInspector net={net} neuron={neuron} />;
  else if (synapse && selection.neurons.length === 0) body = <SynapseInspector net={net} synapse={synapse} />;
  else if (selection.neurons.length + selection.synapses.length > 0) body = <MultiInspector net={net} neuronIds={selection.neurons} synapseCount={selection.synapses.length} />;
  else body = <NetworkSummary net={net} />;
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      {body}
    </aside>
  );
}
