import { memo } from 'react';
import { useBoundaryStore } from './boundary-store';
import { HeatmapCanvas } from './HeatmapCanvas';

/** The small heatmap on a neuron card: its output over the chosen plane of two inputs (nothing when heatmaps are off). */
export const NeuronHeatmap = memo(function NeuronHeatmap({ id, label }: { id: string; label: string }) {
  const grid = useBoundaryStore((s) => {
    if (!s.enabled || !s.data) return null;
    const n = s.data.neuronIds.indexOf(id);
    return n < 0 ? null : s.data.grids[n];
  });
  const res = useBoundaryStore((s) => s.data?.resolution ?? 0);
  if (!grid) return null;
  return <HeatmapCanvas grid={grid} res={res} className="neuron__heatmap" testId={`heatmap-${label}`} />;
});
