import { beforeEach, describe, expect, it, vi } from 'vitest';

// commands.ts reaches the project actions, whose api client needs a window; the edit and view
// commands tested here never call it.
vi.mock('../api', () => ({
  api: { request: () => Promise.reject(new Error('no api in unit tests')), on: () => () => undefined },
  pathForDroppedFile: () => null,
  onConnectionChange: () => () => undefined,
}));
import { emptyNetwork, type Network } from '../../src-shared/model/network';
import { commandEnabled, runCommand } from '../commands';
import { biasOf } from '../canvas/live-lookup';
import { HISTORY_LIMIT, useEditorStore } from './editor-store';
import { addNeuron, connect, insertLayerFromSelection, moveNeurons, updateNeurons } from './network-edits';
import { useUiStore } from './ui-store';

const store = () => useEditorStore.getState();

function addVia(role: 'input' | 'hidden' | 'output', x = 0, y = 0): string {
  let id = '';
  store().commit((net) => {
    const r = addNeuron(net, role, { x, y });
    id = r.id;
    return r.network;
  });
  return id;
}

function wire(s: string, t: string) {
  store().commit((net) => {
    const r = connect(net, s, t, 0.3);
    if (!r.ok) throw new Error(r.reason);
    return r.network;
  });
}

const labels = (net: Network = store().network) => net.neurons.map((n) => n.label);

