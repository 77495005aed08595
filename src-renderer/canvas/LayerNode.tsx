import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ActivationKind } from '../../src-shared/model/activation-kind';
import { SHORT_NAMES } from '../ui/activation-names';
import type { LayerFlowNode } from '../state/flow-types';
import { useLayerStore } from './layer-store';

const ROLE_NAMES: Record<string, string> = { input: 'inputs', hidden: 'hidden', output: 'outputs' };

/** A depth level collapsed into one node: its width (how many neurons), their activation, a button to expand it. */
export const LayerNode = memo(function LayerNode({ data }: NodeProps<LayerFlowNode>) {
  const expand = useLayerStore((s) => s.expand);
  const acts = data.activations.map((a) => SHORT_NAMES[a as ActivationKind] ?? a).join(', ');
  const role = data.roles.length === 1 ? data.roles[0] : 'hidden';
  return (
    <div className={`neuron neuron--${role} neuron--layer`} data-testid={`layer-${data.level}`} data-count={data.count} title={`Level ${data.level}: ${data.count} neurons (${acts}). Double-click or ⤢ to expand.`}>
      {role !== 'input' && <Handle type="target" position={Position.Left} className="handle handle--in" isConnectable={false} />}
      <div className="neuron__text">
        <div className="neuron__label">
          {data.count} {data.activations.length === 1 ? acts : 'mixed'}
        </div>
        <div className="neuron__meta">
          level {data.level} · {data.roles.map((r) => ROLE_NAMES[r] ?? r).join(' + ')}
        </div>
      </div>
      <button type="button" className="layer__expand nodrag" aria-label={`Expand level ${data.level}`} data-testid={`layer-expand-${data.level}`} onClick={() => expand(data.level)}>
        ⤢
      </button>
      {role !== 'output' && <Handle type="source" position={Position.Right} className="handle handle--out" isConnectable={false} />}
    </div>
  );
});
