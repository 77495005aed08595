import type { EventName, EventOf } from '../../src-shared/api';

/** Which transport a session arrived by. */
export type SessionMode = 'electron' | 'browser';

/**
 * One renderer talking to main: a window in Electron, a WebSocket connection in browser
 * mode. Handlers keep per-renderer state (the open project, say) keyed by `id`.
 */
export interface Session {
  /** Unique for the life of the process. */
  readonly id: string;
  /** Which transport this renderer uses. */
  readonly mode: SessionMode;
  /** Browser mode: the only folder projects may live in (paths are relative to it); Electron: null. */
  readonly projectsDir: string | null;
  /** Where app state lives (recent files, recovery journals). */
  readonly stateDir: string;
  /** Pushes an event to this renderer only. */
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
  /** The native file dialog (Electron only): a project to open or save, or a CSV to import ('csv'); resolves null when cancelled. */
  pickPath?: (mode: 'open' | 'save' | 'csv' | 'export', suggestedName?: string) => Promise<string | null>;
  /** The project path this window was launched with, handed out once (Electron command line). */
  takeStartupPath?: () => string | null;
  /** Closes the window once the renderer has dealt with unsaved edits (Electron only). */
  closeWindow?: () => void;
  /** Registers cleanup to run once when the window closes or the connection drops (optional so tests can build plain sessions). */
  onClose?: (listener: () => void) => void;
}

let counter = 0;

/** A process-unique session id. */
export function newSessionId(mode: SessionMode): string {
  counter += 1;
  return `${mode}-${process.pid}-${counter}`;
}

/** Builds a session whose close listeners run once, when the returned `close` is called. */
export function createSession(fields: Omit<Session, 'id' | 'onClose'> & { id?: string }): { session: Session; close: () => void } {
  const listeners: Array<() => void> = [];
  let closed = false;
  const session: Session = {
    id: fields.id ?? newSessionId(fields.mode),
    mode: fields.mode,
    projectsDir: fields.projectsDir,
    stateDir: fields.stateDir,
    emit: fields.emit,
    pickPath: fields.pickPath,
    takeStartupPath: fields.takeStartupPath,
    closeWindow: fields.closeWindow,
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
  const close = () => {
    if (closed) return;
    closed = true;
    for (const l of listeners.splice(0)) {
      try {
        l();
      } catch (e) {
        console.error('session close listener failed', e);
      }
    }
  };
  return { session, close };
}
