import { DATE_PARTS } from '../../src-shared/data/cells';
import type { InferredColumn } from '../../src-shared/data/infer';
import type { ColumnConfig } from '../../src-shared/data/schema';

/** Above this many input neurons the import asks first. */
export const MANY_INPUTS = 50;

/** Input neurons a column adds (one-hot: one per category seen in the sample). */
function inputsOf(c: ColumnConfig, inferred: InferredColumn | undefined): number {
  if (c.role !== 'feature' || c.type === 'ignore') return 0;
  if (c.type === 'date') return DATE_PARTS.length;
  return c.type === 'categorical' ? Math.max(1, inferred?.distinct ?? 1) : 1;
}

/** Output neurons a target adds. */
function outputsOf(c: ColumnConfig, inferred: InferredColumn | undefined): number {
  if (c.role !== 'target' || c.type === 'ignore') return 0;
  return c.encoding === 'classes' ? Math.max(2, inferred?.distinct ?? 2) : 1;
}

/** The neurons an import would make, and the columns that add more than one input (widest first). */
export interface NeuronCounts {
  inputs: number;
  outputs: number;
  widest: { name: string; inputs: number }[];
}

/** How many input and output neurons these column settings make, given what the sample showed. */
export function neuronCounts(columns: ColumnConfig[], inferred: InferredColumn[]): NeuronCounts {
  const per = columns.map((c, j) => ({ name: c.name, inputs: inputsOf(c, inferred[j]) }));
  return {
    inputs: per.reduce((a, c) => a + c.inputs, 0),
    outputs: columns.reduce((a, c, j) => a + outputsOf(c, inferred[j]), 0),
    widest: per.filter((c) => c.inputs > 1).sort((a, b) => b.inputs - a.inputs),
  };
}

/** Why the columns cannot be imported yet, or null. */
export function columnsProblem(columns: ColumnConfig[]): string | null {
  if (!columns.some((c) => c.role === 'feature')) return 'Make at least one column a feature.';
  if (!columns.some((c) => c.role === 'target')) return 'Choose the column to predict (role: target).';
  return null;
}
