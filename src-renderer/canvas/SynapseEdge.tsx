import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import type { SynapseFlowEdge } from '../state/flow-types';
import { formatParameter } from '../../src-shared/format-number';
import { weightOf } from './live-lookup';
import { SIGN_COLORS } from '../ui/sign-colors';
import { EdgeOverlayMarks, edgeOverlayProps } from '../overlay/EdgeOverlayMarks';
import { useOverlayStore } from '../overlay/overlay-store';
import { useWalkthroughStore } from '../state/walkthrough-store';

const MAX_SELECTED_LABELS = 24;

/** Width of a synapse with the overlay off: one plain stroke, since neither sign nor size is being shown. */
const NEUTRAL_WIDTH = 1.5;

/** The exact weight, on hover or selection (subscribed only while shown: training moves every weight ten times a second). */
function WeightLabel({ id, x, y }: { id: string; x: number; y: number }) {
  const w = useEditorStore((s) => weightOf(s.network, id));
  const color = SIGN_COLORS.neutral;
  return (
    <EdgeLabelRenderer>
      <div className="synapse-label" data-testid="synapse-weight" style={{ transform: `translate(${x}px, ${y}px) scale(var(--inv-zoom, 1)) translate(-50%, -50%)`, borderColor: color, color }}>
        {formatParameter(w)}
      </div>
    </EdgeLabelRenderer>
  );
}

/** A synapse: neutral with the overlay off, else drawn as the overlay says (sign of w, c or mean c); its weight on hover or selection. */
export const SynapseEdge = memo(function SynapseEdge(props: EdgeProps<SynapseFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const hovered = useUiStore((s) => s.hoveredEdge === id);
  // Labels for a few selected synapses help; for hundreds they bury the canvas.
  const fewSelected = useEditorStore((s) => s.selection.synapses.length <= MAX_SELECTED_LABELS);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  // Under an overlay the synapse shows what the overlay is about (w, c or mean c) instead of the plain weight.
  const ov = useOverlayStore((s) => s.edges.get(id));
  // The guided example rings the synapses its current step talks about.
  const guided = useWalkthroughStore((s) => s.synapses.has(id));
  const over = edgeOverlayProps(ov, !!selected);
  const color = ov ? ov.color : SIGN_COLORS.neutral;
  return (
    <>
      <BaseEdge
        path={path}
        interactionWidth={14}
        className={`synapse${selected ? ' is-selected' : ''}${guided ? ' is-walkthrough' : ''}`}
        data-walkthrough={guided ? 'highlight' : undefined}
        data-testid={`synapse-${data?.sourceLabel}-${data?.targetLabel}`}
        data-source={props.source}
        data-target={props.target}
        style={over ? over.style : { stroke: color, strokeWidth: NEUTRAL_WIDTH + (selected ? 1.5 : 0) }}
        {...over?.attrs}
      />
      {ov && <EdgeOverlayMarks ov={ov} x={labelX} y={labelY} hovered={hovered} />}
      {!ov && (hovered || (selected && fewSelected)) && <WeightLabel id={id} x={labelX} y={labelY} />}
    </>
  );
});
