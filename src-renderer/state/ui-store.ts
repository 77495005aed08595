/** View-only state outside the document: dialogs, toasts, minimap, hovered synapse. */
import { create } from 'zustand';

/** A transient message at the bottom of the canvas. */
export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

/** Which modal dialog is open. */
export type Dialog = 'shortcuts' | 'about' | 'insertLayer' | null;

/** The UI store's state and actions. */
export interface UiState {
  dialog: Dialog;
  minimap: boolean;
  toasts: Toast[];
  hoveredEdge: string | null;
  /** How many neurons the dense-group tool adds. */
  denseCount: number;
  openDialog(d: Dialog): void;
  toggleMinimap(): void;
  toast(text: string, kind?: Toast['kind']): void;
  dismissToast(id: number): void;
  setHoveredEdge(id: string | null): void;
  setDenseCount(n: number): void;
}

let nextToast = 1;
const TOAST_MS = 5000;

/** The one UI store of the window. */
export const useUiStore = create<UiState>()((set, get) => ({
  dialog: null,
  minimap: true,
  toasts: [],
  hoveredEdge: null,
  denseCount: 3,
  openDialog: (dialog) => set({ dialog }),
  toggleMinimap: () => set({ minimap: !get().minimap }),
  toast(text, kind = 'info') {
    const id = nextToast++;
    // Keep the last three: a burst of refusals should not bury the canvas.
    set({ toasts: [...get().toasts.filter((t) => t.text !== text), { id, kind, text }].slice(-3) });
    // A long message (a refused file, what a file held) stays long enough to be read.
    setTimeout(() => get().dismissToast(id), Math.max(TOAST_MS, text.length * 60));
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  setHoveredEdge: (hoveredEdge) => set({ hoveredEdge }),
  setDenseCount: (n) => set({ denseCount: Math.max(1, Math.min(512, Math.floor(n) || 1)) }),
}));
