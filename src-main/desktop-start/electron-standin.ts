/**
 * A recording stand-in for the parts of Electron's main-process API that src-main/index.ts uses,
 * so the built main process can start under plain Node where the Electron binary cannot run.
 * `electron-hooks.mjs` resolves the `electron` import to this file; `driver.ts` then plays the user,
 * the renderer and the OS through `standin`.
 *
 * It is a model of Electron, not a mock of our code: it keeps the rules Electron enforces that a
 * change in index.ts could break (no window, session or protocol handler before `ready`, schemes
 * made privileged only before it, one IPC handler per channel, structured-clone replies, menu
 * items that need a label, role or type), and it answers what the app asks for (window events,
 * the app protocol's responses, dialogs) the way Electron would.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const electronVersion = (JSON.parse(readFileSync(join(repoRoot, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

// Electron's main process reports its version here; src-main/services/sqlite.ts looks for it.
Object.defineProperty(process.versions, 'electron', { value: electronVersion, enumerable: true });

/** An Electron-style event whose default action a listener may prevent. */
export interface StandinEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

function newEvent(extra: Record<string, unknown> = {}): StandinEvent {
  let prevented = false;
  return {
    ...extra,
    preventDefault: () => void (prevented = true),
    get defaultPrevented() {
      return prevented;
    },
  };
}

/** Every misuse of the API that Electron itself would throw on, kept so the test can report it even if index.ts catches it. */
const misuse: string[] = [];
function refuse(message: string): never {
  misuse.push(message);
  throw new Error(message);
}

let ready = false;
function requireReady(what: string): void {
  if (!ready) refuse(`${what} can only be used after the app is ready`);
}

// --- app ---

class App extends EventEmitter {
  readonly isPackaged = false;
  readonly name = 'Neurite';
  readonly paths = new Map<string, string>([['userData', join(tmpdir(), `neurite-standin-${process.pid}`)]]);
  readonly setPathCalls: { name: string; path: string; beforeReady: boolean }[] = [];
  singleInstanceLockRequested = false;
  quitCalls = 0;
  readonly exitCalls: number[] = [];
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;

  constructor() {
    super();
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }
  getAppPath(): string {
    return process.env.NEURITE_STANDIN_APP_PATH ?? repoRoot;
  }
  getVersion(): string {
    return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) refuse(`app.getPath('${name}') is not modelled by the stand-in`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.setPathCalls.push({ name, path, beforeReady: !ready });
    this.paths.set(name, path);
  }
  requestSingleInstanceLock(): boolean {
    this.singleInstanceLockRequested = true;
    return process.env.NEURITE_STANDIN_LOCK !== 'taken';
  }
  isReady(): boolean {
    return ready;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  /** Recorded only: the OS recent-documents list, the About panel, the Windows app id. */
  readonly recentDocuments: string[] = [];
  addRecentDocument(path: string): void {
    this.recentDocuments.push(path);
  }
  clearRecentDocuments(): void {
    this.recentDocuments.length = 0;
  }
  setAboutPanelOptions(_options: Record<string, unknown>): void {}
  setAppUserModelId(_id: string): void {}
  exit(code = 0): void {
    this.exitCalls.push(code);
  }
  /** Stand-in only: what Electron does once it has initialised. */
  becomeReady(): void {
    ready = true;
    this.emit('ready', newEvent(), {});
    this.resolveReady();
  }
}

/** Electron's `app`. */
export const app = new App();

// --- web contents and windows ---

let nextContentsId = 1;

/** A frame of a web page, as `event.senderFrame` shows it. */
export interface StandinFrame {
  url: string;
  parent: StandinFrame | null;
}

/** Electron's WebContents: what index.ts hardens and sends events through. */
export class WebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: StandinFrame = { url: '', parent: null };
  /** Every message main sent to this page, after the structured clone Electron applies. */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string; frameName: string; features: string; disposition: string }) => { action: 'allow' | 'deny' }) | null = null;
  crashed = false;
  destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) refuse('webContents.send on a destroyed webContents');
    this.sent.push({ channel, args: structuredClone(args) });
  }
  setWindowOpenHandler(handler: WebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler;
  }
  isCrashed(): boolean {
    return this.crashed;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  zoomFactor = 1;
  setZoomFactor(factor: number): void {
    this.zoomFactor = factor;
  }
  getZoomFactor(): number {
    return this.zoomFactor;
  }
  openDevTools(): void {}
  reload(): void {
    const win = BrowserWindow.fromWebContents(this);
    if (win && this.mainFrame.url) void win.loadURL(this.mainFrame.url).catch(() => {});
  }
}

