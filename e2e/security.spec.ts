/**
 * The security bar of browser mode, checked in the real Chromium against the real serve.js:
 * the CSP the page runs under, the token gate on the WebSocket (the token travels only in its
 * handshake, never in a cookie), and the Origin check that stops another local page (same
 * site, other port) from talking to the services even when it holds the token.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as apiRequest } from '@playwright/test';
import { expect, READY_SELECTOR, test } from './fixtures';

// These tests provoke violations on purpose.
test.use({ cspViolationsAllowed: true });

/** Opens a WebSocket from inside the page (offering the given subprotocols) and reports whether app.info came back. */
const tryWebSocket = ([wsUrl, protocols]: [string, string[]]) =>
  new Promise<string>((resolve) => {
    const ws = new WebSocket(wsUrl, protocols);
    ws.onopen = () => ws.send(JSON.stringify({ id: 1, channel: 'app.info', payload: {} }));
    ws.onmessage = (e) => {
      const reply = JSON.parse(e.data);
      resolve(reply.ok ? `ok:${reply.result.mode}` : `error:${reply.error.code}`);
      ws.close();
    };
    ws.onerror = () => resolve('refused');
    ws.onclose = () => resolve('refused');
  });

const withToken = (token: string) => ['neurite', `neurite-token.${token}`];

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
    // A timer queued after the refused one runs after it would have: by then __evaled would be set.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
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

  test('the page and its files need no token; the WebSocket refuses a handshake without it', async ({ page, app }) => {
    const fresh = await apiRequest.newContext();
    const origin = new URL(app.url).origin;
    expect((await fresh.get(`${origin}/`)).status()).toBe(200);
    expect((await fresh.get(`${origin}/index.html`)).status()).toBe(200);
    expect((await fresh.get(app.url)).headers()['set-cookie']).toBeUndefined();
    await fresh.dispose();
    const token = new URL(app.url).searchParams.get('token')!;
    const ws = `ws://127.0.0.1:${new URL(app.url).port}/ws`;
    expect(await page.evaluate(tryWebSocket, [ws, ['neurite']] as [string, string[]])).toBe('refused');
    expect(await page.evaluate(tryWebSocket, [ws, withToken('not-the-token')] as [string, string[]])).toBe('refused');
    expect(await page.evaluate(tryWebSocket, [`${ws}?token=${token}`, ['neurite']] as [string, string[]])).toBe('refused');
    expect(await page.evaluate(tryWebSocket, [ws, withToken(token)] as [string, string[]])).toBe('ok:browser');
  });

  test('the token leaves the address bar for this tab\'s sessionStorage: no cookie, and a reload still connects', async ({ page, app, context }) => {
    const token = new URL(app.url).searchParams.get('token')!;
    expect(page.url()).toBe(`${new URL(app.url).origin}/`);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => sessionStorage.getItem('neurite-token'))).toBe(token);
    await page.reload();
    await expect(page.locator(READY_SELECTOR)).toBeVisible({ timeout: 20_000 });
    expect(await page.evaluate(tryWebSocket, [`ws://127.0.0.1:${new URL(app.url).port}/ws`, withToken(token)] as [string, string[]])).toBe('ok:browser');
  });

  test('another local page (same site, other port) cannot use the WebSocket, even holding the token', async ({ page, app, context }) => {
    const attacker: Server = createServer((_req, res) => res.end('<!doctype html><title>attacker</title>'));
    await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
    try {
      const evil = await context.newPage();
      await evil.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
      const ws = `ws://127.0.0.1:${new URL(app.url).port}/ws`;
      const token = new URL(app.url).searchParams.get('token')!;
      expect(await evil.evaluate(tryWebSocket, [ws, ['neurite']] as [string, string[]])).toBe('refused');
      // Even holding the token, a foreign origin is refused (the Origin check).
      expect(await evil.evaluate(tryWebSocket, [ws, withToken(token)] as [string, string[]])).toBe('refused');
      // The same code from the app's own page is answered.
      expect(await page.evaluate(tryWebSocket, [ws, withToken(token)] as [string, string[]])).toBe('ok:browser');
      await evil.close();
    } finally {
      attacker.close();
    }
  });

  test('the token is never sent to another server on the loopback interface', async ({ page, app, context }) => {
    // Another local server the user visits while Neurite is open: it records every request's headers.
    const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
    const other: Server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      if (req.url === '/') {
        res.setHeader('Content-Type', 'text/html');
        res.end('<!doctype html><title>other</title><img src="/pixel.png"><script src="/load.js"></script>');
      } else if (req.url === '/load.js') {
        res.setHeader('Content-Type', 'text/javascript');
        res.end("fetch('/fetched', { credentials: 'include' }); document.title = 'loaded';");
      } else res.end('');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const token = new URL(app.url).searchParams.get('token')!;
      const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
      // Visited in a second tab of the same browser, and by navigating the app's own tab there.
      const tab = await context.newPage();
      await tab.goto(otherUrl);
      await expect.poll(() => seen.map((s) => s.url).filter((u) => u !== '/favicon.ico').sort()).toEqual(['/', '/fetched', '/load.js', '/pixel.png']);
      await tab.close();
      await page.goto(`${otherUrl}?from=app`);
      await expect.poll(() => seen.filter((s) => s.url.startsWith('/?from=app')).length).toBe(1);
      for (const { url, headers } of seen) {
        expect(headers.cookie, url).toBeUndefined();
        expect(JSON.stringify(headers), url).not.toContain(token);
        expect(url).not.toContain(token);
      }
    } finally {
      other.close();
    }
  });

  test('a tab opened without the token says which address to open, legibly at both window sizes', async ({ app, browser }) => {
    const origin = new URL(app.url).origin;
    for (const viewport of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      const box = page.getByTestId('no-token');
      await expect(box.getByRole('heading', { name: 'Open the address Neurite printed' })).toBeVisible();
      await expect(box).toContainText('?token=');
      const b = (await box.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(viewport.width);
      expect(b.y + b.height).toBeLessThanOrEqual(viewport.height);
      const sizes = await box.locator('h1, p').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
      for (const size of sizes) expect(size).toBeGreaterThanOrEqual(10);
      await page.screenshot({ path: `test-results/no-token-${viewport.width}.png` });
      await context.close();
    }
  });
});
