/**
 * The child process of desktop-start.test.ts: resolves `electron` to the stand-in, imports the
 * BUILT main process (NEURITE_DESKTOP_MAIN, an out/main/index.js), makes the app ready as Electron
 * would, waits until the first window has loaded its page, then answers the test's calls (see
 * messages.ts) by playing the user, the renderer and the OS. It runs apart from vitest so that
 * neither the resolve hook nor the app's globals reach the test runner.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Call, ChildMessage, FetchResult, MenuView, Ops, Sender, Snapshot, WindowView } from './messages';
import { BrowserWindow, Menu, standin, type StandinFrame, type StandinMenuItem, WebContents } from './electron-standin';

register('./electron-hooks.mjs', import.meta.url);

const crashes: string[] = [];
const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));
process.on('unhandledRejection', (e) => void crashes.push(`unhandled rejection: ${describe(e)}`));
process.on('uncaughtException', (e) => void crashes.push(`uncaught exception: ${describe(e)}`));

function send(message: ChildMessage): void {
  process.send!(message);
}

function menuView(items: StandinMenuItem[]): MenuView[] {
  return items.map((item) => {
    const view: MenuView = {};
    for (const key of ['label', 'sublabel', 'role', 'type', 'accelerator', 'enabled'] as const) {
      if (item[key] !== undefined) (view as Record<string, unknown>)[key] = item[key];
    }
    if (item.submenu) view.submenu = menuView(item.submenu instanceof Menu ? item.submenu.items : item.submenu);
    return view;
  });
}

function windowView(win: BrowserWindow): WindowView {
  return {
    contentsId: win.webContents.id,
    options: win.options,
    loads: structuredClone(win.loads),
    visible: win.visible,
    destroyed: win.destroyed,
    focusCount: win.focusCount,
    restoreCount: win.restoreCount,
    closeAttempts: [...win.closeAttempts],
    sent: structuredClone(win.webContents.sent),
    hasWindowOpenHandler: win.webContents.windowOpenHandler !== null,
  };
}

function snapshot(): Snapshot {
  const app = standin.app;
  const session = standin.defaultSession;
  const menu = Menu.getApplicationMenu();
  return {
    electronVersion: process.versions.electron,
    singleInstanceLockRequested: app.singleInstanceLockRequested,
    setPathCalls: [...app.setPathCalls],
    quitCalls: app.quitCalls,
    exitCalls: [...app.exitCalls],
    misuse: [...standin.misuse],
    crashes: [...crashes],
    privilegedSchemes: standin.privilegedSchemes(),
    handledSchemes: standin.handledSchemes(),
    invokeChannels: standin.invokeChannels(),
    hasHeadersListener: session.headersListener !== null,
    hasPermissionRequestHandler: session.permissionRequestHandler !== null,
    hasPermissionCheckHandler: session.permissionCheckHandler !== null,
    windows: BrowserWindow.created.map(windowView),
    menu: menu ? menuView(menu.items) : null,
    menusSet: Menu.applied.length,
    dialogs: structuredClone(standin.dialogsShown),
  };
}

function windowAt(index: number): BrowserWindow {
  const win = BrowserWindow.created[index];
  if (!win) throw new Error(`The app created no window #${index} (it created ${BrowserWindow.created.length})`);
  return win;
}

function findItem(items: StandinMenuItem[], labels: string[]): StandinMenuItem | null {
  const plain = (s: string | undefined) => (s ?? '').replace(/&/g, '');
  const [first, ...rest] = labels;
  const item = items.find((i) => plain(i.label) === plain(first));
  if (!item) return null;
  if (rest.length === 0) return item;
  if (!item.submenu) return null;
  return findItem(item.submenu instanceof Menu ? item.submenu.items : item.submenu, rest);
}

const ops: { [K in keyof Ops]: (...args: Parameters<Ops[K]>) => ReturnType<Ops[K]> | Promise<ReturnType<Ops[K]>> } = {
  snapshot,
  async fetch(url, method = 'GET'): Promise<FetchResult> {
    const response = await standin.fetch(url, method);
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  },
  async invoke(sender: Sender, channel, payload) {
    const win = windowAt(sender.window ?? 0);
    const contents = sender.foreign ? new WebContents() : win.webContents;
    const url = sender.frameUrl ?? win.webContents.mainFrame.url;
    const frame: StandinFrame = sender.subframe ? { url, parent: win.webContents.mainFrame } : { url, parent: null };
    // What the preload sends: ipcRenderer.invoke('neurite:request', channel, payload).
    return standin.invoke(contents, frame, 'neurite:request', channel, payload);
  },
  windowOpen(window, url) {
    const handler = windowAt(window).webContents.windowOpenHandler;
    return handler ? handler({ url, frameName: '', features: '', disposition: 'new-window' }) : null;
  },
  navigate(window, event, url) {
    const e = standin.newEvent({ url, isMainFrame: true });
    windowAt(window).webContents.emit(event, e, url);
    return { prevented: e.defaultPrevented };
  },
  attachWebview(window) {
    const e = standin.newEvent();
    windowAt(window).webContents.emit('will-attach-webview', e, { preload: 'evil.js', nodeIntegration: true }, { src: 'https://example.com/' });
    return { prevented: e.defaultPrevented };
  },
  async permission(window, permission) {
    const session = standin.defaultSession;
    const contents = windowAt(window).webContents;
    let granted: boolean | null = null;
    if (session.permissionRequestHandler) {
      granted = await new Promise<boolean | null>((resolve) => {
        session.permissionRequestHandler!(contents, permission, resolve, { requestingUrl: contents.mainFrame.url, isMainFrame: true });
        setTimeout(() => resolve(null), 1000);
      });
    }
    const checked = session.permissionCheckHandler ? session.permissionCheckHandler(contents, permission, 'neurite://app', { requestingUrl: contents.mainFrame.url }) : null;
    return { granted, checked };
  },
  async headers(url, responseHeaders) {
    const listener = standin.defaultSession.headersListener;
    if (!listener) return null;
    return new Promise((resolve) => {
      listener({ url, resourceType: 'mainFrame', responseHeaders }, (response) => resolve(response.responseHeaders ?? null));
      setTimeout(() => resolve(null), 1000);
    });
  },
  async appEvent(name, args) {
    const e = standin.newEvent();
    if (name === 'second-instance') standin.app.emit(name, e, args[0], args[1], {});
    else if (name === 'open-file') standin.app.emit(name, e, args[0]);
    else standin.app.emit(name, e, false);
    await pagesLoaded();
    return { prevented: e.defaultPrevented };
  },
  menuClick(labels) {
    const menu = Menu.getApplicationMenu();
    const item = menu ? findItem(menu.items, labels) : null;
    if (!item?.click) return { found: false };
    item.click(item, BrowserWindow.getFocusedWindow(), {});
    return { found: true };
  },
  answerDialog(reply) {
    standin.answerDialog(reply);
  },
  close(window) {
    const win = windowAt(window);
    win.close();
    return { prevented: win.closeAttempts.at(-1)?.prevented ?? false };
  },
  minimize(window) {
    windowAt(window).minimize();
  },
  crash(window) {
    windowAt(window).webContents.crashed = true;
  },
};

/** Waits until every page a window started loading has answered (or failed). */
const pagesLoaded = () => until('the windows to load their pages', () => BrowserWindow.created.every((w) => w.loads.every((l) => l.status !== null || l.error)));

