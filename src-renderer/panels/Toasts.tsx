import { useUiStore } from '../state/ui-store';

/** Transient messages (refused connections, clipboard notes) over the bottom of the canvas. */
export function Toasts() {
  const toasts = useUiStore((s) => s.toasts);
  const dismiss = useUiStore((s) => s.dismissToast);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.kind}`} data-testid="toast">
          <span>
            {t.text}
            {t.action && (
              <>
                {' '}
                <button type="button" className="link" data-testid="toast-action" onClick={() => { dismiss(t.id); t.action!.run(); }}>
                  {t.action.label}
                </button>
              </>
            )}
          </span>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
