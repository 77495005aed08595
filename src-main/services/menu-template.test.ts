import { readFileSync } from 'node:fs';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../src-shared/api';
import { menuTemplate } from './menu-template';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function build(isMac: boolean, isPackaged: boolean) {
  const sent: MenuCommand[] = [];
  const items = flatten(menuTemplate({ appName: 'Neurite', isMac, isPackaged, send: (c) => sent.push(c) }));
  for (const i of items) i.click?.({} as never, undefined, {} as never);
  return { items, sent };
}

describe('menuTemplate', () => {
  it('sends every menu command exactly once on each platform', () => {
    for (const isMac of [false, true]) {
      const { sent } = build(isMac, true);
      expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
    }
  });

  it('registers the accelerators a browser would keep from the page, and only displays the ones the renderer handles itself', () => {
    const { items } = build(false, true);
    const byLabel = new Map(items.map((i) => [i.label, i]));
    expect(byLabel.get('New')).toMatchObject({ accelerator: 'CmdOrCtrl+N' });
    expect(byLabel.get('New')!.registerAccelerator).toBeUndefined();
    expect(byLabel.get('Close')!.registerAccelerator).toBeUndefined();
    expect(byLabel.get('Save')).toMatchObject({ accelerator: 'CmdOrCtrl+S', registerAccelerator: false });
    expect(byLabel.get('Save As…')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+S', registerAccelerator: false });
    expect(byLabel.get('Copy')).toMatchObject({ accelerator: 'CmdOrCtrl+C', registerAccelerator: false });
    expect(byLabel.get('Zoom In')).toMatchObject({ accelerator: 'CmdOrCtrl+=', registerAccelerator: false });
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['&File', '&Edit', '&View', '&Help', 'Open Recent', 'Quit', 'Select All', 'Auto-layout', 'Toggle Minimap', 'Keyboard Shortcuts', 'About Neurite', 'Import CSV…', 'New from Example…', 'Data…']));
  });

  it('offers DevTools only in unpackaged builds', () => {
    expect(build(false, true).items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(build(false, false).items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});

/** A menu as readable lines: each item's label and properties, what its click sends, submenus indented. */
function outline(items: MenuItemConstructorOptions[], sent: string[], indent = ''): string[] {
  return items.flatMap((i) => {
    if (i.type === 'separator') return [`${indent}---`];
    const props = Object.entries(i)
      .filter(([k, v]) => k !== 'label' && k !== 'submenu' && k !== 'click' && v !== undefined)
      .map(([k, v]) => `${k}=${String(v)}`);
    if (i.click) {
      sent.length = 0;
      (i.click as () => void)();
      props.push(`sends ${sent.join(',') || 'nothing'}`);
    }
    const line = `${indent}${[i.label ?? '', ...props].join('  ')}`.trimEnd();
    return [line, ...(Array.isArray(i.submenu) ? outline(i.submenu, sent, `${indent}  `) : [])];
  });
}

describe('the rendered menu', () => {
  it('has every label, accelerator, order and separator of menu-template.expected.txt on each platform', () => {
    const out: string[] = [];
    const configs = [
      { isMac: false, isPackaged: true, recent: [] },
      { isMac: false, isPackaged: false, recent: [{ path: '/p/a.neurite', name: 'a' }] },
      { isMac: true, isPackaged: true, recent: [{ path: '/p/a.neurite', name: 'a' }] },
    ];
    for (const { isMac, isPackaged, recent } of configs) {
      const sent: string[] = [];
      const template = menuTemplate({ appName: 'Neurite', isMac, isPackaged, send: (c) => sent.push(c), recent, openPath: () => undefined });
      out.push(`## isMac=${isMac} isPackaged=${isPackaged} recent=${recent.length}`, ...outline(template, sent));
    }
    expect(`${out.join('\n')}\n`).toBe(readFileSync(new URL('./menu-template.expected.txt', import.meta.url), 'utf8'));
  });
});

describe('Open Recent', () => {
  it('lists recent projects and opens the one clicked', () => {
    const opened: string[] = [];
    const items = menuTemplate({ appName: 'Neurite', isMac: false, isPackaged: true, send: () => undefined, recent: [{ path: '/p/a.neurite', name: 'a' }, { path: '/p/b.neurite', name: 'b' }], openPath: (p) => opened.push(p) });
    const file = items.find((i) => i.label === '&File')!.submenu as MenuItemConstructorOptions[];
    const recent = file.find((i) => i.label === 'Open Recent')!.submenu as MenuItemConstructorOptions[];
    expect(recent.map((r) => r.label)).toEqual(['a', 'b']);
    (recent[1].click as () => void)();
    expect(opened).toEqual(['/p/b.neurite']);
  });

  it('says so when there are none', () => {
    const items = menuTemplate({ appName: 'Neurite', isMac: false, isPackaged: true, send: () => undefined });
    const file = items.find((i) => i.label === '&File')!.submenu as MenuItemConstructorOptions[];
    const recent = file.find((i) => i.label === 'Open Recent')!.submenu as MenuItemConstructorOptions[];
    expect(recent).toEqual([{ label: 'No recent projects', enabled: false }]);
  });
});
