import { ControlButton, Controls } from '@xyflow/react';
import { runCommand } from '../state/command-bus';
import { Icon } from '../ui/icons';
import { LayerControls } from './LayerControls';

/** Our own zoom buttons: they zoom about the canvas centre and fit around the minimap, as the menu commands do. */
export function CanvasControls() {
  return (
    <Controls position="bottom-left" showZoom={false} showFitView={false} showInteractive={false} aria-label="Zoom controls">
      <ControlButton onClick={() => void runCommand('view.zoomIn')} title="Zoom in" aria-label="Zoom in">
        <Icon name="zoomIn" />
      </ControlButton>
      <ControlButton onClick={() => void runCommand('view.zoomOut')} title="Zoom out" aria-label="Zoom out">
        <Icon name="zoomOut" />
      </ControlButton>
      <ControlButton onClick={() => void runCommand('view.fitView')} title="Fit view" aria-label="Fit view">
        <Icon name="fit" />
      </ControlButton>
      <LayerControls />
    </Controls>
  );
}
