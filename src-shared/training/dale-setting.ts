/** Dale's constraint applies only where a neuron is marked E or I: without marks a run is simply unconstrained, and says so. */
import type { Network } from '../model/network';
import type { TrainingConfig } from './config';

/** True when some neuron is marked excitatory or inhibitory. */
export function hasDaleMarks(net: Pick<Network, 'neurons'>): boolean {
  return net.neurons.some((n) => n.dale === 'E' || n.dale === 'I');
}

/** The configuration a run stores: Dale's constraint on only when it is asked for and a neuron is marked. */
export function withEffectiveDale(config: TrainingConfig, net: Pick<Network, 'neurons'>): TrainingConfig {
  return config.dale && !hasDaleMarks(net) ? { ...config, dale: false } : config;
}
