/**
 * The hand-built network of the overlay journeys, with known weights:
 *   x1 → t (tanh) w 1, x2 → t w −0.5, x2 → r (ReLU) w 1, t → y w −2, r → y w 3, x1 → y w 0.5; y linear, bias 0.1.
 */
const n = (id: string, role: string, activation: string, bias: number, x: number, y: number) => ({ id, role, label: id, activation, bias, position: { x, y }, dale: null });
export const NETWORK = {
  version: 1,
  neurons: [n('x1', 'input', 'identity', 0, 0, 0), n('x2', 'input', 'identity', 0, 0, 200), n('t', 'hidden', 'tanh', 0, 300, 0), n('r', 'hidden', 'relu', 0, 300, 200), n('y', 'output', 'identity', 0.1, 600, 100)],
  synapses: [
    { id: 's1', source: 'x1', target: 't', weight: 1 },
    { id: 's2', source: 'x2', target: 't', weight: -0.5 },
    { id: 's3', source: 'x2', target: 'r', weight: 1 },
    { id: 's4', source: 't', target: 'y', weight: -2 },
    { id: 's5', source: 'r', target: 'y', weight: 3 },
    { id: 's6', source: 'x1', target: 'y', weight: 0.5 },
  ],
  softmaxGroups: [],
  viewport: null,
};

/** The name of the dataset e2e/overlay-project.ts stores with it. */
export const DATASET_NAME = 'known rows';
