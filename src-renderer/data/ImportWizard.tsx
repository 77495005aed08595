/**
 * The CSV import wizard: reading options, what was guessed about the file (header row, a
 * metadata line, each column's type and role, with one-click ways back), a compact list of the
 * columns with type / role / encoding / missing rule, a preview of the first rows, the split and
 * an optional hidden layer, then the import with progress and Cancel. A refused import shows its
 * message (file, line, column) and one-click fixes; nothing is stored until an import succeeds.
 * The settings of a successful import come back the next time a file of that name is opened.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CsvPreviewReply, DatasetFile, DatasetProblem, HiddenLayers } from '../../src-shared/data/contract';
import { applyFix, chooseTarget, encodingsFor, missingRulesFor, setColumnRole, setColumnType, splitProblem } from '../../src-shared/data/column-edits';
import { DATE_PARTS } from '../../src-shared/data/cells';
import { featureConfig, looksLikeClasses, targetHint, type InferredColumn } from '../../src-shared/data/infer';
import type { ColumnConfig, CsvOptions, DatasetMeta } from '../../src-shared/data/schema';
import { ACTIVATION_INFO, ACTIVATION_KINDS, type ActivationKind } from '../../src-shared/model/activation-kind';
import type { Network } from '../../src-shared/model/network';
import { ApiCallError } from '../../src-shared/api';
import { api } from '../api';
import { useUiStore } from '../state/ui-store';
import { Modal } from '../ui/Modal';
import './data-panels.css';

const DELIMITERS: { value: CsvOptions['delimiter']; label: string }[] = [
  { value: 'auto', label: 'Detect' },
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe |' },
];

const DEFAULT_OPTIONS: CsvOptions = { delimiter: 'auto', quote: '"', header: true, decimal: '.', skipLines: 0, encoding: 'utf-8', comment: '' };
const DEFAULT_SPLIT = { train: 70, val: 15, test: 15, seed: 1, stratify: true };

/** Above this many input neurons the import asks first. */
export const MANY_INPUTS = 50;

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

const sameLayout = (a: CsvOptions, b: CsvOptions) => (Object.keys(a) as (keyof CsvOptions)[]).every((k) => a[k] === b[k]);

/** Input neurons a column adds (one-hot: one per category seen in the sample). */
function inputsOf(c: ColumnConfig, inferred: InferredColumn | undefined): number {
  if (c.role !== 'feature' || c.type === 'ignore') return 0;
  if (c.type === 'date') return DATE_PARTS.length;
  return c.type === 'categorical' ? Math.max(1, inferred?.distinct ?? 1) : 1;
}

/** Output neurons a target adds. */
function outputsOf(c: ColumnConfig, inferred: InferredColumn | undefined): number {
  if (c.role !== 'target' || c.type === 'ignore') return 0;
  return c.encoding === 'classes' ? Math.max(2, inferred?.distinct ?? 2) : 1;
}

