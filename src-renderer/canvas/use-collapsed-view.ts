/**
 * The nodes and edges the canvas draws: the editor's, with every collapsed depth level replaced by its layer
 * node and the synapses touching it aggregated (by what the overlay shows). Unchanged when nothing is collapsed.
 */
import { useStoreApi } from '@xyflow/react';
import { useMemo } from 'react';
import { useOverlayStore } from '../overlay/overlay-store';
import { useEditorStore } from '../state/editor-store';
import type { CanvasEdge, CanvasNode, LayerFlowEdge, LayerFlowNode, NeuronFlowNode, SynapseFlowEdge } from '../state/flow-types';
import { aggregatePlan, layerSummaries, levelsOf, sumAggregates } from './layers';
import { useLayerStore } from './layer-store';

/** What an aggregated edge sums under each overlay. */
const QUANTITY = { off: 'w', weights: 'w', contributions: 'c', dataset: 'mean c' } as const;

/** Mounted by the canvas with the editor's nodes and edges. */
export function useCollapsedView(nodes: NeuronFlowNode[], edges: SynapseFlowEdge[]): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const collapsed = useLayerStore((s) => s.collapsed);
  // Only a collapsed view depends on the weights: otherwise live training must not re-render the whole canvas.
  const network = useEditorStore((s) => (collapsed.length ? s.network : null));
  const mode = useOverlayStore((s) => s.mode);
  // Likewise a sample step re-renders the canvas only when a collapsed layer's edges show the sample.
  const sample = useOverlayStore((s) => (collapsed.length ? s.sample : null));
  const stats = useOverlayStore((s) => (collapsed.length ? s.stats : null));
  const flowStore = useStoreApi<CanvasNode, CanvasEdge>();
  // The layers, and what the canvas keeps of the editor's nodes and edges, change with the structure only: a sample
  // step (new contributions, same network) recomputes just the aggregated edges.
  const shape = useMemo(() => {
    if (!network) return null;
    const layers = layerSummaries(levelsOf(network), collapsed);
    if (!layers.length) return null;
    const nodeOf = new Map<string, string>();
    for (const l of layers) for (const m of l.memberIds) nodeOf.set(m, l.id);
    const lookup = flowStore.getState().nodeLookup;
    const layerNodes: LayerFlowNode[] = layers.map((l) => {
      const node: LayerFlowNode = {
        id: l.id,
        type: 'layer',
        position: l.position,
        data: { level: l.level, count: l.count, activations: l.activations, roles: l.roles },
        draggable: false,
        selectable: false,
        ariaLabel: `Level ${l.level} collapsed: ${l.count} neurons`,
      };
      // Carrying the measured size keeps React Flow's handle positions, so the edges do not blink on every update.
      const measured = lookup.get(l.id)?.measured;
      if (measured?.width && measured.height) node.measured = measured;
      return node;
    });
    return {
      network,
      plan: aggregatePlan(network, nodeOf),
      nodes: [...nodes.filter((n) => !nodeOf.has(n.id)), ...layerNodes],
      edges: edges.filter((e) => !nodeOf.has(e.source) && !nodeOf.has(e.target)),
    };
  }, [nodes, edges, network, collapsed, flowStore]);
  return useMemo(() => {
    if (!shape) return { nodes, edges };
    // What the overlay draws on each synapse: w, the sample's c (lesions applied) or the dataset's mean c.
    const value: (id: string, w: number) => number =
      mode === 'contributions' ? (id) => sample?.c.get(id) ?? 0 : mode === 'dataset' ? (id) => stats?.mean.get(id) ?? 0 : (_, w) => w;
    const aggs = sumAggregates(shape.plan, shape.network, value);
    const max = Math.max(1e-12, ...aggs.map((a) => a.sumAbs));
    const aggEdges: LayerFlowEdge[] = aggs.map((a) => ({
      id: a.id,
      type: 'aggregate',
      source: a.source,
      target: a.target,
      selectable: false,
      data: { sum: a.sum, sumAbs: a.sumAbs, count: a.count, quantity: QUANTITY[mode], share: a.sumAbs / max, signed: mode !== 'off' },
    }));
    return { nodes: shape.nodes, edges: [...shape.edges, ...aggEdges] };
  }, [shape, nodes, edges, mode, sample, stats]);
}