/** How a page load went: the URL and the status the app protocol answered. */
export interface StandinLoad {
  url: string;
  status: number | null;
  error?: string;
}

/** Electron's BrowserWindow. */
export class BrowserWindow extends EventEmitter {
  static readonly all: BrowserWindow[] = [];
  /** Stand-in only: every window ever created, closed ones included, in order. */
  static readonly created: BrowserWindow[] = [];
  private static focused: BrowserWindow | null = null;

  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.all];
  }
  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.focused;
  }
  static fromWebContents(contents: WebContents): BrowserWindow | null {
    return BrowserWindow.all.find((w) => w.webContents === contents) ?? null;
  }

  readonly options: Record<string, unknown>;
  readonly webContents = new WebContents();
  readonly loads: StandinLoad[] = [];
  visible = false;
  minimized = false;
  destroyed = false;
  focusCount = 0;
  restoreCount = 0;
  /** Times the user (or index.ts) asked to close, and whether each went through. */
  readonly closeAttempts: { prevented: boolean }[] = [];

  constructor(options: Record<string, unknown> = {}) {
    super();
    requireReady('new BrowserWindow');
    // Electron copies the options into native state; a later change to the object changes nothing.
    this.options = structuredClone(options);
    BrowserWindow.all.push(this);
    BrowserWindow.created.push(this);
    app.emit('web-contents-created', newEvent(), this.webContents);
    app.emit('browser-window-created', newEvent(), this);
  }
  /** Loads a page; for a scheme the app handles, through its handler, as Electron does. */
  async loadURL(url: string): Promise<void> {
    const load: StandinLoad = { url, status: null };
    this.loads.push(load);
    this.webContents.mainFrame.url = url;
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = protocolHandlers.get(scheme);
    if (!handler) {
      load.error = `ERR_UNKNOWN_URL_SCHEME (${scheme})`;
      throw new Error(load.error);
    }
    const response = await handler(new Request(url));
    load.status = response.status;
    if (!response.ok) {
      load.error = `ERR_HTTP_RESPONSE_CODE_FAILURE (${response.status})`;
      this.webContents.emit('did-fail-load', newEvent(), -379, load.error, url, true);
      throw new Error(load.error);
    }
    this.webContents.emit('did-finish-load', newEvent());
    // The page painted: the moment Electron offers to show a window created with show: false.
    this.emit('ready-to-show', newEvent());
  }
  show(): void {
    this.visible = true;
    BrowserWindow.focused = this;
  }
  focus(): void {
    this.focusCount += 1;
    BrowserWindow.focused = this;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
    if (BrowserWindow.focused === this) BrowserWindow.focused = null;
  }
  restore(): void {
    this.restoreCount += 1;
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setTitle(title: string): void {
    this.options.title = title;
  }
  getTitle(): string {
    return String(this.options.title ?? '');
  }
  setBackgroundColor(color: string): void {
    this.options.backgroundColor = color;
  }
  setMenuBarVisibility(visible: boolean): void {
    this.options.menuBarVisible = visible;
  }
  setAutoHideMenuBar(hide: boolean): void {
    this.options.autoHideMenuBar = hide;
  }
  setDocumentEdited(edited: boolean): void {
    this.options.documentEdited = edited;
  }
  setRepresentedFilename(path: string): void {
    this.options.representedFilename = path;
  }
  isFocused(): boolean {
    return BrowserWindow.focused === this;
  }
  /** What the close button does: 'close' may be prevented; otherwise the window goes, then maybe the app. */
  close(): void {
    if (this.destroyed) return;
    const e = newEvent();
    this.emit('close', e);
    this.closeAttempts.push({ prevented: e.defaultPrevented });
    if (!e.defaultPrevented) this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    BrowserWindow.all.splice(BrowserWindow.all.indexOf(this), 1);
    if (BrowserWindow.focused === this) BrowserWindow.focused = null;
    this.emit('closed');
    this.webContents.emit('destroyed');
    if (BrowserWindow.all.length === 0) {
      // Electron quits by itself when nobody listens for this.
      if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
      else app.quit();
    }
  }
}

