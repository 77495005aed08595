/** View-only state outside the document: dialogs, toasts, layout and theme, hovered synapse. */
import { create } from 'zustand';
import { loadPrefs, resolveTheme, savePrefs, type Theme, type ThemePref, type UiPrefs } from './ui-prefs';

/** A transient message at the bottom of the canvas. */
export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
  /** A link-styled button after the text (the welcome's guided example). */
  action?: { label: string; run(): void };
}

/** Which modal dialog is open. */
export type Dialog = 'shortcuts' | 'about' | 'insertLayer' | null;

/** A side panel that can be collapsed. */
export type Panel = 'palette' | 'inspector' | 'overlayPanel';

/** The training dock's height limits; at most the window less room for the canvas. */
export const DOCK_HEIGHT = { min: 140, default: 300, canvasRoom: 220 } as const;

const PANEL_KEY: Record<Panel, 'paletteOpen' | 'inspectorOpen' | 'overlayPanelOpen'> = { palette: 'paletteOpen', inspector: 'inspectorOpen', overlayPanel: 'overlayPanelOpen' };

/** The UI store's state and actions. */
export interface UiState extends UiPrefs {
  dialog: Dialog;
  toasts: Toast[];
  hoveredEdge: string | null;
  /** How many neurons the dense-group tool adds. */
  denseCount: number;
  /** Whether the OS asks for dark colours (prefers-color-scheme). */
  osDark: boolean;
  /** The theme in effect (from `theme` and `osDark`). */
  resolvedTheme: Theme;
  /** While a connection is dragged: the neurons it may not end on (their handles are dimmed). */
  refusedTargets: ReadonlySet<string> | null;
  openDialog(d: Dialog): void;
  toggleMinimap(): void;
  togglePanel(p: Panel): void;
  setPanelsBeside(beside: boolean): void;
  setDockHeight(px: number): void;
  setTheme(t: ThemePref): void;
  setOsDark(dark: boolean): void;
  toast(text: string, kind?: Toast['kind'], action?: Toast['action']): void;
  dismissToast(id: number): void;
  setHoveredEdge(id: string | null): void;
  setDenseCount(n: number): void;
  setRefusedTargets(ids: ReadonlySet<string> | null): void;
}

let nextToast = 1;
const TOAST_MS = 5000;

function osPrefersDark(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The remembered part of the UI state. */
export function prefsOf(s: UiPrefs): UiPrefs {
  return { theme: s.theme, paletteOpen: s.paletteOpen, inspectorOpen: s.inspectorOpen, overlayPanelOpen: s.overlayPanelOpen, panelsBeside: s.panelsBeside, minimap: s.minimap, dockHeight: s.dockHeight };
}

const initialPrefs = loadPrefs();
const initialOsDark = osPrefersDark();

/** The one UI store of the window. */
export const useUiStore = create<UiState>()((set, get) => {
  /** Sets preference fields and remembers them. */
  const setPrefs = (patch: Partial<UiPrefs>) => {
    set(patch);
    savePrefs(prefsOf(get()));
  };
  return {
    ...initialPrefs,
    dialog: null,
    toasts: [],
    hoveredEdge: null,
    denseCount: 3,
    osDark: initialOsDark,
    resolvedTheme: resolveTheme(initialPrefs.theme, initialOsDark),
    refusedTargets: null,
    openDialog: (dialog) => set({ dialog }),
    toggleMinimap: () => setPrefs({ minimap: !get().minimap }),
    togglePanel: (p) => setPrefs({ [PANEL_KEY[p]]: !get()[PANEL_KEY[p]] }),
    setPanelsBeside: (panelsBeside) => setPrefs({ panelsBeside }),
    setDockHeight(px) {
      const max = Math.max(DOCK_HEIGHT.min, (typeof window === 'undefined' ? 900 : window.innerHeight) - DOCK_HEIGHT.canvasRoom);
      setPrefs({ dockHeight: Math.round(Math.min(max, Math.max(DOCK_HEIGHT.min, px))) });
    },
    setTheme(theme) {
      setPrefs({ theme });
      set({ resolvedTheme: resolveTheme(theme, get().osDark) });
    },
    setOsDark: (osDark) => set({ osDark, resolvedTheme: resolveTheme(get().theme, osDark) }),
    toast(text, kind = 'info', action) {
      const id = nextToast++;
      // Keep the last three: a burst of refusals should not bury the canvas.
      set({ toasts: [...get().toasts.filter((t) => t.text !== text), { id, kind, text, action }].slice(-3) });
      // A long message (a refused file, what a file held) stays long enough to be read.
      setTimeout(() => get().dismissToast(id), Math.max(TOAST_MS, text.length * 60) + (action ? TOAST_MS : 0));
    },
    dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
    setHoveredEdge: (hoveredEdge) => set({ hoveredEdge }),
    setDenseCount: (n) => set({ denseCount: Math.max(1, Math.min(512, Math.floor(n) || 1)) }),
    setRefusedTargets: (refusedTargets) => set({ refusedTargets }),
  };
});

/** Puts a theme on the document: `data-theme` on <html> (app.css keys its colours on it) and the native controls' colour scheme. */
export function applyTheme(theme: Theme): void {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

// Synchronously, before React re-renders: components that read theme colours while rendering (canvas, charts) get the new ones.
useUiStore.subscribe((s, prev) => {
  if (s.resolvedTheme !== prev.resolvedTheme) applyTheme(s.resolvedTheme);
});
