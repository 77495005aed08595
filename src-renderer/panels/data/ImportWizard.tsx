/**
 * The CSV import wizard: reading options, a preview of the first rows with each column's
 * inferred type, per-column type / role / encoding / missing rule, the split, then the
 * import with progress and Cancel. A refused import shows its message (file, line, column)
 * and its one-click fixes; nothing is stored until an import succeeds.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CsvPreviewReply, DatasetFile, DatasetProblem } from '../../../src-shared/data/contract';
import { applyFix, encodingsFor, missingRulesFor, setColumnRole, setColumnType, splitProblem } from '../../../src-shared/data/column-edits';
import type { ColumnConfig, CsvOptions, DatasetMeta } from '../../../src-shared/data/schema';
import type { Network } from '../../../src-shared/model/network';
import { ApiCallError } from '../../../src-shared/api';
import { api } from '../../api';
import { useUiStore } from '../../state/ui-store';
import { Modal } from '../Dialogs';
import './data-panels.css';

const DELIMITERS: { value: CsvOptions['delimiter']; label: string }[] = [
  { value: 'auto', label: 'Detect' },
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe |' },
];

const DEFAULT_OPTIONS: CsvOptions = { delimiter: 'auto', quote: '"', header: true, decimal: '.', skipLines: 0, encoding: 'utf-8', comment: '' };

/** What the wizard hands back after a successful import. */
export interface ImportResult {
  meta: DatasetMeta;
  network: Network;
}

/** The wizard's props: the file to import, the network to rebind, and what to do when done. */
export interface ImportWizardProps {
  file: DatasetFile;
  network: Network;
  onImported(result: ImportResult): void;
  onClose(): void;
}

function message(e: unknown): string {
  return e instanceof ApiCallError || e instanceof Error ? e.message : String(e);
}

