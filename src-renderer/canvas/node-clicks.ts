import type { MouseEvent as ReactMouseEvent } from 'react';
import { useEditorStore } from '../state/editor-store';
import type { CanvasNode } from '../state/flow-types';
import { useLayerStore } from './layer-store';

// React Flow keeps a multi-selection when one of its nodes is clicked (so it can be dragged);
// a plain click without a drag should inspect just that neuron.
const onNodeClick = (e: ReactMouseEvent, node: CanvasNode) => {
  if (e.ctrlKey || e.metaKey || e.shiftKey || node.type !== 'neuron') return;
  const { selection, select } = useEditorStore.getState();
  if (selection.neurons.length + selection.synapses.length > 1) select({ neurons: [node.id] });
};

// Double-click a neuron to rename it, a layer node to expand it.
const onNodeDoubleClick = (_: ReactMouseEvent, node: CanvasNode) => {
  if (node.type === 'layer') {
    useLayerStore.getState().expand(node.data.level);
    return;
  }
  useEditorStore.getState().select({ neurons: [node.id] });
  requestAnimationFrame(() => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="label-input"]');
    input?.focus();
    input?.select();
  });
};

/** The React Flow props for clicks on nodes: selection kept in step with the inspector, and double-click to rename or expand. */
export const NODE_CLICKS = { onNodeClick, onNodeDoubleClick } as const;
