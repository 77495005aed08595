import { memo, useMemo } from 'react';
import type { ActivationKind } from '../../src-shared/model/activation-kind';
import { useBoundaryStore } from '../state/boundary-store';
import { HeatmapCanvas } from './HeatmapCanvas';
import { canBeNegative, heatScale } from './heatmap-colors';

/**
 * The heatmap under a neuron's card: its output over the chosen plane of two inputs, square at the card's
 * width, on a scale centred on 0 when the output can be negative (nothing when heatmaps are off).
 */
export const NeuronHeatmap = memo(function NeuronHeatmap({ id, label, kind, softmax }: { id: string; label: string; kind: ActivationKind; softmax: boolean }) {
  const grid = useBoundaryStore((s) => {
    if (!s.enabled || !s.data) return null;
    const n = s.data.neuronIds.indexOf(id);
    return n < 0 ? null : s.data.grids[n];
  });
  const res = useBoundaryStore((s) => s.data?.resolution ?? 0);
  const signed = canBeNegative(kind, softmax);
  const scale = useMemo(() => (grid ? heatScale(grid, signed, softmax || kind === 'sigmoid') : null), [grid, signed, softmax, kind]);
  if (!grid || !scale) return null;
  return <HeatmapCanvas grid={grid} res={res} scale={scale} className="neuron__heatmap" testId={`heatmap-${label}`} />;
});