async function until(what: string, done: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function main(): Promise<void> {
  const mainJs = process.env.NEURITE_DESKTOP_MAIN;
  if (!mainJs) throw new Error('NEURITE_DESKTOP_MAIN (the built out/main/index.js) is not set');
  await import(pathToFileURL(mainJs).href);
  // The stand-in the app imported must be this one, or nothing recorded would be seen.
  if (!standin.app.singleInstanceLockRequested) throw new Error(`${mainJs} ran without reaching the stand-in's app.requestSingleInstanceLock: is electron resolved elsewhere?`);
  const beforeReady = snapshot();
  standin.becomeReady();
  const lockTaken = process.env.NEURITE_STANDIN_LOCK === 'taken';
  const broken = () => crashes.length > 0 || standin.misuse.length > 0 || standin.app.exitCalls.length > 0;
  if (!lockTaken) await until('the first window to start loading its page', () => broken() || BrowserWindow.created.some((w) => w.loads.length > 0));
  await pagesLoaded();
  if (broken()) throw new Error(`main did not start cleanly:\n${[...standin.misuse, ...crashes, ...standin.app.exitCalls.map((c) => `app.exit(${c})`)].join('\n')}`);
  // Let whatever the page's load triggers in main (ready-to-show) run.
  await new Promise((r) => setTimeout(r, 20));
  send({ kind: 'started', beforeReady, afterStart: snapshot() });
}

process.on('message', (message: Call) => {
  void (async () => {
    try {
      const op = ops[message.op] as (...args: unknown[]) => unknown;
      const value = await op(...message.args);
      send({ kind: 'reply', id: message.id, ok: true, value });
    } catch (e) {
      send({ kind: 'reply', id: message.id, ok: false, error: describe(e) });
    }
  })();
});
process.on('disconnect', () => process.exit(0));

main().catch((e) => {
  send({ kind: 'failed', error: describe(e) });
  setTimeout(() => process.exit(1), 50);
});
