import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IPC } from '../../src-shared/api';
import { APP_INDEX_URL, appProtocolHandler, electronCsp, isAppUrl } from './app-protocol';

const base = mkdtempSync(join(tmpdir(), 'neurite-protocol-test-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Neurite</title>');
writeFileSync(join(root, 'assets', 'a.css'), 'body{}');
writeFileSync(join(base, 'secret.txt'), 'secret');

describe('the neurite:// protocol of Electron', () => {
  const handle = appProtocolHandler(root);

  it('serves the renderer with the CSP and nosniff', async () => {
    const res = await handle(new Request(APP_INDEX_URL));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Neurite</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(electronCsp());
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await handle(new Request('neurite://app/assets/a.css'))).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('refuses other hosts, paths outside the root, directories and writes', async () => {
    for (const url of ['neurite://other/index.html', 'neurite://app/%2e%2e/secret.txt', 'neurite://app/assets/..%2f..%2fsecret.txt', 'neurite://app/assets/', 'neurite://app/nope.js']) {
      const res = await handle(new Request(url));
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain('secret');
    }
    expect((await handle(new Request(APP_INDEX_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('has no inline scripts, eval or remote script sources in the production CSP', () => {
    const script = electronCsp().split('; ').find((d) => d.startsWith('script-src'));
    expect(script).toBe("script-src 'self'");
    expect(electronCsp()).toContain("object-src 'none'");
  });
});

describe('isAppUrl', () => {
  it('accepts only our origin, and the dev server only when one is given', () => {
    expect(isAppUrl('neurite://app/index.html')).toBe(true);
    expect(isAppUrl('neurite://app/index.html#x')).toBe(true);
    expect(isAppUrl('neurite://evil/index.html')).toBe(false);
    expect(isAppUrl('file:///work/out/renderer/index.html')).toBe(false);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('the preload', () => {
  it('uses the IPC channel names of the contract (it inlines them to bundle nothing but electron)', () => {
    const source = readFileSync(new URL('../preload.ts', import.meta.url), 'utf8');
    expect(source).toContain(`const IPC_REQUEST = '${IPC.request}'`);
    expect(source).toContain(`const IPC_EVENT = '${IPC.event}'`);
    expect(source).toContain("exposeInMainWorld('neuriteBridge'");
  });
});
