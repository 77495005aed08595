import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type EdgeTypes,
  type NodeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeTypes,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { connectionRefusal } from '../../src-shared/model/graph';
import { addDenseGroupFromSelection, setViewController } from '../commands';
import { useEditorStore } from '../state/editor-store';
import { addNeuron, connect, moveNeurons } from '../state/network-edits';
import { useUiStore } from '../state/ui-store';
import type { CanvasEdge, CanvasNode, NeuronFlowNode, SynapseFlowEdge } from './flow-types';
import { LayerControls } from './LayerControls';
import { LayerEdge } from './LayerEdge';
import { LayerNode } from './LayerNode';
import { levelsOf, tallLevels } from './layers';
import { useLayerStore } from './layer-store';
import { useCollapsedView } from './use-collapsed-view';
import { NeuronNode } from './NeuronNode';
import { NEURON_SIZE, PALETTE_MIME, paletteItemOf } from './palette-dnd';
import { SynapseEdge } from './SynapseEdge';
import { currentExtras, useRoomForExtras } from './use-room';
import { nodeHeight } from './node-extent';
import './canvas.css';

// Module scope: React Flow re-mounts every node when these objects change identity.
const nodeTypes = { neuron: NeuronNode, layer: LayerNode } satisfies NodeTypes;
const edgeTypes = { synapse: SynapseEdge, aggregate: LayerEdge } satisfies EdgeTypes;
/** Labels stay >= 10 px tall down to this zoom (far level of detail); auto-collapse keeps fit view above it. */
const LEGIBLE_ZOOM = 0.36;
/** Below these zooms the cards switch to larger labels (mid) and to labels alone (far): see canvas.css. */
const MID_ZOOM = 0.75;
const FAR_ZOOM = 0.5;
// Padding in screen pixels (a share of the window wastes a small one); more on the left for the zoom controls.
const FIT = { padding: { top: '20px', right: '20px', bottom: '20px', left: '52px' }, duration: 200, maxZoom: 1.25 } as const;
const ROLE_COLORS: Record<string, string> = { input: '#2f9e6e', hidden: '#7b8794', output: '#2b6cb0' };

/** The id of the neuron under a screen point, if any (for drops on a node's body rather than its handle). */
function neuronAt(x: number, y: number): string | null {
  const el = document.elementFromPoint(x, y)?.closest('.react-flow__node');
  return el?.getAttribute('data-id') ?? null;
}

function pointOf(e: MouseEvent | TouchEvent): { x: number; y: number } {
  if ('changedTouches' in e) return { x: e.changedTouches[0].clientX, y: e.changedTouches[0].clientY };
  return { x: e.clientX, y: e.clientY };
}

function tryConnect(source: string, target: string): void {
  const store = useEditorStore.getState();
  const result = connect(store.network, source, target);
  if (!result.ok) {
    useUiStore.getState().toast(result.reason, 'error');
    return;
  }
  store.commit(() => result.network);
}

const isValidConnection: IsValidConnection<CanvasEdge> = (c) => connectionRefusal(useEditorStore.getState().network, c.source, c.target) === null;

function minimapColor(n: CanvasNode): string {
  return n.type === 'neuron' ? ROLE_COLORS[n.data.neuron.role] : ROLE_COLORS.hidden;
}

