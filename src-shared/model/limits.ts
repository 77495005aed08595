/**
 * The largest documents Neurite accepts, wherever they come from (the canvas, a request, a project
 * file, a CSV). They keep every open, save and check short enough that one big document cannot
 * stall the app for everyone else, and each has a sentence that says what was too big.
 */

/** Limits on the network document and on what an import may produce. */
export const LIMITS = {
  /** Neurons in one network. */
  neurons: 10_000,
  /** Synapses in one network. */
  synapses: 250_000,
  /** Softmax groups in one network. */
  softmaxGroups: 1_000,
  /** Characters of a neuron, synapse or group id. */
  idLength: 200,
  /** Characters of a neuron or group label (an encoded column like `island=Biscoe` included). */
  labelLength: 1_000,
  /** Columns of a CSV file. */
  csvColumns: 10_000,
  /** Distinct values of a class target: more is almost always the wrong column. */
  classes: 500,
  /** Encoded input features (one-hot columns count one per category). */
  features: 5_000,
  /** Values in a dataset's encoded arrays (rows × (features + outputs)); 8 bytes each. */
  datasetValues: 100_000_000,
  /** Numbers in one reply that grows with the network or the data (heatmap cells × neurons, page rows × columns). */
  replyValues: 2_000_000,
} as const;

/** "10000" → "10,000" in every locale, for messages. */
export function count(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
