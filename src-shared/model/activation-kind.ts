/** Every per-neuron activation Neurite offers, in the order the inspector lists them. */
export const ACTIVATION_KINDS = [
  'identity',
  'sigmoid',
  'tanh',
  'relu',
  'leaky_relu',
  'elu',
  'softplus',
  'silu',
  'gelu',
  'sine',
  'gaussian',
] as const;

/** A per-neuron activation function. */
export type ActivationKind = (typeof ACTIVATION_KINDS)[number];

/** Human-readable names and formulas, shared by the inspector and the docs. */
export const ACTIVATION_INFO: Record<ActivationKind, { label: string; formula: string }> = {
  identity: { label: 'Identity', formula: 'x' },
  sigmoid: { label: 'Sigmoid', formula: '1 / (1 + e^-x)' },
  tanh: { label: 'Tanh', formula: 'tanh(x)' },
  relu: { label: 'ReLU', formula: 'max(0, x)' },
  leaky_relu: { label: 'Leaky ReLU', formula: 'x > 0 ? x : 0.01x' },
  elu: { label: 'ELU', formula: 'x > 0 ? x : e^x - 1' },
  softplus: { label: 'Softplus', formula: 'ln(1 + e^x)' },
  silu: { label: 'SiLU / Swish', formula: 'x · sigmoid(x)' },
  gelu: { label: 'GELU', formula: 'x · Φ(x)' },
  sine: { label: 'Sine', formula: 'sin(x)' },
  gaussian: { label: 'Gaussian', formula: 'e^(-x²)' },
};
