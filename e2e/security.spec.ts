/**
 * The security bar of browser mode, checked in the real Chromium against the real serve.js:
 * the CSP the page runs under, the token gate, the HttpOnly cookie, and the Origin check that
 * stops another local page (same site, other port) from using that cookie on the WebSocket.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as apiRequest } from '@playwright/test';
import { expect, test } from './fixtures';

// These tests provoke violations on purpose.
test.use({ cspViolationsAllowed: true });

/** Opens a WebSocket from inside the page and reports whether app.info came back. */
const tryWebSocket = (wsUrl: string) =>
  new Promise<string>((resolve) => {
    const ws = new WebSocket(wsUrl);
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, channel: 'app.info', payload: {} }));
    ws.onmessage = (e) => {
      const reply = JSON.parse(e.data);
      resolve(reply.ok ? `ok:${reply.result.mode}` : `error:${reply.error.code}`);
      ws.close();
    };
    ws.onerror = () => resolve('refused');
    ws.onclose = () => resolve('refused');
  });

test.describe('security: browser mode', () => {
  test('the page runs under a CSP that forbids eval and inline scripts', async ({ page, app }) => {
    const res = await page.request.get(app.url);
    const csp = res.headers()['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers()['x-content-type-options']).toBe('nosniff');

    // Code Playwright evaluates runs with eval allowed (DevTools lifts it), so the eval must
    // happen later, on the page's own: a string timer is eval and CSP must block it.
    const blocked = page.evaluate(
      () => new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.violatedDirective} ${e.blockedURI}`), { once: true })),
    );
    await page.evaluate(() => setTimeout('window.__evaled = true' as unknown as () => void, 0));
    expect(await blocked).toMatch(/^script-src\S* eval$/);
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as unknown as { __evaled?: boolean }).__evaled)).toBeUndefined();

    const violation = page.evaluate(
      () => new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true })),
    );
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
    });
    expect(await violation).toMatch(/^script-src/);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  });

  test('requests without the token get 401, with it 200', async ({ app }) => {
    const fresh = await apiRequest.newContext();
    const origin = new URL(app.url).origin;
    expect((await fresh.get(`${origin}/`)).status()).toBe(401);
    expect((await fresh.get(`${origin}/index.html`)).status()).toBe(401);
    expect((await fresh.get(`${origin}/?token=not-the-token`)).status()).toBe(401);
    expect((await fresh.get(app.url)).status()).toBe(200);
    await fresh.dispose();
  });

  test('the token cookie is HttpOnly and the app talks over the WebSocket with it', async ({ page, app }) => {
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const port = new URL(app.url).port;
    // No token in the URL: only the cookie the first page load set can open the socket.
    expect(await page.evaluate(tryWebSocket, `ws://127.0.0.1:${port}/ws`)).toBe('ok:browser');
  });

  test('another local page (same site, other port) cannot use the cookie on the WebSocket', async ({ page, app, context }) => {
    const attacker: Server = createServer((_req, res) => res.end('<!doctype html><title>attacker</title>'));
    await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
    try {
      const evil = await context.newPage();
      await evil.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
      const port = new URL(app.url).port;
      // The browser sends the SameSite=Strict cookie here (ports do not make sites), so only the Origin check stops it.
      expect(await evil.evaluate(tryWebSocket, `ws://127.0.0.1:${port}/ws`)).toBe('refused');
      // Even holding the token, a foreign origin is refused.
      expect(await evil.evaluate(tryWebSocket, `ws://127.0.0.1:${port}/ws?token=${new URL(app.url).searchParams.get('token')}`)).toBe('refused');
      // The same code from the app's own page is answered.
      expect(await page.evaluate(tryWebSocket, `ws://127.0.0.1:${port}/ws`)).toBe('ok:browser');
      await evil.close();
    } finally {
      attacker.close();
    }
  });
});
