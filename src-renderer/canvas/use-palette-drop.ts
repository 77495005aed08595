import { useReactFlow } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import { addDenseGroupFromSelection } from '../state/command-bus';
import { useEditorStore } from '../state/editor-store';
import type { CanvasEdge, CanvasNode } from '../state/flow-types';
import { addNeuron } from '../state/network-edits';
import { NEURON_SIZE, PALETTE_MIME, paletteItemOf } from './palette-dnd';

/** Drops of palette tiles onto the canvas: a neuron centred on the pointer (and selected), or a dense group. */
export function usePaletteDrop(): { onDragOver(e: DragEvent): void; onDrop(e: DragEvent): void } {
  const rf = useReactFlow<CanvasNode, CanvasEdge>();
  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const item = paletteItemOf(e.dataTransfer);
      if (!item) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const at = { x: Math.round(p.x - NEURON_SIZE.width / 2), y: Math.round(p.y - NEURON_SIZE.height / 2) };
      if (item === 'dense') {
        addDenseGroupFromSelection(at);
        return;
      }
      const store = useEditorStore.getState();
      let id = '';
      store.commit((net) => {
        const r = addNeuron(net, item, at);
        id = r.id;
        return r.network;
      });
      useEditorStore.getState().select({ neurons: [id] });
    },
    [rf],
  );
  return { onDragOver, onDrop };
}
