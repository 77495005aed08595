/**
 * The overlay panel over the canvas: the legend with the rule, the sample (typed values or a dataset
 * row stepped with the arrow keys), lesions with every output's change, and the contributions into the
 * selected neuron as copyable text.
 */
import { memo, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../api';
import { SHORT_NAMES } from '../ui/activation-names';
import { CanvasLegend } from './CanvasLegend';
import { useEditorStore } from '../state/editor-store';
import type { OverlaySplit } from '../../src-shared/overlay/contract';
import { budgetEquation, contributionsInto, contributionText, daleCounts, daleNote, lesionDeltas, lesionExplanation } from './overlay-math';
import { inputUnits, predictionText, type InputUnit } from './sample-units';
import { useOverlayStore } from './overlay-store';
import { stepSample } from './sample-rows';
import { useOverlaySync } from './use-overlay-sync';
import './overlay.css';
import { formatCell, formatExact } from '../../src-shared/format-number';

/** The legend of the current mode, the rule in one sentence, the network's E:I ratio and notes on E/I neurons that act the other way. */
function Legend() {
  const network = useEditorStore((s) => s.network);
  const mode = useOverlayStore((s) => s.mode);
  const sample = useOverlayStore((s) => s.sample);
  const d = daleCounts(network);
  const notes = mode === 'contributions' && sample ? network.neurons.flatMap((n) => (n.dale ? [daleNote(n.dale, n.label, sample.o.get(n.id) ?? 0)] : [])).filter((x): x is string => !!x) : [];
  return (
    <section className="overlay-legend" aria-label="Legend">
      <CanvasLegend testId="overlay-legend" />
      <p className="overlay-legend__rule">c = w·o: a negative output through a negative weight excites; a silent neuron (o = 0) does nothing.</p>
      <div data-testid="ei-ratio">
        Dale E:I {d.e}:{d.i}
        {d.free ? ` (${d.free} unmarked)` : ''}
      </div>
      {notes.map((t) => (
        <p key={t} className="overlay-note overlay-note--dale" data-testid="dale-note">
          {t}
        </p>
      ))}
    </section>
  );
}

/** One input: a slider and a field in the dataset's original units (the encoded value the network sees on hover). */
function InputRow({ id, label, unit }: { id: string; label: string; unit: InputUnit | undefined }) {
  const value = useOverlayStore((s) => s.inputs[id] ?? 0);
  const setInput = useOverlayStore((s) => s.setInput);
  const shown = unit ? unit.toOriginal(value) : value;
  const [lo, hi] = unit ? unit.range : [-3, 3];
  const step = unit?.oneHot ? 1 : Number(((hi - lo) / 200).toPrecision(1)) || 0.01;
  const set = (u: number) => Number.isFinite(u) && setInput(id, unit ? unit.toEncoded(u) : u);
  const title = unit ? `${unit.name}: ${formatExact(shown)} in the dataset's units; the network sees ${formatExact(value)} (${unit.encoding})` : `${label}: ${formatExact(value)}`;
  return (
    <div className="overlay-row" title={title} data-testid={`sample-row-${label}`} data-encoded={String(value)}>
      <label className="overlay-input">
        <span className="overlay-input__name" title={label}>
          {label}
        </span>
        <input type="range" min={lo} max={hi} step={step} value={Math.min(hi, Math.max(lo, shown))} aria-label={`${label} slider`} onChange={(e) => set(Number(e.target.value))} />
        <input type="number" step={step} data-testid={`sample-input-${label}`} aria-label={`${label} value${unit ? ' in original units' : ''}`} value={Number(shown.toPrecision(6))} onChange={(e) => set(e.target.valueAsNumber)} />
      </label>
    </div>
  );
}

/**
 * Above this many inputs a dataset row's values are listed as text, not as sliders: twenty sliders crowd the panel,
 * and rewriting them all on every sample step cost more than a frame.
 */
const SLIDERS_UP_TO = 8;

/** A dataset row's input values as text in the dataset's units; "Edit values" makes them typed-in values with sliders. */
const InputValues = memo(function InputValues({ inputs, units }: { inputs: { id: string; label: string }[]; units: Map<string, InputUnit> }) {
  const values = useOverlayStore((s) => s.inputs);
  const edit = () => {
    const store = useOverlayStore.getState();
    store.setInputs({}, null);
    store.setSource({ datasetId: null, label: null, truth: null, manual: true });
  };
  return (
    <div className="overlay-values" data-testid="sample-values">
      <dl>
        {inputs.map((n) => {
          const v = values[n.id] ?? 0;
          const unit = units.get(n.id);
          return (
            <div key={n.id} title={unit ? `${unit.name}; the network sees ${formatExact(v)} (${unit.encoding})` : n.label}>
              <dt>{n.label}</dt>
              <dd data-testid={`sample-value-${n.label}`}>{formatCell(unit ? unit.toOriginal(v) : v)}</dd>
            </div>
          );
        })}
      </dl>
      <button type="button" className="link" data-testid="sample-edit-values" onClick={edit}>
        Edit values
      </button>
    </div>
  );
});

/** What the network predicts for the sample, beside the row's true value. */
function Prediction() {
  const network = useEditorStore((s) => s.network);
  const meta = useOverlayStore((s) => s.meta);
  const baseline = useOverlayStore((s) => s.baseline);
  const source = useOverlayStore((s) => s.source);
  const predicted = meta && baseline ? predictionText(meta, network, baseline.o) : null;
  if (!predicted && !source.truth) return null;
  return (
    <dl className="overlay-truth" data-testid="sample-truth">
      {source.datasetId && source.truth && (
        <>
          <dt>true</dt>
          <dd data-testid="sample-true">{source.truth}</dd>
        </>
      )}
      {predicted && (
        <>
          <dt>predicted</dt>
          <dd data-testid="sample-predicted">{predicted}</dd>
        </>
      )}
    </dl>
  );
}

/** The sample: a dataset row stepped with ← → (by default the first validation row), or values typed in. */
function SamplePicker() {
  const network = useEditorStore((s) => s.network);
  const source = useOverlayStore((s) => s.source);
  const meta = useOverlayStore((s) => s.meta);
  const setSource = useOverlayStore((s) => s.setSource);
  const [datasets, setDatasets] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    api.request('dataset.list', {}).then(setDatasets, () => setDatasets([]));
  }, [network.neurons.length, source.datasetId]);
  const ins = useMemo(() => network.neurons.filter((n) => n.role === 'input'), [network]);
  const units = useMemo(() => (meta ? inputUnits(meta, network) : new Map<string, InputUnit>()), [meta, network]);
  const step = stepSample;
  const onKey = (e: KeyboardEvent) => {
    if (!source.datasetId) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') step(1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') step(-1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <section className="overlay-sample" aria-label="Sample" data-testid="overlay-sample">
      <div className="overlay-row">
        <label>
          Sample{' '}
          <select data-testid="sample-dataset" value={source.datasetId ?? ''} onChange={(e) => (e.target.value || null) !== source.datasetId && setSource({ datasetId: e.target.value || null, position: 0, total: 0, label: null, truth: null, manual: true })}>
            <option value="">values typed in</option>
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        {source.datasetId && (
          <select aria-label="Split" data-testid="sample-split" value={source.split} onChange={(e) => setSource({ split: e.target.value as OverlaySplit, position: 0, manual: true })}>
            <option value="train">train</option>
            <option value="validation">validation</option>
            <option value="test">test</option>
            <option value="all">all</option>
          </select>
        )}
      </div>
      {source.datasetId && (
        <div className="overlay-row" tabIndex={0} onKeyDown={onKey} data-testid="sample-stepper" aria-label="Row: arrow keys step">
          <button type="button" onClick={() => step(-1)} aria-label="Previous row">
            ←
          </button>
          <span data-testid="sample-position">
            {source.split} row {source.position + 1} / {source.total}
            {source.label !== null ? ` · ${source.label}` : ''}
          </span>
          <button type="button" onClick={() => step(1)} aria-label="Next row">
            →
          </button>
        </div>
      )}
      <Prediction />
      {meta && units.size > 0 && <p className="overlay-note">Inputs in the dataset&apos;s units; hover one for the value the network sees.</p>}
      {source.datasetId && ins.length > SLIDERS_UP_TO ? (
        <InputValues inputs={ins} units={units} />
      ) : (
        ins.map((n) => <InputRow key={n.id} id={n.id} label={n.label} unit={units.get(n.id)} />)
      )}
    </section>
  );
}

