import { useEffect, useId, useRef, type ReactNode } from 'react';

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
