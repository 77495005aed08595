import { z } from 'zod';
import { ACTIVATION_KINDS } from './activation-kind';
import { count, LIMITS } from './limits';

/** The version of the network document this build writes. */
export const NETWORK_SCHEMA_VERSION = 1;

/** Where a neuron sits: fed by data, computed, or read out as a prediction. */
export const NeuronRoleSchema = z.enum(['input', 'hidden', 'output']);
/** Where a neuron sits: fed by data, computed, or read out as a prediction. */
export type NeuronRole = z.infer<typeof NeuronRoleSchema>;

/** Dale's principle marking: all outgoing weights excitatory (E, ≥ 0) or inhibitory (I, ≤ 0). */
export const DaleSignSchema = z.enum(['E', 'I']);
/** Dale's principle marking of a neuron. */
export type DaleSign = z.infer<typeof DaleSignSchema>;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const id = z.string().min(1).max(LIMITS.idLength, `must be at most ${LIMITS.idLength} characters`);
const label = z.string().max(LIMITS.labelLength, `must be at most ${count(LIMITS.labelLength)} characters`);

/** A point on the canvas. */
export const PositionSchema = z.object({ x: finite, y: finite });

/** One neuron: z = bias + Σ w·o_in, output = activation(z). */
export const NeuronSchema = z.object({
  id,
  role: NeuronRoleSchema,
  label,
  activation: z.enum(ACTIVATION_KINDS),
  bias: finite,
  position: PositionSchema,
  dale: DaleSignSchema.nullable().default(null),
});
/** One neuron: z = bias + Σ w·o_in, output = activation(z). */
export type Neuron = z.infer<typeof NeuronSchema>;

/** A directed, weighted connection from `source`'s output into `target`'s sum. */
export const SynapseSchema = z.object({
  id,
  source: id,
  target: id,
  weight: finite,
});
/** A directed, weighted connection from `source`'s output into `target`'s sum. */
export type Synapse = z.infer<typeof SynapseSchema>;

/** A set of output neurons whose pre-activations are normalised together by softmax. */
export const SoftmaxGroupSchema = z.object({
  id,
  label,
  members: z.array(id).min(2).max(LIMITS.neurons),
});
/** A set of output neurons normalised together by softmax. */
export type SoftmaxGroup = z.infer<typeof SoftmaxGroupSchema>;

/** The canvas viewport saved with a network. */
export const ViewportSchema = z.object({ x: finite, y: finite, zoom: finite.refine((v) => v > 0, 'must be positive') });
/** The canvas viewport saved with a network. */
export type Viewport = z.infer<typeof ViewportSchema>;

/** The network document: what the canvas edits, the engine compiles and a project stores. */
export const NetworkSchema = z.object({
  version: z.literal(NETWORK_SCHEMA_VERSION),
  neurons: z.array(NeuronSchema).max(LIMITS.neurons, `a network may have at most ${count(LIMITS.neurons)} neurons`),
  synapses: z.array(SynapseSchema).max(LIMITS.synapses, `a network may have at most ${count(LIMITS.synapses)} synapses`),
  softmaxGroups: z.array(SoftmaxGroupSchema).max(LIMITS.softmaxGroups, `a network may have at most ${count(LIMITS.softmaxGroups)} softmax groups`).default([]),
  viewport: ViewportSchema.nullable().default(null),
});
/** The network document: what the canvas edits, the engine compiles and a project stores. */
export type Network = z.infer<typeof NetworkSchema>;

/** An empty network at the current schema version. */
export function emptyNetwork(): Network {
  return { version: NETWORK_SCHEMA_VERSION, neurons: [], synapses: [], softmaxGroups: [], viewport: null };
}
