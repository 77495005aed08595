import { EdgeLabelRenderer } from '@xyflow/react';
import type { CSSProperties } from 'react';
import type { EdgeView } from './overlay-math';
import { formatExact } from '../../src-shared/format-number';

/** The path attributes an overlay puts on a synapse: what it means (for tests and tools) and how it is stroked. */
export function edgeOverlayProps(ov: EdgeView | undefined, selected: boolean): { attrs: Record<string, string>; style: CSSProperties } | null {
  if (!ov) return null;
  const attrs: Record<string, string> = { 'data-effect': ov.effect, 'data-contribution': formatExact(ov.value) };
  if (ov.signFlip) attrs['data-sign-flip'] = 'true';
  if (ov.lesioned) attrs['data-lesioned'] = 'true';
  return {
    attrs,
    style: {
      stroke: ov.color,
      strokeWidth: (ov.lesioned ? 1 : ov.width) + (selected ? 1.5 : 0),
      strokeDasharray: ov.lesioned ? '2 5' : ov.signFlip ? '7 3' : undefined,
      opacity: ov.lesioned ? 0.4 : undefined,
    },
  };
}

/** The ± mark of a sign flip (always) and the exact numbers (on hover) at an edge's midpoint. */
export function EdgeOverlayMarks({ ov, x, y, hovered }: { ov: EdgeView; x: number; y: number; hovered: boolean }) {
  if (!ov.signFlip && !hovered && !ov.lesioned) return null;
  return (
    <EdgeLabelRenderer>
      <div className="edge-overlay-mark" style={{ transform: `translate(${x}px, ${y}px)${hovered ? ' scale(var(--inv-zoom, 1))' : ''} translate(-50%, -50%)`, borderColor: ov.color, color: ov.color, zIndex: hovered ? 1001 : undefined }} data-testid={hovered ? 'synapse-overlay-detail' : undefined}>
        {ov.lesioned ? '✕ ' : ''}
        {ov.signFlip ? <span title="Sign flip: the source's output is negative, so the contribution has the opposite sign of the weight">± </span> : null}
        {hovered ? ov.detail : null}
      </div>
    </EdgeLabelRenderer>
  );
}
