import { Background, BackgroundVariant, ReactFlow, SelectionMode, useStore, type EdgeTypes, type NodeTypes } from '@xyflow/react';
import { useRef } from 'react';
import { cssColor } from '../ui/css-color';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import type { CanvasEdge, CanvasNode } from '../state/flow-types';
import { CanvasControls } from './CanvasControls';
import { CanvasMinimap } from './CanvasMinimap';
import { DOCUMENT_CHANGES } from './document-changes';
import { EmptyCanvasHint } from './EmptyCanvasHint';
import { LayerEdge } from './LayerEdge';
import { LayerNode } from './LayerNode';
import { levelOfDetail } from './level-of-detail';
import { NODE_CLICKS } from './node-clicks';
import { useCollapsedView } from './use-collapsed-view';
import { NeuronNode } from './NeuronNode';
import { SynapseEdge } from './SynapseEdge';
import { useCanvasSize } from './use-canvas-size';
import { useFitView } from './use-fit-view';
import { useInverseZoom } from './use-inv-zoom';
import { usePaletteDrop } from './use-palette-drop';
import { useViewController } from './use-view-controller';
import { MINIMAP_ROOM, ZOOM_LIMITS } from './view-limits';
import { WIRING } from './wiring';
import './canvas.css';

// Module scope: React Flow re-mounts every node when these objects change identity.
const nodeTypes = { neuron: NeuronNode, layer: LayerNode } satisfies NodeTypes;
const edgeTypes = { synapse: SynapseEdge, aggregate: LayerEdge } satisfies EdgeTypes;

/** The React Flow canvas: neurons, synapses, drops from the palette, wiring with refusals. */
export function NetworkCanvas() {
  const storeNodes = useEditorStore((s) => s.nodes);
  const storeEdges = useEditorStore((s) => s.edges);
  const { nodes, edges } = useCollapsedView(storeNodes, storeEdges);
  const loadCount = useEditorStore((s) => s.loadCount);
  const empty = useEditorStore((s) => s.network.neurons.length === 0);
  const minimap = useUiStore((s) => s.minimap);
  const setHoveredEdge = useUiStore((s) => s.setHoveredEdge);
  const theme = useUiStore((s) => s.resolvedTheme);
  // Level of detail: zoomed out, cards drop details nobody can read and labels grow, which keeps them legible
  // and big networks smooth.
  const lod = useStore((s) => levelOfDetail(s.transform[2]));
  const wrapper = useRef<HTMLDivElement>(null);
  useInverseZoom(wrapper);
  const size = useCanvasSize(wrapper);
  const showMinimap = minimap && !empty && size.width >= MINIMAP_ROOM.width && size.height >= MINIMAP_ROOM.height;
  const { fitLegibly, fitted, onMoveStart, onMoveEnd } = useFitView(wrapper, size, showMinimap, loadCount);
  const pointer = useViewController(wrapper, fitLegibly, fitted);
  const drop = usePaletteDrop();

  return (
    <div className={`canvas ${lod}`} data-testid="canvas" data-loads={loadCount} ref={wrapper} {...drop} {...pointer}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        {...DOCUMENT_CHANGES}
        {...WIRING}
        {...NODE_CLICKS}
        zoomOnDoubleClick={false}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        onEdgeMouseEnter={(_, edge) => setHoveredEdge(edge.id)}
        onEdgeMouseLeave={() => setHoveredEdge(null)}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Control', 'Meta']}
        selectionMode={SelectionMode.Partial}
        snapToGrid
        snapGrid={[4, 4]}
        minZoom={ZOOM_LIMITS.min}
        maxZoom={ZOOM_LIMITS.max}
        colorMode={theme}
        connectionRadius={24}
        attributionPosition="top-right"
        defaultEdgeOptions={{ type: 'synapse' }}
      >
        <Background key={theme} variant={BackgroundVariant.Dots} gap={16} size={1.2} color={cssColor('--canvas-dots')} />
        <CanvasControls />
        {showMinimap && <CanvasMinimap key={theme} />}
      </ReactFlow>
      {empty && <EmptyCanvasHint />}
    </div>
  );
}
