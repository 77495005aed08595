/**
 * Files dropped on the window: a project opens, a CSV opens the import wizard. It lives in the shell
 * because it hands files to two features (project and data).
 */
import { useEffect } from 'react';
import { PROJECT_EXTENSION } from '../../src-shared/model/project';
import { pathForDroppedFile } from '../api';
import { importFile } from '../data/data-actions';
import { openProject } from '../project/project-actions';
import { useUiStore } from '../state/ui-store';

/** Listens for files dropped anywhere on the window while the editor is mounted. */
export function useFileDrop(): void {
  useEffect(() => {
    window.addEventListener('dragover', allowFileDrop);
    window.addEventListener('drop', dropProjectFile);
    return () => {
      window.removeEventListener('dragover', allowFileDrop);
      window.removeEventListener('drop', dropProjectFile);
    };
  }, []);
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
