/**
 * Browser mode: `node out/main/serve.js [--port N] [--projects-dir DIR] [--state-dir DIR] [--no-example]`.
 * `--no-example` (used by the e2e suite) starts with an empty canvas even on first launch.
 * Serves the built renderer and the services on 127.0.0.1 behind a per-run token and prints
 * the one URL to open. The server itself lives in ./server; this file only reads arguments.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer } from './server/http-server';
import { installProcessGuards } from './server/process-guards';

function usage(message: string): never {
  console.error(`${message}\nUsage: neurite-serve [--port N] [--projects-dir DIR] [--state-dir DIR] [--no-example]`);
  process.exit(2);
}

async function main() {
  // One failed request, timer or socket must never take every client down with the process.
  installProcessGuards((message, error) => console.error(`[neurite] ${message}`, error ?? ''));
  let values: { port?: string; 'projects-dir'?: string; 'state-dir'?: string; 'no-example'?: boolean };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, 'projects-dir': { type: 'string' }, 'state-dir': { type: 'string' }, 'no-example': { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    usage((e as Error).message);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be an integer from 0 to 65535, got ${values.port}`);
  // Read by app.info (same switch as the desktop app's environment variable).
  if (values['no-example']) process.env.NEURITE_NO_EXAMPLE = '1';
  const server = await startServer({
    // serve.js is built to out/main/, the renderer to out/renderer/.
    rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
    projectsDir: resolve(values['projects-dir'] ?? 'projects'),
    stateDir: values['state-dir'] ? resolve(values['state-dir']) : undefined,
    port,
  });
  console.log(`Neurite is running at ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`Neurite could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
