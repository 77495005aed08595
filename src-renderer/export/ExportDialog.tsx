import { useId, useState } from 'react';
import { Modal } from '../ui/Modal';
import { runExport, useExportStore } from './export-actions';

const TITLES = { onnx: 'Export ONNX model', pytorch: 'Export PyTorch folder', json: 'Export network JSON' } as const;

/** Browser mode's name prompt for an export (the desktop app uses the native save dialog). */
export function ExportDialog() {
  const pending = useExportStore((s) => s.pending);
  if (!pending) return null;
  return <NameForm key={`${pending.kind}:${pending.name}`} kind={pending.kind} initial={pending.name} />;
}

function NameForm({ kind, initial }: { kind: keyof typeof TITLES; initial: string }) {
  const [name, setName] = useState(initial);
  const close = () => useExportStore.setState({ pending: null });
  const valid = name.trim().length > 0 && !/[\\/]/.test(name);
  const formId = useId();
  return (
    <Modal
      title={TITLES[kind]}
      onClose={close}
      testid="export-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" data-testid="export-run" disabled={!valid}>
            Export
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void runExport(kind, name.trim()).then((ok) => ok && close());
        }}
      >
        <label className="field__label" htmlFor="export-name">
          Name in the projects folder
        </label>
        <input id="export-name" data-testid="export-name-input" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        {!valid && <span className="field__hint">A plain name, without / or \.</span>}
      </form>
    </Modal>
  );
}
