/**
 * The React Flow node and edge types of the canvas, as typed unions. Overlays (activity,
 * excitatory/inhibitory) will add data fields or members here rather than new ad-hoc shapes.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Network, Neuron } from '../../src-shared/model/network';

/** What a neuron node renders: the document's neuron (by identity, so unchanged ones skip re-render; its bias may be older than the document's, which the card reads live). */
export interface NeuronNodeData extends Record<string, unknown> {
  neuron: Neuron;
  /** Whether this output is normalised with others by a softmax group. */
  softmax: boolean;
}
/** A neuron on the canvas. */
export type NeuronFlowNode = Node<NeuronNodeData, 'neuron'>;

/** What a layer node (a collapsed depth level) renders. */
export interface LayerNodeData extends Record<string, unknown> {
  level: number;
  count: number;
  activations: string[];
  roles: string[];
}
/** A depth level collapsed into one node. */
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;
/** Every node type the canvas draws. */
export type CanvasNode = NeuronFlowNode | LayerFlowNode;

/** What a synapse edge renders (its weight it reads live from the document, see live-lookup.ts). */
export interface SynapseEdgeData extends Record<string, unknown> {
  sourceLabel: string;
  targetLabel: string;
}
/** A synapse on the canvas. */
export type SynapseFlowEdge = Edge<SynapseEdgeData, 'synapse'>;

/** Which aggregate edge each synapse joins in a collapsed view, worked out once per structure: a sample step only sums. */
export interface AggregatePlan {
  /** The aggregate edges' ends, in order of their first synapse. */
  edges: Array<{ id: string; source: string; target: string; count: number }>;
  /** Per synapse in document order: its aggregate edge's index, or −1 when it is drawn as it is. */
  edgeOf: Int32Array;
}

/** What an aggregated edge (every synapse between a collapsed level and another end) renders: its structure; its sums it reads for the overlay's state. */
export interface LayerEdgeData extends Record<string, unknown> {
  count: number;
  /** The collapsed view's aggregate edges, and the network they were planned for. */
  plan: AggregatePlan;
  network: Network;
}
/** Synapses between a collapsed level and another end, as one edge. */
export type LayerFlowEdge = Edge<LayerEdgeData, 'aggregate'>;
/** Every edge type the canvas draws. */
export type CanvasEdge = SynapseFlowEdge | LayerFlowEdge;