/** The React Flow canvas: neurons, synapses, drops from the palette, wiring with refusals. */
export function NetworkCanvas() {
  const storeNodes = useEditorStore((s) => s.nodes);
  const storeEdges = useEditorStore((s) => s.edges);
  const { nodes, edges } = useCollapsedView(storeNodes, storeEdges);
  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    // Layer nodes are the canvas's own; only neurons' changes reach the document.
    const mine = changes.filter((c) => !('id' in c) || !c.id.startsWith('layer-'));
    if (mine.length) useEditorStore.getState().onNodesChange(mine as NodeChange<NeuronFlowNode>[]);
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => {
    const mine = changes.filter((c) => !('id' in c) || !c.id.startsWith('agg:'));
    if (mine.length) useEditorStore.getState().onEdgesChange(mine as EdgeChange<SynapseFlowEdge>[]);
  }, []);
  const loadCount = useEditorStore((s) => s.loadCount);
  const empty = useEditorStore((s) => s.network.neurons.length === 0);
  const minimap = useUiStore((s) => s.minimap);
  const setHoveredEdge = useUiStore((s) => s.setHoveredEdge);
  const rf = useReactFlow<CanvasNode, CanvasEdge>();
  // Level of detail: zoomed out, cards drop details nobody can read and labels grow, which keeps them legible
  // and big networks smooth.
  const lod = useStore((s) => (s.transform[2] < FAR_ZOOM ? 'is-far' : s.transform[2] < MID_ZOOM ? 'is-mid' : ''));
  const wrapper = useRef<HTMLDivElement>(null);
  const flowStore = useStoreApi<CanvasNode, CanvasEdge>();
  useRoomForExtras(useCallback(() => void rf.fitView(FIT), [rf]));

  // Pop-ups on the canvas (a budget's equation) stay at screen size: they scale by 1 / zoom.
  useEffect(() => {
    const apply = (zoom: number) => wrapper.current?.style.setProperty('--inv-zoom', String(1 / zoom));
    apply(flowStore.getState().transform[2]);
    return flowStore.subscribe((s, prev) => {
      if (s.transform[2] !== prev.transform[2]) apply(s.transform[2]);
    });
  }, [flowStore]);

  // Fit view keeps labels legible: levels too tall to read at fit are collapsed into layer nodes first (unless
  // the user expanded one since the document loaded), then the view fits.
  const fitLegibly = useCallback(() => {
    const layers = useLayerStore.getState();
    // With heatmaps on, the user came to see every neuron's map: nothing collapses then.
    if (!layers.userExpanded && !currentExtras().heatmap) {
      const height = wrapper.current?.clientHeight ?? 560;
      const tall = tallLevels(levelsOf(useEditorStore.getState().network), (height - 40) / LEGIBLE_ZOOM, nodeHeight(currentExtras())).filter((l) => !layers.collapsed.includes(l));
      if (tall.length) {
        layers.collapse(tall);
        useUiStore.getState().toast(`Collapsed ${tall.length === 1 ? 'a level' : `${tall.length} levels`} too tall to read into layer nodes; double-click one (or ⤢) to expand it.`);
        setTimeout(() => void rf.fitView(FIT), 60);
        return;
      }
    }
    void rf.fitView(FIT);
  }, [rf]);

  useEffect(() => {
    setViewController({
      fitView: fitLegibly,
      zoomIn: () => void rf.zoomIn({ duration: 150 }),
      zoomOut: () => void rf.zoomOut({ duration: 150 }),
      center: () => {
        const r = wrapper.current?.getBoundingClientRect();
        return r ? rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
      },
    });
    return () => setViewController(null);
  }, [rf, fitLegibly]);

  // A loaded document fits once its nodes are measured, and again if the panels around the canvas settle
  // (the training dock and the overlay panel appear a moment later) within the first half second.
  useEffect(() => {
    useLayerStore.getState().reset();
  }, [loadCount]);

  useEffect(() => {
    if (!loadCount) return;
    const el = wrapper.current;
    let frame = requestAnimationFrame(fitLegibly);
    const resize = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fitLegibly);
    });
    if (el) resize.observe(el);
    const done = setTimeout(() => resize.disconnect(), 500);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(done);
      resize.disconnect();
    };
  }, [loadCount, fitLegibly]);

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

  const onConnect = useCallback((c: Connection) => tryConnect(c.source, c.target), []);

  // Invalid drops never reach onConnect: say why here, and let a drop on a node's body connect too.
  const onConnectEnd = useCallback((e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid === true || !state.fromNode || !state.fromHandle) return;
    const p = pointOf(e);
    const other = state.toNode?.id ?? neuronAt(p.x, p.y);
    if (!other) return;
    if (other === state.fromNode.id && state.isValid === null) return;
    const [source, target] = state.fromHandle.type === 'source' ? [state.fromNode.id, other] : [other, state.fromNode.id];
    tryConnect(source, target);
  }, []);

  const onNodeDragStop = useCallback(() => {
    const store = useEditorStore.getState();
    const positions = new Map(store.nodes.map((n) => [n.id, n.position]));
    store.commit((net) => moveNeurons(net, positions));
  }, []);

  // React Flow keeps a multi-selection when one of its nodes is clicked (so it can be dragged);
  // a plain click without a drag should inspect just that neuron.
  const onNodeClick = useCallback((e: ReactMouseEvent, node: CanvasNode) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || node.type !== 'neuron') return;
    const { selection, select } = useEditorStore.getState();
    if (selection.neurons.length + selection.synapses.length > 1) select({ neurons: [node.id] });
  }, []);

  // Double-click a neuron to rename it.
  const onNodeDoubleClick = useCallback((_: ReactMouseEvent, node: CanvasNode) => {
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
  }, []);

  const onMoveEnd = useCallback((_: unknown, viewport: Viewport) => useEditorStore.getState().setViewport(viewport), []);

  return (
    <div className={`canvas ${lod}`} data-testid="canvas" data-loads={loadCount} ref={wrapper} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={onNodeDoubleClick}
        zoomOnDoubleClick={false}
        onSelectionDragStop={onNodeDragStop}
        onMoveEnd={onMoveEnd}
        onEdgeMouseEnter={(_, edge) => setHoveredEdge(edge.id)}
        onEdgeMouseLeave={() => setHoveredEdge(null)}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Control', 'Meta']}
        selectionMode={SelectionMode.Partial}
        snapToGrid
        snapGrid={[4, 4]}
        minZoom={0.05}
        maxZoom={3}
        connectionRadius={24}
        attributionPosition="top-right"
        defaultEdgeOptions={{ type: 'synapse' }}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} color="#c9ced6" />
        <Controls position="bottom-left" showInteractive={false}>
          <LayerControls />
        </Controls>
        {minimap && !empty && (
          <MiniMap<CanvasNode> position="bottom-right" style={{ width: 168, height: 112 }} pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} maskColor="rgba(240, 242, 245, 0.7)" />
        )}
      </ReactFlow>
      {empty && (
        <div className="canvas__empty">
          <div className="canvas__empty-title">Start a network</div>
          <div>Drag an <b>Input</b>, <b>Hidden</b> or <b>Output</b> neuron from the palette onto the canvas,</div>
          <div>then drag from a neuron's right handle to another neuron to connect them.</div>
          <div className="canvas__empty-legend">Switch the overlay to Weights or Contributions to colour the synapses.</div>
        </div>
      )}
    </div>
  );
}
