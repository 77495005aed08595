import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  getViewportForBounds,
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
  type OnConnectStart,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { connectionRefusal, refusedEnds } from '../../src-shared/model/graph';
import { cssColor } from '../ui/css-color';
import { addDenseGroupFromSelection, runCommand, setViewController } from '../state/command-bus';
import { Icon } from '../ui/icons';
import { useEditorStore } from '../state/editor-store';
import { addNeuron, connect, moveNeurons } from '../state/network-edits';
import { useUiStore } from '../state/ui-store';
import type { CanvasEdge, CanvasNode, NeuronFlowNode, SynapseFlowEdge } from '../state/flow-types';
import { LayerControls } from './LayerControls';
import { LayerEdge } from './LayerEdge';
import { LayerNode } from './LayerNode';
import { levelsOf, tallLevels } from './layers';
import { levelOfDetail } from './level-of-detail';
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
// Padding in screen pixels (a share of the window wastes a small one); more on the left for the zoom controls.
const FIT = { padding: { top: '20px', right: '20px', bottom: '20px', left: '52px' }, duration: 200, maxZoom: 1.25 } as const;
const MINIMAP = { width: 168, height: 112 } as const;
/** Below this canvas size the minimap would cover the network (e.g. with the training dock open at 1280×720), so it steps aside. */
const MINIMAP_ROOM = { width: 560, height: 380 } as const;
const ZOOM_STEP = 1.2;
const ZOOM_LIMITS = { min: 0.05, max: 3 } as const;

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

const ROLE_VARS: Record<string, string> = { input: '--input', hidden: '--hidden', output: '--output' };

/** The minimap's node colour, read from the theme's role colours (a layer node is hidden neurons). */
function minimapColor(n: CanvasNode): string {
  return cssColor(n.type === 'neuron' ? ROLE_VARS[n.data.neuron.role] : '--hidden');
}

