/**
 * Ids of neurons, synapses, softmax groups, datasets and runs. They are random (64 bits from the
 * platform's cryptographic generator), never derived from labels, seeds or counters, so two projects
 * never share an id and a network pasted or imported into another keeps its ids apart.
 */

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
// Random bytes are drawn in blocks: a dense group or an import makes thousands of ids at once.
const pool = new Uint8Array(4096);
let used = pool.length;

/** `prefix` followed by 16 random hex digits (64 bits: even 10⁶ ids repeat with odds below 10⁻⁷). */
export function randomId(prefix: string): string {
  if (used + 8 > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    used = 0;
  }
  let s = prefix;
  for (let k = 0; k < 8; k++) s += HEX[pool[used++]];
  return s;
}

/** A random id not in `taken`; adds it to `taken`. */
export function freshId(prefix: string, taken: Set<string>): string {
  for (;;) {
    const id = randomId(prefix);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** Every neuron, synapse and softmax-group id in a network, for collision checks. */
export function takenIds(net: { neurons: readonly { id: string }[]; synapses: readonly { id: string }[]; softmaxGroups: readonly { id: string }[] }): Set<string> {
  return new Set([...net.neurons.map((n) => n.id), ...net.synapses.map((s) => s.id), ...net.softmaxGroups.map((g) => g.id)]);
}
