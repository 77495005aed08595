/**
 * New, open, save, save as, close and recovery: the renderer's half of the project lifecycle
 * (main's half is src-main/services/project). A failed open leaves the open project as it was.
 */
import { ApiCallError } from '../../src-shared/api';
import type { ProjectInfo, ProjectSnapshot, RecoverableSession } from '../../src-shared/model/project';
import { api } from '../api';
import { runCommand } from '../state/command-bus';
import { useEditorStore } from '../state/editor-store';
import { leaveReplay } from '../training/replay-actions';
import { useUiStore } from '../state/ui-store';
import { ask, sameDocument, useProjectStore, type ProjectPrompt } from '../state/project-store';

/** True when the editor holds edits that are not in the saved file. */
export function hasUnsavedEdits(): boolean {
  return !sameDocument(useEditorStore.getState().network, useProjectStore.getState().saved);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function busy<T>(label: string, work: () => Promise<T>): Promise<T> {
  useProjectStore.setState({ busy: label });
  try {
    return await work();
  } finally {
    useProjectStore.setState({ busy: null });
  }
}

function withoutNetwork({ network: _network, warnings: _warnings, ...info }: ProjectSnapshot): ProjectInfo {
  return info;
}

function adopt(snapshot: ProjectSnapshot): void {
  const { network } = snapshot;
  const info = withoutNetwork(snapshot);
  useEditorStore.getState().load(network);
  // Recovered edits are not in the file yet, so they count as unsaved.
  useProjectStore.setState({ info, saved: info.recovered ? null : useEditorStore.getState().network });
  // What a file held that Neurite left out (a trigger, a view): said once, as the file opens.
  for (const w of snapshot.warnings ?? []) useUiStore.getState().toast(w, 'error');
  void refreshRecent();
}

/** Reloads the Open Recent list. */
export async function refreshRecent(): Promise<void> {
  try {
    useProjectStore.setState({ recent: await api.request('project.recent', {}) });
  } catch {
    // The list is a convenience; the menu simply stays as it was.
  }
}

/** Asks for a path with the native dialog, or with the in-page one where there is none. */
async function pickPath(mode: 'open' | 'save', suggestedName: string): Promise<string | null> {
  try {
    return (await api.request('project.pickPath', { mode, suggestedName })).path;
  } catch (e) {
    if (!(e instanceof ApiCallError && e.code === 'project.noDialog')) throw e;
  }
  return mode === 'open' ? ask<Extract<ProjectPrompt, { kind: 'open' }>>({ kind: 'open' }) : ask<Extract<ProjectPrompt, { kind: 'saveAs' }>>({ kind: 'saveAs', suggestedName });
}

/** Saves to the current file, asking for one if the project was never saved. Returns false if nothing was saved. */
export async function saveProject(): Promise<boolean> {
  const info = useProjectStore.getState().info;
  if (!info?.path) return saveProjectAs();
  return writeProject(null);
}

/** Saves under a new path the user picks. Returns false if nothing was saved. */
export async function saveProjectAs(): Promise<boolean> {
  try {
    const path = await pickPath('save', useProjectStore.getState().info?.name ?? 'Untitled');
    return path ? writeProject(path) : false;
  } catch (e) {
    useUiStore.getState().toast(messageOf(e), 'error');
    return false;
  }
}

async function writeProject(path: string | null): Promise<boolean> {
  // A replay on the canvas is a view of a run, not the document: save the network's own weights.
  leaveReplay();
  const network = useEditorStore.getState().network;
  try {
    const info: ProjectInfo = await busy('Saving…', () => api.request('project.save', { network, path }));
    useProjectStore.setState({ info, saved: network });
    useUiStore.getState().toast(`Saved ${info.name}.`);
    void refreshRecent();
    return true;
  } catch (e) {
    if (e instanceof ApiCallError && e.code === 'project.noPath') return saveProjectAs();
    useUiStore.getState().toast(messageOf(e), 'error');
    return false;
  }
}

/** Before replacing the open project: Save / Don't Save / Cancel. Resolves true to go on. */
export async function confirmDiscard(): Promise<boolean> {
  if (!hasUnsavedEdits()) return true;
  const name = useProjectStore.getState().info?.name ?? 'Untitled';
  const choice = await ask<Extract<ProjectPrompt, { kind: 'unsaved' }>>({ kind: 'unsaved', name });
  if (choice === 'cancel') return false;
  return choice === 'discard' || saveProject();
}

/** Starts a new untitled project. */
export async function newProject(): Promise<void> {
  if (!(await confirmDiscard())) return;
  try {
    adopt(await api.request('project.new', {}));
  } catch (e) {
    useUiStore.getState().toast(messageOf(e), 'error');
  }
}

/** Replaces the open project with a new untitled one, without asking (callers ask with confirmDiscard first). */
export async function newProjectSnapshot(): Promise<void> {
  adopt(await api.request('project.new', {}));
}

/** Opens a project: the given path, or one the user picks. The open project stays if this fails. */
export async function openProject(path?: string): Promise<boolean> {
  if (!(await confirmDiscard())) return false;
  try {
    const target = path ?? (await pickPath('open', ''));
    if (!target) return false;
    adopt(await busy('Opening…', () => api.request('project.open', { path: target })));
    return true;
  } catch (e) {
    useUiStore.getState().toast(messageOf(e), 'error');
    return false;
  }
}

/** Closes the project (asking about unsaved edits) and leaves an empty untitled one. */
export async function closeProject(): Promise<boolean> {
  if (!(await confirmDiscard())) return false;
  await api.request('project.close', {});
  adopt(await api.request('project.new', {}));
  return true;
}

/** Offers each session that died with unsaved edits; returns true if one was restored. */
async function offerRecovery(sessions: RecoverableSession[]): Promise<boolean> {
  const choice = await ask<Extract<ProjectPrompt, { kind: 'recovery' }>>({ kind: 'recovery', sessions });
  if (!choice) return false;
  if (!choice.recover) {
    await api.request('project.discardRecovery', { id: choice.id });
    const rest = sessions.filter((s) => s.id !== choice.id);
    return rest.length ? offerRecovery(rest) : false;
  }
  adopt(await api.request('project.recover', { id: choice.id }));
  return true;
}

/**
 * First launch (no recent project, nothing recovered, never offered before in this state dir,
 * not switched off): a new project with the circles example, which the default training settings fit in a
 * moment (two spirals needs ~300 epochs from fresh weights), so Train works at once. Main
 * remembers the offer, so a reload or restart of a still-empty projects folder does not repeat it.
 */
async function firstLaunch(): Promise<boolean> {
  const [info, recent] = await Promise.all([api.request('app.info', {}), api.request('project.recent', {})]);
  if (!info.firstLaunchExample || recent.length) return false;
  await api.request('dataset.welcomeOffered', {});
  const before = useEditorStore.getState().network;
  const snapshot = await api.request('project.new', {});
  // Never overwrite what the user already drew while this was loading.
  if (useEditorStore.getState().network !== before) return false;
  adopt(snapshot);
  const example = await api.request('dataset.example', { kind: 'circles' });
  if (useEditorStore.getState().network !== snapshot.network && useEditorStore.getState().network.neurons.length) return true;
  // The example is where this project starts (as New from Example): undo does not lead back to an empty canvas.
  useEditorStore.getState().load(example.network);
  useUiStore.getState().toast(`Welcome! This is the “${example.meta.name}” example. Press Train (F5) to fit it, switch the overlay to Contributions to see which connections excite and which inhibit, or use File › New from Example… / Import CSV….`, 'info', {
    label: 'What does a negative output do? (a guided example)',
    run: () => void runCommand('help.negativeOutput'),
  });
  return true;
}

/**
 * At startup: the project the app was launched with; else restore unsaved edits of a crashed session if the user wants;
 * else the first-launch example; else a new project. `<html data-startup="done">` then says startup has decided what to
 * show (the one signal that nothing more is coming when nothing is offered).
 */
export async function startProject(): Promise<void> {
  try {
    const { path } = await api.request('app.startupPath', {});
    if (path && (await openProject(path))) return;
    const before = useEditorStore.getState().network;
    const sessions = await api.request('project.recovery', {});
    if (sessions.length && (await offerRecovery(sessions))) return;
    if (await firstLaunch()) return;
    const snapshot = await api.request('project.new', {});
    // The canvas is usable before this reply arrives: keep whatever the user did meanwhile, as unsaved edits.
    if (useEditorStore.getState().network === before) adopt(snapshot);
    else useProjectStore.setState({ info: withoutNetwork(snapshot), saved: before });
  } catch (e) {
    useUiStore.getState().toast(messageOf(e), 'error');
  } finally {
    document.documentElement.dataset.startup = 'done';
  }
}

/** The window is closing: ask about unsaved edits, then let main close it. */
export async function closeWindow(): Promise<void> {
  if (await confirmDiscard()) await api.request('app.closeWindow', {});
}

const JOURNAL_DELAY_MS = 1000;

/** Where the journal of unsaved edits stands, on `<html data-journal>`: `pending` (an edit waits for the debounce) or `written` (journaled, or nothing left to journal). */
function journalState(state: 'pending' | 'written'): void {
  document.documentElement.dataset.journal = state;
}

/** Journals unsaved edits (debounced) so a crash can restore them; returns the unsubscribe. */
export function journalUnsavedEdits(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  const unsubscribe = useEditorStore.subscribe((s, prev) => {
    if (sameDocument(s.network, prev.network) || !hasUnsavedEdits()) return;
    clearTimeout(timer);
    const mine = ++latest;
    journalState('pending');
    timer = setTimeout(() => {
      if (!hasUnsavedEdits()) return journalState('written');
      api.request('project.journal', { network: useEditorStore.getState().network }).then(
        () => mine === latest && journalState('written'),
        () => undefined,
      );
    }, JOURNAL_DELAY_MS);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
