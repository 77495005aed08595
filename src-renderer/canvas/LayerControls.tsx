import { runCommand } from '../commands';
import { useEditorStore } from '../state/editor-store';
import { depthLevels } from '../state/network-edits';
import { levelsOf } from './layers';
import { useLayerStore } from './layer-store';

/** Fits the view once React Flow has measured the nodes that changed. */
function refit() {
  setTimeout(() => void runCommand('view.fitView'), 60);
}

/**
 * Collapse and expand depth levels: the levels of the selected neurons, or every hidden level of two or more
 * neurons; expand one by double-clicking its layer node (or ⤢), or all at once here.
 */
export function LayerControls() {
  const collapsed = useLayerStore((s) => s.collapsed);
  const selected = useEditorStore((s) => s.selection.neurons);
  const hasHidden = useEditorStore((s) => s.network.neurons.some((n) => n.role === 'hidden'));
  if (!hasHidden && !collapsed.length) return null;
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
  return (
    <div className="layer-controls" role="group" aria-label="Layers">
      <button type="button" data-testid="layers-collapse" onClick={collapse} title={selected.length ? 'Collapse the depth levels of the selected neurons into layer nodes' : 'Collapse every hidden depth level into one layer node'}>
        {selected.length ? 'Collapse level' : 'Collapse layers'}
      </button>
      {collapsed.length > 0 && (
        <button
          type="button"
          data-testid="layers-expand"
          onClick={() => {
            useLayerStore.getState().expandAll();
            refit();
          }}
        >
          Expand all
        </button>
      )}
    </div>
  );
}
