import { useEffect, useState } from 'react';
import type { AppInfo } from '../../src-shared/api';
import { api } from '../api';
import { displayKeys, GESTURES, SHORTCUTS } from '../shortcuts';
import { useUiStore } from '../state/ui-store';
import { Modal } from '../ui/Modal';
import { InsertLayerDialog } from './InsertLayerDialog';

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
