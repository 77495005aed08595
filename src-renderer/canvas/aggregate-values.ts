/**
 * What a collapsed view's aggregate edges show for one overlay state: the synapses' w, c or mean c summed per edge.
 * Every aggregate edge reads its sums from here, so a sample step re-renders those edges and nothing else of the
 * canvas; the sums are worked out once per state and shared.
 */
import type { Network } from '../../src-shared/model/network';
import type { OverlayMode, SampleView, StatsView } from '../overlay/overlay-math';
import type { AggregatePlan } from '../state/flow-types';
import { sumAggregates } from './layers';

/** One aggregate edge's sums, and its Σ|v| over the largest Σ|v| drawn (0..1, for its width). */
export interface AggregateValue {
  sum: number;
  sumAbs: number;
  share: number;
}

let last: { plan: AggregatePlan; network: Network; mode: OverlayMode; sample: SampleView | null; stats: StatsView | null; values: Map<string, AggregateValue> } | null = null;

/** The sums of every aggregate edge of `plan` under the overlay state given (the same map while that state holds). */
export function aggregateValues(plan: AggregatePlan, network: Network, mode: OverlayMode, sample: SampleView | null, stats: StatsView | null): Map<string, AggregateValue> {
  if (last && last.plan === plan && last.network === network && last.mode === mode && last.sample === sample && last.stats === stats) return last.values;
  // What the overlay draws on each synapse: w, the sample's c (lesions applied) or the dataset's mean c.
  const value: (id: string, w: number) => number =
    mode === 'contributions' ? (id) => sample?.c.get(id) ?? 0 : mode === 'dataset' ? (id) => stats?.mean.get(id) ?? 0 : (_, w) => w;
  const aggs = sumAggregates(plan, network, value);
  const max = Math.max(1e-12, ...aggs.map((a) => a.sumAbs));
  const values = new Map(aggs.map((a) => [a.id, { sum: a.sum, sumAbs: a.sumAbs, share: a.sumAbs / max }]));
  last = { plan, network, mode, sample, stats, values };
  return values;
}
