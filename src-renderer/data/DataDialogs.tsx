/**
 * Mounts the dataset dialogs: the import wizard, the data view of the project's datasets,
 * and New from Example.
 */
import { useCallback, useEffect, useState } from 'react';
import { Modal } from '../ui/Modal';
import { api } from '../api';
import { useEditorStore } from '../state/editor-store';
import type { DatasetFile } from '../../src-shared/data/contract';
import { applyBoundNetwork, newFromExample, useDataStore } from './data-actions';
import { runCommand } from '../state/command-bus';
import { discardUpload } from './upload';
import { DataView } from './DataView';
import { ImportWizard, type ImportResult } from './ImportWizard';

const close = () => useDataStore.setState({ dialog: null });

/** Closing the wizard of an uploaded file deletes the upload's temp file in main. */
function closeImport(file: DatasetFile) {
  if ('upload' in file) discardUpload(file.upload);
  close();
}

/** Browser mode: the chosen file going to main in slices, with Cancel. */
function UploadProgress({ name, sent, total, onCancel }: { name: string; sent: number; total: number; onCancel: () => void }) {
  return (
    <Modal title={`Uploading ${name}`} onClose={onCancel} testid="upload-dialog">
      <div className="ds-progress" data-testid="upload-progress">
        <progress value={sent} max={total || 1} />
        <span>
          {(sent / 1e6).toFixed(1)} of {(total / 1e6).toFixed(1)} MB
        </span>
        <button type="button" data-testid="upload-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}

/** The dataset dialog that is open, if any. */
export function DataDialogs() {
  const dialog = useDataStore((s) => s.dialog);
  const network = useEditorStore((s) => s.network);
  const onImported = useCallback((r: ImportResult) => {
    close();
    applyBoundNetwork(r.meta, r.network, 'Imported');
  }, []);
  if (!dialog) return null;
  if (dialog.kind === 'import') return <ImportWizard file={dialog.file} network={network} onImported={onImported} onClose={() => closeImport(dialog.file)} />;
  if (dialog.kind === 'upload') return <UploadProgress name={dialog.name} sent={dialog.sent} total={dialog.total} onCancel={dialog.cancel} />;
  if (dialog.kind === 'view') return <DataWindow />;
  return <ExamplesDialog />;
}

type Info = { id: string; name: string; rows: number; features: number; outputs: number; problem?: string };

/** View › Data: the project's datasets, one at a time in the data view. */
function DataWindow() {
  const [list, setList] = useState<Info[] | null>(null);
  const [id, setId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.request('dataset.list', {}).then(
      (l) => {
        setList(l);
        setId(l[l.length - 1]?.id ?? null);
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  return (
    <Modal title="Data" onClose={close} testid="data-window">
      {error && <div className="ds-problem">{error}</div>}
      {list && !list.length && <p data-testid="data-empty">This project has no dataset yet: use File › Import CSV… or File › New from Example….</p>}
      {list && list.length > 1 && (
        <label>
          Dataset{' '}
          <select data-testid="data-select" value={id ?? ''} onChange={(e) => setId(e.target.value)}>
            {list.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.problem ? 'damaged' : `${d.rows} rows`})
              </option>
            ))}
          </select>
        </label>
      )}
      {id && <DataView key={id} datasetId={id} />}
    </Modal>
  );
}

const EXAMPLES = [
  { kind: 'xor', label: 'XOR', generated: true },
  { kind: 'circles', label: 'Circles', generated: true },
  { kind: 'spirals', label: 'Two spirals', generated: true },
  { kind: 'blobs', label: 'Gaussian blobs', generated: true },
  { kind: 'surface', label: 'Regression surface', generated: true },
  { kind: 'iris', label: 'Iris (Fisher 1936, UCI)', generated: false },
] as const;

/** File › New from Example…: a generated dataset (size, noise) or Iris, each with a starter network. */
function ExamplesDialog() {
  const [size, setSize] = useState(400);
  const [noise, setNoise] = useState(0.1);
  const [busy, setBusy] = useState(false);
  const choose = async (kind: (typeof EXAMPLES)[number]['kind'], generated: boolean) => {
    setBusy(true);
    close();
    await newFromExample(generated ? { kind, size, noise } : { kind });
    setBusy(false);
  };
  return (
    <Modal title="New from Example" onClose={close} testid="examples-dialog">
      <div className="ds-wizard">
        <fieldset className="ds-split" disabled={busy}>
          <label>
            Size (rows)
            <input data-testid="example-size" type="number" min={10} max={100000} value={size} onChange={(e) => setSize(Math.max(10, Math.min(100000, Math.floor(+e.target.value || 10))))} />
          </label>
          <label>
            Noise (0–1)
            <input data-testid="example-noise" type="number" min={0} max={1} step={0.05} value={noise} onChange={(e) => setNoise(Math.max(0, Math.min(1, +e.target.value || 0)))} />
          </label>
        </fieldset>
        <div className="button-row">
          {EXAMPLES.map((x) => (
            <button key={x.kind} type="button" data-testid={`example-${x.kind}`} disabled={busy} onClick={() => void choose(x.kind, x.generated)}>
              {x.label}
            </button>
          ))}
        </div>
        <p className="muted">Size and noise apply to the generated examples; Iris is the real 150-flower dataset shipped with Neurite.</p>
        <div className="note example-guided">
          <strong>Guided: what does a negative output do?</strong> A small hand-wired network and eight short steps: when a tanh output is negative, when it excites, when it inhibits, and what biology does instead.{' '}
          <button type="button" className="link" data-testid="example-negative-output" disabled={busy} onClick={() => { close(); void runCommand('help.negativeOutput'); }}>
            Open the guided example
          </button>
        </div>
      </div>
    </Modal>
  );
}
