/**
 * 1. main alone: the overlay round trip, `overlay.forward` through the dispatcher (schema validation) to the
 *    inference worker and back, for a 200-neuron network (20 → 60 → 60 → 60, 8,400 synapses) and a sparse one of
 *    the same size;
 * 2. the page: a sample step (`]`) from key press to the frame that shows the new row, for the dense network with a
 *    200,000-row dataset in the project (sample-step-page.ts; needs `npm run build`).
 * Prints median and p95 and writes out/bench/overlay.json. Goal: a median of one frame at 60 fps (16 ms).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { layeredNetwork } from '../../src-shared/engine/build';
import { createRng } from '../../src-shared/engine/rng';
import type { Network } from '../../src-shared/model/network';
import { createDispatcher } from '../services/dispatch';
import { inferenceHost } from '../services/inference/inference-host';
import { overlayHandlers } from '../services/overlay/handlers';
import { createSession } from '../services/session';
import { sampleStepPage } from './sample-step-page';

/** The benchmark's name for the runner. */
export const name = 'overlay';

const GOAL_MS = 16;
const RUNS = 200;

function dense(): Network {
  const net = layeredNetwork([20, 60, 60, 60], { activations: ['tanh', 'relu', 'sigmoid'] });
  const { next } = createRng(5);
  return { ...net, synapses: net.synapses.map((s) => ({ ...s, weight: 2 * next() - 1 })) };
}

/** Keeps each neuron's first 4 incoming synapses: 200 neurons, a sparse graph. */
function sparse(): Network {
  const net = dense();
  const seen = new Map<string, number>();
  return { ...net, synapses: net.synapses.filter((s) => (seen.set(s.target, (seen.get(s.target) ?? 0) + 1), seen.get(s.target)! <= 4)) };
}

/** Runs the benchmark and writes out/bench/overlay.json. */
export async function run(): Promise<void> {
  const { session, close } = createSession({ mode: 'electron', projectsDir: null, stateDir: 'out/bench', emit: () => {} });
  const dispatch = createDispatcher(overlayHandlers);
  const results: Record<string, { synapses: number; medianMs: number; p95Ms: number }> = {};
  for (const [label, net] of [['dense', dense()], ['sparse', sparse()]] as const) {
    const inputs = Array.from({ length: 20 }, (_, k) => Math.sin(k));
    await dispatch('overlay.forward', { network: net, inputs }, session);
    const t: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = await dispatch('overlay.forward', { network: net, inputs: inputs.map((v) => v + i * 1e-3) }, session);
      t.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.error.message);
    }
    t.sort((a, b) => a - b);
    results[label] = { synapses: net.synapses.length, medianMs: t[RUNS >> 1], p95Ms: t[Math.floor(RUNS * 0.95)] };
    console.log(`overlay.forward ${label} (200 neurons, ${net.synapses.length} synapses): median ${t[RUNS >> 1].toFixed(2)} ms, p95 ${t[Math.floor(RUNS * 0.95)].toFixed(2)} ms (goal < ${GOAL_MS} ms)`);
    // What a sample step sends now: the network named once (overlay.network), then only its key and the inputs.
    const held = await dispatch('overlay.network', { network: net }, session);
    if (!held.ok) throw new Error(held.error.message);
    const { networkKey } = held.result as { networkKey: string };
    await dispatch('overlay.forward', { networkKey, inputs }, session);
    const k: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = await dispatch('overlay.forward', { networkKey, inputs: inputs.map((v) => v + i * 1e-3) }, session);
      k.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.error.message);
    }
    k.sort((a, b) => a - b);
    results[`${label}-by-key`] = { synapses: net.synapses.length, medianMs: k[RUNS >> 1], p95Ms: k[Math.floor(RUNS * 0.95)] };
    console.log(`overlay.forward ${label} by key (network held in main and the worker): median ${k[RUNS >> 1].toFixed(2)} ms, p95 ${k[Math.floor(RUNS * 0.95)].toFixed(2)} ms; ${(t[RUNS >> 1] / k[RUNS >> 1]).toFixed(1)}× the whole network's round trip`);
  }
  close();
  await inferenceHost().close();
  const page = await sampleStepPage(dense());
  if (page) {
    console.log(`overlay (page sample step, ${page.neurons} neurons, ${page.synapses} synapses, ${page.rows} rows): key to paint median ${page.medianMs} ms, p95 ${page.p95Ms} ms, max ${page.maxMs} ms over ${page.steps} steps; ${Math.round(page.firstFrameShare * 100)}% drawn in the first frame after the key`);
    console.log(`${page.medianMs <= GOAL_MS ? 'PASS' : 'FAIL'}: sample step key to paint median ${page.medianMs} ms ≤ ${GOAL_MS} ms`);
  }
  mkdirSync('out/bench', { recursive: true });
  writeFileSync('out/bench/overlay.json', `${JSON.stringify({ goalMs: GOAL_MS, runs: RUNS, results, page }, null, 2)}\n`);
}
