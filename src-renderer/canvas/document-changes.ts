import type { EdgeChange, NodeChange } from '@xyflow/react';
import { useEditorStore } from '../state/editor-store';
import type { CanvasEdge, CanvasNode, NeuronFlowNode, SynapseFlowEdge } from '../state/flow-types';
import { moveNeurons } from '../state/network-edits';

// Layer nodes and aggregate edges are the canvas's own; only neurons' and synapses' changes reach the document.
const onNodesChange = (changes: NodeChange<CanvasNode>[]) => {
  const mine = changes.filter((c) => !('id' in c) || !c.id.startsWith('layer-'));
  if (mine.length) useEditorStore.getState().onNodesChange(mine as NodeChange<NeuronFlowNode>[]);
};

const onEdgesChange = (changes: EdgeChange<CanvasEdge>[]) => {
  const mine = changes.filter((c) => !('id' in c) || !c.id.startsWith('agg:'));
  if (mine.length) useEditorStore.getState().onEdgesChange(mine as EdgeChange<SynapseFlowEdge>[]);
};

// A drag ends as one undoable move of every neuron that moved.
const onNodeDragStop = () => {
  const store = useEditorStore.getState();
  const positions = new Map(store.nodes.map((n) => [n.id, n.position]));
  store.commit((net) => moveNeurons(net, positions));
};

/** The React Flow props through which the canvas's edits (selection, removal, drags) reach the document. */
export const DOCUMENT_CHANGES = { onNodesChange, onEdgesChange, onNodeDragStop, onSelectionDragStop: onNodeDragStop } as const;
