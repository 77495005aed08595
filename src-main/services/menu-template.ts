import type { MenuItemConstructorOptions } from 'electron';
import { commandLabel, menusFor, nativeAccelerator, RECENT_LABELS, type MenuCommand, type MenuCommandItem, type MenuItem } from '../../src-shared/commands';

/** What the menu needs to know about where it runs. */
export interface MenuOptions {
  appName: string;
  isMac: boolean;
  /** Packaged builds get no DevTools item. */
  isPackaged: boolean;
  /** Sends a command to the focused window's renderer. */
  send: (command: MenuCommand) => void;
  /** The Open Recent entries, most recent first. */
  recent?: { path: string; name: string }[];
  /** Opens a recent project in the focused window. */
  openPath?: (path: string) => void;
}

/**
 * The native menu bar as data (so it is testable without Electron), rendered from the command
 * registry's menus (src-shared/commands.ts) plus the platform's own items (the macOS app menu,
 * Quit, DevTools). Items own their accelerators only where a browser would not let the page see
 * the key (New, Close); the others only display theirs, because the renderer's own key handler
 * runs them (and leaves them to text fields), so registering them too would run each twice.
 */
export function menuTemplate({ appName, isMac, isPackaged, send, recent = [], openPath }: MenuOptions): MenuItemConstructorOptions[] {
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const command = ({ id, label }: MenuCommandItem<MenuCommand>): MenuItemConstructorOptions => {
    const keys = nativeAccelerator(id, isMac);
    return { label, accelerator: keys?.accelerator, ...(keys && !keys.registered ? { registerAccelerator: false } : {}), click: () => send(id) };
  };
  const render = (item: MenuItem<MenuCommand>): MenuItemConstructorOptions[] => {
    switch (item.kind) {
      case 'separator':
        return [sep];
      case 'command':
        // macOS puts About in the app menu instead.
        return isMac && item.id === 'help.about' ? [] : [command(item)];
      case 'submenu':
        return [{ label: item.title, submenu: item.items.map(command) }];
      case 'recent':
        return [
          {
            label: RECENT_LABELS.title,
            submenu: recent.length ? recent.map((r) => ({ label: r.name, sublabel: r.path, click: () => openPath?.(r.path) })) : [{ label: RECENT_LABELS.empty, enabled: false }],
          },
        ];
    }
  };
  // What the platform adds after a menu's commands.
  const extras: Record<string, MenuItemConstructorOptions[]> = {
    File: isMac ? [] : [sep, { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' }],
    View: isPackaged ? [] : [sep, { role: 'toggleDevTools' }],
  };
  const about = command({ kind: 'command', id: 'help.about', label: commandLabel('help.about', 'native') });
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [{ label: appName, submenu: [about, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }] }]
    : [];

  return [
    ...appMenu,
    ...menusFor('native').map(
      ({ title, items }): MenuItemConstructorOptions => ({
        label: `&${title}`,
        ...(title === 'Help' ? { role: 'help' as const } : {}),
        submenu: [...items.flatMap(render), ...(extras[title] ?? [])],
      }),
    ),
  ];
}
