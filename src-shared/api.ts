/**
 * THE contract between the renderer and main: every request channel with its payload and
 * reply schemas, and every event main pushes. Main validates each payload against these
 * schemas before a handler sees it (src-main/services/dispatch.ts); the renderer's client
 * (src-renderer/api.ts) is typed by them. Nothing else crosses the process boundary.
 */
import { z } from 'zod';
import { NetworkSchema } from './model/network';
import { projectRequests } from './model/project';
import { datasetEvents, datasetRequests } from './data/contract';
import { overlayRequests } from './overlay/contract';
import { trainingEvents, trainingRequests } from './training/contract';
import { sweepEvents, sweepRequests } from './training/sweep-contract';
import { exportRequests } from './export/contract';
import { MENU_COMMANDS } from './commands';

/** Which transport the renderer is talking through. */
export const RunModeSchema = z.enum(['electron', 'browser']);

/** Facts about the running app that the renderer shows or adapts to. */
export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: RunModeSchema,
  platform: z.string(),
  /** Whether a first launch (no recent project, nothing to recover) opens an example; off with `--no-example` / NEURITE_NO_EXAMPLE=1. */
  firstLaunchExample: z.boolean().optional(),
});
/** Facts about the running app that the renderer shows or adapts to. */
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Commands the native menu (Electron) or the in-page menu bar (browser) can send to the editor: the registry's (commands.ts). */
export { MENU_COMMANDS, type MenuCommand } from './commands';
/** The 'menu.command' payload's command: one of the registry's menu commands. */
export const MenuCommandSchema = z.enum(MENU_COMMANDS);

const empty = z.object({}).strict();

/** Every request channel: its payload schema and its reply schema. */
export const requests = {
  'app.info': { request: empty, response: AppInfoSchema },
  // The project path this window was launched to open (command line, second instance), once; then null.
  'app.startupPath': { request: empty, response: z.object({ path: z.string().nullable() }) },
  // Closes this window after the renderer has dealt with unsaved edits (answers 'app.closeRequested').
  'app.closeWindow': { request: empty, response: z.object({}) },
  // Echoes a network after validating it against the schema in main: proves the round trip
  // of the largest payload the app sends, and lets the renderer check a pasted document.
  'network.check': { request: z.object({ network: NetworkSchema }).strict(), response: z.object({ neurons: z.number(), synapses: z.number() }) },
  // The window's layout and theme preferences, kept in the state folder so browser mode remembers them
  // across server restarts (a new port is a new origin, with empty localStorage). Opaque JSON to main;
  // the renderer parses it defensively (state/ui-prefs.ts).
  'app.getPrefs': { request: empty, response: z.object({ prefs: z.string().nullable() }) },
  'app.setPrefs': { request: z.object({ prefs: z.string().max(4096) }).strict(), response: z.object({}) },
  // --- projects ---
  // Projects (one SQLite file each): schemas in model/project.ts, behaviour in src-main/services/project/README.md.
  ...projectRequests,
  // --- end projects ---
  // --- datasets ---
  // Datasets (CSV import, examples, data view): schemas in data/contract.ts, behaviour in src-main/services/dataset/handlers.ts.
  ...datasetRequests,
  // --- end datasets ---
  // --- overlay ---
  // Excitatory/inhibitory overlays (forward pass and dataset statistics in the inference worker): overlay/contract.ts, src-main/services/overlay/README.md.
  ...overlayRequests,
  // --- end overlay ---
  // --- training ---
  // Training runs in a worker, run history in the project: training/contract.ts, src-main/services/training/README.md.
  ...trainingRequests,
  // Sweeps (a grid of runs on a pool of workers): training/sweep-contract.ts, src-main/services/training/sweep.ts.
  ...sweepRequests,
  // --- end training ---
  // --- export ---
  // ONNX and PyTorch exports, network JSON, trained weights back as a run: export/contract.ts, src-main/services/export/handlers.ts.
  ...exportRequests,
  // --- end export ---
} as const;

/** The name of a request channel. */
export type Channel = keyof typeof requests;
/** The payload a channel takes. */
export type RequestOf<C extends Channel> = z.input<(typeof requests)[C]['request']>;
/** The reply a channel gives. */
export type ResponseOf<C extends Channel> = z.infer<(typeof requests)[C]['response']>;

/** Every event main pushes to the renderer, with its payload schema. */
export const events = {
  'menu.command': z.object({ command: MenuCommandSchema }),
  // Open Recent, a project file dropped on the app icon, a second launch with a path.
  'project.openPath': z.object({ path: z.string() }),
  // The user asked to close the window: the renderer asks about unsaved edits, then calls 'app.closeWindow'.
  'app.closeRequested': z.object({}),
  ...datasetEvents, // datasets
  ...trainingEvents, // training
  ...sweepEvents, // training sweeps
} as const;

/** The name of a pushed event. */
export type EventName = keyof typeof events;
/** The payload of a pushed event. */
export type EventOf<E extends EventName> = z.infer<(typeof events)[E]>;

/** A failure as it crosses the boundary: a user-facing message and a stable code. */
export const ApiErrorSchema = z.object({ code: z.string(), message: z.string() });
/** A failure as it crosses the boundary. */
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** The reply envelope on every transport. */
export type Reply<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiError };

/** What the renderer holds: typed requests and event subscriptions, whatever the transport. */
export interface NeuriteApi {
  request<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}

/** The untyped bridge the preload exposes on `window.neuriteBridge` (Electron only). */
export interface PreloadBridge {
  request(channel: string, payload: unknown): Promise<Reply>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** The file system path of a file dropped onto the window (sandboxed renderers cannot see it otherwise). */
  pathForFile(file: unknown): string;
}

/** The IPC channel names used by the preload and main. */
export const IPC = { request: 'neurite:request', event: 'neurite:event' } as const;

/** Thrown by the renderer's client when main answers with an error. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