// --- IPC ---

/** What `ipcMain.handle` listeners receive. */
export interface StandinInvokeEvent {
  sender: WebContents;
  senderFrame: StandinFrame | null;
  processId: number;
  frameId: number;
}

type InvokeHandler = (event: StandinInvokeEvent, ...args: unknown[]) => unknown;
const invokeHandlers = new Map<string, InvokeHandler>();

class IpcMain extends EventEmitter {
  handle(channel: string, listener: InvokeHandler): void {
    if (invokeHandlers.has(channel)) refuse(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, listener);
  }
  handleOnce(channel: string, listener: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      invokeHandlers.delete(channel);
      return listener(event, ...args);
    });
  }
  removeHandler(channel: string): void {
    invokeHandlers.delete(channel);
  }
}

/** Electron's `ipcMain`. */
export const ipcMain = new IpcMain();

// --- protocol ---

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
const protocolHandlers = new Map<string, ProtocolHandler>();
let privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[] | null = null;

/** Electron's `protocol`. */
export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (ready) refuse('protocol.registerSchemesAsPrivileged should be called before app is ready');
    if (privilegedSchemes) refuse('protocol.registerSchemesAsPrivileged can be called only once');
    privilegedSchemes = structuredClone(schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    requireReady('protocol.handle');
    if (protocolHandlers.has(scheme)) refuse(`Failed to register protocol: ${scheme}`);
    protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocolHandlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return protocolHandlers.has(scheme);
  },
};

// --- session ---

type HeadersListener = (
  details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { cancel?: boolean; responseHeaders?: Record<string, string[]> }) => void,
) => void;
type PermissionRequestHandler = (contents: WebContents, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void;
type PermissionCheckHandler = (contents: WebContents | null, permission: string, origin: string, details: Record<string, unknown>) => boolean;

class Session {
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener | null) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
}

const defaultSession = new Session();

/** Electron's `session` module (only its default session). */
export const session = {
  get defaultSession(): Session {
    requireReady('session.defaultSession');
    return defaultSession;
  },
};

// --- menus ---

/** A menu item as Electron's template describes it (the fields the app uses). */
export interface StandinMenuItem {
  label?: string;
  sublabel?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  visible?: boolean;
  checked?: boolean;
  registerAccelerator?: boolean;
  click?: (item: StandinMenuItem, window: BrowserWindow | null, event: Record<string, unknown>) => void;
  submenu?: StandinMenuItem[] | Menu;
}

/** Electron's Menu, built from a template; items keep their click handlers. */
export class Menu {
  private static application: Menu | null = null;
  static readonly applied: Menu[] = [];

  constructor(readonly items: StandinMenuItem[] = []) {}

  static buildFromTemplate(template: StandinMenuItem[]): Menu {
    return new Menu(
      template.map((item, i) => {
        if (item.label === undefined && item.role === undefined && item.type === undefined) {
          refuse(`Invalid template for MenuItem: must have at least one of label, role or type (item ${i}: ${JSON.stringify(item)})`);
        }
        if (item.type === 'submenu' && !item.submenu) refuse(`Invalid template for MenuItem: submenu item '${item.label}' has no submenu`);
        const submenu = item.submenu instanceof Menu ? item.submenu : item.submenu ? Menu.buildFromTemplate(item.submenu) : undefined;
        return { ...item, ...(submenu ? { submenu } : {}) };
      }),
    );
  }
  static setApplicationMenu(menu: Menu | null): void {
    Menu.application = menu;
    if (menu) Menu.applied.push(menu);
  }
  static getApplicationMenu(): Menu | null {
    return Menu.application;
  }
}

