import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { handshakeProtocols } from './server/auth';

const root = fileURLToPath(new URL('..', import.meta.url));
const serve = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src-main/serve.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });

describe('serve CLI', () => {
  it('refuses bad arguments with usage and exit code 2', () => {
    for (const args of [['--port', '70000'], ['--port', 'abc'], ['--no-token'], ['extra']]) {
      const r = serve(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage: neurite-serve');
      expect(r.stdout).toBe('');
    }
  });

  it('prints exactly one URL line, creates the projects and state folders, and stops on SIGTERM', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'neurite-serve-cli-')), 'projects');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/serve.ts', '--projects-dir', dir], { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (out.includes('\n')) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
    expect(out).toMatch(/^Neurite is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}\n$/);
    expect(existsSync(join(dir, '.neurite-state'))).toBe(true);
    // It answers on the printed address, its WebSocket wants the token (and it is past start-up when the signal comes).
    const url = new URL(out.trim().replace('Neurite is running at ', ''));
    const handshake = (protocols: string[]) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://${url.host}/ws`, protocols);
        ws.once('open', () => (ws.close(), resolve(101)));
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', reject);
      });
    expect(await handshake(['neurite'])).toBe(401);
    expect(await handshake(handshakeProtocols(url.searchParams.get('token')!))).toBe(101);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
