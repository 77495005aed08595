/**
 * The Electron shell, kept thin: one window per project, the security bar, the native menu
 * and the IPC wiring. Everything with logic lives in ./services and ./server, tested in Node.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain, nativeTheme, protocol, session as electronSession, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC, type MenuCommand } from '../src-shared/api';
import { PROJECT_EXTENSION } from '../src-shared/model/project';
import { APP_INDEX_URL, APP_SCHEME, appProtocolHandler, electronCsp, isAppUrl } from './server/app-protocol';
import { createDispatcher } from './services/dispatch';
import { handlers } from './services/handlers';
import { menuTemplate } from './services/menu-template';
import { readRecent } from './services/project/recent';
import { createSession, type Session } from './services/session';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const dispatch = createDispatcher(handlers);
const windows = new Map<number, { win: BrowserWindow; session: Session }>();

/** The first existing `.neurite` path among command-line arguments (`npm start -- net.neurite`). */
function projectPathIn(argv: string[], cwd: string): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || !arg.endsWith(PROJECT_EXTENSION)) continue;
    const path = resolve(cwd, arg);
    if (existsSync(path)) return path;
  }
  return null;
}
let launchPath = projectPathIn(process.argv, process.cwd());

// better-sqlite3's own addon is built for Node; the desktop app loads the Electron build `npm start` fetched.
process.env.NEURITE_SQLITE_BINDING ??= resolve(app.getAppPath(), '.electron-native', 'better_sqlite3.node');

// Tests and portable runs may keep app state elsewhere; must happen before 'ready'.
if (process.env.NEURITE_USER_DATA) {
  mkdirSync(process.env.NEURITE_USER_DATA, { recursive: true });
  app.setPath('userData', process.env.NEURITE_USER_DATA);
}

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_e, argv, workingDirectory) => {
    const first = [...windows.values()][0];
    if (!first) return;
    if (first.win.isMinimized()) first.win.restore();
    first.win.focus();
    const path = projectPathIn(argv, workingDirectory);
    if (path) first.session.emit('project.openPath', { path });
  });
  // macOS: a project file dropped on the dock icon or opened from Finder.
  app.on('open-file', (e, path) => {
    e.preventDefault();
    const first = [...windows.values()][0];
    if (first) first.session.emit('project.openPath', { path });
    else launchPath = path;
  });
  app.whenReady().then(start, (e) => {
    console.error('Neurite could not start', e);
    app.exit(1);
  });
}

function hardenSession() {
  const ses = electronSession.defaultSession;
  const csp = electronCsp(devServerUrl);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp], 'X-Content-Type-Options': ['nosniff'] } });
  });
  // Neurite needs no camera, location, notifications or the like: refuse them all.
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/** Applies to every web contents Electron creates, including any we did not mean to. */
function hardenContents(contents: WebContents) {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayHome = (e: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, devServerUrl)) e.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
}

/** The IPC sender must be the main frame of one of our windows, showing our own page. */
function sessionOf(event: IpcMainInvokeEvent): Session | null {
  const entry = windows.get(event.sender.id);
  const frame = event.senderFrame;
  if (!entry || !frame || frame.parent !== null || !isAppUrl(frame.url, devServerUrl)) return null;
  return entry.session;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Neurite',
    // The app icon (window and taskbar on Linux and Windows); the same drawing as the favicon.
    icon: fileURLToPath(new URL('../renderer/icon-512.png', import.meta.url)),
    // No white flash before a dark theme paints.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171c' : '#f4f5f7',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would otherwise try to open links in new windows (denied anyway by setWindowOpenHandler).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const contentsId = win.webContents.id;
  let closeConfirmed = false;
  const { session, close } = createSession({
    mode: 'electron',
    projectsDir: null,
    stateDir: app.getPath('userData'),
    emit: (event, payload) => {
      if (!win.isDestroyed()) win.webContents.send(IPC.event, { event, payload });
    },
    takeStartupPath: () => {
      const path = launchPath;
      launchPath = null;
      return path;
    },
    closeWindow: () => {
      closeConfirmed = true;
      win.close();
    },
    pickPath: async (mode, suggestedName) => {
      if (mode === 'csv') {
        const r = await dialog.showOpenDialog(win, { properties: ['openFile'], filters: [{ name: 'CSV', extensions: ['csv', 'tsv', 'txt'] }] });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      }
      if (mode === 'export') {
        const r = await dialog.showSaveDialog(win, { defaultPath: suggestedName, properties: ['createDirectory', 'showOverwriteConfirmation'] });
        return r.canceled || !r.filePath ? null : r.filePath;
      }
      const filters = [{ name: 'Neurite project', extensions: [PROJECT_EXTENSION.slice(1)] }];
      if (mode === 'open') {
        const r = await dialog.showOpenDialog(win, { properties: ['openFile'], filters });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      }
      const r = await dialog.showSaveDialog(win, { defaultPath: suggestedName, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  });
  windows.set(contentsId, { win, session });
  // Unsaved edits are the renderer's to ask about; it answers with 'app.closeWindow'. A crashed renderer cannot answer.
  win.on('close', (e) => {
    if (closeConfirmed || win.webContents.isCrashed()) return;
    e.preventDefault();
    session.emit('app.closeRequested', {});
  });
  win.on('closed', () => {
    windows.delete(contentsId);
    close();
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl ?? APP_INDEX_URL);
  return win;
}

function sendToFocused(command: MenuCommand) {
  const win = BrowserWindow.getFocusedWindow() ?? [...windows.values()][0]?.win;
  if (win) windows.get(win.webContents.id)?.session.emit('menu.command', { command });
}

function openInFocused(path: string) {
  const win = BrowserWindow.getFocusedWindow() ?? [...windows.values()][0]?.win;
  if (win) windows.get(win.webContents.id)?.session.emit('project.openPath', { path });
}

/** The native menu, rebuilt when the recent list may have changed. */
function buildMenu() {
  const recent = readRecent(app.getPath('userData'));
  const template = menuTemplate({ appName: 'Neurite', isMac: process.platform === 'darwin', isPackaged: app.isPackaged, send: sendToFocused, recent, openPath: openInFocused });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function start() {
  hardenSession();
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));
  ipcMain.handle(IPC.request, async (event, channel: unknown, payload: unknown) => {
    const session = sessionOf(event);
    if (!session) return { ok: false, error: { code: 'forbidden', message: 'Request from an untrusted frame' } };
    const reply = await dispatch(String(channel), payload, session);
    if (String(channel).startsWith('project.')) buildMenu();
    return reply;
  });
  buildMenu();
  createWindow();
  app.on('activate', () => {
    if (windows.size === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
