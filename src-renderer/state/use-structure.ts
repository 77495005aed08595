/**
 * The document for views that read its structure only (validation, depth): it changes when neurons, synapses or
 * groups change, not when training moves weights and biases ten times a second.
 */
import { useStoreWithEqualityFn } from 'zustand/traditional';
import type { Network } from '../../src-shared/model/network';
import { useEditorStore } from './editor-store';

/** Whether two documents differ at most in weights, biases and the viewport. */
export function sameStructure(a: Network, b: Network): boolean {
  if (a === b) return true;
  if (a.softmaxGroups !== b.softmaxGroups || a.neurons.length !== b.neurons.length || a.synapses.length !== b.synapses.length) return false;
  for (let i = 0; i < a.synapses.length; i++) {
    const s = a.synapses[i];
    const t = b.synapses[i];
    if (s !== t && (s.id !== t.id || s.source !== t.source || s.target !== t.target)) return false;
  }
  for (let i = 0; i < a.neurons.length; i++) {
    const n = a.neurons[i];
    const m = b.neurons[i];
    if (n === m) continue;
    for (const k of new Set([...Object.keys(n), ...Object.keys(m)])) if (k !== 'bias' && n[k as keyof typeof n] !== m[k as keyof typeof m]) return false;
  }
  return true;
}

/** The editor's document, kept while only weights and biases change. */
export function useNetworkStructure(): Network {
  return useStoreWithEqualityFn(useEditorStore, (s) => s.network, sameStructure);
}
