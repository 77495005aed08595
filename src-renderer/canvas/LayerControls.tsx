import { ControlButton } from '@xyflow/react';
import { runCommand } from '../state/command-bus';
import { useEditorStore } from '../state/editor-store';
import { depthLevels } from '../state/network-edits';
import { levelsOf } from './layers';
import { useLayerStore } from './layer-store';

/** Fits the view once React Flow has measured the nodes that changed. */
function refit() {
  setTimeout(() => void runCommand('view.fitView'), 60);
}

/**
 * Collapse and expand depth levels, as buttons among the canvas's zoom controls: the levels of the selected
 * neurons, or every hidden level of two or more neurons; expand one by double-clicking its layer node (or ⤢),
 * or all at once.
 */
export function LayerControls() {
  const collapsed = useLayerStore((s) => s.collapsed.length > 0);
  const selected = useEditorStore((s) => s.selection.neurons);
  const hasHidden = useEditorStore((s) => s.network.neurons.some((n) => n.role === 'hidden'));
  const collapse = () => {
    const net = useEditorStore.getState().network;
    if (selected.length) {
      const levelOf = depthLevels(net);
      useLayerStore.getState().collapse(selected.map((id) => levelOf.get(id)!).filter((l) => l !== undefined));
    } else {
      const levels = [...levelsOf(net).entries()].filter(([, m]) => m.length >= 2 && m.some((n) => n.role === 'hidden')).map(([l]) => l);
      useLayerStore.getState().collapse(levels);
    }
    refit();
  };
  const label = selected.length ? 'Collapse the levels of the selected neurons into layer nodes' : 'Collapse every hidden level into one layer node';
  return (
    <>
      {hasHidden && (
        <ControlButton onClick={collapse} title={label} aria-label={label} data-testid="layers-collapse" className="layer-control">
          ⊟
        </ControlButton>
      )}
      {collapsed && (
        <ControlButton
          onClick={() => {
            useLayerStore.getState().expandAll();
            refit();
          }}
          title="Expand every collapsed layer"
          aria-label="Expand every collapsed layer"
          data-testid="layers-expand"
          className="layer-control"
        >
          ⊞
        </ControlButton>
      )}
    </>
  );
}
