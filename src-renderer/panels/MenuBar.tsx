import { useEffect, useRef, useState } from 'react';
import { COMMAND_LABELS, commandEnabled, runCommand, type CommandId } from '../commands';
import { displayKeys, SHORTCUTS } from '../shortcuts';
import { useEditorStore } from '../state/editor-store';

type Item = CommandId | '-';

const MENUS: { title: string; items: Item[] }[] = [
  { title: 'File', items: ['file.new', 'file.newFromExample', 'file.open', '-', 'file.importCsv', 'file.importJson', 'file.importWeights', '-', 'file.exportOnnx', 'file.exportPytorch', 'file.exportJson', 'file.copyJson', '-', 'file.save', 'file.saveAs', '-', 'file.close'] },
  { title: 'Edit', items: ['edit.undo', 'edit.redo', '-', 'edit.cut', 'edit.copy', 'edit.paste', 'edit.delete', '-', 'edit.selectAll', 'edit.selectNone', '-', 'edit.denseGroup', 'edit.insertLayer'] },
  { title: 'View', items: ['view.autoLayout', 'view.fitView', '-', 'view.zoomIn', 'view.zoomOut', '-', 'view.toggleMinimap', '-', 'view.overlayOff', 'view.overlayWeights', 'view.overlayContributions', 'view.overlayDataset', 'view.previousSample', 'view.nextSample', '-', 'view.data'] },
  { title: 'Training', items: ['train.start', 'train.pauseResume', 'train.stop', '-', 'train.stepBatch', 'train.stepEpoch', '-', 'train.resetWeights'] },
  { title: 'Help', items: ['help.shortcuts', '-', 'help.about'] },
];

function shortcutOf(id: CommandId): string {
  const s = SHORTCUTS.find((x) => x.command === id);
  return s ? displayKeys(s.keys[0]) : '';
}

/** The in-page menu bar (File, Edit, View, Help) for browser mode, running the same commands as the native menu. */
export function MenuBar() {
  const [open, setOpen] = useState<number | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  // Re-render open menus when the document or selection changes, so enabled states stay true.
  useEditorStore((s) => s.network);
  useEditorStore((s) => s.selection);
  useEffect(() => {
    if (open === null) return;
    const close = (e: MouseEvent) => {
      if (!bar.current?.contains(e.target as Node)) setOpen(null);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(null);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', esc, true);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', esc, true);
    };
  }, [open]);
  return (
    <div className="menubar" ref={bar} role="menubar">
      <span className="menubar__brand">Neurite</span>
      {MENUS.map((m, i) => (
        <div key={m.title} className="menu">
          <button
            type="button"
            role="menuitem"
            aria-haspopup="menu"
            aria-expanded={open === i}
            className={open === i ? 'menu__title is-open' : 'menu__title'}
            onClick={() => setOpen(open === i ? null : i)}
            onMouseEnter={() => open !== null && setOpen(i)}
          >
            {m.title}
          </button>
          {open === i && (
            <div className="menu__list" role="menu">
              {m.items.map((item, k) =>
                item === '-' ? (
                  <div key={k} className="menu__sep" role="separator" />
                ) : (
                  <button
                    key={item}
                    type="button"
                    role="menuitem"
                    className="menu__item"
                    data-testid={`menu-${item}`}
                    disabled={!commandEnabled(item)}
                    onClick={() => {
                      setOpen(null);
                      void runCommand(item);
                    }}
                  >
                    <span>{COMMAND_LABELS[item]}</span>
                    <span className="menu__keys">{shortcutOf(item)}</span>
                  </button>
                ),
              )}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
