import type { Connection, FinalConnectionState, IsValidConnection, OnConnectStart } from '@xyflow/react';
import { connectionRefusal, refusedEnds } from '../../src-shared/model/graph';
import { useEditorStore } from '../state/editor-store';
import type { CanvasEdge } from '../state/flow-types';
import { connect } from '../state/network-edits';
import { useUiStore } from '../state/ui-store';

/** The id of the neuron under a screen point, if any (for drops on a node's body rather than its handle). */
function neuronAt(x: number, y: number): string | null {
  const el = document.elementFromPoint(x, y)?.closest('.react-flow__node');
  return el?.getAttribute('data-id') ?? null;
}

function pointOf(e: MouseEvent | TouchEvent): { x: number; y: number } {
  if ('changedTouches' in e) return { x: e.changedTouches[0].clientX, y: e.changedTouches[0].clientY };
  return { x: e.clientX, y: e.clientY };
}

/** Connects two neurons, or says in a toast why the rules refuse it. */
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

const onConnect = (c: Connection) => tryConnect(c.source, c.target);

// While a connection is dragged, neurons it cannot end on dim their handles (the same rules as the refusal).
const onConnectStart: OnConnectStart = (_e, { nodeId, handleType }) => {
  if (!nodeId || !handleType) return;
  const refused = refusedEnds(useEditorStore.getState().network, nodeId, handleType);
  // The neuron the drag starts from stays as it is: a drop back on it is simply no connection.
  refused.delete(nodeId);
  useUiStore.getState().setRefusedTargets(refused);
};

// Invalid drops never reach onConnect: say why here, and let a drop on a node's body connect too.
const onConnectEnd = (e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
  useUiStore.getState().setRefusedTargets(null);
  if (state.isValid === true || !state.fromNode || !state.fromHandle) return;
  const p = pointOf(e);
  const other = state.toNode?.id ?? neuronAt(p.x, p.y);
  if (!other) return;
  if (other === state.fromNode.id && state.isValid === null) return;
  const [source, target] = state.fromHandle.type === 'source' ? [state.fromNode.id, other] : [other, state.fromNode.id];
  tryConnect(source, target);
};

/** The React Flow props for wiring neurons by dragging between handles: the connection rules, refused ends dimmed, and the refusal said. */
export const WIRING = { isValidConnection, onConnect, onConnectStart, onConnectEnd } as const;
