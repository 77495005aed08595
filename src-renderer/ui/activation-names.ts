import type { ActivationKind } from '../../src-shared/model/activation-kind';

/** Activation names short enough for a node card (the inspector shows the full ones). */
export const SHORT_NAMES: Record<ActivationKind, string> = {
  identity: 'linear',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  relu: 'ReLU',
  leaky_relu: 'leaky ReLU',
  elu: 'ELU',
  softplus: 'softplus',
  silu: 'SiLU',
  gelu: 'GELU',
  sine: 'sine',
  gaussian: 'gauss',
};