/** Dataset mode: which rows and, optionally, one class. */
function DatasetControls() {
  const { source, classes, classIndex, stats, setClassIndex } = useOverlayStore(
    useShallow((s) => ({ source: s.source, classes: s.classes, classIndex: s.classIndex, stats: s.stats, setClassIndex: s.setClassIndex })),
  );
  if (!source.datasetId) return <p className="overlay-note">Pick a dataset under Sample to see contributions across its rows.</p>;
  return (
    <div className="overlay-row">
      {classes && (
        <select aria-label="Class" data-testid="stats-class" value={classIndex ?? ''} onChange={(e) => setClassIndex(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">every class</option>
          {classes.map((c, k) => (
            <option key={c} value={k}>
              {c}
            </option>
          ))}
        </select>
      )}
      <span data-testid="stats-count">{stats ? `${stats.count} ${source.split} rows` : '…'}</span>
    </div>
  );
}

/** Lesions of this sample: what is off, and every output's real change beside the linear estimate. */
function Lesions() {
  const network = useEditorStore((s) => s.network);
  const selection = useEditorStore((s) => s.selection);
  const { lesions, sample, baseline, toggleLesion, clearLesions } = useOverlayStore(
    useShallow((s) => ({ lesions: s.lesions, sample: s.sample, baseline: s.baseline, toggleLesion: s.toggleLesion, clearLesions: s.clearLesions })),
  );
  const n = lesions.synapses.length + lesions.neurons.length;
  const deltas = useMemo(
    () => (n && sample && baseline ? lesionDeltas(network, baseline, sample, { synapses: new Set(lesions.synapses), neurons: new Set(lesions.neurons) }) : []),
    [n, network, sample, baseline, lesions],
  );
  const toggleSelected = () => {
    for (const id of selection.synapses) toggleLesion('synapses', id);
    for (const id of selection.neurons) toggleLesion('neurons', id);
  };
  return (
    <section className="overlay-lesions" aria-label="Lesions">
      <div className="overlay-row">
        <button type="button" data-testid="lesion-toggle" disabled={!selection.synapses.length && !selection.neurons.length} onClick={toggleSelected} title="Switch the selected synapses or neurons off (or on again) for this sample; the document is not changed">
          Lesion selected
        </button>
        {n > 0 && (
          <button type="button" data-testid="lesion-clear" onClick={clearLesions}>
            Restore all ({n})
          </button>
        )}
      </div>
      {deltas.length > 0 && (
        <table className="overlay-table" data-testid="lesion-deltas">
          <thead>
            <tr>
              <th>output</th>
              <th>before</th>
              <th>after</th>
              <th>real Δ</th>
              <th title="First-order (linear) estimate σ′(z)·(−Σ removed c feeding the output directly), with the slope at the old z; — when the lesion acts through other neurons">1st-order est.</th>
            </tr>
          </thead>
          <tbody>
            {deltas.map((d) => (
              <tr key={d.neuronId} data-testid={`lesion-delta-${d.label}`} data-real={formatExact(d.real)} data-estimate={d.estimate === null ? '' : formatExact(d.estimate)}>
                <td>{d.label}</td>
                <td>{formatExact(d.before)}</td>
                <td>{formatExact(d.after)}</td>
                <td>{formatExact(d.real)}</td>
                <td>{d.estimate === null ? '—' : formatExact(d.estimate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deltas.length > 0 && (
        <div className="overlay-note" data-testid="lesion-why">
          <p>
            <b>Real Δ</b> is a fresh forward pass without what is lesioned. <b>1st-order est.</b> is σ′(z)·(−c): the removed contributions times the activation&apos;s slope at
            the old z, exact only while the activation is a straight line over the step.
          </p>
          {deltas.map((d) => {
            const why = lesionExplanation(d);
            return why ? (
              <p key={d.neuronId} data-testid={`lesion-why-${d.label}`}>
                {why}
              </p>
            ) : null;
          })}
        </div>
      )}
    </section>
  );
}

/** The contributions into the selected neuron, largest first, as text. */
function ContributionList() {
  const network = useEditorStore((s) => s.network);
  const selected = useEditorStore((s) => (s.selection.neurons.length === 1 ? s.selection.neurons[0] : null));
  const sample = useOverlayStore((s) => s.sample);
  const budgets = useOverlayStore((s) => s.budgets);
  const neuron = network.neurons.find((n) => n.id === selected);
  if (!neuron || !sample || neuron.role === 'input') return <p className="overlay-note">Select one neuron to list the contributions into it.</p>;
  const lines = contributionsInto(network, sample, neuron.id);
  const b = budgets.get(neuron.id);
  const softmax = network.softmaxGroups.some((g) => g.members.includes(neuron.id));
  return (
    <section aria-label={`Contributions into ${neuron.label}`}>
      {b && (
        <p className="overlay-equation" data-testid="selected-equation">
          {neuron.label}: {budgetEquation(b, softmax ? 'softmax' : SHORT_NAMES[neuron.activation])}
        </p>
      )}
      <h4>Into {neuron.label}, largest first</h4>
      <pre className="overlay-list" data-testid="contribution-list" tabIndex={0}>
        {contributionText(lines) || 'No incoming synapses.'}
      </pre>
    </section>
  );
}

/** Keeps the overlay's answers in step; a component of its own so what it watches does not re-render the panel. */
function OverlaySync() {
  useOverlaySync();
  return null;
}

/** The overlay panel (shown while an overlay is on). */
export function OverlayPanel() {
  const mode = useOverlayStore((s) => s.mode);
  const error = useOverlayStore((s) => s.error);
  const drawnRow = useOverlayStore((s) => s.drawnRow);
  return (
    <>
      <OverlaySync />
      {mode !== 'off' && (
        <aside className="overlay-panel" data-testid="overlay-panel" data-drawn-row={drawnRow ?? ''} onKeyDown={(e) => e.stopPropagation()}>
          <Legend />
          {error && (
            <p className="overlay-error" role="alert">
              {error}
            </p>
          )}
          {mode !== 'weights' && <SamplePicker />}
          {mode === 'dataset' && <DatasetControls />}
          {mode === 'contributions' && (
            <>
              <Lesions />
              <ContributionList />
            </>
          )}
        </aside>
      )}
    </>
  );
}
