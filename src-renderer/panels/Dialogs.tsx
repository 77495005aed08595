import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../src-shared/api';
import { api } from '../api';
import { displayKeys, GESTURES, SHORTCUTS } from '../shortcuts';
import { useUiStore } from '../state/ui-store';
import { InsertLayerDialog } from './InsertLayerDialog';

/**
 * A centred modal dialog sized to its content up to the window (less a margin). The title and the
 * footer (the dialog's actions) always stay in view; only the body scrolls, and only vertically:
 * wide content (a table) scrolls inside its own box. Escape or a click outside closes it; focus
 * moves into it on open and returns where it was on close.
 */
export function Modal({ title, children, footer, onClose, testid, wide }: { title: string; children: ReactNode; footer?: ReactNode; onClose(): void; testid: string; wide?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', esc, true);
    return () => window.removeEventListener('keydown', esc, true);
  }, [onClose]);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    // An autoFocus field inside has focus already; otherwise the dialog itself takes it.
    if (!box.current?.contains(document.activeElement)) box.current?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} className={wide ? 'modal modal--wide' : 'modal'} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testid} tabIndex={-1}>
        <header className="modal__title">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="modal__close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="modal__body">{children}</div>
        {footer && <footer className="modal__footer">{footer}</footer>}
      </div>
    </div>
  );
}

function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} testid="shortcuts-dialog">
      <table className="keys">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.command}>
              <td>
                {s.keys.map((k) => (
                  <kbd key={k}>{displayKeys(k)}</kbd>
                ))}
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
          {GESTURES.map((g) => (
            <tr key={g.gesture}>
              <td className="keys__gesture">{g.gesture}</td>
              <td>{g.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}

function AboutDialog({ onClose }: { onClose(): void }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.request('app.info', {}).then(setInfo, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <Modal title="About Neurite" onClose={onClose} testid="about-dialog">
      <p>Build and train small neural networks neuron by neuron, and see which connections excite and which inhibit.</p>
      {info && (
        <dl className="summary">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Mode</dt>
          <dd>{info.mode === 'electron' ? 'Desktop' : 'Browser'}</dd>
          <dt>Platform</dt>
          <dd>{info.platform}</dd>
        </dl>
      )}
      {error && <p className="muted">App details unavailable: {error}</p>}
    </Modal>
  );
}

/** Whichever modal dialog is open. */
export function Dialogs() {
  const dialog = useUiStore((s) => s.dialog);
  const openDialog = useUiStore((s) => s.openDialog);
  const close = () => openDialog(null);
  if (dialog === 'shortcuts') return <ShortcutsDialog onClose={close} />;
  if (dialog === 'about') return <AboutDialog onClose={close} />;
  if (dialog === 'insertLayer') return <InsertLayerDialog onClose={close} />;
  return null;
}
