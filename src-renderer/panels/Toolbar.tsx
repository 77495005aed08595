import { useShallow } from 'zustand/react/shallow';
import { COMMAND_LABELS, runCommand, type CommandId } from '../commands';
import { displayKeys, SHORTCUTS } from '../shortcuts';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { Icon } from './icons';
import { OverlaySwitch } from '../overlay/OverlaySwitch';

function ToolButton({ command, icon, disabled, pressed }: { command: CommandId; icon: Parameters<typeof Icon>[0]['name']; disabled?: boolean; pressed?: boolean }) {
  const keys = SHORTCUTS.find((s) => s.command === command)?.keys[0];
  const title = COMMAND_LABELS[command] + (keys ? ` (${displayKeys(keys)})` : '');
  return (
    <button type="button" className="toolbtn" title={title} aria-label={COMMAND_LABELS[command]} aria-pressed={pressed} data-testid={`tool-${command}`} disabled={disabled} onClick={() => void runCommand(command)}>
      <Icon name={icon} />
    </button>
  );
}

/** The toolbar under the menu: the most used commands as icon buttons. */
export function Toolbar() {
  const [canUndo, canRedo, selNeurons, selAny, hasNeurons] = useEditorStore(
    useShallow((s) => [s.past.length > 0, s.future.length > 0, s.selection.neurons.length > 0, s.selection.neurons.length + s.selection.synapses.length > 0, s.network.neurons.length > 0]),
  );
  const minimap = useUiStore((s) => s.minimap);
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
      <ToolButton command="view.toggleMinimap" icon="minimap" pressed={minimap} />
      <OverlaySwitch />
      <span className="toolbar__spacer" />
      <ToolButton command="help.shortcuts" icon="help" />
    </div>
  );
}
