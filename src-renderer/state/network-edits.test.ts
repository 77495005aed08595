import { describe, expect, it } from 'vitest';
import { reaches, topologicalOrder } from '../../src-shared/model/graph';
import { emptyNetwork, NetworkSchema, type Network, type NeuronRole } from '../../src-shared/model/network';
import { validateNetwork } from '../../src-shared/model/validate';
import {
  addDenseGroup,
  addNeuron,
  addSoftmaxGroup,
  autoLayout,
  connect,
  deleteElements,
  extractSubnetwork,
  moveNeurons,
  networkFromText,
  networkToText,
  pasteNetwork,
  randomWeight,
  removeSoftmaxGroup,
  setRole,
  setWeight,
  updateNeurons,
} from './network-edits';

function add(net: Network, role: NeuronRole, x = 0, y = 0): [Network, string] {
  const r = addNeuron(net, role, { x, y });
  return [r.network, r.id];
}

function link(net: Network, s: string, t: string, w = 0.5): Network {
  const r = connect(net, s, t, w);
  if (!r.ok) throw new Error(r.reason);
  return r.network;
}

/** x1, x2 → h1..h3 → y1, fully wired. */
function net231(): { net: Network; x: string[]; h: string[]; y: string } {
  let net = emptyNetwork();
  const x: string[] = [];
  const h: string[] = [];
  let id: string;
  for (let i = 0; i < 2; i++) {
    [net, id] = add(net, 'input', 0, i * 100);
    x.push(id);
  }
  for (let i = 0; i < 3; i++) {
    [net, id] = add(net, 'hidden', 200, i * 100);
    h.push(id);
  }
  const [withOutput, y] = add(net, 'output', 400, 100);
  net = withOutput;
  for (const a of x) for (const b of h) net = link(net, a, b);
  for (const b of h) net = link(net, b, y);
  return { net, x, h, y };
}

