/**
 * Frame times of the real page while a 100-neuron, 2,500-synapse network trains at full speed: serve.js (built)
 * and the system Chromium at 1280×720, the project written by the project service and opened through File › Open,
 * requestAnimationFrame deltas sampled for a few seconds of training with the neuron heatmaps off and on.
 * Goal: ≥ 20 frames per second and no frame over 100 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makeExample } from '../../src-shared/data/examples';
import type { Network, Neuron, Synapse } from '../../src-shared/model/network';
import { saveDataset } from '../services/dataset/store';
import { closeSession, newProject, saveProject, workingDatabase } from '../services/project/service';
import { createSession } from '../services/session';
import { pageBenchMissing, withOpenedProject } from './page-harness';

const SAMPLE_MS = 6000;

/** Frame-time figures of one sampled stretch. */
export interface FrameFigures {
  frames: number;
  fps: number;
  medianMs: number;
  p95Ms: number;
  worstMs: number;
}

/** Three-class blobs (2 inputs, softmax outputs) with 95 hidden neurons in three layers and skip connections: 100 neurons, 2,500 synapses. */
export function bigNetwork(): { network: Network; dataset: ReturnType<typeof makeExample>['dataset'] } {
  const ex = makeExample('blobs', { classes: 3, size: 600, seed: 3 });
  const inputs = ex.network.neurons.filter((n) => n.role === 'input');
  const outputs = ex.network.neurons.filter((n) => n.role === 'output');
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const sizes = [30, 30, 35];
  const layers: Neuron[][] = [inputs.map((n, i) => ({ ...n, position: { x: 0, y: i * 70 } }))];
  sizes.forEach((size, l) =>
    layers.push(
      Array.from({ length: size }, (_, i) => ({ id: `b${l}-${i}`, role: 'hidden' as const, label: `h${l + 1}_${i + 1}`, activation: 'tanh' as const, bias: 0, position: { x: (l + 1) * 260, y: i * 70 }, dale: null })),
    ),
  );
  layers.push(outputs.map((n, i) => ({ ...n, position: { x: 4 * 260, y: i * 70 } })));
  const synapses: Synapse[] = [];
  const seen = new Set<string>();
  const add = (a: Neuron, b: Neuron) => {
    if (seen.has(`${a.id}>${b.id}`)) return;
    seen.add(`${a.id}>${b.id}`);
    synapses.push({ id: `bs${synapses.length}`, source: a.id, target: b.id, weight: Math.round((rand() * 2 - 1) * 1000) / 2000 });
  };
  for (let l = 0; l < layers.length - 1; l++) for (const a of layers[l]) for (const b of layers[l + 1]) add(a, b);
  // Skip connections from the first hidden layer to the third until 2,500.
  while (synapses.length < 2500) add(layers[1][Math.floor(rand() * 30)], layers[3][Math.floor(rand() * 35)]);
  const neurons = layers.flat();
  return { network: { ...ex.network, neurons, synapses }, dataset: ex.dataset };
}

function stats(deltas: number[], ms: number): FrameFigures {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const r = (v: number) => Math.round(v * 10) / 10;
  return { frames: deltas.length, fps: r((deltas.length * 1000) / ms), medianMs: r(at(0.5)), p95Ms: r(at(0.95)), worstMs: r(sorted.at(-1) ?? 0) };
}

async function sampleFrames(page: Page, ms: number): Promise<number[]> {
  // A string, not a function: tsx's transform would wrap a function in helpers the page does not have.
  return page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = 0;
    const t0 = performance.now();
    const tick = (t) => {
      if (last) out.push(t - last);
      last = t;
      if (t - t0 < ${ms}) requestAnimationFrame(tick);
      else resolve(out);
    };
    requestAnimationFrame(tick);
  })`);
}

/** Trains the big network at full speed in the page, heatmaps off then on; null (reason printed) without a build or Chromium. */
export async function frameBench(): Promise<Record<'heatmapsOff' | 'heatmapsOn' | 'idle', FrameFigures> | null> {
  const missing = pageBenchMissing();
  if (missing) {
    console.log(`training (frames): skipped, ${missing}.`);
    return null;
  }
  const projectsDir = mkdtempSync(join(tmpdir(), 'neurite-bench-frames-'));
  const { network, dataset } = bigNetwork();
  const { session, close } = createSession({ mode: 'browser', projectsDir, stateDir: mkdtempSync(join(tmpdir(), 'neurite-bench-state-')), emit: () => {} });
  newProject(session);
  saveDataset(workingDatabase(session), dataset);
  saveProject(session, network, 'big');
  closeSession(session);
  close();
  try {
    return await withOpenedProject(projectsDir, 'big', async (page) => {
      // Fit view collapses levels too tall to read into layer nodes; the bench draws every neuron and synapse.
      await page.getByTestId('layers-expand').click({ timeout: 30_000 });
      await page.locator('.react-flow__edge').nth(2499).waitFor({ state: 'attached', timeout: 30_000 });
      await page.getByTestId('tool-view.fitView').click();
      await page.getByTestId('training-toggle').click();
      await page.getByTestId('training-tab-setup').click();
      await page.getByTestId('cfg-epochs').fill('');
      await page.getByTestId('cfg-epochs').press('Enter');
      await page.getByRole('combobox', { name: 'Training speed', exact: true }).selectOption({ label: 'Full speed' });
      const out = {} as Record<'heatmapsOff' | 'heatmapsOn' | 'idle', FrameFigures>;
      await page.waitForTimeout(500);
      out.idle = stats(await sampleFrames(page, 2000), 2000);
      for (const heat of [false, true]) {
        if (heat) {
          await page.getByTestId('training-tab-boundary').click();
          await page.getByTestId('heatmaps-toggle').check();
          await page.locator('[data-testid^="heatmap-"]').nth(90).waitFor({ timeout: 30_000 });
        }
        await page.getByTestId('train-start').click();
        await page.getByTestId('training-progress').waitFor({ timeout: 30_000 });
        await page.locator('[data-testid="training-progress"][data-epoch]:not([data-epoch="0"])').waitFor({ timeout: 30_000 });
        const deltas = await sampleFrames(page, SAMPLE_MS);
        console.log(`training (frames, heatmaps ${heat ? 'on' : 'off'}): ${JSON.stringify(stats(deltas, SAMPLE_MS))}`);
        const epoch = await page.getByTestId('training-progress').getAttribute('data-epoch');
        await page.keyboard.press('Shift+F5');
        await page.getByTestId('structure-lock').waitFor({ state: 'detached', timeout: 30_000 });
        out[heat ? 'heatmapsOn' : 'heatmapsOff'] = stats(deltas, SAMPLE_MS);
        console.log(`training (frames, heatmaps ${heat ? 'on' : 'off'}): reached epoch ${epoch} while sampled`);
      }
      return out;
    });
  } finally {
    rmSync(projectsDir, { recursive: true, force: true });
  }
}
