/**
 * The CSV import wizard: reading options, what was guessed about the file (header row, a
 * metadata line, each column's type and role, with one-click ways back), a compact list of the
 * columns with type / role / encoding / missing rule, a preview of the first rows, the split and
 * an optional hidden layer, then the import with progress and Cancel. A refused import shows its
 * message (file, line, column) and one-click fixes; nothing is stored until an import succeeds.
 * The settings of a successful import come back the next time a file of that name is opened.
 * State and transitions live in `use-import-wizard.ts` / `import-wizard-state.ts`; each part of
 * the dialog is its own component.
 */
import { Modal } from '../ui/Modal';
import { ColumnsTable } from './ColumnsTable';
import { ConfirmManyInputs } from './ConfirmManyInputs';
import { CsvOptionsFields } from './CsvOptionsFields';
import { HiddenLayerFields } from './HiddenLayerFields';
import { ImportFooter } from './ImportFooter';
import { ImportNotes } from './ImportNotes';
import { ImportProblem } from './ImportProblem';
import { PreviewRows } from './PreviewRows';
import { SplitFields } from './SplitFields';
import { useImportWizard, type ImportWizardProps } from './use-import-wizard';
import './data-panels.css';

export type { ImportResult } from './use-import-wizard';

/** The import wizard dialog. */
export function ImportWizard(props: ImportWizardProps) {
  const { file, onClose } = props;
  const { state, dispatch, hasClassTarget, splitError, configError, counts, busy, runImport, tryImport, cancel } = useImportWizard(props);
  const { options, preview, previewError, columns, split, hidden, name, notes, remembered, progress, problem, confirmMany } = state;
  const error = splitError ?? configError;
  const footer = (
    <ImportFooter
      progress={progress}
      error={error}
      counts={preview ? counts : null}
      hiddenSize={hidden.on ? hidden.size : null}
      canImport={!!preview && !error && !confirmMany}
      onCancel={cancel}
      onClose={onClose}
      onImport={tryImport}
    />
  );

  return (
    <Modal title={`Import ${preview?.file ?? ('path' in file ? file.path : file.name)}`} onClose={busy ? cancel : onClose} testid="import-wizard" wide footer={footer}>
      <div className="ds-wizard">
        <CsvOptionsFields options={options} preview={preview} busy={busy} onChange={(o) => dispatch({ type: 'options', options: o })} />

        <div className="ds-scroll">
          <ImportNotes notes={notes} remembered={!!remembered} onForget={() => dispatch({ type: 'forget' })} />
          {previewError && (
            <div className="ds-problem" role="alert" data-testid="preview-error">
              {previewError}
            </div>
          )}
          {preview && (
            <ColumnsTable
              inferred={preview.inferred}
              columns={columns}
              busy={busy}
              onEdit={(j, config) => dispatch({ type: 'column', j, config })}
              onTarget={(j, keep) => dispatch({ type: 'target', j, keep })}
            />
          )}
          {preview && <PreviewRows preview={preview} columns={columns} />}
        </div>

        <SplitFields name={name} split={split} hasClassTarget={hasClassTarget} busy={busy} onName={(n) => dispatch({ type: 'name', name: n })} onSplit={(s) => dispatch({ type: 'split', split: s })} />
        <HiddenLayerFields hidden={hidden} busy={busy} onChange={(h) => dispatch({ type: 'hidden', hidden: h })} />
        {problem && <ImportProblem problem={problem} onFix={(fix) => dispatch({ type: 'fix', fix })} />}
        {confirmMany && <ConfirmManyInputs counts={counts} onBack={() => dispatch({ type: 'confirm-many', on: false })} onRun={() => void runImport()} />}
      </div>
    </Modal>
  );
}
