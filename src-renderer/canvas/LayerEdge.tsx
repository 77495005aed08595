import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatShort } from '../../src-shared/format-number';
import { useUiStore } from '../state/ui-store';
import type { LayerFlowEdge } from '../state/flow-types';
import { SIGN_COLORS, signColor } from '../ui/sign-colors';
import { useOverlayStore } from '../overlay/overlay-store';
import { aggregateValues } from './aggregate-values';

/** What an aggregated edge sums under each overlay. */
const QUANTITY = { off: 'w', weights: 'w', contributions: 'c', dataset: 'mean c' } as const;

/** Every synapse between a collapsed level and another end as one edge: colour by the sign of the aggregate, width by Σ|v|. */
export const LayerEdge = memo(function LayerEdge(props: EdgeProps<LayerFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const hovered = useUiStore((s) => s.hoveredEdge === id);
  const mode = useOverlayStore((s) => s.mode);
  const v = useOverlayStore((s) => (data ? aggregateValues(data.plan, data.network, s.mode, s.sample, s.stats).get(id) : undefined));
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  if (!data || !v) return null;
  const signed = mode !== 'off';
  const quantity = QUANTITY[mode];
  const color = signed ? signColor(v.sum) : SIGN_COLORS.neutral;
  const effect = !signed ? 'neutral' : v.sum > 0 ? 'excitatory' : v.sum < 0 ? 'inhibitory' : 'none';
  const text = `${data.count} synapses: Σ|${quantity}| ${formatShort(v.sumAbs)}, Σ${quantity} ${formatShort(v.sum, true)}`;
  return (
    <>
      <BaseEdge
        path={path}
        interactionWidth={16}
        className="synapse synapse--aggregate"
        data-testid={`aggregate-${props.source}-${props.target}`}
        data-source={props.source}
        data-target={props.target}
        data-sum={v.sum}
        data-sum-abs={v.sumAbs}
        data-count={data.count}
        data-effect={effect}
        aria-label={text}
        style={{ stroke: color, strokeWidth: 1.5 + 8 * v.share }}
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
