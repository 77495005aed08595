/**
 * The weights interchange file (written by an exported train.py, read back as a new run): every neuron's
 * bias and every synapse's weight by id, checked against the project's network before anything changes.
 */
import type { Network } from '../model/network';

/** What a weights file holds (format "neurite-weights", version 1). */
export interface WeightsFile {
  format: 'neurite-weights';
  version: 1;
  /** structureFingerprint of the network it was exported from. */
  structure: string;
  trainedWith?: string;
  neurons: { id: string; bias: number }[];
  synapses: { id: string; source: string; target: string; weight: number }[];
  /** Per epoch: the mean training loss and, where the trainer had a validation split, its loss and score. */
  history?: WeightsHistoryEntry[];
}

/** One epoch of a weights file's history (the validation fields are optional: older files have none). */
export interface WeightsHistoryEntry {
  epoch: number;
  /** Mean training loss. */
  loss: number;
  valLoss?: number;
  /** Classification: the share of validation rows predicted right. */
  valAccuracy?: number;
  /** Regression: mean squared error and R² on validation. */
  valMse?: number;
  valR2?: number;
}

const HISTORY_FIELDS = ['valLoss', 'valAccuracy', 'valMse', 'valR2'] as const;

/** The well-formed entries of a history (numeric epoch and loss), keeping only numeric validation fields. */
function cleanHistory(raw: unknown): WeightsHistoryEntry[] {
  if (!Array.isArray(raw)) return [];
  const out: WeightsHistoryEntry[] = [];
  for (const h of raw as Partial<Record<keyof WeightsHistoryEntry, unknown>>[]) {
    if (!h || !isNum(h.epoch) || !isNum(h.loss)) continue;
    const e: WeightsHistoryEntry = { epoch: h.epoch, loss: h.loss };
    for (const f of HISTORY_FIELDS) if (isNum(h[f])) e[f] = h[f];
    out.push(e);
  }
  return out;
}

/** A short fingerprint of a network's structure (neurons with roles, synapses with ends), not of its weights. */
export function structureFingerprint(net: Network): string {
  const text = [...net.neurons.map((n) => `n:${n.id}:${n.role}`), ...net.synapses.map((s) => `s:${s.id}:${s.source}>${s.target}`)].join('|');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${net.neurons.length}n-${net.synapses.length}s-${h.toString(16).padStart(8, '0')}`;
}

/** A weights file that does not fit the network; the message names the first mismatch. */
export class WeightsMismatch extends Error {}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The network with the file's weights and biases, and the file's history (training loss, validation loss and score); throws WeightsMismatch naming
 * the first thing that does not fit (nothing is applied unless everything does).
 */
export function applyWeightsFile(net: Network, text: string, fileName: string): { network: Network; history: WeightsHistoryEntry[]; trainedWith: string } {
  let file: Partial<WeightsFile>;
  try {
    file = JSON.parse(text) as Partial<WeightsFile>;
  } catch (e) {
    throw new WeightsMismatch(`${fileName} is not JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!file || file.format !== 'neurite-weights') throw new WeightsMismatch(`${fileName} is not a Neurite weights file (its "format" should be "neurite-weights").`);
  if (file.version !== 1) throw new WeightsMismatch(`${fileName} has weights format version ${String(file.version)}; this Neurite reads version 1.`);
  if (!Array.isArray(file.neurons) || !Array.isArray(file.synapses)) throw new WeightsMismatch(`${fileName} has no "neurons" or "synapses" list.`);
  const label = new Map(net.neurons.map((n) => [n.id, n.label || n.id]));
  const fileSyn = new Map(file.synapses.map((s) => [s?.id, s]));
  const fileNeu = new Map(file.neurons.map((n) => [n?.id, n]));
  for (const n of net.neurons) {
    const f = fileNeu.get(n.id);
    if (!f) throw new WeightsMismatch(`Neuron ${label.get(n.id)} (${n.id}) of the network is missing from ${fileName}.`);
    if (!isNum(f.bias)) throw new WeightsMismatch(`Neuron ${label.get(n.id)} (${n.id}) in ${fileName} has no numeric bias.`);
  }
  for (const s of net.synapses) {
    const f = fileSyn.get(s.id);
    const ends = `${label.get(s.source)} → ${label.get(s.target)}`;
    if (!f) throw new WeightsMismatch(`Synapse ${s.id} (${ends}) of the network is missing from ${fileName}.`);
    if (f.source !== s.source || f.target !== s.target) throw new WeightsMismatch(`Synapse ${s.id} connects ${ends} in the network but ${String(f.source)} → ${String(f.target)} in ${fileName}.`);
    if (!isNum(f.weight)) throw new WeightsMismatch(`Synapse ${s.id} (${ends}) in ${fileName} has no numeric weight.`);
  }
  const extraNeuron = file.neurons.find((n) => !label.has(n?.id));
  if (extraNeuron) throw new WeightsMismatch(`${fileName} has neuron ${String(extraNeuron.id)}, which the network does not have.`);
  const known = new Set(net.synapses.map((s) => s.id));
  const extra = file.synapses.find((s) => !known.has(s?.id));
  if (extra) throw new WeightsMismatch(`${fileName} has synapse ${String(extra.id)} (${String(extra.source)} → ${String(extra.target)}), which the network does not have.`);
  const history = cleanHistory(file.history);
  return {
    network: {
      ...net,
      neurons: net.neurons.map((n) => ({ ...n, bias: fileNeu.get(n.id)!.bias })),
      synapses: net.synapses.map((s) => ({ ...s, weight: fileSyn.get(s.id)!.weight })),
    },
    history,
    trainedWith: typeof file.trainedWith === 'string' ? file.trainedWith : 'an external trainer',
  };
}
