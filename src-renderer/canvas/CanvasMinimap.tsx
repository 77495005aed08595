import { MiniMap } from '@xyflow/react';
import type { CanvasNode } from '../state/flow-types';
import { cssColor } from '../ui/css-color';
import { MINIMAP } from './view-limits';

const ROLE_VARS: Record<string, string> = { input: '--input', hidden: '--hidden', output: '--output' };

/** The minimap's node colour, read from the theme's role colours (a layer node is hidden neurons). */
function minimapColor(n: CanvasNode): string {
  return cssColor(n.type === 'neuron' ? ROLE_VARS[n.data.neuron.role] : '--hidden');
}

/** The minimap in the bottom-right corner, coloured by the current theme (the parent re-mounts it when the theme changes). */
export function CanvasMinimap() {
  return <MiniMap<CanvasNode> position="bottom-right" style={MINIMAP} pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} maskColor={cssColor('--minimap-mask')} bgColor={cssColor('--canvas-bg')} ariaLabel="Minimap" />;
}
