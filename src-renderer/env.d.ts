import type { PreloadBridge } from '../src-shared/api';

declare global {
  interface Window {
    /** Exposed by the preload in Electron; absent in browser mode. */
    neuriteBridge?: PreloadBridge;
  }
}

export {};
