/**
 * A 100-neuron, 2,500-synapse network for the legibility journeys: 10 inputs → 40 tanh → 40 tanh → 10 outputs,
 * dense between levels, plus every input → output (skip), laid out by depth with the canvas's spacing.
 */
export function bigNetwork(): object {
  const sizes = [10, 40, 40, 10];
  const neurons: object[] = [];
  const synapses: object[] = [];
  const ids: string[][] = [];
  let k = 0;
  sizes.forEach((n, l) => {
    ids.push([]);
    for (let i = 0; i < n; i++) {
      const id = `big-${l}-${i}`;
      ids[l].push(id);
      const role = l === 0 ? 'input' : l === sizes.length - 1 ? 'output' : 'hidden';
      neurons.push({ id, role, label: `${role[0]}${l}.${i + 1}`, activation: role === 'hidden' ? 'tanh' : 'identity', bias: 0, position: { x: l * 220, y: (i - (n - 1) / 2) * 84 }, dale: null });
    }
  });
  const w = (a: number, b: number) => Math.round(Math.sin(a * 12.9898 + b * 78.233) * 1000) / 1000 || 0.1;
  for (let l = 1; l < sizes.length; l++) for (const t of ids[l]) for (const s of ids[l - 1]) synapses.push({ id: `s-${k}`, source: s, target: t, weight: w(k++, l) });
  for (const t of ids[3]) for (const s of ids[0]) synapses.push({ id: `s-${k}`, source: s, target: t, weight: w(k++, 9) });
  return { version: 1, neurons, synapses, softmaxGroups: [], viewport: null };
}
