import type { NeuronCounts } from './import-counts';

/** The question asked before an import that makes many input neurons, naming the columns that make most of them. */
export function ConfirmManyInputs({ counts, onBack, onRun }: { counts: NeuronCounts; onBack(): void; onRun(): void }) {
  return (
    <div className="ds-confirm" role="alert" data-testid="import-confirm-many">
      This import makes {counts.inputs.toLocaleString('en')} input neurons
      {counts.widest.length ? ` (${counts.widest.slice(0, 3).map((c) => `${c.name}: ${c.inputs.toLocaleString('en')}`).join(', ')})` : ''}. A text column with many values one-hot encodes into one input per value. Import anyway?
      <div className="button-row">
        <button type="button" data-testid="import-confirm-back" onClick={onBack}>
          Back to the columns
        </button>
        <button type="button" className="primary" data-testid="import-confirm-run" onClick={onRun}>
          Import anyway
        </button>
      </div>
    </div>
  );
}
