import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { DatasetFile, HiddenLayers } from '../../src-shared/data/contract';
import { splitProblem } from '../../src-shared/data/column-edits';
import type { DatasetMeta } from '../../src-shared/data/schema';
import type { Network } from '../../src-shared/model/network';
import { ApiCallError } from '../../src-shared/api';
import { api } from '../api';
import { useUiStore } from '../state/ui-store';
import { columnsProblem, MANY_INPUTS, neuronCounts } from './import-counts';
import { importWizardReducer, INITIAL_WIZARD, sameLayout } from './import-wizard-state';

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

/**
 * The import wizard's state, kept in step with main: the preview is read again whenever a reading
 * option changes, progress events follow the running import, and the import itself asks first
 * when it would make more than MANY_INPUTS input neurons.
 */
export function useImportWizard({ file, network, onImported, onClose }: ImportWizardProps) {
  const [state, dispatch] = useReducer(importWizardReducer, INITIAL_WIZARD);
  const { options, preview, columns, split, hidden, name, confirmMany } = state;
  const importId = useRef<string | null>(null);
  const suggested = useRef(false);
  /** The options the last preview reply was read with (the first reply may detect them: no second read for the same options). */
  const shown = useRef<typeof options | null>(null);

  // Re-read the preview whenever a reading option changes; the first read guesses the layout (or uses the remembered settings).
  useEffect(() => {
    if (shown.current && sameLayout(shown.current, options)) return;
    let live = true;
    const detect = !suggested.current;
    dispatch({ type: 'preview-started' });
    api
      .request('dataset.preview', { file, options, detect })
      .then((reply) => {
        if (!live) return;
        shown.current = reply.options;
        if (detect) suggested.current = true;
        dispatch({ type: 'preview-read', reply, detect });
      })
      .catch((e) => {
        if (!live) return;
        suggested.current = true;
        shown.current = null;
        dispatch({ type: 'preview-failed', message: message(e) });
      });
    return () => {
      live = false;
    };
  }, [file, options]);

  useEffect(() => api.on('dataset.progress', (p) => p.importId === importId.current && dispatch({ type: 'import-progress', read: p.bytesRead, total: p.totalBytes })), []);

  const hasClassTarget = columns.some((c) => c.role === 'target' && c.encoding === 'classes');
  const splitError = splitProblem(split);
  const configError = useMemo(() => columnsProblem(columns), [columns]);
  const counts = useMemo(() => neuronCounts(columns, preview?.inferred ?? []), [columns, preview]);
  const hiddenLayers = useMemo<HiddenLayers | null>(() => (hidden.on ? { sizes: [hidden.size], activation: hidden.activation } : null), [hidden.on, hidden.size, hidden.activation]);

  const runImport = useCallback(async () => {
    const id = `imp-${Date.now().toString(36)}`;
    importId.current = id;
    dispatch({ type: 'import-started', total: preview?.bytes ?? 0 });
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
      } else dispatch({ type: 'import-refused', problem: reply.problem });
    } catch (e) {
      dispatch({ type: 'import-refused', problem: { code: 'error', message: message(e), fixes: [] } });
    } finally {
      importId.current = null;
      dispatch({ type: 'import-ended' });
    }
  }, [file, name, options, columns, split, hasClassTarget, network, onImported, onClose, preview, hiddenLayers]);

  const cancel = () => {
    if (importId.current) void api.request('dataset.cancel', { importId: importId.current });
  };
  const tryImport = () => (counts.inputs > MANY_INPUTS && !confirmMany ? dispatch({ type: 'confirm-many', on: true }) : void runImport());

  return { state, dispatch, hasClassTarget, splitError, configError, counts, busy: state.progress !== null, runImport, tryImport, cancel };
}
