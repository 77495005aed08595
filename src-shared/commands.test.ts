import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { events, MenuCommandSchema } from './api';
import { COMMAND_IDS, commandSpec, MENU_COMMANDS, menusFor, nativeAccelerator, RECENT_LABELS, type CommandId, type Menu } from './commands';

/** Every command id a surface's menus show, submenus included, in order. */
function idsIn(menus: Menu[]): CommandId[] {
  return menus.flatMap((m) => m.items.flatMap((i) => (i.kind === 'command' ? [i.id] : i.kind === 'submenu' ? i.items.map((s) => s.id) : [])));
}

/** The page's menus as e2e/menu-bar.expected.txt writes them (Linux keys), without the state a live page adds. */
function pageOutline(): string {
  const keys = (id: CommandId) => commandSpec(id).shortcut?.keys[0].replace('Mod+', 'Ctrl+');
  const row = (id: CommandId, label: string, indent: string) => `${indent}${[label, keys(id) && `[${keys(id)}]`, `#menu-${id}`].filter(Boolean).join('  ')}`;
  return menusFor('page')
    .flatMap((m) => [
      m.title,
      ...m.items.flatMap((i) => {
        if (i.kind === 'separator') return ['  ---'];
        if (i.kind === 'recent') return [`  ${RECENT_LABELS.title} ▸  #menu-file.openRecent`, `    ${RECENT_LABELS.empty}`];
        if (i.kind === 'submenu') return [`  ${i.title} ▸  #menu-${i.title.toLowerCase()}`, ...i.items.map((s) => row(s.id, s.label, '    '))];
        return [row(i.id, i.label, '  ')];
      }),
    ])
    .join('\n');
}

describe('the command registry', () => {
  it('places every command exactly once in the page menus, and every menu command exactly once in the native menu', () => {
    expect([...idsIn(menusFor('page'))].sort()).toEqual([...COMMAND_IDS].sort());
    expect([...idsIn(menusFor('native'))].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('keeps the page-only canvas commands out of the native menu and out of the IPC contract', () => {
    expect(COMMAND_IDS.filter((id) => !MENU_COMMANDS.includes(id as never))).toEqual(['edit.selectNone', 'edit.denseGroup']);
    expect(MenuCommandSchema.safeParse('file.save').success).toBe(true);
    expect(MenuCommandSchema.safeParse('edit.selectNone').success).toBe(false);
    expect(events['menu.command'].safeParse({ command: 'edit.denseGroup' }).success).toBe(false);
    expect(events['menu.command'].safeParse({ command: 'help.about' }).success).toBe(true);
  });

  it('renders the page menus the menu bar showed before the registry (labels, keys, order, separators)', () => {
    const expected = readFileSync(new URL('../e2e/menu-bar.expected.txt', import.meta.url), 'utf8')
      .trimEnd()
      .replace(/ {2}(checked=\w+|disabled)/g, '');
    expect(pageOutline()).toBe(expected);
  });

  it('never leaves a separator first, last or doubled', () => {
    for (const surface of ['page', 'native'] as const)
      for (const m of menusFor(surface)) {
        const kinds = m.items.map((i) => i.kind);
        expect(kinds[0], `${surface} ${m.title}`).not.toBe('separator');
        expect(kinds.at(-1), `${surface} ${m.title}`).not.toBe('separator');
        expect(kinds.join(' '), `${surface} ${m.title}`).not.toContain('separator separator');
      }
  });

  it('derives native accelerators from the shortcut keys, registering only keys the page never sees', () => {
    expect(nativeAccelerator('file.save', false)).toEqual({ accelerator: 'CmdOrCtrl+S', registered: false });
    expect(nativeAccelerator('file.new', false)).toEqual({ accelerator: 'CmdOrCtrl+N', registered: true });
    expect(nativeAccelerator('edit.redo', true)).toEqual({ accelerator: 'Cmd+Shift+Z', registered: false });
    expect(nativeAccelerator('edit.redo', false)).toEqual({ accelerator: 'Ctrl+Y', registered: false });
    expect(nativeAccelerator('help.shortcuts', false)).toEqual({ accelerator: 'F1', registered: false });
    expect(nativeAccelerator('view.data', false)).toBeNull();
  });
});
