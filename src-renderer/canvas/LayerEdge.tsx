import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatShort } from '../../src-shared/format-number';
import { useUiStore } from '../state/ui-store';
import type { LayerFlowEdge } from '../state/flow-types';
import { SIGN_COLORS, signColor } from '../ui/sign-colors';

/** Every synapse between a collapsed level and another end as one edge: colour by the sign of the aggregate, width by Σ|v|. */
export const LayerEdge = memo(function LayerEdge(props: EdgeProps<LayerFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const hovered = useUiStore((s) => s.hoveredEdge === id);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  if (!data) return null;
  const color = data.signed ? signColor(data.sum) : SIGN_COLORS.neutral;
  const effect = !data.signed ? 'neutral' : data.sum > 0 ? 'excitatory' : data.sum < 0 ? 'inhibitory' : 'none';
  const text = `${data.count} synapses: Σ|${data.quantity}| ${formatShort(data.sumAbs)}, Σ${data.quantity} ${formatShort(data.sum, true)}`;
  return (
    <>
      <BaseEdge
        path={path}
        interactionWidth={16}
        className="synapse synapse--aggregate"
        data-testid={`aggregate-${props.source}-${props.target}`}
        data-source={props.source}
        data-target={props.target}
        data-sum={data.sum}
        data-sum-abs={data.sumAbs}
        data-count={data.count}
        data-effect={effect}
        aria-label={text}
        style={{ stroke: color, strokeWidth: 1.5 + 8 * data.share }}
      />
      {hovered && (
        <EdgeLabelRenderer>
          <div className="edge-overlay-mark" data-testid="aggregate-detail" style={{ transform: `translate(${labelX}px, ${labelY}px) scale(var(--inv-zoom, 1)) translate(-50%, -50%)`, borderColor: color, color, zIndex: 1001 }}>
            {text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
