import { useEffect, useRef, useState } from 'react';
import { commandSpec, menusFor, RECENT_LABELS, type CommandId, type MenuCommandItem } from '../../src-shared/commands';
import { commandChecked, commandEnabled, runCommand } from '../commands';
import { displayKeys } from '../shortcuts';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { useTrainingStore } from '../state/training-store';
import { openProject, refreshRecent } from '../project/project-actions';
import { useProjectStore } from '../state/project-store';

/** The menus, their order, labels and separators: the command registry's, as the page shows them. */
const MENUS = menusFor('page');

/** The first of a command's keys, as this platform writes them. */
function shortcutOf(id: CommandId): string {
  const keys = commandSpec(id).shortcut?.keys;
  return keys ? displayKeys(keys[0]) : '';
}

function CommandItem({ item: { id, label }, close }: { item: MenuCommandItem; close(): void }) {
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
      <span className="menu__label">{label}</span>
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
    <Submenu title={RECENT_LABELS.title} testid="menu-file.openRecent">
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
            <span className="menu__label">{RECENT_LABELS.empty}</span>
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
                switch (item.kind) {
                  case 'separator':
                    return <div key={k} className="menu__sep" role="separator" />;
                  case 'recent':
                    return <RecentMenu key="recent" close={close} />;
                  case 'submenu':
                    return (
                      <Submenu key={item.title} title={item.title} testid={`menu-${item.title.toLowerCase()}`}>
                        {(closeSub) => item.items.map((sub) => <CommandItem key={sub.id} item={sub} close={() => (closeSub(), close())} />)}
                      </Submenu>
                    );
                  case 'command':
                    return <CommandItem key={item.id} item={item} close={close} />;
                }
              })}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
