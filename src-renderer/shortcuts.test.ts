import { describe, expect, it } from 'vitest';
import { commandForKey, SHORTCUTS } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('maps the documented combinations to their commands', () => {
    expect(commandForKey(key('z', { ctrlKey: true }))).toBe('edit.undo');
    expect(commandForKey(key('z', { metaKey: true }))).toBe('edit.undo');
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('edit.redo');
    expect(commandForKey(key('y', { ctrlKey: true }))).toBe('edit.redo');
    expect(commandForKey(key('a', { ctrlKey: true }))).toBe('edit.selectAll');
    expect(commandForKey(key('Delete'))).toBe('edit.delete');
    expect(commandForKey(key('Backspace'))).toBe('edit.delete');
    expect(commandForKey(key('c', { ctrlKey: true }))).toBe('edit.copy');
    expect(commandForKey(key('v', { ctrlKey: true }))).toBe('edit.paste');
    expect(commandForKey(key('F', { shiftKey: true }))).toBe('view.fitView');
    expect(commandForKey(key('=', { ctrlKey: true }))).toBe('view.zoomIn');
    expect(commandForKey(key('+', { ctrlKey: true, shiftKey: true }))).toBe('view.zoomIn');
    expect(commandForKey(key('?', { shiftKey: true }))).toBe('help.shortcuts');
  });

  it('does not fire on near misses', () => {
    expect(commandForKey(key('z'))).toBeNull();
    expect(commandForKey(key('f'))).toBeNull();
    expect(commandForKey(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(commandForKey(key('a', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });

  it('lists each command once', () => {
    const commands = SHORTCUTS.map((s) => s.command);
    expect(new Set(commands).size).toBe(commands.length);
  });
});
