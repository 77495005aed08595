import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GESTURES, SHORTCUTS } from './shortcuts';

/** The README's shortcut table, as the shortcut table in code says it should read. */
function shortcutsMarkdown(): string {
  const rows = [
    ...SHORTCUTS.map((s) => `| ${s.keys.map((k) => `\`${k}\``).join(' or ')} | ${s.description} |`),
    ...GESTURES.map((g) => `| ${g.gesture} | ${g.description} |`),
  ];
  return ['| keys | what they do |', '|---|---|', ...rows].join('\n');
}

describe('README keyboard shortcuts', () => {
  it('lists exactly the shortcuts the editor has', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = /<!-- SHORTCUTS:START -->\n([\s\S]*?)\n<!-- SHORTCUTS:END -->/.exec(readme)?.[1];
    expect(block, `README.md's shortcut block should read:\n${shortcutsMarkdown()}`).toBe(shortcutsMarkdown());
  });
});
