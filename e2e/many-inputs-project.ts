/**
 * Writes `many-inputs.neurite` into the projects folder given as the first argument: a network with twelve inputs
 * (x1…x12 → y) and a 20-row dataset of those columns imported from a CSV, saved by the project service as the app
 * saves. A dataset row of more than eight inputs is listed as values, not sliders. Run with `node --import tsx`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvOptionsSchema, type ColumnConfig } from '../src-shared/data/schema';
import type { Network } from '../src-shared/model/network';
import { importCsv } from '../src-main/services/dataset/reader';
import { fileSource } from '../src-main/services/dataset/source';
import { saveDataset } from '../src-main/services/dataset/store';
import { closeSession, newProject, saveProject, workingDatabase } from '../src-main/services/project/service';
import { createSession } from '../src-main/services/session';

const INPUTS = 12;
const projectsDir = process.argv[2];
const scratch = mkdtempSync(join(tmpdir(), 'neurite-e2e-many-'));
const names = Array.from({ length: INPUTS }, (_, j) => `x${j + 1}`);
// Row r, column j: a value with a few decimals that differs from row to row.
const cell = (r: number, j: number) => (((r * 7 + j * 3) % 11) - 5) * 1.25 + j / 10;
const lines = [[...names, 'y'].join(',')];
for (let r = 0; r < 20; r++) lines.push([...names.map((_, j) => cell(r, j)), r % 3].join(','));
writeFileSync(join(scratch, 'many.csv'), `${lines.join('\n')}\n`);
const columns: ColumnConfig[] = [
  ...names.map((name): ColumnConfig => ({ name, type: 'numeric', role: 'feature', encoding: 'standardise', missing: 'mean', fill: null })),
  { name: 'y', type: 'numeric', role: 'target', encoding: 'regression', missing: 'drop', fill: null },
];
const dataset = await importCsv(fileSource(join(scratch, 'many.csv')), { id: 'many', options: CsvOptionsSchema.parse({ delimiter: 'auto' }), columns, split: { train: 100, val: 0, test: 0, seed: 1, stratify: false } });
const neuron = (id: string, role: 'input' | 'output', y: number) => ({ id, role, label: id, activation: 'identity' as const, bias: 0, position: { x: role === 'input' ? 0 : 300, y }, dale: null });
const network: Network = {
  version: 1,
  neurons: [...names.map((x, j) => neuron(x, 'input', j * 60)), neuron('y', 'output', 330)],
  synapses: names.map((x, j) => ({ id: `s${j + 1}`, source: x, target: 'y', weight: j % 2 ? -0.5 : 0.5 })),
  softmaxGroups: [],
  viewport: null,
};
const { session, close } = createSession({ mode: 'browser', projectsDir, stateDir: join(scratch, 'state'), emit: () => {} });
newProject(session);
saveDataset(workingDatabase(session), dataset);
saveProject(session, network, 'many-inputs');
closeSession(session);
close();
