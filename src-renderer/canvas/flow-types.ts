/**
 * The React Flow node and edge types of the canvas, as typed unions. Overlays (activity,
 * excitatory/inhibitory) will add data fields or members here rather than new ad-hoc shapes.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Neuron } from '../../src-shared/model/network';

/** What a neuron node renders: the document's neuron (by identity, so unchanged ones skip re-render; its bias may be older than the document's, which the card reads live). */
export interface NeuronNodeData extends Record<string, unknown> {
  neuron: Neuron;
  /** Whether this output is normalised with others by a softmax group. */
  softmax: boolean;
}
/** A neuron on the canvas. */
export type NeuronFlowNode = Node<NeuronNodeData, 'neuron'>;
/** Every node type the canvas draws. */
export type CanvasNode = NeuronFlowNode;

/** What a synapse edge renders (its weight it reads live from the document, see live-lookup.ts). */
export interface SynapseEdgeData extends Record<string, unknown> {
  sourceLabel: string;
  targetLabel: string;
}
/** A synapse on the canvas. */
export type SynapseFlowEdge = Edge<SynapseEdgeData, 'synapse'>;
/** Every edge type the canvas draws. */
export type CanvasEdge = SynapseFlowEdge;