/** A guess about a column, in words, with its one-click way back (or forward). */
function Hint({ inferred, config, onChange }: { inferred: InferredColumn; config: ColumnConfig; onChange(c: ColumnConfig): void }) {
  const hint = targetHint(inferred, config);
  if (!hint) return null;
  const action = (label: string, next: ColumnConfig, testid: string) => (
    <button type="button" className="link" data-testid={testid} onClick={() => onChange(next)}>
      {label}
    </button>
  );
  if (hint.kind === 'strays') {
    const values = hint.values.map((v) => `"${v.value}"${v.count > 1 ? ` ×${v.count}` : ''}`).join(', ');
    const asMissing = !!config.extraMissing?.length && config.type === 'numeric';
    return (
      <span className="ds-hint" data-testid="hint-strays">
        {asMissing ? `Numbers; ${values} read as missing. ` : `Numbers but for ${values}. `}
        {asMissing
          ? action('Keep as text', { ...setColumnType(config, 'categorical'), extraMissing: undefined }, 'hint-keep-text')
          : action(`Treat ${values} as missing`, { ...setColumnType(config, 'numeric'), extraMissing: hint.values.map((v) => v.value) }, 'hint-treat-missing')}
      </span>
    );
  }
  if (hint.kind === 'date' && config.type === 'date')
    return (
      <span className="ds-hint" data-testid="hint-date">
        Dates: 3 inputs (year, day of year, weekday). {action('Ignore it', setColumnRole({ ...config, type: 'categorical' }, 'ignore'), 'hint-ignore')}
      </span>
    );
  if (hint.kind === 'date' && config.role === 'ignore')
    return (
      <span className="ds-hint ds-hint--warn" data-testid="hint-date">
        Dates: ignored. {action('Use them as year, day of year and weekday', featureConfig(config.name, 'date'), 'hint-use-date')} ·{' '}
        {action(`as categories (${hint.distinct} one-hot inputs)`, setColumnRole(config, 'feature'), 'hint-use')}
      </span>
    );
  if (hint.kind === 'near-unique' || hint.kind === 'date') {
    const what = hint.kind === 'date' ? 'Dates' : `${hint.distinct} different values (an id or free text?)`;
    if (config.role !== 'ignore')
      return (
        <span className="ds-hint ds-hint--warn" data-testid={`hint-${hint.kind}`}>
          {what}: {hint.distinct} one-hot inputs. {action('Ignore it', setColumnRole(config, 'ignore'), 'hint-ignore')}
        </span>
      );
    return (
      <span className="ds-hint ds-hint--warn" data-testid={`hint-${hint.kind}`}>
        {what}: ignored. {action(`Use it (${hint.distinct} one-hot inputs)`, setColumnRole(config, 'feature'), 'hint-use')}
      </span>
    );
  }
  return (
    <span className="ds-hint" data-testid="hint-integer-classes">
      Whole numbers with {hint.classes} values: classes{config.classNames ? ` (named ${config.classNames.join(', ')} by the metadata line)` : ''}. {action('Predict it as a number', { ...config, encoding: 'regression', classNames: undefined }, 'hint-regression')}
    </span>
  );
}

