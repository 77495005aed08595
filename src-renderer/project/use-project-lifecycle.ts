import { useEffect } from 'react';
import { useEditorStore } from '../state/editor-store';
import { PROJECT_EXTENSION } from '../../src-shared/model/project';
import { api, pathForDroppedFile } from '../api';
import { useUiStore } from '../state/ui-store';
import { importFile } from '../data/data-actions';
import { closeWindow, hasUnsavedEdits, journalUnsavedEdits, openProject, startProject } from './project-actions';
import { sameDocument, useProjectStore } from './project-store';

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
    window.addEventListener('dragover', allowFileDrop);
    window.addEventListener('drop', dropProjectFile);
    return () => {
      stopJournal();
      offOpen();
      offClose();
      window.removeEventListener('beforeunload', guard);
      window.removeEventListener('dragover', allowFileDrop);
      window.removeEventListener('drop', dropProjectFile);
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

function draggingFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
}

function allowFileDrop(e: DragEvent): void {
  if (draggingFiles(e)) e.preventDefault();
}

/** A project file dropped anywhere on the window opens, a CSV opens the import wizard (palette drags carry no files and pass through). */
function dropProjectFile(e: DragEvent): void {
  if (!draggingFiles(e)) return;
  e.preventDefault();
  const file = e.dataTransfer?.files[0];
  if (!file) return;
  if (/\.(csv|tsv)$/i.test(file.name)) {
    void importFile(file);
    return;
  }
  if (!file.name.endsWith(PROJECT_EXTENSION)) {
    useUiStore.getState().toast(`“${file.name}” is not a Neurite project (${PROJECT_EXTENSION}).`, 'error');
    return;
  }
  const path = pathForDroppedFile(file);
  if (path) void openProject(path);
  else useUiStore.getState().toast('A browser cannot hand Neurite a dropped file: put it in the projects folder and use File › Open.', 'error');
}
