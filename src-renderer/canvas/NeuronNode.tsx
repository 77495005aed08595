import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { ACTIVATION_INFO } from '../../src-shared/model/activation-kind';
import { ActivationGlyph } from './ActivationGlyph';
import type { ActivationKind } from '../../src-shared/model/activation-kind';
import type { NeuronFlowNode } from './flow-types';
import { NeuronBudget } from '../overlay/NeuronBudget';
import { NeuronHeatmap } from '../training/NeuronHeatmap';
import { useEditorStore } from '../state/editor-store';
import { biasOf } from './live-lookup';

/** Activation names short enough for a node card (the inspector shows the full ones). */
const SHORT_NAMES: Record<ActivationKind, string> = {
  identity: 'linear',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  relu: 'ReLU',
  leaky_relu: 'leaky ReLU',
  elu: 'ELU',
  softplus: 'softplus',
  silu: 'SiLU',
  gelu: 'GELU',
  sine: 'sine',
  gaussian: 'gauss',
};

/** Formats a parameter compactly for a node or label. */
export function formatNumber(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.01 || a >= 1000)) return v.toExponential(1);
  return v.toFixed(2);
}

/** A neuron card: role accent, label, activation glyph, bias; handles for what its role allows. */
export const NeuronNode = memo(function NeuronNode({ data, selected }: NodeProps<NeuronFlowNode>) {
  const n = data.neuron;
  // The bias as the card prints it, read live (the node keeps its identity while training moves biases).
  const bias = useEditorStore((s) => formatNumber(biasOf(s.network, n.id)));
  const act = ACTIVATION_INFO[n.activation];
  return (
    <div
      className={`neuron neuron--${n.role}${selected ? ' is-selected' : ''}`}
      data-testid={`neuron-${n.label}`}
      data-activation={n.activation}
      title={`${n.label} (${n.role}) · ${act.label}: ${act.formula} · bias ${bias}`}
    >
      {n.role !== 'input' && <Handle type="target" position={Position.Left} className="handle handle--in" />}
      <div className="neuron__text">
        <div className="neuron__label">{n.label || '—'}</div>
        <div className="neuron__meta">
          {data.softmax ? 'softmax' : SHORT_NAMES[n.activation]} · b {bias}
        </div>
      </div>
      <ActivationGlyph kind={n.activation} />
      {n.dale && (
        <span className={`neuron__dale dale--${n.dale}`} title={n.dale === 'E' ? 'Excitatory (Dale)' : 'Inhibitory (Dale)'}>
          {n.dale}
        </span>
      )}
      <NeuronBudget id={n.id} label={n.label} kind={n.activation} />
      <NeuronHeatmap id={n.id} label={n.label} />
      {n.role !== 'output' && <Handle type="source" position={Position.Right} className="handle handle--out" />}
    </div>
  );
});