/** One row of the columns list: name, what was inferred, and the choices. */
function ColumnRow({ j, inferred, config, busy, onEdit, onTarget }: { j: number; inferred: InferredColumn; config: ColumnConfig; busy: boolean; onEdit(j: number, c: ColumnConfig): void; onTarget(j: number, keep: boolean): void }) {
  const col = config.name;
  const hint = targetHint(inferred, config);
  const extra = !!config.extraMissing?.length && hint?.kind !== 'strays';
  return (
    <>
      <tr data-testid={`column-${col}`} className={config.role === 'target' ? 'is-target' : config.role === 'ignore' ? 'is-ignored' : undefined}>
        <th scope="row" title={col}>
          {col}
          <span className="ds-inferred">
            inferred {inferred.type}
            {inferred.missing ? `, ${inferred.missing} missing` : ''}
          </span>
        </th>
        <td>
          <select aria-label={`${col} type`} data-testid="col-type" disabled={busy} value={config.type} onChange={(e) => onEdit(j, setColumnType(config, e.target.value as ColumnConfig['type']))}>
            {(['numeric', 'categorical', 'boolean', 'date', 'ignore'] as const).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </td>
        <td>
          <select
            aria-label={`${col} role`}
            data-testid="col-role"
            disabled={busy || config.type === 'ignore'}
            value={config.role}
            onChange={(e) => {
              const v = e.target.value;
              if (v === 'target' || v === 'also-target') onTarget(j, v === 'also-target');
              else onEdit(j, setColumnRole(config, v as ColumnConfig['role']));
            }}
          >
            <option value="feature">feature</option>
            <option value="target">target</option>
            {config.role !== 'target' && <option value="also-target">another target</option>}
            <option value="ignore">ignore</option>
          </select>
        </td>
        <td>
          {config.role !== 'ignore' && (
            <select aria-label={`${col} encoding`} data-testid="col-encoding" disabled={busy} value={config.encoding} onChange={(e) => onEdit(j, { ...config, encoding: e.target.value as ColumnConfig['encoding'] })}>
              {encodingsFor(config.type, config.role).map((enc) => (
                <option key={enc} value={enc}>
                  {enc}
                </option>
              ))}
            </select>
          )}
        </td>
        <td>
          {config.role !== 'ignore' && (
            <span className="ds-missing">
              <select aria-label={`${col} missing values`} data-testid="col-missing" disabled={busy} value={config.missing} onChange={(e) => onEdit(j, { ...config, missing: e.target.value as ColumnConfig['missing'] })}>
                {missingRulesFor(config.type).map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
              {config.missing === 'constant' && <input aria-label={`${col} constant`} size={6} placeholder="value" value={config.fill ?? ''} onChange={(e) => onEdit(j, { ...config, fill: e.target.value })} />}
            </span>
          )}
        </td>
      </tr>
      {(hint || extra) && (
        <tr className="ds-hint-row">
          <td colSpan={5}>
            <Hint inferred={inferred} config={config} onChange={(c) => onEdit(j, c)} />
            {extra && <span className="ds-inferred">also missing: {config.extraMissing!.join(', ')}</span>}
          </td>
        </tr>
      )}
    </>
  );
}

/** The import wizard dialog. */
export function ImportWizard({ file, network, onImported, onClose }: ImportWizardProps) {
  const [options, setOptions] = useState<CsvOptions>(DEFAULT_OPTIONS);
  const [preview, setPreview] = useState<CsvPreviewReply | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [columns, setColumns] = useState<ColumnConfig[]>([]);
  const [split, setSplit] = useState(DEFAULT_SPLIT);
  const [hidden, setHidden] = useState<{ on: boolean; size: number; activation: ActivationKind }>({ on: false, size: 16, activation: 'tanh' });
  const [name, setName] = useState('');
  const [notes, setNotes] = useState<string[]>([]);
  const [remembered, setRemembered] = useState<CsvPreviewReply['remembered']>(null);
  const [progress, setProgress] = useState<{ read: number; total: number } | null>(null);
  const [problem, setProblem] = useState<DatasetProblem | null>(null);
  const [confirmMany, setConfirmMany] = useState(false);
  const importId = useRef<string | null>(null);
  const suggested = useRef(false);
  /** The options the last preview reply was read with (the first reply may detect them: no second read for the same options). */
  const shown = useRef<CsvOptions | null>(null);

  // Re-read the preview whenever a reading option changes; the first read guesses the layout (or uses the remembered settings).
  useEffect(() => {
    if (shown.current && sameLayout(shown.current, options)) return;
    let live = true;
    const detect = !suggested.current;
    setPreviewError(null);
    api
      .request('dataset.preview', { file, options, detect })
      .then((p) => {
        if (!live) return;
        shown.current = p.options;
        setPreview(p);
        setProblem(null);
        setName((n) => n || p.file.replace(/\.[^.]+$/, ''));
        const memory = detect ? p.remembered : null;
        const fits = !!memory && memory.columns.length === p.columns.length && memory.columns.every((c, j) => c.name === p.columns[j]);
        setColumns(fits ? memory!.columns : p.defaults);
        if (detect) {
          suggested.current = true;
          setNotes(p.notes);
          setRemembered(fits ? memory : null);
          if (fits) {
            setSplit({ ...DEFAULT_SPLIT, ...memory!.split });
            if (memory!.hidden) setHidden({ on: true, size: memory!.hidden.sizes[0], activation: memory!.hidden.activation });
          }
          // The options the guess (or memory) used become the wizard's; offer the sample's decimal comma once.
          const next = !fits && p.suggestedDecimal === ',' && p.options.decimal === '.' ? { ...p.options, decimal: ',' as const } : p.options;
          if (!sameLayout(next, options)) setOptions(next);
        } else setNotes([]);
      })
      .catch((e) => {
        if (!live) return;
        suggested.current = true;
        shown.current = null;
        setPreview(null);
        setPreviewError(message(e));
      });
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
  const counts = useMemo(() => {
    const inferred = preview?.inferred ?? [];
    const per = columns.map((c, j) => ({ name: c.name, inputs: inputsOf(c, inferred[j]) }));
    return {
      inputs: per.reduce((a, c) => a + c.inputs, 0),
      outputs: columns.reduce((a, c, j) => a + outputsOf(c, inferred[j]), 0),
      widest: per.filter((c) => c.inputs > 1).sort((a, b) => b.inputs - a.inputs),
    };
  }, [columns, preview]);
  const hiddenLayers = useMemo<HiddenLayers | null>(() => (hidden.on ? { sizes: [hidden.size], activation: hidden.activation } : null), [hidden.on, hidden.size, hidden.activation]);

  const runImport = useCallback(async () => {
    const id = `imp-${Date.now().toString(36)}`;
    importId.current = id;
    setProblem(null);
    setConfirmMany(false);
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
        hidden: hiddenLayers,
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
  }, [file, name, options, columns, split, hasClassTarget, network, onImported, onClose, preview, hiddenLayers]);

  const cancel = () => {
    if (importId.current) void api.request('dataset.cancel', { importId: importId.current });
  };

  const editColumn = (j: number, c: ColumnConfig) => {
    setConfirmMany(false);
    setColumns((cs) => cs.map((x, k) => (k === j ? c : x)));
  };
  const pickTarget = (j: number, keep: boolean) => {
    setConfirmMany(false);
    setColumns((cs) => chooseTarget(cs, j, keep, !!preview && looksLikeClasses(preview.inferred[j])));
  };
  const forget = () => {
    if (!preview) return;
    setRemembered(null);
    setColumns(preview.defaults);
    setSplit(DEFAULT_SPLIT);
    setHidden((h) => ({ ...h, on: false }));
  };
  const busy = progress !== null;
  const tryImport = () => (counts.inputs > MANY_INPUTS && !confirmMany ? setConfirmMany(true) : void runImport());
  // The wizard's actions, kept together so a dialog with a fixed footer can take them as one piece.
  const footer = busy ? (
    <div className="ds-progress" data-testid="import-progress">
      <progress value={progress.read} max={progress.total || 1} />
      <span>{progress.total ? `${Math.round((100 * progress.read) / progress.total)}%` : ''}</span>
      <button type="button" data-testid="import-cancel" onClick={cancel}>
        Cancel
      </button>
    </div>
  ) : (
    <div className="modal__actions ds-footer">
      <span className={splitError ?? configError ? 'ds-footer__error' : 'muted'} data-testid="import-counts">
        {splitError ?? configError ?? (preview ? `${counts.inputs.toLocaleString('en')} input neuron${counts.inputs === 1 ? '' : 's'}, ${counts.outputs} output${counts.outputs === 1 ? '' : 's'}${hidden.on ? `, ${hidden.size} hidden` : ''}` : '')}
      </span>
      <button type="button" onClick={onClose}>
        Close
      </button>
      <button type="button" className="primary" data-testid="import-run" disabled={!preview || !!splitError || !!configError || confirmMany} onClick={tryImport}>
        Import
      </button>
    </div>
  );

  return (
    <Modal title={`Import ${preview?.file ?? ('path' in file ? file.path : file.name)}`} onClose={busy ? cancel : onClose} testid="import-wizard" wide footer={footer}>
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
              <option value=".">1.5</option>
              <option value=",">1,5</option>
            </select>
          </label>
          <label>
            Skip lines
            <input data-testid="opt-skip" type="number" min={0} max={1000} value={options.skipLines} onChange={(e) => setOptions({ ...options, skipLines: Math.max(0, Math.min(1000, Math.floor(+e.target.value || 0))) })} />
          </label>
          <label>
            Comment char
            <input data-testid="opt-comment" size={2} maxLength={1} value={options.comment} onChange={(e) => setOptions({ ...options, comment: e.target.value.slice(0, 1) })} />
          </label>
          <label>
            Encoding
            <select data-testid="opt-encoding" value={options.encoding} onChange={(e) => setOptions({ ...options, encoding: e.target.value as CsvOptions['encoding'] })}>
              <option value="utf-8">UTF-8</option>
              <option value="latin1">Latin-1</option>
            </select>
          </label>
          <label className="check">
            <span>
              <input data-testid="opt-header" type="checkbox" checked={options.header} onChange={(e) => setOptions({ ...options, header: e.target.checked })} /> Header row
            </span>
          </label>
        </fieldset>

        <div className="ds-scroll">
          {(notes.length > 0 || remembered) && (
            <div className="ds-notes" data-testid="import-notes">
              {remembered && (
                <p data-testid="import-remembered">
                  Using the settings of the last import of this file name.{' '}
                  <button type="button" className="link" data-testid="import-forget" onClick={forget}>
                    Use the guesses instead
                  </button>
                </p>
              )}
              {notes.map((n) => (
                <p key={n}>{n}</p>
              ))}
            </div>
          )}

          {previewError && (
            <div className="ds-problem" role="alert" data-testid="preview-error">
              {previewError}
            </div>
          )}

          {preview && (
            <div className="ds-columns-wrap">
              <table className="ds-columns" data-testid="columns-table" aria-label="Columns">
                <colgroup>
                  <col className="ds-col-name" />
                  <col span={4} />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">column</th>
                    <th scope="col">type</th>
                    <th scope="col">role</th>
                    <th scope="col">encoding</th>
                    <th scope="col">if missing</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.inferred.map((c, j) => columns[j] && <ColumnRow key={j} j={j} inferred={c} config={columns[j]} busy={busy} onEdit={editColumn} onTarget={pickTarget} />)}
                </tbody>
              </table>
            </div>
          )}

          {preview && (
            <details className="ds-preview" open>
              <summary>
                First {preview.rows.length} rows{preview.headerLine ? ` (header on line ${preview.headerLine})` : ' (no header row)'}
              </summary>
              <div className="ds-table-wrap" tabIndex={0} role="region" aria-label="Preview of the first rows">
                <table className="ds-table" data-testid="preview-table">
                  <thead>
                    <tr>
                      {preview.columns.map((col, j) => (
                        <th key={j} className={columns[j]?.role === 'ignore' ? 'is-ignored' : undefined}>
                          {col}
                        </th>
                      ))}
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
            </details>
          )}
        </div>

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

        <fieldset className="ds-hidden" disabled={busy}>
          <label className="check">
            <span>
              <input data-testid="import-hidden" type="checkbox" checked={hidden.on} onChange={(e) => setHidden({ ...hidden, on: e.target.checked })} /> With a hidden layer of
            </span>
          </label>
          <input aria-label="Hidden layer size" data-testid="import-hidden-size" type="number" min={1} max={512} value={hidden.size} onChange={(e) => setHidden({ ...hidden, on: true, size: Math.max(1, Math.min(512, Math.floor(+e.target.value || 1))) })} />
          <select aria-label="Hidden layer activation" data-testid="import-hidden-activation" value={hidden.activation} onChange={(e) => setHidden({ ...hidden, on: true, activation: e.target.value as ActivationKind })}>
            {ACTIVATION_KINDS.map((a) => (
              <option key={a} value={a}>
                {ACTIVATION_INFO[a].label}
              </option>
            ))}
          </select>
          <span className="muted">neurons</span>
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

        {confirmMany && (
          <div className="ds-confirm" role="alert" data-testid="import-confirm-many">
            This import makes {counts.inputs.toLocaleString('en')} input neurons
            {counts.widest.length ? ` (${counts.widest.slice(0, 3).map((c) => `${c.name}: ${c.inputs.toLocaleString('en')}`).join(', ')})` : ''}. A text column with many values one-hot encodes into one input per value. Import anyway?
            <div className="button-row">
              <button type="button" data-testid="import-confirm-back" onClick={() => setConfirmMany(false)}>
                Back to the columns
              </button>
              <button type="button" className="primary" data-testid="import-confirm-run" onClick={() => void runImport()}>
                Import anyway
              </button>
            </div>
          </div>
        )}
      </div>
    </Modal>
  );
}
