/** What the test (harness.ts) and the child running the built main process (driver.ts) say to each other. */

/** A menu item as the test sees it: its data, without the click handler. */
export interface MenuView {
  label?: string;
  sublabel?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  submenu?: MenuView[];
}

/** One window the app created, as recorded by the stand-in. */
export interface WindowView {
  contentsId: number;
  options: Record<string, unknown>;
  loads: { url: string; status: number | null; error?: string }[];
  visible: boolean;
  destroyed: boolean;
  focusCount: number;
  restoreCount: number;
  closeAttempts: { prevented: boolean }[];
  /** Messages main sent to the page: [channel, ...args]. */
  sent: { channel: string; args: unknown[] }[];
  hasWindowOpenHandler: boolean;
}

/** Everything the stand-in recorded, at one moment. */
export interface Snapshot {
  electronVersion: string | undefined;
  singleInstanceLockRequested: boolean;
  setPathCalls: { name: string; path: string; beforeReady: boolean }[];
  quitCalls: number;
  exitCalls: number[];
  /** Uses of the API Electron would have thrown on. */
  misuse: string[];
  /** Unhandled rejections and uncaught exceptions in main. */
  crashes: string[];
  privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[] | null;
  handledSchemes: string[];
  invokeChannels: string[];
  hasHeadersListener: boolean;
  hasPermissionRequestHandler: boolean;
  hasPermissionCheckHandler: boolean;
  windows: WindowView[];
  /** The application menu last set, and how many times one was set. */
  menu: MenuView[] | null;
  menusSet: number;
  dialogs: { kind: string; options: Record<string, unknown>; parentIsWindow: boolean }[];
}

/** Who sends an IPC request: a window's main frame by default, or something less trusted. */
export interface Sender {
  /** Index into the windows the app created (default 0). */
  window?: number;
  /** The frame's URL (default: the URL the window loaded). */
  frameUrl?: string;
  /** An iframe inside the page rather than its main frame. */
  subframe?: boolean;
  /** A web contents that is not one of the app's windows (a webview, a devtools page…). */
  foreign?: boolean;
}

/** A response of the app protocol. */
export interface FetchResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The operations driver.ts answers; each returns a promise of the result type. */
export interface Ops {
  snapshot(): Snapshot;
  fetch(url: string, method?: string): FetchResult;
  invoke(sender: Sender, channel: unknown, payload: unknown): unknown;
  windowOpen(window: number, url: string): { action: string } | null;
  navigate(window: number, event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): { prevented: boolean };
  attachWebview(window: number): { prevented: boolean };
  permission(window: number, permission: string): { granted: boolean | null; checked: boolean | null };
  headers(url: string, responseHeaders: Record<string, string[]>): Record<string, string[]> | null;
  appEvent(name: 'second-instance' | 'open-file' | 'activate', args: unknown[]): { prevented: boolean };
  menuClick(labels: string[]): { found: boolean };
  answerDialog(reply: unknown): void;
  close(window: number): { prevented: boolean };
  minimize(window: number): void;
  crash(window: number): void;
}

/** Parent → child. */
export interface Call {
  id: number;
  op: keyof Ops;
  args: unknown[];
}

/** Child → parent. */
export type ChildMessage =
  | { kind: 'started'; beforeReady: Snapshot; afterStart: Snapshot }
  | { kind: 'failed'; error: string }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string };
