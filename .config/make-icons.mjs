// Renders src-renderer/public/favicon.svg to the PNG and ICO icons beside it (run after editing the SVG):
//   node .config/make-icons.mjs
// Uses the system Chromium through playwright-core, as the e2e suite does.
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const dir = new URL('../src-renderer/public/', import.meta.url);
const svg = readFileSync(new URL('favicon.svg', dir), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.NEURITE_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const png = async (size) => {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  return page.screenshot({ omitBackground: true });
};
const sizes = { 32: await png(32), 512: await png(512) };
writeFileSync(new URL('icon-32.png', dir), sizes[32]);
writeFileSync(new URL('icon-512.png', dir), sizes[512]);
// An ICO holding one 32×32 PNG: what browsers fetch as /favicon.ico when a page names no icon.
const header = Buffer.alloc(22);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(1, 4);
header.writeUInt8(32, 6);
header.writeUInt8(32, 7);
header.writeUInt16LE(1, 10);
header.writeUInt16LE(32, 12);
header.writeUInt32LE(sizes[32].length, 14);
header.writeUInt32LE(22, 18);
writeFileSync(new URL('favicon.ico', dir), Buffer.concat([header, sizes[32]]));
await browser.close();
