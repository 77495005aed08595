import { describe, expect, it } from 'vitest';
import { createSession } from './session';
import { sessionRegistry } from './session-registry';

const session = () => createSession({ mode: 'browser', projectsDir: null, stateDir: '/nonexistent', emit: () => {} });

describe('sessionRegistry', () => {
  it('keeps one map per session and releases each item once when that session closes', () => {
    const released: string[] = [];
    const reg = sessionRegistry<string>((item) => released.push(item));
    const a = session();
    const b = session();
    reg.of(a.session).set('1', 'a1');
    reg.of(a.session).set('2', 'a2');
    reg.of(b.session).set('1', 'b1');
    expect(reg.get(a.session, '1')).toBe('a1');
    expect(reg.get(b.session, '1')).toBe('b1');
    a.close();
    a.close();
    expect(released).toEqual(['a1', 'a2']);
    expect(reg.get(a.session, '1')).toBeUndefined();
    expect(reg.get(b.session, '1')).toBe('b1');
  });
  it('get does not make a map (nothing hooked to a session that never held anything)', () => {
    let hooked = 0;
    const s = { ...session().session, onClose: () => void hooked++ };
    const reg = sessionRegistry<string>(() => {});
    expect(reg.get(s, 'x')).toBeUndefined();
    expect(hooked).toBe(0);
    reg.of(s);
    reg.of(s);
    expect(hooked).toBe(1);
  });
});
