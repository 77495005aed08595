import { useMemo } from 'react';
import { useEditorStore } from '../state/editor-store';
import { useBoundaryStore } from '../state/boundary-store';
import { canBeNegative, classCss, heatScale } from './heatmap-colors';
import { HeatmapCanvas } from './HeatmapCanvas';

const SIZE = 220;

function FeaturePicker({ label, value, features, onChange, testId }: { label: string; value: number; features: string[]; onChange(v: number): void; testId: string }) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {features.map((f, i) => (
          <option key={f} value={i}>
            {f}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The output's decision boundary (or value) over two inputs, with the training points on it; the switch for the neuron heatmaps. */
export function BoundaryView() {
  const { enabled, xFeature, yFeature, data, problem } = useBoundaryStore();
  const set = useBoundaryStore.setState;
  const features = data?.features ?? [];
  const outputGrid = data && !data.classGrid ? data.grids[data.grids.length - 1] : null;
  const outputId = data?.neuronIds[data.neuronIds.length - 1];
  const outputKind = useEditorStore((s) => s.network.neurons.find((n) => n.id === outputId)?.activation ?? 'identity');
  const outputScale = useMemo(() => (outputGrid ? heatScale(outputGrid, canBeNegative(outputKind), outputKind === 'sigmoid') : null), [outputGrid, outputKind]);
  // A 0/1 target is two classes: its points take the class palette like a class target's.
  const binary = !!data && !data.classGrid && data.points.length > 0 && data.points.every(([, , v]) => v === 0 || v === 1);
  const scale = (v: number, [lo, hi]: [number, number]) => ((v - lo) / (hi - lo)) * SIZE;
  return (
    <div className="boundary-view">
      <div className="boundary-controls">
        <label className="check">
          <input type="checkbox" data-testid="heatmaps-toggle" checked={enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Heatmaps on neurons
        </label>
        {features.length > 2 && (
          <>
            <FeaturePicker label="Across (x)" testId="boundary-x" value={xFeature} features={features} onChange={(v) => set({ xFeature: v })} />
            <FeaturePicker label="Up (y)" testId="boundary-y" value={yFeature} features={features} onChange={(v) => set({ yFeature: v })} />
          </>
        )}
        <p className="muted">
          Each neuron shows its output over {features.length ? `${features[xFeature]} (across) and ${features[yFeature]} (up)` : 'two inputs'}
          {features.length > 2 ? ', the other inputs held at their training means' : ''}. An output that can be negative (tanh, linear…) is blue below 0, white at 0 and red above 0, so a
          sign change shows where the colour turns; an output that cannot (sigmoid, ReLU…) runs from dark blue at 0 to yellow at its highest.
        </p>
        {problem && <p className="training-error">{problem}</p>}
      </div>
      {enabled && data && (
        <figure className="boundary-figure" data-testid="boundary" data-points={data.points.length} aria-label="Decision boundary with the training points">
          <div className="boundary-plot" style={{ width: SIZE, height: SIZE }}>
            {data.classGrid ? (
              <HeatmapCanvas grid={data.classGrid} res={data.resolution} scale="classes" className="boundary-plot__map" testId="boundary-classes" />
            ) : (
              outputGrid && outputScale && <HeatmapCanvas grid={outputGrid} res={data.resolution} scale={outputScale} className="boundary-plot__map" testId="boundary-output" />
            )}
            <svg width={SIZE} height={SIZE} className="boundary-plot__points">
              {data.points.map(([x, y, v], i) => (
                <circle key={i} cx={scale(x, data.xRange)} cy={SIZE - scale(y, data.yRange)} r={3} style={{ fill: data.classGrid || binary ? classCss(v) : 'var(--text)' }} stroke="#fff" strokeWidth={1} data-value={v} />
              ))}
            </svg>
          </div>
          <figcaption className="muted">
            {data.classes
              ? data.classes.map((c, k) => (
                  <span key={c} className="boundary-legend" style={{ '--swatch': classCss(k) } as React.CSSProperties}>
                    {c}
                  </span>
                ))
              : binary
                ? [0, 1].map((k) => (
                    <span key={k} className="boundary-legend" style={{ '--swatch': classCss(k) } as React.CSSProperties}>
                      {k}
                    </span>
                  ))
                : 'Output value; dots are training rows.'}
          </figcaption>
        </figure>
      )}
    </div>
  );
}