/** Electron's MenuItem (constructed directly by some menus). */
export class MenuItem {
  constructor(options: StandinMenuItem) {
    Object.assign(this, options);
  }
}

// --- dialogs ---

/** One dialog the app showed, and what the stand-in answered. */
export interface StandinDialog {
  kind: 'open' | 'save' | 'message';
  options: Record<string, unknown>;
  parentIsWindow: boolean;
}

const dialogReplies: unknown[] = [];
const dialogsShown: StandinDialog[] = [];

function showDialog<T>(kind: StandinDialog['kind'], windowOrOptions: unknown, maybeOptions: unknown, cancelled: T): Promise<T> {
  requireReady(`dialog.show${kind[0].toUpperCase()}${kind.slice(1)}Dialog`);
  const parentIsWindow = windowOrOptions instanceof BrowserWindow;
  const options = (parentIsWindow ? maybeOptions : windowOrOptions) as Record<string, unknown>;
  dialogsShown.push({ kind, options: structuredClone(options ?? {}), parentIsWindow });
  return Promise.resolve((dialogReplies.shift() as T | undefined) ?? cancelled);
}

/** Electron's `dialog`: answers come from `standin.answerDialog`, else the user cancels. */
export const dialog = {
  showOpenDialog: (w: unknown, o?: unknown) => showDialog('open', w, o, { canceled: true, filePaths: [] as string[] }),
  showSaveDialog: (w: unknown, o?: unknown) => showDialog('save', w, o, { canceled: true, filePath: '' }),
  showMessageBox: (w: unknown, o?: unknown) => showDialog('message', w, o, { response: 0, checkboxChecked: false }),
  showErrorBox: (title: string, content: string) => void dialogsShown.push({ kind: 'message', options: { title, content }, parentIsWindow: false }),
};

// --- smaller modules an app shell commonly reaches for ---

/** Electron's `nativeTheme` (the OS theme; a theme menu may set `themeSource`). */
export const nativeTheme = Object.assign(new EventEmitter(), { themeSource: 'system' as 'system' | 'light' | 'dark', shouldUseDarkColors: false });

/** Electron's `shell`: records what would leave the app, opens nothing. */
export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
  showItemInFolder(path: string): void {
    shell.opened.push(path);
  },
  openPath(path: string): Promise<string> {
    shell.opened.push(path);
    return Promise.resolve('');
  },
};

/** Electron's `webContents` module. */
export const webContents = {
  getAllWebContents: () => BrowserWindow.all.map((w) => w.webContents),
  fromId: (id: number) => BrowserWindow.all.find((w) => w.webContents.id === id)?.webContents,
};

// --- the stand-in's own controls, for driver.ts ---

/** What the driver uses to play Electron, the OS, the user and the renderer. */
export const standin = {
  app,
  defaultSession,
  misuse,
  dialogsShown,
  privilegedSchemes: () => privilegedSchemes,
  handledSchemes: () => [...protocolHandlers.keys()],
  invokeChannels: () => [...invokeHandlers.keys()],
  becomeReady: () => app.becomeReady(),
  /** Queues the answer of the next dialog. */
  answerDialog(reply: unknown): void {
    dialogReplies.push(reply);
  },
  /** A request through the app protocol, as a page (or the address bar) would make it. */
  async fetch(url: string, method = 'GET'): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = protocolHandlers.get(scheme);
    if (!handler) throw new Error(`No handler for scheme ${scheme}`);
    return handler(new Request(url, { method }));
  },
  /** `ipcRenderer.invoke` from a frame of a page: Electron clones the arguments and the reply. */
  async invoke(sender: WebContents, frame: StandinFrame | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = invokeHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event: StandinInvokeEvent = { sender, senderFrame: frame, processId: 1, frameId: 1 };
    return structuredClone(await handler(event, ...structuredClone(args)));
  },
  newEvent,
};
