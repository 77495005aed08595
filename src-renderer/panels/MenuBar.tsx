import { useEffect, useRef, useState } from 'react';
import { COMMAND_LABELS, commandChecked, commandEnabled, runCommand, type CommandId } from '../commands';
import { displayKeys, SHORTCUTS } from '../shortcuts';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { useTrainingStore } from '../state/training-store';
import { openProject, refreshRecent } from '../project/project-actions';
import { useProjectStore } from '../state/project-store';

/** A menu entry: a command, a separator, a submenu of commands, or the Open Recent list. */
type Item = CommandId | '-' | { title: string; items: CommandId[] } | 'recent';

const MENUS: { title: string; items: Item[] }[] = [
  { title: 'File', items: ['file.new', 'file.newFromExample', 'file.open', 'recent', '-', 'file.importCsv', 'file.importJson', 'file.importWeights', '-', 'file.exportOnnx', 'file.exportPytorch', 'file.exportJson', 'file.copyJson', '-', 'file.save', 'file.saveAs', '-', 'file.close'] },
  { title: 'Edit', items: ['edit.undo', 'edit.redo', '-', 'edit.cut', 'edit.copy', 'edit.paste', 'edit.delete', '-', 'edit.selectAll', 'edit.selectNone', '-', 'edit.denseGroup', 'edit.insertLayer'] },
  {
    title: 'View',
    items: [
      'view.autoLayout',
      'view.fitView',
      '-',
      'view.zoomIn',
      'view.zoomOut',
      '-',
      'view.togglePalette',
      'view.toggleOverlayPanel',
      'view.toggleInspector',
      'view.toggleTrainingDock',
      'view.toggleMinimap',
      'view.panelsBeside',
      { title: 'Theme', items: ['view.themeSystem', 'view.themeLight', 'view.themeDark'] },
      '-',
      'view.overlayOff',
      'view.overlayWeights',
      'view.overlayContributions',
      'view.overlayDataset',
      'view.previousSample',
      'view.nextSample',
      '-',
      'view.data',
    ],
  },
  { title: 'Training', items: ['train.start', 'train.pauseResume', 'train.stop', '-', 'train.stepBatch', 'train.stepEpoch', '-', 'train.resetWeights'] },
  { title: 'Help', items: ['help.shortcuts', 'help.negativeOutput', '-', 'help.about'] },
];

function shortcutOf(id: CommandId): string {
  const s = SHORTCUTS.find((x) => x.command === id);
  return s ? displayKeys(s.keys[0]) : '';
}

/** Submenu labels drop the "Theme: " their command labels carry. */
function submenuLabel(id: CommandId, parent: string): string {
  const label = COMMAND_LABELS[id];
  return label.startsWith(`${parent}: `) ? label.slice(parent.length + 2) : label;
}

function CommandItem({ id, label, close }: { id: CommandId; label?: string; close(): void }) {
  const checked = commandChecked(id);
  const common = {
    type: 'button' as const,
    className: 'menu__item',
    'data-testid': `menu-${id}`,
    disabled: !commandEnabled(id),
    onClick: () => {
      close();
      void runCommand(id);
    },
  };
  const body = (
    <>
      <span className="menu__check" aria-hidden="true">
        {checked ? '✓' : ''}
      </span>
      <span className="menu__label">{label ?? COMMAND_LABELS[id]}</span>
      <span className="menu__keys">{shortcutOf(id)}</span>
    </>
  );
  return checked === undefined ? (
    <button role="menuitem" {...common}>
      {body}
    </button>
  ) : (
    <button role="menuitemcheckbox" aria-checked={checked} {...common}>
      {body}
    </button>
  );
}

/** A submenu that opens to the right on hover, click or the right arrow key. */
function Submenu({ title, testid, children }: { title: string; testid: string; children: (close: () => void) => React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="menu__sub" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        role="menuitem"
        aria-haspopup="menu"
        aria-expanded={open}
        className="menu__item"
        data-testid={testid}
        // Opens, never toggles: the pointer's hover has usually opened it already, and a click must not close it again.
        onClick={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowRight') setOpen(true);
          else if (e.key === 'ArrowLeft') setOpen(false);
        }}
      >
        <span className="menu__check" aria-hidden="true" />
        <span className="menu__label">{title}</span>
        <span className="menu__keys" aria-hidden="true">
          ▸
        </span>
      </button>
      {open && (
        <div className="menu__list menu__list--sub" role="menu" aria-label={title}>
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

/** File › Open Recent: projects opened or saved here, then the projects folder's newest files. */
function RecentMenu({ close }: { close(): void }) {
  const recent = useProjectStore((s) => s.recent);
  useEffect(() => {
    void refreshRecent();
  }, []);
  return (
    <Submenu title="Open Recent" testid="menu-file.openRecent">
      {(closeSub) =>
        recent.length ? (
          recent.map((r) => (
            <button
              key={r.path}
              type="button"
              role="menuitem"
              className="menu__item"
              data-testid={`recent-${r.path}`}
              title={r.path}
              onClick={() => {
                closeSub();
                close();
                void openProject(r.path);
              }}
            >
              <span className="menu__check" aria-hidden="true" />
              <span className="menu__label">{r.name}</span>
              <span className="menu__keys">{r.path}</span>
            </button>
          ))
        ) : (
          <button type="button" role="menuitem" className="menu__item" disabled>
            <span className="menu__check" aria-hidden="true" />
            <span className="menu__label">No recent projects</span>
          </button>
        )
      }
    </Submenu>
  );
}

/** The in-page menu bar (File, Edit, View, Training, Help) for browser mode, running the same commands as the native menu. */
export function MenuBar() {
  const [open, setOpen] = useState<number | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  // Re-render open menus when what enables or checks their items changes.
  useEditorStore((s) => s.network);
  useEditorStore((s) => s.selection);
  useUiStore((s) => s.theme + s.paletteOpen + s.inspectorOpen + s.overlayPanelOpen + s.panelsBeside + s.minimap);
  useTrainingStore((s) => s.open + String(s.datasets.length) + String(!!s.live));
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
  const close = () => setOpen(null);
  return (
    <div className="menubar" ref={bar} role="menubar" aria-label="Menu bar">
      <span className="menubar__brand" role="presentation">
        <img src="./favicon.svg" alt="" width={16} height={16} />
        Neurite
      </span>
      {MENUS.map((m, i) => (
        <div key={m.title} className="menu" role="none">
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
            <div className="menu__list" role="menu" aria-label={m.title}>
              {m.items.map((item, k) => {
                if (item === '-') return <div key={k} className="menu__sep" role="separator" />;
                if (item === 'recent') return <RecentMenu key="recent" close={close} />;
                if (typeof item === 'object')
                  return (
                    <Submenu key={item.title} title={item.title} testid={`menu-${item.title.toLowerCase()}`}>
                      {(closeSub) => item.items.map((id) => <CommandItem key={id} id={id} label={submenuLabel(id, item.title)} close={() => (closeSub(), close())} />)}
                    </Submenu>
                  );
                return <CommandItem key={item} id={item} close={close} />;
              })}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
