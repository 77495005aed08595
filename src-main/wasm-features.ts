/**
 * Switches on WebAssembly relaxed SIMD where the JavaScript engine has it behind a flag (Node 20, V8 11.3:
 * `--experimental-wasm-relaxed-simd`), so the engine's float32 kernels get fused multiply-adds. Electron 45 and
 * Node ≥ 22 ship the feature: there nothing is changed. The flag cannot come through NODE_OPTIONS (Node refuses
 * V8 flags there), and a worker's execArgv cannot set V8 flags; set from the main thread before the first kernel
 * compiles, it holds for the whole process, worker threads included. The engine feature-detects the module with
 * WebAssembly.validate either way and keeps its plain SIMD build where the feature stays off.
 */
import { setFlagsFromString } from 'node:v8';
import { relaxedSimdAvailable } from '../src-shared/engine/simd/module';

const FLAG = '--experimental-wasm-relaxed-simd';

/** Turns relaxed SIMD on for this process when the engine has it behind the flag; returns whether it is on. */
export function enableRelaxedSimd(): boolean {
  // Engines that ship the feature (Electron 45, Node ≥ 22) stop here and never see the flag.
  if (relaxedSimdAvailable()) return true;
  setFlagsFromString(FLAG);
  return relaxedSimdAvailable();
}
