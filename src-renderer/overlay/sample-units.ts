/**
 * The sample in the dataset's own terms: each input neuron's value in original units (undoing standardise or
 * min-max scaling, with the column's range for its slider), and the network's prediction as the dataset would
 * state it (a class with its probability, 0/1 with p, or a number). Pure: unit-tested.
 */
import type { NumbersById } from '../../src-shared/overlay/numbers-by-id';
import type { DatasetMeta } from '../../src-shared/data/schema';
import type { Network } from '../../src-shared/model/network';
import { formatShort } from '../../src-shared/format-number';

/** How one input neuron's encoded value maps to the dataset's units. */
export interface InputUnit {
  /** The column (or "column=category" for one-hot inputs). */
  name: string;
  /** How the column was encoded, for the hover text. */
  encoding: string;
  toOriginal(v: number): number;
  toEncoded(u: number): number;
  /** Slider range in original units. */
  range: [number, number];
  /** A one-hot input: 0 or 1. */
  oneHot: boolean;
}

/** Units of every input neuron that matches a feature (by label, else by position when the counts agree). */
export function inputUnits(meta: DatasetMeta, net: Network): Map<string, InputUnit> {
  const inputs = net.neurons.filter((n) => n.role === 'input');
  const byName = new Map(meta.features.map((f, k) => [f.name, k]));
  const byLabel = inputs.every((n) => byName.has(n.label));
  if (!byLabel && inputs.length !== meta.features.length) return new Map();
  const out = new Map<string, InputUnit>();
  inputs.forEach((n, i) => {
    const f = meta.features[byLabel ? byName.get(n.label)! : i];
    const col = meta.columns.find((c) => c.name === f.column);
    const p = col?.params;
    if (f.category !== null || !p || p.kind !== 'numeric') {
      out.set(n.id, { name: f.name, encoding: 'one-hot', toOriginal: (v) => v, toEncoded: (u) => u, range: [0, 1], oneHot: true });
      return;
    }
    const enc = col.config.encoding;
    const [scale, shift] = enc === 'standardise' ? [p.std > 0 ? p.std : 1, p.mean] : enc === 'min-max' ? [p.max - p.min || 1, p.min] : [1, 0];
    const lo = col.summary?.min ?? p.min;
    const hi = col.summary?.max ?? p.max;
    out.set(n.id, { name: f.name, encoding: enc, toOriginal: (v) => v * scale + shift, toEncoded: (u) => (u - shift) / scale, range: hi > lo ? [lo, hi] : [lo - 1, lo + 1], oneHot: false });
  });
  return out;
}

/** The network's prediction for the sample in the dataset's terms, one phrase per target ("species = setosa (p 0.93)"). */
export function predictionText(meta: DatasetMeta, net: Network, o: NumbersById): string | null {
  const byLabel = new Map(net.neurons.filter((n) => n.role === 'output').map((n) => [n.label, n.id]));
  const outputsInOrder = net.neurons.filter((n) => n.role === 'output');
  const outputId = (k: number) => byLabel.get(meta.outputs[k]?.name) ?? (outputsInOrder.length === meta.outputs.length ? outputsInOrder[k].id : undefined);
  const parts: string[] = [];
  for (const t of meta.targets) {
    if (t.kind === 'classes' && t.classes) {
      let best = -1;
      let bp = -Infinity;
      for (let k = 0; k < t.outputCount; k++) {
        const id = outputId(t.outputStart + k);
        const v = id === undefined ? undefined : o.get(id);
        if (v !== undefined && v > bp) [bp, best] = [v, k];
      }
      if (best >= 0) parts.push(`${t.column} = ${t.classes[best]} (p ${formatShort(bp)})`);
      continue;
    }
    const id = outputId(t.outputStart);
    const v = id === undefined ? undefined : o.get(id);
    if (v === undefined) continue;
    const col = meta.columns.find((c) => c.name === t.column);
    const neuron = net.neurons.find((n) => n.id === id);
    if (col?.config.type === 'boolean' && neuron?.activation === 'sigmoid') parts.push(`${t.column} = ${v >= 0.5 ? 1 : 0} (p of 1: ${formatShort(v)})`);
    else parts.push(`${t.column} ≈ ${formatShort(v)}`);
  }
  return parts.length ? parts.join(', ') : null;
}
