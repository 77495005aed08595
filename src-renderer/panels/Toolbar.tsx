import { useShallow } from 'zustand/react/shallow';
import { COMMAND_LABELS, runCommand, type CommandId } from '../commands';
import { displayKeys, SHORTCUTS } from '../shortcuts';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { Icon } from '../ui/icons';
import { OverlaySwitch } from '../overlay/OverlaySwitch';
import { useOverlayStore } from '../overlay/overlay-store';

function ToolButton({ command, icon, disabled, pressed, label }: { command: CommandId; icon: Parameters<typeof Icon>[0]['name']; disabled?: boolean; pressed?: boolean; label?: string }) {
  const keys = SHORTCUTS.find((s) => s.command === command)?.keys[0];
  const name = label ?? COMMAND_LABELS[command];
  const title = name + (keys ? ` (${displayKeys(keys)})` : '');
  return (
    <button type="button" className="toolbtn" title={title} aria-label={name} aria-pressed={pressed} data-testid={`tool-${command}`} disabled={disabled} onClick={() => void runCommand(command)}>
      <Icon name={icon} />
    </button>
  );
}

/** The toolbar under the menu: the most used commands as icon buttons. */
export function Toolbar() {
  const [canUndo, canRedo, selNeurons, selAny, hasNeurons] = useEditorStore(
    useShallow((s) => [s.past.length > 0, s.future.length > 0, s.selection.neurons.length > 0, s.selection.neurons.length + s.selection.synapses.length > 0, s.network.neurons.length > 0]),
  );
  const { minimap, paletteOpen, inspectorOpen, overlayPanelOpen } = useUiStore(
    useShallow((s) => ({ minimap: s.minimap, paletteOpen: s.paletteOpen, inspectorOpen: s.inspectorOpen, overlayPanelOpen: s.overlayPanelOpen })),
  );
  const overlayOn = useOverlayStore((s) => s.mode !== 'off');
  return (
    <div className="toolbar" role="toolbar" aria-label="Editor tools">
      <ToolButton command="edit.undo" icon="undo" disabled={!canUndo} />
      <ToolButton command="edit.redo" icon="redo" disabled={!canRedo} />
      <span className="toolbar__sep" />
      <ToolButton command="edit.cut" icon="cut" disabled={!selNeurons} />
      <ToolButton command="edit.copy" icon="copy" disabled={!selNeurons} />
      <ToolButton command="edit.paste" icon="paste" />
      <ToolButton command="edit.delete" icon="delete" disabled={!selAny} />
      <span className="toolbar__sep" />
      <ToolButton command="view.autoLayout" icon="layout" disabled={!hasNeurons} />
      <ToolButton command="view.fitView" icon="fit" />
      <ToolButton command="view.zoomIn" icon="zoomIn" />
      <ToolButton command="view.zoomOut" icon="zoomOut" />
      <ToolButton command="view.toggleMinimap" icon="minimap" pressed={minimap} label="Show the minimap" />
      <OverlaySwitch />
      <span className="toolbar__spacer" />
      <ToolButton command="view.togglePalette" icon="panelLeft" pressed={paletteOpen} label="Show the full palette" />
      <ToolButton command="view.toggleOverlayPanel" icon="panelOverlay" pressed={overlayOn && overlayPanelOpen} label="Show the overlay panel" />
      <ToolButton command="view.toggleInspector" icon="panelRight" pressed={inspectorOpen} label="Show the inspector" />
      <span className="toolbar__sep" />
      <ToolButton command="help.shortcuts" icon="help" />
    </div>
  );
}