/** The canvas's size in pixels, followed as panels and the dock open and close. */
function useSize(el: React.RefObject<HTMLDivElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const ro = new ResizeObserver(() => setSize({ width: node.clientWidth, height: node.clientHeight }));
    ro.observe(node);
    return () => ro.disconnect();
  }, [el]);
  return size;
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
  const lod = useStore((s) => levelOfDetail(s.transform[2]));
  const wrapper = useRef<HTMLDivElement>(null);
  const flowStore = useStoreApi<CanvasNode, CanvasEdge>();

  // Pop-ups on the canvas (a budget's equation, a hovered synapse's numbers) stay at screen size: they scale by
  // 1 / zoom. The variable is set once the zoom settles, never per frame: changing an inherited custom property
  // restyles the whole canvas, which with thousands of synapses would make every zoom frame slow.
  useEffect(() => {
    const apply = () => wrapper.current?.style.setProperty('--inv-zoom', String(1 / flowStore.getState().transform[2]));
    apply();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = flowStore.subscribe((s, prev) => {
      if (s.transform[2] === prev.transform[2]) return;
      clearTimeout(timer);
      timer = setTimeout(apply, 150);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [flowStore]);

  const size = useSize(wrapper);
  const showMinimap = minimap && !empty && size.width >= MINIMAP_ROOM.width && size.height >= MINIMAP_ROOM.height;
  const theme = useUiStore((s) => s.resolvedTheme);
  // The last pointer position over the canvas (client coordinates), for pasting where the user points.
  const pointer = useRef<{ x: number; y: number } | null>(null);
  // True while the view is as the last fit left it: a resize (dock, panels) then fits again.
  const fitted = useRef(false);
  const minimapShown = useRef(showMinimap);
  useEffect(() => {
    minimapShown.current = showMinimap;
  }, [showMinimap]);

  const fit = useCallback(() => {
    fitted.current = true;
    const el = wrapper.current;
    // `data-fits` counts fits whose animation has ended (written directly: no re-render of the canvas for it).
    const settled = () => {
      if (wrapper.current) wrapper.current.dataset.fits = String(Number(wrapper.current.dataset.fits ?? 0) + 1);
    };
    if (!el || !minimapShown.current || !rf.getNodes().length) return void rf.fitView(FIT).then(settled);
    // Leave the minimap's corner free: reserve its width on the right or its height at the bottom, whichever zooms less out.
    const bounds = rf.getNodesBounds(rf.getNodes());
    const { clientWidth: w, clientHeight: h } = el;
    const options = [
      { ...FIT.padding, right: `${MINIMAP.width + 24}px` as const },
      { ...FIT.padding, bottom: `${MINIMAP.height + 24}px` as const },
    ].map((padding) => getViewportForBounds(bounds, w, h, ZOOM_LIMITS.min, FIT.maxZoom, padding));
    const best = options[0].zoom >= options[1].zoom ? options[0] : options[1];
    void rf.setViewport(best, { duration: FIT.duration }).then(settled);
  }, [rf]);

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
        setTimeout(fit, 60);
        return;
      }
    }
    fit();
  }, [fit]);
  useRoomForExtras(fit);

  useEffect(() => {
    // Zoom about the centre of the canvas (the wheel zooms about the pointer, as React Flow does).
    const zoomBy = (k: number) => {
      const el = wrapper.current;
      if (!el) return;
      fitted.current = false;
      const { x, y, zoom } = rf.getViewport();
      const next = Math.min(ZOOM_LIMITS.max, Math.max(ZOOM_LIMITS.min, zoom * k));
      const cx = el.clientWidth / 2;
      const cy = el.clientHeight / 2;
      const r = next / zoom;
      void rf.setViewport({ x: cx - (cx - x) * r, y: cy - (cy - y) * r, zoom: next }, { duration: 150 });
    };
    setViewController({
      fitView: fitLegibly,
      zoomIn: () => zoomBy(ZOOM_STEP),
      zoomOut: () => zoomBy(1 / ZOOM_STEP),
      center: () => {
        const r = wrapper.current?.getBoundingClientRect();
        return r ? rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
      },
      pointer: () => (pointer.current ? rf.screenToFlowPosition(pointer.current) : null),
    });
    return () => setViewController(null);
  }, [rf, fitLegibly]);

  useEffect(() => {
    useLayerStore.getState().reset();
  }, [loadCount]);

  useEffect(() => {
    if (loadCount) requestAnimationFrame(fitLegibly);
  }, [loadCount, fitLegibly]);

  // The dock or a side panel opened or closed: keep a fitted network fitted to the space it now has.
  useEffect(() => {
    if (fitted.current && size.width && size.height) fit();
  }, [size.width, size.height, showMinimap, fit]);

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

  // While a connection is dragged, neurons it cannot end on dim their handles (the same rules as the refusal).
  const onConnectStart: OnConnectStart = useCallback((_e, { nodeId, handleType }) => {
    if (!nodeId || !handleType) return;
    const refused = refusedEnds(useEditorStore.getState().network, nodeId, handleType);
    // The neuron the drag starts from stays as it is: a drop back on it is simply no connection.
    refused.delete(nodeId);
    useUiStore.getState().setRefusedTargets(refused);
  }, []);

  // Invalid drops never reach onConnect: say why here, and let a drop on a node's body connect too.
  const onConnectEnd = useCallback((e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    useUiStore.getState().setRefusedTargets(null);
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
  // A pan or zoom by the user ends "fitted"; programmatic moves (fit itself, zoom buttons) come without an event.
  const onMoveStart = useCallback((e: MouseEvent | TouchEvent | null) => {
    if (e) fitted.current = false;
  }, []);

  return (
    <div className={`canvas ${lod}`} data-testid="canvas" data-loads={loadCount} ref={wrapper}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onPointerMove={(e) => (pointer.current = { x: e.clientX, y: e.clientY })}
      onPointerLeave={() => (pointer.current = null)}
    >
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectStart={onConnectStart}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onNodeDoubleClick={onNodeDoubleClick}
        zoomOnDoubleClick={false}
        onSelectionDragStop={onNodeDragStop}
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
        {/* Our own buttons: they zoom about the canvas centre and fit around the minimap, as the menu commands do. */}
        <Controls position="bottom-left" showZoom={false} showFitView={false} showInteractive={false} aria-label="Zoom controls">
          <ControlButton onClick={() => void runCommand('view.zoomIn')} title="Zoom in" aria-label="Zoom in">
            <Icon name="zoomIn" />
          </ControlButton>
          <ControlButton onClick={() => void runCommand('view.zoomOut')} title="Zoom out" aria-label="Zoom out">
            <Icon name="zoomOut" />
          </ControlButton>
          <ControlButton onClick={() => void runCommand('view.fitView')} title="Fit view" aria-label="Fit view">
            <Icon name="fit" />
          </ControlButton>
          <LayerControls />
        </Controls>
        {showMinimap && (
          <MiniMap<CanvasNode> key={theme} position="bottom-right" style={MINIMAP} pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} maskColor={cssColor('--minimap-mask')} bgColor={cssColor('--canvas-bg')} ariaLabel="Minimap" />
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
