import type { NeuronCounts } from './import-counts';

/** The wizard's summary and actions, kept together so the dialog's fixed footer takes them as one piece. */
export interface ImportFooterProps {
  progress: { read: number; total: number } | null;
  /** Why the import cannot run yet (split or columns), shown instead of the counts. */
  error: string | null;
  /** The neurons the import would make; null until the file has been read. */
  counts: NeuronCounts | null;
  hiddenSize: number | null;
  canImport: boolean;
  onCancel(): void;
  onClose(): void;
  onImport(): void;
}

function summary(counts: NeuronCounts, hiddenSize: number | null): string {
  const { inputs, outputs } = counts;
  return `${inputs.toLocaleString('en')} input neuron${inputs === 1 ? '' : 's'}, ${outputs} output${outputs === 1 ? '' : 's'}${hiddenSize !== null ? `, ${hiddenSize} hidden` : ''}`;
}

/** While an import runs: its progress and Cancel; before: what it would make, Close and Import. */
export function ImportFooter({ progress, error, counts, hiddenSize, canImport, onCancel, onClose, onImport }: ImportFooterProps) {
  if (progress)
    return (
      <div className="ds-progress" data-testid="import-progress">
        <progress value={progress.read} max={progress.total || 1} />
        <span>{progress.total ? `${Math.round((100 * progress.read) / progress.total)}%` : ''}</span>
        <button type="button" data-testid="import-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  return (
    <div className="modal__actions ds-footer">
      <span className={error ? 'ds-footer__error' : 'muted'} data-testid="import-counts">
        {error ?? (counts ? summary(counts, hiddenSize) : '')}
      </span>
      <button type="button" onClick={onClose}>
        Close
      </button>
      <button type="button" className="primary" data-testid="import-run" disabled={!canImport} onClick={onImport}>
        Import
      </button>
    </div>
  );
}
