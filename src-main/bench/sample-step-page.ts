/**
 * The sample step as the user sees it: a project with a 200-neuron, 8,400-synapse network (20 → 60 → 60 → 60) and a
 * 200,000-row dataset (20 feature columns and a target) opened in the built page (serve.js, Debian's Chromium), the
 * contributions overlay on, and `]` pressed again and again. Each step is timed in the page from the key's event time
 * to the first frame painted after the overlay panel reports the new row drawn (`data-drawn-row`, set in the same
 * store update that redraws the synapses): requestAnimationFrame, then a task after that frame's paint. Also counts
 * the steps drawn in the first frame after their key.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRng } from '../../src-shared/engine/rng';
import { CsvOptionsSchema, type ColumnConfig } from '../../src-shared/data/schema';
import type { Network } from '../../src-shared/model/network';
import { importCsv } from '../services/dataset/reader';
import { fileSource } from '../services/dataset/source';
import { saveDataset } from '../services/dataset/store';
import { closeSession, newProject, saveProject, workingDatabase } from '../services/project/service';
import { createSession } from '../services/session';
import { pageBenchMissing, withOpenedProject } from './page-harness';

const ROWS = Number(process.env.NEURITE_BENCH_STEP_ROWS ?? 200_000);
const FEATURES = 20;
const WARMUP = 5;
const STEPS = Number(process.env.NEURITE_BENCH_STEPS ?? 60);
const PROJECT = 'sample-step';

/** Key-to-paint figures of the page's sample step. */
export interface SampleStepFigures {
  rows: number;
  neurons: number;
  synapses: number;
  steps: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Share of the steps drawn in the first frame after their key. */
  firstFrameShare: number;
}

async function writeCsv(path: string): Promise<void> {
  const rng = seededRng(7);
  const out = createWriteStream(path);
  out.write(`${[...Array.from({ length: FEATURES }, (_, j) => `x${j + 1}`), 'y'].join(',')}\n`);
  for (let r = 0; r < ROWS; r += 10_000) {
    let s = '';
    for (let k = 0; k < Math.min(10_000, ROWS - r); k++) {
      for (let j = 0; j <= FEATURES; j++) s += (j ? ',' : '') + ((rng() - 0.5) * 20).toFixed(3);
      s += '\n';
    }
    if (!out.write(s)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/** Saves `PROJECT.neurite` (the network and the dataset) into `projectsDir` through the project service, as the app saves. */
async function writeProject(projectsDir: string, network: Network, scratch: string): Promise<void> {
  const csv = join(scratch, 'rows.csv');
  await writeCsv(csv);
  const columns: ColumnConfig[] = [
    ...Array.from({ length: FEATURES }, (_, j): ColumnConfig => ({ name: `x${j + 1}`, type: 'numeric', role: 'feature', encoding: 'standardise', missing: 'mean', fill: null })),
    { name: 'y', type: 'numeric', role: 'target', encoding: 'regression', missing: 'drop', fill: null },
  ];
  const dataset = await importCsv(fileSource(csv), { id: 'rows', options: CsvOptionsSchema.parse({ delimiter: 'auto' }), columns, split: { train: 80, val: 10, test: 10, seed: 1, stratify: false } });
  const { session, close } = createSession({ mode: 'browser', projectsDir, stateDir: join(scratch, 'state'), emit: () => {} });
  newProject(session);
  saveDataset(workingDatabase(session), dataset);
  saveProject(session, network, PROJECT);
  closeSession(session);
  close();
}

// In the page as a string: tsx's name-keeping helper (__name) does not exist there.
const RECORDER = `(() => {
  const panel = document.querySelector('[data-testid="overlay-panel"]');
  const rec = { keyAt: 0, firstFrame: 0, times: [], first: [], last: panel.getAttribute('data-drawn-row') };
  window.__sampleStep = rec;
  window.addEventListener('keydown', (e) => {
    if (e.key !== ']') return;
    rec.keyAt = e.timeStamp;
    // Callbacks of one frame share its timestamp: the drawn frame's equals this one when the step made the first frame.
    requestAnimationFrame((t) => { rec.firstFrame = t; });
  }, true);
  new MutationObserver(() => {
    const row = panel.getAttribute('data-drawn-row');
    if (row === rec.last || !rec.keyAt) return;
    rec.last = row;
    const keyAt = rec.keyAt;
    rec.keyAt = 0;
    requestAnimationFrame((t) => {
      rec.first.push(t === rec.firstFrame);
      setTimeout(() => rec.times.push(performance.now() - keyAt), 0);
    });
  }).observe(panel, { attributes: true, attributeFilter: ['data-drawn-row'] });
})()`;

/** Runs the page's sample step; null (with the reason printed) when serve.js or Chromium is missing. */
export async function sampleStepPage(network: Network): Promise<SampleStepFigures | null> {
  const missing = pageBenchMissing();
  if (missing) {
    console.log(`overlay (page sample step): skipped, ${missing}.`);
    return null;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'neurite-bench-step-'));
  const projectsDir = join(scratch, 'projects');
  mkdirSync(projectsDir);
  await writeProject(projectsDir, network, scratch);
  try {
    return await withOpenedProject(projectsDir, PROJECT, async (page) => {
      await page.getByTestId('overlay-contributions').click();
      await page.locator('[data-testid="overlay-panel"]:not([data-drawn-row=""])').waitFor({ timeout: 60_000 });
      await page.evaluate(RECORDER);
      await page.evaluate('document.activeElement && document.activeElement.blur()');
      const times: number[] = [];
      for (let i = 0; i < WARMUP + STEPS; i++) {
        // A user's key lands anywhere between two frames; pressed straight after one, every step would wait a whole
        // frame for the next. The presses are spread evenly over the frame (golden-ratio steps of its 16.7 ms).
        await page.evaluate(`new Promise((r) => requestAnimationFrame(() => setTimeout(r, ${(((i * 0.6180339887) % 1) * 16.7).toFixed(2)})))`);
        await page.keyboard.press(']');
        // A string promise, not waitForFunction: the page's CSP forbids the eval that one uses.
        await page.evaluate(`new Promise((r) => { const t = () => (window.__sampleStep.times.length > ${i} ? r() : requestAnimationFrame(t)); t(); })`);
        // Two quiet frames between steps, so one step's tail does not land in the next one's figure.
        await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      }
      times.push(...((await page.evaluate('window.__sampleStep.times')) as number[]).slice(WARMUP));
      const first = ((await page.evaluate('window.__sampleStep.first')) as boolean[]).slice(WARMUP);
      times.sort((a, b) => a - b);
      const at = (q: number) => +times[Math.min(times.length - 1, Math.floor(times.length * q))].toFixed(1);
      const firstFrameShare = first.filter(Boolean).length / first.length;
      return { rows: ROWS, neurons: network.neurons.length, synapses: network.synapses.length, steps: times.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: +times[times.length - 1].toFixed(1), firstFrameShare };
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
