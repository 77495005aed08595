import { useCallback, type KeyboardEvent, type PointerEvent } from 'react';
import { DOCK_HEIGHT, useUiStore } from '../state/ui-store';

/**
 * The grip on the training dock's top edge: drag it (or focus it and press ↑ ↓) to give the dock
 * more or less of the window; double-click restores the default height. Remembered with the layout.
 */
export function DockResizer() {
  const height = useUiStore((s) => s.dockHeight);
  const onPointerDown = useCallback((e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const grip = e.currentTarget;
    grip.setPointerCapture(e.pointerId);
    const startY = e.clientY;
    const start = useUiStore.getState().dockHeight;
    const move = (ev: globalThis.PointerEvent) => useUiStore.getState().setDockHeight(start + (startY - ev.clientY));
    const up = () => {
      grip.removeEventListener('pointermove', move);
      grip.removeEventListener('pointerup', up);
      grip.removeEventListener('pointercancel', up);
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up);
    grip.addEventListener('pointercancel', up);
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 80 : 20;
    if (e.key === 'ArrowUp') useUiStore.getState().setDockHeight(height + step);
    else if (e.key === 'ArrowDown') useUiStore.getState().setDockHeight(height - step);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div
      className="dock-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the training dock"
      aria-valuenow={Math.round(height)}
      aria-valuemin={DOCK_HEIGHT.min}
      tabIndex={0}
      data-testid="dock-resizer"
      title="Drag to resize the training dock (double-click: default height)"
      onPointerDown={onPointerDown}
      onDoubleClick={() => useUiStore.getState().setDockHeight(DOCK_HEIGHT.default)}
      onKeyDown={onKeyDown}
    />
  );
}
