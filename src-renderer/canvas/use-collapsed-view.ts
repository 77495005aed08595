/**
 * The nodes and edges the canvas draws: the editor's, with every collapsed depth level replaced by its layer
 * node and the synapses touching it aggregated (by what the overlay shows). Unchanged when nothing is collapsed.
 */
import { useStoreApi } from '@xyflow/react';
import { useMemo } from 'react';
import { useEditorStore } from '../state/editor-store';
import type { CanvasEdge, CanvasNode, LayerFlowEdge, LayerFlowNode, NeuronFlowNode, SynapseFlowEdge } from '../state/flow-types';
import { aggregatePlan, layerSummaries, levelsOf } from './layers';
import { useLayerStore } from './layer-store';

/** Mounted by the canvas with the editor's nodes and edges. */
export function useCollapsedView(nodes: NeuronFlowNode[], edges: SynapseFlowEdge[]): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const collapsed = useLayerStore((s) => s.collapsed);
  // Only a collapsed view depends on the weights: otherwise live training must not re-render the whole canvas.
  const network = useEditorStore((s) => (collapsed.length ? s.network : null));
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
    // The edges carry the structure only; each reads its sums for the overlay's current state (aggregate-values.ts).
    const aggEdges: LayerFlowEdge[] = shape.plan.edges.map((a) => ({
      id: a.id,
      type: 'aggregate',
      source: a.source,
      target: a.target,
      selectable: false,
      data: { count: a.count, plan: shape.plan, network: shape.network },
    }));
    return { nodes: shape.nodes, edges: [...shape.edges, ...aggEdges] };
  }, [shape, nodes, edges]);
}
