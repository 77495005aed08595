/**
 * The sandboxed preload: exposes exactly the PreloadBridge of src-shared/api.ts on
 * `window.neuriteBridge` and nothing of Electron itself (no ipcRenderer, no event objects).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { PreloadBridge, Reply } from '../src-shared/api';

// Kept literal rather than imported so the preload bundles nothing but electron.
const IPC_REQUEST = 'neurite:request';
const IPC_EVENT = 'neurite:event';

const bridge: PreloadBridge = {
  request: (channel, payload) => {
    if (typeof channel !== 'string') return Promise.reject(new TypeError('channel must be a string'));
    return ipcRenderer.invoke(IPC_REQUEST, channel, payload) as Promise<Reply>;
  },
  on: (event, listener) => {
    if (typeof event !== 'string' || typeof listener !== 'function') throw new TypeError('on(event: string, listener: function)');
    const wrapped = (_e: IpcRendererEvent, message: { event: string; payload: unknown }) => {
      if (message?.event === event) listener(message.payload);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => void ipcRenderer.removeListener(IPC_EVENT, wrapped);
  },
  // File.path is gone from sandboxed renderers; webUtils is the supported way to get a dropped file's path.
  pathForFile: (file) => (file instanceof File ? webUtils.getPathForFile(file) : ''),
};

contextBridge.exposeInMainWorld('neuriteBridge', bridge);
