/** A short id (prefix + 8 hex digits) not in `taken`; adds it to `taken`. */
export function freshId(prefix: string, taken: Set<string>): string {
  for (;;) {
    const id = `${prefix}${crypto.randomUUID().slice(0, 8)}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** Every neuron, synapse and softmax-group id in a network, for collision checks. */
export function takenIds(net: { neurons: { id: string }[]; synapses: { id: string }[]; softmaxGroups: { id: string }[] }): Set<string> {
  return new Set([...net.neurons.map((n) => n.id), ...net.synapses.map((s) => s.id), ...net.softmaxGroups.map((g) => g.id)]);
}
