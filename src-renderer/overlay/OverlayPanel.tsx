/**
 * The overlay panel over the canvas: the legend with the rule, the sample (typed values or a dataset
 * row stepped with the arrow keys), lesions with every output's change, and the contributions into the
 * selected neuron as copyable text.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { api } from '../api';
import { SIGN_COLORS } from '../canvas/sign-colors';
import { useEditorStore } from '../state/editor-store';
import type { OverlaySplit } from '../../src-shared/overlay/contract';
import { contributionsInto, contributionText, daleCounts, fmt, lesionDeltas } from './overlay-math';
import { stepSample, useOverlayStore } from './overlay-store';
import { useOverlaySync } from './use-overlay-sync';
import './overlay.css';

/** The legend: the colour pair, the sign-flip mark and the rule in one sentence; the network's E:I ratio. */
function Legend() {
  const mode = useOverlayStore((s) => s.mode);
  const network = useEditorStore((s) => s.network);
  const d = daleCounts(network);
  const what = mode === 'weights' ? 'weight' : mode === 'dataset' ? 'mean contribution' : 'contribution';
  return (
    <section className="overlay-legend" data-testid="overlay-legend" aria-label="Legend">
      <div>
        <span className="swatch" style={{ background: SIGN_COLORS.positive }} /> excitatory ({what} &gt; 0)
      </div>
      <div>
        <span className="swatch" style={{ background: SIGN_COLORS.negative }} /> inhibitory ({what} &lt; 0)
      </div>
      {mode === 'contributions' && (
        <div>
          <span className="swatch swatch--flip">±</span> sign flip: a negative output turns the weight&apos;s sign around
        </div>
      )}
      <p className="overlay-legend__rule">c = w·o: a negative output through a negative weight excites; a silent neuron (o = 0) does nothing.</p>
      <div data-testid="ei-ratio">
        Dale E:I {d.e}:{d.i}
        {d.free ? ` (${d.free} unmarked)` : ''}
      </div>
    </section>
  );
}

/** The sample: one field and slider per input, or a dataset row stepped with ← →. */
function SamplePicker() {
  const network = useEditorStore((s) => s.network);
  const inputs = useOverlayStore((s) => s.inputs);
  const source = useOverlayStore((s) => s.source);
  const { setInput, setSource } = useOverlayStore(useShallow((s) => ({ setInput: s.setInput, setSource: s.setSource })));
  const [datasets, setDatasets] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    api.request('dataset.list', {}).then(setDatasets, () => setDatasets([]));
  }, [network.neurons.length]);
  const ins = network.neurons.filter((n) => n.role === 'input');
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
          <select data-testid="sample-dataset" value={source.datasetId ?? ''} onChange={(e) => setSource({ datasetId: e.target.value || null, position: 0, total: 0, label: null })}>
            <option value="">values typed in</option>
            {datasets.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        {source.datasetId && (
          <select aria-label="Split" data-testid="sample-split" value={source.split} onChange={(e) => setSource({ split: e.target.value as OverlaySplit, position: 0 })}>
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
            row {source.position + 1} / {source.total}
            {source.label !== null ? ` · ${source.label}` : ''}
          </span>
          <button type="button" onClick={() => step(1)} aria-label="Next row">
            →
          </button>
        </div>
      )}
      {ins.map((n) => (
        <div className="overlay-row" key={n.id}>
          <label className="overlay-input">
            <span title={n.label}>{n.label}</span>
            <input type="range" min={-3} max={3} step={0.01} value={inputs[n.id] ?? 0} aria-label={`${n.label} slider`} onChange={(e) => setInput(n.id, Number(e.target.value))} />
            <input
              type="number"
              step={0.1}
              data-testid={`sample-input-${n.label}`}
              aria-label={`${n.label} value`}
              value={inputs[n.id] ?? 0}
              onChange={(e) => Number.isFinite(e.target.valueAsNumber) && setInput(n.id, e.target.valueAsNumber)}
            />
          </label>
        </div>
      ))}
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
              <th title="σ′(z)·(−Σ removed c feeding the output directly); — when the lesion acts through other neurons">linear est.</th>
            </tr>
          </thead>
          <tbody>
            {deltas.map((d) => (
              <tr key={d.neuronId} data-testid={`lesion-delta-${d.label}`} data-real={fmt(d.real)} data-estimate={d.estimate === null ? '' : fmt(d.estimate)}>
                <td>{d.label}</td>
                <td>{fmt(d.before)}</td>
                <td>{fmt(d.after)}</td>
                <td>{fmt(d.real)}</td>
                <td>{d.estimate === null ? '—' : fmt(d.estimate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The contributions into the selected neuron, largest first, as text. */
function ContributionList() {
  const network = useEditorStore((s) => s.network);
  const selected = useEditorStore((s) => (s.selection.neurons.length === 1 ? s.selection.neurons[0] : null));
  const sample = useOverlayStore((s) => s.sample);
  const neuron = network.neurons.find((n) => n.id === selected);
  if (!neuron || !sample || neuron.role === 'input') return <p className="overlay-note">Select one neuron to list the contributions into it.</p>;
  const lines = contributionsInto(network, sample, neuron.id);
  return (
    <section aria-label={`Contributions into ${neuron.label}`}>
      <h4>Into {neuron.label}, largest first</h4>
      <pre className="overlay-list" data-testid="contribution-list" tabIndex={0}>
        {contributionText(lines) || 'No incoming synapses.'}
      </pre>
    </section>
  );
}

/** The overlay panel (shown while an overlay is on). */
export function OverlayPanel() {
  useOverlaySync();
  const mode = useOverlayStore((s) => s.mode);
  const error = useOverlayStore((s) => s.error);
  if (mode === 'off') return null;
  return (
    <aside className="overlay-panel" data-testid="overlay-panel" onKeyDown={(e) => e.stopPropagation()}>
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
  );
}