describe('editor store', () => {
  beforeEach(() => store().load(emptyNetwork()));

  it('undoes and redoes every committed edit, and a new edit clears redo', () => {
    const x = addVia('input');
    const y = addVia('output', 200);
    wire(x, y);
    store().commit((net) => updateNeurons(net, [y], { activation: 'sigmoid' }));
    expect(store().past).toHaveLength(4);
    expect(store().undo()).toBe(true);
    expect(store().network.neurons[1].activation).toBe('identity');
    expect(store().undo()).toBe(true);
    expect(store().network.synapses).toHaveLength(0);
    expect(store().edges).toHaveLength(0);
    expect(store().redo()).toBe(true);
    expect(store().edges.map((e) => [e.source, e.target])).toEqual([[x, y]]);
    expect(store().future).toHaveLength(1);
    addVia('hidden');
    expect(store().future).toHaveLength(0);
    expect(store().redo()).toBe(false);
    while (store().undo());
    expect(store().network.neurons).toHaveLength(0);
    expect(store().nodes).toHaveLength(0);
  });

  it('no-op edits make no undo step', () => {
    const x = addVia('input');
    const before = store().past.length;
    expect(store().commit((net) => updateNeurons(net, [x], { activation: 'identity' }))).toBe(false);
    expect(store().past).toHaveLength(before);
  });

  it('keeps selection and viewport out of the history', () => {
    const x = addVia('input');
    const h = addVia('hidden', 200);
    const steps = store().past.length;
    store().select({ neurons: [x, h] });
    store().onNodesChange([{ type: 'select', id: x, selected: false }]);
    expect(store().selection.neurons).toEqual([h]);
    store().setViewport({ x: 10, y: 20, zoom: 1.5 });
    expect(store().past).toHaveLength(steps);
    store().undo();
    expect(store().network.viewport).toEqual({ x: 10, y: 20, zoom: 1.5 });
    // The removed neuron drops out of the selection.
    expect(store().selection.neurons).toEqual([]);
  });

  it('a drag updates the view live and becomes one undo step when it ends', () => {
    const x = addVia('input');
    const steps = store().past.length;
    for (let i = 1; i <= 10; i++) store().onNodesChange([{ type: 'position', id: x, position: { x: i * 10, y: i * 5 }, dragging: true }]);
    expect(store().nodes[0].position).toEqual({ x: 100, y: 50 });
    expect(store().network.neurons[0].position).toEqual({ x: 0, y: 0 });
    expect(store().past).toHaveLength(steps);
    // React Flow ends a drag with a settled (dragging: false) position change.
    store().onNodesChange([{ type: 'position', id: x, position: { x: 100, y: 50 }, dragging: false }]);
    expect(store().past).toHaveLength(steps + 1);
    expect(store().network.neurons[0].position).toEqual({ x: 100, y: 50 });
    // A settled change at the same place (drag stop handlers repeat it) adds no step.
    store().onNodesChange([{ type: 'position', id: x, position: { x: 100, y: 50 }, dragging: false }]);
    expect(store().past).toHaveLength(steps + 1);
    store().undo();
    expect(store().nodes[0].position).toEqual({ x: 0, y: 0 });
  });

  it('ignores removals from React Flow (deletion is a command) and keeps measured sizes across edits', () => {
    const x = addVia('input');
    store().onNodesChange([{ type: 'remove', id: x }]);
    expect(store().nodes).toHaveLength(1);
    store().onNodesChange([{ type: 'dimensions', id: x, dimensions: { width: 132, height: 46 }, setAttributes: true }]);
    const measured = store().nodes[0].measured;
    expect(measured).toEqual({ width: 132, height: 46 });
    store().commit((net) => updateNeurons(net, [x], { label: 'renamed' }));
    expect(store().nodes[0].measured).toEqual(measured);
    expect(store().nodes[0].data.neuron.label).toBe('renamed');
    // A new bias alone keeps the node (its card reads the bias live), so training never rebuilds the flow.
    const node = store().nodes[0];
    store().commit((net) => updateNeurons(net, [x], { bias: 1 }));
    expect(store().nodes[0]).toBe(node);
    expect(biasOf(store().network, x)).toBe(1);
  });

  it('reuses unchanged node objects so React Flow skips them', () => {
    const a = addVia('input');
    addVia('hidden', 200);
    const [na, nb] = store().nodes;
    store().commit((net) => updateNeurons(net, [a], { label: 'alpha' }));
    expect(store().nodes[0]).not.toBe(na);
    expect(store().nodes[1]).toBe(nb);
  });

  it('caps the history', () => {
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) addVia('hidden', i * 10);
    expect(store().past).toHaveLength(HISTORY_LIMIT);
  });

  it('runs delete, cut, copy, paste and select all through the command runner', async () => {
    const x = addVia('input');
    const h = addVia('hidden', 200);
    const y = addVia('output', 400);
    wire(x, h);
    wire(h, y);
    store().select({ neurons: [x, h] });
    await runCommand('edit.copy');
    expect(store().clipboard).toContain('"synapses"');
    await runCommand('edit.paste');
    expect(labels()).toEqual(['x1', 'h1', 'y1', 'x2', 'h2']);
    expect(store().network.synapses).toHaveLength(3);
    // The pasted neurons are selected and land clear of every neuron (no pointer here: beside the originals, past y1 at x 400).
    expect(store().selection.neurons).toHaveLength(2);
    expect(store().network.neurons[3].position).toEqual({ x: 800, y: 0 });
    await runCommand('edit.undo');
    expect(labels()).toEqual(['x1', 'h1', 'y1']);
    store().select({ neurons: [h] });
    await runCommand('edit.cut');
    expect(labels()).toEqual(['x1', 'y1']);
    expect(store().network.synapses).toHaveLength(0);
    await runCommand('edit.paste');
    expect(labels()).toEqual(['x1', 'y1', 'h1']);
    await runCommand('edit.selectAll');
    expect(store().selection.neurons).toHaveLength(3);
    await runCommand('edit.delete');
    expect(store().network.neurons).toHaveLength(0);
    await runCommand('edit.undo');
    expect(store().network.neurons).toHaveLength(3);
  });

  it('adds a dense group from the selection and selects it, ready to chain', async () => {
    const x1 = addVia('input', 0, 0);
    const x2 = addVia('input', 0, 100);
    store().select({ neurons: [x1, x2] });
    await runCommand('edit.denseGroup');
    const group = store().selection.neurons;
    expect(group).toHaveLength(3);
    expect(store().network.synapses).toHaveLength(6);
    await runCommand('edit.denseGroup');
    expect(store().network.synapses).toHaveLength(15);
    expect(labels()).toEqual(['x1', 'x2', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
  });

  it('while locked refuses structural edits and undo with the reason, but allows moves and live weights; the run settles as one undo step', () => {
    const a = addVia('input');
    const b = addVia('output', 200);
    wire(a, b);
    const before = store().network;
    const pastBefore = store().past.length;
    store().setLock('Training is running.');
    expect(store().commit((net) => updateNeurons(net, [b], { activation: 'tanh' }))).toBe(false);
    expect(store().undo()).toBe(false);
    expect(useUiStore.getState().toasts.at(-1)?.text).toBe('Training is running.');
    expect(store().commit((net) => moveNeurons(net, new Map([[a, { x: 5, y: 7 }]])))).toBe(true);
    store().setLiveWeights([0.75], [0, -0.25]);
    store().setLiveWeights([0.5], [0, -0.5]);
    expect(store().network.synapses[0].weight).toBe(0.5);
    expect(store().network.neurons[1].bias).toBe(-0.5);
    expect(store().past.length).toBe(pastBefore);
    store().settleLiveEdit(before);
    store().setLock(null);
    expect(store().past.length).toBe(pastBefore + 1);
    expect(store().undo()).toBe(true);
    expect(store().network.synapses).toBe(before.synapses);
    expect(store().network.neurons).toBe(before.neurons);
    expect(store().redo()).toBe(true);
    expect(store().network.synapses[0].weight).toBe(0.5);
    expect(store().network.neurons[0].position).toEqual({ x: 5, y: 7 });
  });
});

describe('insert layer in the editor', () => {
  beforeEach(() => store().load(emptyNetwork()));

  it('is one undo step: undo brings back the direct synapses, redo the layer', () => {
    const x1 = addVia('input', 0, 0);
    const x2 = addVia('input', 0, 84);
    const y = addVia('output', 220, 40);
    wire(x1, y);
    wire(x2, y);
    const before = store().network;
    const steps = store().past.length;
    store().commit((net) => {
      const r = insertLayerFromSelection(net, [], 16, 'tanh');
      if (!r.ok) throw new Error(r.reason);
      return r.network;
    });
    expect(store().past.length).toBe(steps + 1);
    expect(store().network.neurons.filter((n) => n.role === 'hidden')).toHaveLength(16);
    expect(store().network.synapses.some((s) => s.source === x1 && s.target === y)).toBe(false);
    expect(store().network.synapses).toHaveLength(2 * 16 + 16);
    store().undo();
    expect(store().network.synapses).toEqual(before.synapses);
    expect(store().network.neurons).toEqual(before.neurons);
    store().redo();
    expect(store().network.neurons.filter((n) => n.role === 'hidden')).toHaveLength(16);
  });

  it('Edit › Insert Layer… opens its dialog, and is off without inputs and outputs', async () => {
    expect(commandEnabled('edit.insertLayer')).toBe(false);
    addVia('input');
    addVia('output', 220);
    expect(commandEnabled('edit.insertLayer')).toBe(true);
    await runCommand('edit.insertLayer');
    expect(useUiStore.getState().dialog).toBe('insertLayer');
    useUiStore.getState().openDialog(null);
  });
});
