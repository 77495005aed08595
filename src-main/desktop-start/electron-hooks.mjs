// Module resolution hooks for driver.ts (registered with node:module's register): the bare
// `electron` import of the built main process resolves to the stand-in beside this file, which
// the driver imports too, so both share one instance. Nothing else is touched.
import { URL } from 'node:url';

const STANDIN = new URL('./electron-standin.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STANDIN, shortCircuit: true };
  return nextResolve(specifier, context);
}
