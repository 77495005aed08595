/**
 * What the page benches share: the built server (out/main/serve.js) started on a free port and Debian's
 * Chromium launched with the e2e suite's flags (e2e/chromium.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built browser-mode server. */
export const SERVE_JS = join(ROOT, 'out/main/serve.js');
/** The e2e suite's flags (e2e/chromium.ts): quiet headless Chromium that never reaches the network on its own. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Debian's Chromium (or NEURITE_CHROMIUM). */
export const CHROMIUM = process.env.NEURITE_CHROMIUM ?? '/usr/bin/chromium';

/** Why a page bench cannot run here (no build, no Chromium), or null when it can. */
export function pageBenchMissing(): string | null {
  if (!existsSync(SERVE_JS)) return `${SERVE_JS} is missing (run \`npm run build\` first)`;
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (set NEURITE_CHROMIUM)`;
  return null;
}

/** Starts serve.js on a free port for `projectsDir` and resolves with the URL it prints (token included). */
export async function startServe(projectsDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [SERVE_JS, '--port', '0', '--projects-dir', projectsDir, '--no-example'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.js printed no URL within 20 s: ${out}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Neurite is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve.js exited with ${code}`)));
  });
  return { child, url };
}

/**
 * Runs `use` on a 1280×720 page of a fresh serve.js for `projectsDir` with the project `name` opened through
 * File › Open, then closes the browser and stops the server.
 */
export async function withOpenedProject<T>(projectsDir: string, name: string, use: (page: Page) => Promise<T>): Promise<T> {
  const { child, url } = await startServe(projectsDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(url);
    await page.locator('[data-testid="canvas"]:not([data-loads="0"])').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+o');
    await page.getByTestId(`open-file-${name}`).click();
    return await use(page);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}