/** The import wizard dialog. */
export function ImportWizard({ file, network, onImported, onClose }: ImportWizardProps) {
  const [options, setOptions] = useState<CsvOptions>(DEFAULT_OPTIONS);
  const [preview, setPreview] = useState<CsvPreviewReply | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [columns, setColumns] = useState<ColumnConfig[]>([]);
  const [split, setSplit] = useState({ train: 70, val: 15, test: 15, seed: 1, stratify: true });
  const [name, setName] = useState('');
  const [progress, setProgress] = useState<{ read: number; total: number } | null>(null);
  const [problem, setProblem] = useState<DatasetProblem | null>(null);
  const importId = useRef<string | null>(null);
  const suggested = useRef(false);

  // Re-read the preview whenever a reading option changes.
  useEffect(() => {
    let live = true;
    setPreviewError(null);
    api
      .request('dataset.preview', { file, options })
      .then((p) => {
        if (!live) return;
        setPreview(p);
        setColumns(p.defaults);
        setProblem(null);
        setName((n) => n || p.file.replace(/\.[^.]+$/, ''));
        // Offer the sample's decimal comma once; after that the user's choice stands.
        if (!suggested.current) {
          suggested.current = true;
          if (p.suggestedDecimal === ',' && options.decimal === '.') setOptions((o) => ({ ...o, decimal: ',' }));
        }
      })
      .catch((e) => live && (setPreview(null), setPreviewError(message(e))));
    return () => {
      live = false;
    };
  }, [file, options]);

  useEffect(() => api.on('dataset.progress', (p) => p.importId === importId.current && setProgress({ read: p.bytesRead, total: p.totalBytes })), []);

  const hasClassTarget = columns.some((c) => c.role === 'target' && c.encoding === 'classes');
  const splitError = splitProblem(split);
  const configError = useMemo(() => {
    if (!columns.some((c) => c.role === 'feature')) return 'Make at least one column a feature.';
    if (!columns.some((c) => c.role === 'target')) return 'Choose the column to predict (role: target).';
    return null;
  }, [columns]);

  const runImport = useCallback(async () => {
    const id = `imp-${Date.now().toString(36)}`;
    importId.current = id;
    setProblem(null);
    setProgress({ read: 0, total: preview?.bytes ?? 0 });
    try {
      const reply = await api.request('dataset.import', {
        importId: id,
        file,
        name: name || undefined,
        options,
        columns,
        split: { ...split, stratify: split.stratify && hasClassTarget },
        network,
      });
      if (reply.status === 'imported') onImported({ meta: reply.meta, network: reply.network });
      else if (reply.problem.code === 'cancelled') {
        // Cancel ends the import altogether (main already deleted an uploaded file): nothing is left to retry.
        useUiStore.getState().toast(reply.problem.message);
        onClose();
      } else setProblem(reply.problem);
    } catch (e) {
      setProblem({ code: 'error', message: message(e), fixes: [] });
    } finally {
      importId.current = null;
      setProgress(null);
    }
  }, [file, name, options, columns, split, hasClassTarget, network, onImported, onClose, preview]);

  const cancel = () => {
    if (importId.current) void api.request('dataset.cancel', { importId: importId.current });
  };

  const editColumn = (j: number, f: (c: ColumnConfig) => ColumnConfig) => setColumns((cs) => cs.map((c, k) => (k === j ? f(c) : c)));
  const busy = progress !== null;

  return (
    <Modal
      title={`Import ${preview?.file ?? ('path' in file ? file.path : file.name)}`}
      onClose={busy ? cancel : onClose}
      testid="import-wizard"
      wide
      footer={
        busy ? (
          <div className="ds-progress" data-testid="import-progress">
            <progress value={progress.read} max={progress.total || 1} />
            <span>{progress.total ? `${Math.round((100 * progress.read) / progress.total)}%` : ''}</span>
            <button type="button" data-testid="import-cancel" onClick={cancel}>
              Cancel
            </button>
          </div>
        ) : (
          <div className="modal__actions">
            <span className="muted">{splitError ?? configError ?? ''}</span>
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button type="button" data-testid="import-run" className="primary" disabled={!preview || !!splitError || !!configError} onClick={() => void runImport()}>
              Import
            </button>
          </div>
        )
      }
    >
      <div className="ds-wizard">
        <fieldset className="ds-options" disabled={busy}>
          <label>
            Delimiter
            <select data-testid="opt-delimiter" value={options.delimiter} onChange={(e) => setOptions({ ...options, delimiter: e.target.value as CsvOptions['delimiter'] })}>
              {DELIMITERS.map((d) => (
                <option key={d.label} value={d.value}>
                  {d.label}
                  {d.value === 'auto' && preview ? ` (${DELIMITERS.find((x) => x.value === preview.delimiter)?.label ?? preview.delimiter})` : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            Quote
            <input data-testid="opt-quote" size={2} maxLength={1} value={options.quote} onChange={(e) => e.target.value.length === 1 && setOptions({ ...options, quote: e.target.value })} />
          </label>
          <label>
            Decimal
            <select data-testid="opt-decimal" value={options.decimal} onChange={(e) => setOptions({ ...options, decimal: e.target.value as '.' | ',' })}>
              <option value=".">Point 1.5</option>
              <option value=",">Comma 1,5</option>
            </select>
          </label>
          <label>
            Skip lines
            <input data-testid="opt-skip" type="number" min={0} max={1000} value={options.skipLines} onChange={(e) => setOptions({ ...options, skipLines: Math.max(0, Math.min(1000, Math.floor(+e.target.value || 0))) })} />
          </label>
          <label>
            Comment lines start with
            <input data-testid="opt-comment" size={2} maxLength={1} value={options.comment} onChange={(e) => setOptions({ ...options, comment: e.target.value.slice(0, 1) })} />
          </label>
          <label>
            Encoding
            <select data-testid="opt-encoding" value={options.encoding} onChange={(e) => setOptions({ ...options, encoding: e.target.value as CsvOptions['encoding'] })}>
              <option value="utf-8">UTF-8 (with or without BOM)</option>
              <option value="latin1">Latin-1</option>
            </select>
          </label>
          <label className="check">
            <span>
              <input data-testid="opt-header" type="checkbox" checked={options.header} onChange={(e) => setOptions({ ...options, header: e.target.checked })} /> Header row
            </span>
          </label>
        </fieldset>

        {previewError && (
          <div className="ds-problem" role="alert" data-testid="preview-error">
            {previewError}
          </div>
        )}

        {preview && (
          <div className="ds-table-wrap" tabIndex={0} role="region" aria-label="Preview of the first rows">
            <table className="ds-table" data-testid="preview-table">
              <thead>
                <tr>
                  {preview.columns.map((col, j) => {
                    const c = columns[j];
                    if (!c) return <th key={j}>{col}</th>;
                    return (
                      <th key={j} data-testid={`column-${col}`}>
                        {col} <span className="ds-inferred">({preview.inferred[j].type}{preview.inferred[j].missing ? `, ${preview.inferred[j].missing} missing` : ''})</span>
                        <div className="ds-col-config">
                          <select aria-label={`${col} type`} data-testid="col-type" disabled={busy} value={c.type} onChange={(e) => editColumn(j, (x) => setColumnType(x, e.target.value as ColumnConfig['type']))}>
                            {(['numeric', 'categorical', 'boolean', 'ignore'] as const).map((t) => (
                              <option key={t} value={t}>
                                {t}
                                {t === preview.inferred[j].type ? ' (inferred)' : ''}
                              </option>
                            ))}
                          </select>
                          <select aria-label={`${col} role`} data-testid="col-role" disabled={busy || c.type === 'ignore'} value={c.role} onChange={(e) => editColumn(j, (x) => setColumnRole(x, e.target.value as ColumnConfig['role']))}>
                            <option value="feature">feature</option>
                            <option value="target">target</option>
                            <option value="ignore">ignore</option>
                          </select>
                          {c.role !== 'ignore' && (
                            <>
                              <select aria-label={`${col} encoding`} data-testid="col-encoding" disabled={busy} value={c.encoding} onChange={(e) => editColumn(j, (x) => ({ ...x, encoding: e.target.value as ColumnConfig['encoding'] }))}>
                                {encodingsFor(c.type, c.role).map((enc) => (
                                  <option key={enc} value={enc}>
                                    {enc}
                                  </option>
                                ))}
                              </select>
                              <select aria-label={`${col} missing values`} data-testid="col-missing" disabled={busy} value={c.missing} onChange={(e) => editColumn(j, (x) => ({ ...x, missing: e.target.value as ColumnConfig['missing'] }))}>
                                {missingRulesFor(c.type).map((m) => (
                                  <option key={m} value={m}>
                                    missing: {m}
                                  </option>
                                ))}
                              </select>
                              {c.missing === 'constant' && (
                                <input aria-label={`${col} constant`} size={6} placeholder="value" value={c.fill ?? ''} onChange={(e) => editColumn(j, (x) => ({ ...x, fill: e.target.value }))} />
                              )}
                              {!!c.extraMissing?.length && <span className="ds-inferred">also missing: {c.extraMissing.join(', ')}</span>}
                            </>
                          )}
                        </div>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((cell, j) => (
                      <td key={j} className={columns[j]?.type === 'numeric' ? 'ds-num' : undefined}>
                        {cell.length > 60 ? `${cell.slice(0, 60)}…` : cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <fieldset className="ds-split" disabled={busy}>
          <label>
            Name
            <input data-testid="ds-name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          {(['train', 'val', 'test'] as const).map((k) => (
            <label key={k}>
              {k === 'train' ? 'Train %' : k === 'val' ? 'Validation %' : 'Test %'}
              <input data-testid={`split-${k}`} type="number" min={0} max={100} value={split[k]} onChange={(e) => setSplit({ ...split, [k]: +e.target.value })} />
            </label>
          ))}
          <label>
            Seed
            <input data-testid="split-seed" type="number" value={split.seed} onChange={(e) => setSplit({ ...split, seed: Math.floor(+e.target.value || 0) })} />
          </label>
          <label className="check">
            <span>
              <input data-testid="split-stratify" type="checkbox" disabled={!hasClassTarget} checked={split.stratify && hasClassTarget} onChange={(e) => setSplit({ ...split, stratify: e.target.checked })} /> Stratify by target
            </span>
          </label>
        </fieldset>

        {problem && (
          <div className="ds-problem" role="alert" data-testid="import-problem">
            {problem.message}
            {problem.fixes.length > 0 && (
              <div>
                {problem.fixes.map((fix) => (
                  <button
                    key={fix.kind}
                    type="button"
                    data-testid={`fix-${fix.kind}`}
                    onClick={() => {
                      setColumns((cs) => applyFix(cs, fix));
                      setProblem(null);
                    }}
                  >
                    {fix.kind === 'column-categorical' ? `Treat "${fix.column}" as categorical` : `Treat "${fix.value}" as missing in "${fix.column}"`}
                  </button>
                ))}
              </div>
            )}
          </div>
        )}
      </div>
    </Modal>
  );
}
