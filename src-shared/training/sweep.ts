/**
 * Sweeps: a small grid of training runs (learning rate × width of one hidden layer × seed) trained side by side.
 * The pure part: the grid, the hidden layers a sweep can resize, and the network at a given width.
 */
import { z } from 'zod';
import type { Network, Neuron, Synapse } from '../model/network';

/** Most runs one sweep may hold (a grid is compared in one table and one chart). */
export const MAX_SWEEP_RUNS = 27;

/** What a sweep varies. An empty `widths` keeps the network as it is; otherwise `layer` names the resized layer. */
export const SweepSpecSchema = z
  .object({
    lrs: z.array(z.number().positive().max(10)).min(1).max(6),
    /** Hidden layer widths to try (each 1..512); empty: the canvas network only. */
    widths: z.array(z.number().int().min(1).max(512)).max(6).default([]),
    /** Neuron ids of the hidden layer to resize (see hiddenLayers). */
    layer: z.array(z.string().min(1)).max(512).default([]),
    seeds: z.array(z.number().int()).min(1).max(6),
  })
  .refine((s) => s.widths.length === 0 || s.layer.length > 0, { message: 'Choose the hidden layer whose width the sweep varies.', path: ['layer'] })
  .refine((s) => s.lrs.length * Math.max(1, s.widths.length) * s.seeds.length <= MAX_SWEEP_RUNS, {
    message: `A sweep holds at most ${MAX_SWEEP_RUNS} runs: use fewer values.`,
    path: ['lrs'],
  });
/** What a sweep varies. */
export type SweepSpec = z.infer<typeof SweepSpecSchema>;

/** One run of the grid: its learning rate, the layer width (null: as drawn) and seed. */
export interface SweepPoint {
  lr: number;
  width: number | null;
  seed: number;
}

/** Every combination, learning rate outermost, seed innermost. */
export function sweepPoints(spec: Pick<SweepSpec, 'lrs' | 'widths' | 'seeds'>): SweepPoint[] {
  const widths: (number | null)[] = spec.widths.length ? spec.widths : [null];
  return spec.lrs.flatMap((lr) => widths.flatMap((width) => spec.seeds.map((seed) => ({ lr, width, seed }))));
}

/** A hidden layer: hidden neurons at the same depth (longest path from the inputs), in document order. */
export interface HiddenLayer {
  depth: number;
  ids: string[];
}

/** The network's hidden layers, shallowest first. */
export function hiddenLayers(net: Network): HiddenLayer[] {
  const depth = new Map<string, number>();
  const incoming = new Map<string, string[]>();
  for (const s of net.synapses) incoming.set(s.target, [...(incoming.get(s.target) ?? []), s.source]);
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle: the compiler refuses it; here any answer will do
    visiting.add(id);
    const d = Math.max(0, ...(incoming.get(id) ?? []).map((s) => depthOf(s) + 1));
    depth.set(id, d);
    return d;
  };
  const layers = new Map<number, string[]>();
  for (const n of net.neurons) {
    if (n.role !== 'hidden') continue;
    const d = depthOf(n.id);
    layers.set(d, [...(layers.get(d) ?? []), n.id]);
  }
  return [...layers.entries()].sort((a, b) => a[0] - b[0]).map(([d, ids]) => ({ depth: d, ids }));
}

/**
 * The network with the layer `layerIds` resized to `width` neurons: the first `width` are kept (with their
 * connections), or copies of the layer's last neuron are added, wired like it (same sources and targets, same
 * activation). Added weights are 0: a sweep reinitialises every weight from its seed.
 */
export function networkWithWidth(net: Network, layerIds: string[], width: number): Network {
  const inLayer = new Set(layerIds);
  const layer = net.neurons.filter((n) => inLayer.has(n.id));
  if (!layer.length) throw new Error('The chosen layer is not in the network.');
  if (width === layer.length) return net;
  if (width < layer.length) {
    const drop = new Set(layer.slice(width).map((n) => n.id));
    return {
      ...net,
      neurons: net.neurons.filter((n) => !drop.has(n.id)),
      synapses: net.synapses.filter((s) => !drop.has(s.source) && !drop.has(s.target)),
    };
  }
  const ids = new Set([...net.neurons.map((n) => n.id), ...net.synapses.map((s) => s.id)]);
  const fresh = (base: string) => {
    let k = 1;
    while (ids.has(`${base}-${k}`)) k++;
    ids.add(`${base}-${k}`);
    return `${base}-${k}`;
  };
  const template = layer[layer.length - 1];
  const step = layer.length > 1 ? { x: template.position.x - layer[layer.length - 2].position.x, y: template.position.y - layer[layer.length - 2].position.y } : { x: 0, y: 60 };
  const added: Neuron[] = [];
  const wires: Synapse[] = [];
  const around = net.synapses.filter((s) => s.source === template.id || s.target === template.id);
  for (let k = 1; k <= width - layer.length; k++) {
    const id = fresh(template.id);
    added.push({ ...template, id, label: `${template.label} ${layer.length + k}`, bias: 0, position: { x: template.position.x + step.x * k, y: template.position.y + step.y * k } });
    for (const s of around) wires.push({ id: fresh(s.id), source: s.source === template.id ? id : s.source, target: s.target === template.id ? id : s.target, weight: 0 });
  }
  const at = net.neurons.indexOf(template) + 1;
  return { ...net, neurons: [...net.neurons.slice(0, at), ...added, ...net.neurons.slice(at)], synapses: [...net.synapses, ...wires] };
}