describe('network edits', () => {
  it('labels new neurons x1, x2 / h1 / y1 per role and never reuses a taken label', () => {
    let net = emptyNetwork();
    [net] = add(net, 'input');
    [net] = add(net, 'input');
    [net] = add(net, 'hidden');
    [net] = add(net, 'output');
    expect(net.neurons.map((n) => n.label)).toEqual(['x1', 'x2', 'h1', 'y1']);
    net = updateNeurons(net, [net.neurons[0].id], { label: 'x3' });
    [net] = add(net, 'input');
    expect(net.neurons.at(-1)!.label).toBe('x1');
    [net] = add(net, 'input');
    expect(net.neurons.at(-1)!.label).toBe('x4');
    expect(new Set(net.neurons.map((n) => n.id)).size).toBe(net.neurons.length);
    expect(NetworkSchema.safeParse(net).success).toBe(true);
  });

  it('builds a valid 2-3-1 network and refuses cycles, inputs as targets and duplicates with a reason', () => {
    const { net, x, h, y } = net231();
    expect(net.synapses).toHaveLength(9);
    expect(validateNetwork(net).filter((i) => i.severity === 'error')).toEqual([]);
    let r = connect(net, y, h[0]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/output/);
    let net2 = net;
    const [n2, extra] = add(net, 'hidden');
    net2 = link(n2, h[0], extra);
    r = connect(net2, extra, x[0]);
    expect(!r.ok && r.reason).toMatch(/input neuron/);
    r = connect(link(net2, extra, y), y, extra);
    expect(r.ok).toBe(false);
    // A real cycle among hidden neurons: h1 → extra exists, extra → h1 would close it.
    r = connect(net2, extra, h[0]);
    expect(!r.ok && r.reason).toMatch(/cycle/);
    r = connect(net, x[0], h[0]);
    expect(!r.ok && r.reason).toMatch(/already connected/);
    // Skip connections are fine in a DAG.
    r = connect(net, x[0], y);
    expect(r.ok).toBe(true);
    if (r.ok) expect(topologicalOrder(r.network)).not.toBeNull();
  });

  it('deletes neurons with their synapses and softmax membership', () => {
    const base = net231().net;
    const [withY2, y2] = add(base, 'output');
    let net = withY2;
    const y1 = net.neurons.find((n) => n.label === 'y1')!.id;
    net = addSoftmaxGroup(net, [y1, y2]);
    expect(net.softmaxGroups).toHaveLength(1);
    const h1 = net.neurons.find((n) => n.label === 'h1')!.id;
    const after = deleteElements(net, [h1, y2], []);
    expect(after.neurons.map((n) => n.label)).toEqual(['x1', 'x2', 'h2', 'h3', 'y1']);
    expect(after.synapses).toHaveLength(6);
    expect(after.synapses.some((s) => s.source === h1 || s.target === h1)).toBe(false);
    expect(after.softmaxGroups).toEqual([]);
    const s0 = net.synapses[0].id;
    expect(deleteElements(net, [], [s0]).synapses.map((s) => s.id)).not.toContain(s0);
    expect(deleteElements(net, [], [])).toBe(net);
  });

  it('updates only changed neurons and returns the same document for no-op edits', () => {
    const { net, h } = net231();
    const next = updateNeurons(net, [h[0]], { activation: 'relu', bias: 0.25, dale: 'E' });
    const n = next.neurons.find((x) => x.id === h[0])!;
    expect([n.activation, n.bias, n.dale]).toEqual(['relu', 0.25, 'E']);
    expect(next.neurons.filter((x, i) => x !== net.neurons[i])).toHaveLength(1);
    expect(updateNeurons(next, [h[0]], { activation: 'relu' })).toBe(next);
    expect(updateNeurons(next, [h[0]], { bias: NaN })).toBe(next);
    expect(setWeight(net, net.synapses[0].id, Infinity)).toBe(net);
    expect(setWeight(net, net.synapses[0].id, -1.5).synapses[0].weight).toBe(-1.5);
    expect(moveNeurons(net, new Map([[h[0], { ...net.neurons[2].position }]]))).toBe(net);
  });

  it('changing a role drops the synapses the new role forbids', () => {
    const { net, h, y } = net231();
    const asInput = setRole(net, h[0], 'input');
    expect(asInput.synapses.some((s) => s.target === h[0])).toBe(false);
    expect(asInput.synapses.some((s) => s.source === h[0])).toBe(true);
    const asOutput = setRole(net, h[0], 'output');
    expect(asOutput.synapses.some((s) => s.source === h[0])).toBe(false);
    expect(validateNetwork(asOutput).filter((i) => i.severity === 'error')).toEqual([]);
    const grouped = addSoftmaxGroup(asOutput, [h[0], y]);
    expect(grouped.softmaxGroups[0].members).toEqual([h[0], y]);
    expect(setRole(grouped, h[0], 'hidden').softmaxGroups).toEqual([]);
    expect(removeSoftmaxGroup(grouped, grouped.softmaxGroups[0].id).softmaxGroups).toEqual([]);
    // Non-outputs and a lone output cannot form a group.
    expect(addSoftmaxGroup(net, [h[1], y])).toBe(net);
  });

  it('adds a dense group fully wired from the selected feeders, placed right of them', () => {
    const { net, x, y } = net231();
    let k = 0;
    const rng = () => [0.1, 0.9, 0.5, 0.3][k++ % 4];
    const r = addDenseGroup(net, [...x, y], 4, undefined, rng);
    expect(r.ids).toHaveLength(4);
    const added = r.network.neurons.filter((n) => r.ids.includes(n.id));
    expect(added.map((n) => n.label)).toEqual(['h4', 'h5', 'h6', 'h7']);
    expect(added.every((n) => n.role === 'hidden' && n.position.x === 220)).toBe(true);
    // Right of the feeders (x = 0) by one layer gap, centred on their mean y (50), 84 px apart.
    const ys = added.map((n) => n.position.y);
    expect((ys[0] + ys[3]) / 2).toBeCloseTo(50);
    const newSyn = r.network.synapses.slice(net.synapses.length);
    // The output is skipped: it cannot feed anything.
    expect(newSyn).toHaveLength(8);
    for (const id of r.ids) for (const s of x) expect(newSyn.some((q) => q.source === s && q.target === id)).toBe(true);
    expect(newSyn.every((s) => Math.abs(s.weight) <= 0.5 && s.weight !== 0)).toBe(true);
    expect(topologicalOrder(r.network)).not.toBeNull();
  });

  it('random weights stay within ±0.5 and are never zero', () => {
    expect(randomWeight(() => 0.5)).not.toBe(0);
    for (const u of [0, 0.001, 0.25, 0.75, 0.9999]) expect(Math.abs(randomWeight(() => u))).toBeLessThanOrEqual(0.5);
  });

  it('auto-layout puts each neuron in the column of its depth, centred, keeping order', () => {
    const { net, x, h, y } = net231();
    // Shuffle positions, and add a skip connection so depth ≠ hop count for nothing.
    let shuffled = moveNeurons(net, new Map([[h[2], { x: 999, y: -500 }], [x[1], { x: 37, y: 1000 }]]));
    shuffled = link(shuffled, x[0], y);
    const laid = autoLayout(shuffled);
    const pos = (id: string) => laid.neurons.find((n) => n.id === id)!.position;
    expect(x.map((id) => pos(id).x)).toEqual([0, 0]);
    expect(h.map((id) => pos(id).x)).toEqual([220, 220, 220]);
    expect(pos(y).x).toBe(440);
    expect(x.map((id) => pos(id).y)).toEqual([-42, 42]);
    // h3 was moved to the top, so it comes first.
    expect([pos(h[2]).y, pos(h[0]).y, pos(h[1]).y]).toEqual([-84, 0, 84]);
    expect(pos(y).y).toBe(0);
  });

  it('copies a selection with its inner synapses and pastes it with fresh ids and non-clashing labels', () => {
    const { net, x, h } = net231();
    const sub = extractSubnetwork(net, [x[0], h[0], h[1]]);
    expect(sub.neurons).toHaveLength(3);
    expect(sub.synapses).toHaveLength(2);
    const text = networkToText(sub);
    const doc = networkFromText(text)!;
    expect(doc).toEqual(sub);
    const r = pasteNetwork(net, doc, { x: 40, y: 40 });
    expect(r.network.neurons).toHaveLength(9);
    expect(r.network.synapses).toHaveLength(11);
    const pasted = r.network.neurons.filter((n) => r.ids.includes(n.id));
    expect(pasted.map((n) => n.label)).toEqual(['x3', 'h4', 'h5']);
    expect(pasted.some((n) => net.neurons.some((o) => o.id === n.id))).toBe(false);
    expect(pasted[0].position).toEqual({ x: net.neurons[0].position.x + 40, y: net.neurons[0].position.y + 40 });
    // The pasted synapses connect the pasted neurons, not the originals.
    const ps = r.network.synapses.filter((s) => r.synapseIds.includes(s.id));
    expect(ps.every((s) => r.ids.includes(s.source) && r.ids.includes(s.target))).toBe(true);
    expect(reaches(r.network, pasted[0].id, pasted[1].id)).toBe(true);
    expect(NetworkSchema.safeParse(r.network).success).toBe(true);
  });

  it('reads whole network documents from text and rejects anything else', () => {
    expect(networkFromText('hello')).toBeNull();
    expect(networkFromText('{"version": 99, "neurons": [], "synapses": []}')).toBeNull();
    expect(networkFromText('{not json')).toBeNull();
    const { net } = net231();
    const back = networkFromText(JSON.stringify({ ...net, softmaxGroups: undefined }))!;
    expect(back.neurons).toHaveLength(6);
    expect(back.softmaxGroups).toEqual([]);
  });
});

describe('auto-layout columns', () => {
  it('keeps outputs right of dangling hidden neurons deeper than the outputs', () => {
    const { net, h } = net231();
    const r = addDenseGroup(net, h, 2);
    const laid = autoLayout(r.network);
    const x = (label: string) => laid.neurons.find((n) => n.label === label)!.position.x;
    expect([x('x1'), x('h1'), x('h4'), x('y1')]).toEqual([0, 220, 440, 660]);
  });
});
