/**
 * What a session holds by id (training runs, sweeps, imports, uploads): a map per session, made on first use,
 * whose every item is released once when the window closes or the connection drops, so nothing a closed
 * renderer started keeps running or keeps a file. Keyed by the Session object, so a session without
 * `onClose` (a test's plain session) leaves nothing behind either.
 */
import type { Session } from './session';

/** The per-session maps of one kind of held thing. */
export interface SessionRegistry<T> {
  /** The session's items, made (and hooked to the session's close) on first use. */
  of(session: Session): Map<string, T>;
  /** The item `id` of the session, without making its map. */
  get(session: Session, id: string): T | undefined;
}

/** A registry whose items are handed to `release` when their session closes (the map is emptied after). */
export function sessionRegistry<T>(release: (item: T) => void): SessionRegistry<T> {
  const bySession = new WeakMap<Session, Map<string, T>>();
  return {
    of(session) {
      let mine = bySession.get(session);
      if (!mine) {
        const items = (mine = new Map<string, T>());
        bySession.set(session, items);
        session.onClose?.(() => {
          items.forEach((item) => release(item));
          items.clear();
        });
      }
      return mine;
    },
    get: (session, id) => bySession.get(session)?.get(id),
  };
}
