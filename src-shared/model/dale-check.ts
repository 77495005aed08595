/** How well a network's weights keep Dale's principle (outgoing weights of E neurons ≥ 0, of I neurons ≤ 0). */
import type { Network } from './network';

/** Outgoing synapses of E/I-marked neurons, and how many of them have the wrong sign. */
export function daleViolations(net: Network): { constrained: number; broken: number } {
  const sign = new Map(net.neurons.filter((n) => n.dale).map((n) => [n.id, n.dale]));
  let constrained = 0;
  let broken = 0;
  for (const s of net.synapses) {
    const d = sign.get(s.source);
    if (!d) continue;
    constrained += 1;
    if ((d === 'E' && s.weight < 0) || (d === 'I' && s.weight > 0)) broken += 1;
  }
  return { constrained, broken };
}
