import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { ACTIVATION_INFO } from '../../src-shared/model/activation-kind';
import { ActivationGlyph } from './ActivationGlyph';
import { SHORT_NAMES } from '../ui/activation-names';
import type { NeuronFlowNode } from '../state/flow-types';
import { LABEL_FIT, levelOfDetail } from './level-of-detail';
import { fitLabel } from './middle-ellipsis';
import { useUiStore } from '../state/ui-store';
import { DaleNote } from '../overlay/DaleNote';
import { NeuronBudget } from '../overlay/NeuronBudget';
import { NeuronHeatmap } from '../training/NeuronHeatmap';
import { useEditorStore } from '../state/editor-store';
import { biasOf } from './live-lookup';
import { useWalkthroughStore } from '../state/walkthrough-store';
import { formatParameter } from '../../src-shared/format-number';

/**
 * A neuron: its card (role accent, label, activation glyph, bias, handles for what its role allows) and,
 * under the card, whatever the overlays draw for it (E/I budget, heatmap). Everything is inside the node, so
 * React Flow measures it, fit view includes it and layout leaves room for it; the handles sit on the card.
 */
export const NeuronNode = memo(function NeuronNode({ data, selected }: NodeProps<NeuronFlowNode>) {
  const n = data.neuron;
  // The bias as the card prints it, read live (the node keeps its identity while training moves biases).
  const bias = useEditorStore((s) => formatParameter(biasOf(s.network, n.id)));
  const act = ACTIVATION_INFO[n.activation];
  // The label is cut for the font it is drawn in: labels grow as the canvas zooms out.
  const fit = LABEL_FIT[useStore((s) => levelOfDetail(s.transform[2]))];
  // While a connection is dragged: this neuron cannot take it, so its handles dim.
  const refused = useUiStore((s) => s.refusedTargets?.has(n.id) ?? false);
  // The guided example rings the neurons its current step talks about.
  const guided = useWalkthroughStore((s) => s.neurons.has(n.id));
  return (
    <div className="neuron-box">
      <div
        className={`neuron neuron--${n.role}${selected ? ' is-selected' : ''}${refused ? ' is-refused' : ''}${guided ? ' is-walkthrough' : ''}`}
        data-walkthrough={guided ? 'highlight' : undefined}
        data-testid={`neuron-${n.label}`}
        data-activation={n.activation}
        title={`${n.label} (${n.role}) · ${act.label}: ${act.formula} · bias ${bias}`}
      >
        {n.role !== 'input' && <Handle type="target" position={Position.Left} className="handle handle--in" />}
        <div className="neuron__text">
          <div className="neuron__label" title={n.label} data-label={n.label}>
            {n.label ? fitLabel(n.label, fit.width, fit.font) : '—'}
          </div>
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
        {n.dale && <DaleNote id={n.id} label={n.label} dale={n.dale} />}
        {n.role !== 'output' && <Handle type="source" position={Position.Right} className="handle handle--out" />}
      </div>
      <NeuronBudget id={n.id} label={n.label} kind={n.activation} softmax={data.softmax} selected={!!selected} />
      <NeuronHeatmap id={n.id} label={n.label} kind={n.activation} softmax={data.softmax} />
    </div>
  );
});
