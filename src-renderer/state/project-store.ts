/**
 * The open project as the renderer sees it: where it lives, the document as last opened or
 * saved (to tell unsaved edits), the recent list, and the project prompt on screen.
 */
import { create } from 'zustand';
import type { Network } from '../../src-shared/model/network';
import type { ProjectInfo, RecentProject, RecoverableSession } from '../../src-shared/model/project';

/** What the user answered when asked about unsaved edits. */
export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** The project prompt on screen, with the callback that its buttons answer. */
export type ProjectPrompt =
  | { kind: 'unsaved'; name: string; resolve(choice: UnsavedChoice): void }
  | { kind: 'open'; resolve(path: string | null): void }
  | { kind: 'saveAs'; suggestedName: string; resolve(path: string | null): void }
  | { kind: 'recovery'; sessions: RecoverableSession[]; resolve(choice: { id: string; recover: boolean } | null): void };

/** The project store's state. */
export interface ProjectState {
  info: ProjectInfo | null;
  /** The document as last opened or saved; the editor's document differs from it when there are unsaved edits. */
  saved: Network | null;
  recent: RecentProject[];
  prompt: ProjectPrompt | null;
  /** What is in progress ("Saving…"), for the status bar. */
  busy: string | null;
}

/** The one project store of the window. */
export const useProjectStore = create<ProjectState>()(() => ({ info: null, saved: null, recent: [], prompt: null, busy: null }));

/**
 * Whether two documents hold the same network. Edits replace the arrays they change, so
 * comparing them by reference is exact; the viewport is not an edit.
 */
export function sameDocument(a: Network | null, b: Network | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.neurons === b.neurons && a.synapses === b.synapses && a.softmaxGroups === b.softmaxGroups;
}

/** Shows a prompt and resolves with the user's answer. */
export function ask<P extends ProjectPrompt>(prompt: Omit<P, 'resolve'>): Promise<Parameters<P['resolve']>[0]> {
  return new Promise((resolve) => {
    const done = (answer: Parameters<P['resolve']>[0]) => {
      useProjectStore.setState({ prompt: null });
      resolve(answer);
    };
    useProjectStore.setState({ prompt: { ...prompt, resolve: done } as ProjectPrompt });
  });
}
