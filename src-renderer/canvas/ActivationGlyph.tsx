import { memo } from 'react';
import type { ActivationKind } from '../../src-shared/model/activation-kind';
import { glyphPath } from './glyph-path';

/** A small drawing of an activation's curve with faint axes. */
export const ActivationGlyph = memo(function ActivationGlyph({ kind, width = 40, height = 20 }: { kind: ActivationKind; width?: number; height?: number }) {
  const g = glyphPath(kind, width, height);
  return (
    <svg className="glyph" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      <line className="glyph__axis" x1={0} x2={width} y1={g.zeroY} y2={g.zeroY} />
      <line className="glyph__axis" x1={g.zeroX} x2={g.zeroX} y1={0} y2={height} />
      <path className="glyph__curve" d={g.d} />
    </svg>
  );
});
