import { useEffect } from 'react';
import { useEditorStore } from '../state/editor-store';
import { api } from '../api';
import { closeWindow, hasUnsavedEdits, journalUnsavedEdits, openProject, startProject } from './project-actions';
import { sameDocument, useProjectStore } from '../state/project-store';

/** Starts the window's project, journals unsaved edits, keeps the title current and guards the tab against closing. */
export function useProjectLifecycle(): void {
  useEffect(() => {
    void startProject();
    const stopJournal = journalUnsavedEdits();
    const guard = (e: BeforeUnloadEvent) => {
      if (hasUnsavedEdits()) e.preventDefault();
    };
    window.addEventListener('beforeunload', guard);
    const offOpen = api.on('project.openPath', ({ path }) => void openProject(path));
    const offClose = api.on('app.closeRequested', () => void closeWindow());
    return () => {
      stopJournal();
      offOpen();
      offClose();
      window.removeEventListener('beforeunload', guard);
    };
  }, []);

  const name = useProjectStore((s) => s.info?.name ?? 'Untitled');
  const dirty = useUnsaved();
  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${name} — Neurite`;
  }, [name, dirty]);
}

/** Whether the project has unsaved edits, re-rendering when that changes. */
export function useUnsaved(): boolean {
  const network = useEditorStore((s) => s.network);
  const saved = useProjectStore((s) => s.saved);
  return !sameDocument(network, saved);
}
