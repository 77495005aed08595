/**
 * `neurite import data.csv -o project.neurite`: the wizard's guesses without the wizard. The same
 * preview and inference code the app runs (header row, metadata line, column types and roles,
 * integer targets as classes, ignored ids and dates, stray words as missing), changed by flags,
 * printed, then imported into a new project (or an existing one) with the network bound to it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chooseTarget, setColumnRole, splitProblem } from '../../src-shared/data/column-edits';
import type { HiddenLayers } from '../../src-shared/data/contract';
import { distinctName } from '../../src-shared/data/dataset-name';
import { DatasetError } from '../../src-shared/data/errors';
import { looksLikeClasses, targetHint, type InferredColumn } from '../../src-shared/data/infer';
import { CsvOptionsSchema, type ColumnConfig, type CsvOptions, type DatasetMeta, type SplitConfig } from '../../src-shared/data/schema';
import { ACTIVATION_KINDS, type ActivationKind } from '../../src-shared/model/activation-kind';
import type { Network } from '../../src-shared/model/network';
import { bindWithHidden, guessedConfigs } from '../services/dataset/handlers';
import { importCsv, previewCsv, type CsvPreview } from '../services/dataset/reader';
import { fileSource } from '../services/dataset/source';
import { listDatasets, saveDataset } from '../services/dataset/store';
import { closeSession, newProject, openProject, saveProject, workingDatabase } from '../services/project/service';
import { createSession } from '../services/session';
import { Usage } from './usage';

/** The import command's flags (parseArgs options). */
export const IMPORT_OPTIONS = {
  output: { type: 'string', short: 'o' },
  target: { type: 'string' },
  ignore: { type: 'string' },
  hidden: { type: 'string' },
  activation: { type: 'string' },
  skip: { type: 'string' },
  'no-header': { type: 'boolean' },
  split: { type: 'string' },
} as const;

/** The import command's lines of the usage text. */
export const IMPORT_USAGE = `  neurite import <data.csv> -o <project.neurite> [--target NAME[,NAME…]] [--ignore NAME,…] [--hidden 16[,8…]]
                 [--activation tanh] [--skip N] [--no-header] [--split 70,15,15] [--seed S]
      Reads the CSV as the app's import wizard does (delimiter, header row, a metadata first line, each
      column's type, role and encoding), prints what it inferred, and writes a project whose network is
      bound to the data (an existing project keeps its network's hidden neurons and gets the data added).
      A column is named as in the header, or "column N" without one (N alone works too).
      --hidden inserts hidden layers of these sizes between the inputs and outputs (activation: tanh);
      --split sets the train, validation and test percentages and --seed the split's shuffle (default 1).`;

type Flags = { [K in keyof typeof IMPORT_OPTIONS]?: (typeof IMPORT_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string } & { seed?: string };

const q = (s: string) => JSON.stringify(s);
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** The column a flag names: its exact name, else a case-insensitive match, else a 1-based position. */
function columnIndex(names: readonly string[], given: string, flag: string): number {
  const g = given.trim();
  let j = names.indexOf(g);
  if (j < 0) j = names.findIndex((n) => n.toLowerCase() === g.toLowerCase());
  if (j < 0 && /^\d+$/.test(g) && +g >= 1 && +g <= names.length) j = +g - 1;
  if (j < 0) throw new Usage(`--${flag}: the file has no column ${q(g)} (columns: ${names.map(q).join(', ')}).`);
  return j;
}

function hiddenLayers(flags: Flags): HiddenLayers | null {
  const activation = (flags.activation ?? 'tanh') as ActivationKind;
  if (!ACTIVATION_KINDS.includes(activation)) throw new Usage(`--activation must be one of ${ACTIVATION_KINDS.join(', ')}; got ${q(flags.activation!)}.`);
  if (flags.hidden === undefined) {
    if (flags.activation !== undefined) throw new Usage('--activation goes with --hidden.');
    return null;
  }
  const sizes = flags.hidden.split(',').map((s) => s.trim());
  if (!sizes.every((s) => /^\d+$/.test(s) && +s >= 1 && +s <= 512) || sizes.length > 8)
    throw new Usage(`--hidden takes up to 8 layer sizes from 1 to 512, separated by commas (e.g. 16 or 16,8); got ${q(flags.hidden)}.`);
  return { sizes: sizes.map(Number), activation };
}

function splitOf(flags: Flags, stratify: boolean): SplitConfig {
  const parts = (flags.split ?? '70,15,15').split(',').map((x) => Number(x.trim()));
  const seed = flags.seed === undefined ? 1 : Number(flags.seed);
  if (!Number.isInteger(seed)) throw new Usage(`--seed must be an integer, got ${q(flags.seed!)}.`);
  const [train, val, test] = parts;
  const problem = parts.length !== 3 || parts.some((x) => !Number.isFinite(x)) ? 'give three percentages, e.g. 70,15,15' : splitProblem({ train, val, test });
  if (problem) throw new Usage(`--split: ${problem}`);
  return { train, val, test, seed, stratify };
}

/** What a column became, in one line of the report. */
function describeColumn(c: InferredColumn, config: ColumnConfig, width: number): string {
  const parts = [config.name.padEnd(width), config.type.padEnd(11), config.role.padEnd(7)];
  if (config.role !== 'ignore') parts.push(config.encoding.padEnd(11), `missing: ${config.missing}`);
  const hint = targetHint(c, config);
  const notes: string[] = [];
  if (c.missing) notes.push(`${c.missing} missing in the sample`);
  if (hint?.kind === 'strays') notes.push(`read as missing: ${hint.values.map((v) => `${q(v.value)} ×${v.count}`).join(', ')}`);
  if (hint?.kind === 'near-unique' && config.role === 'ignore') notes.push(`ignored: ${hint.distinct} different values, like an id or free text`);
  if (hint?.kind === 'date' && config.role === 'ignore') notes.push('ignored: dates');
  if (hint?.kind === 'integer-classes') notes.push(`whole numbers with ${hint.classes} values: classes${config.classNames ? ` named ${config.classNames.join(', ')} by the metadata line` : ''}`);
  return `  ${parts.join(' ')}${notes.length ? `  (${notes.join('; ')})` : ''}`.trimEnd();
}

/** The preview with the user's --skip and --no-header over the detected layout. */
async function previewWith(file: string, flags: Flags): Promise<CsvPreview> {
  const source = fileSource(file);
  const detected = await previewCsv(source, CsvOptionsSchema.parse({}), {}, true);
  const skip = flags.skip;
  if (skip !== undefined && !(/^\d+$/.test(skip) && +skip <= 1000)) throw new Usage(`--skip must be a whole number of lines from 0 to 1000; got ${q(skip)}.`);
  const options: CsvOptions = { ...detected.options, ...(skip !== undefined ? { skipLines: +skip } : {}), ...(flags['no-header'] ? { header: false } : {}) };
  if (options.skipLines === detected.options.skipLines && options.header === detected.options.header) return detected;
  const p = await previewCsv(source, options);
  return { ...p, notes: [`${skip !== undefined ? `--skip ${skip}` : ''}${skip !== undefined && flags['no-header'] ? ' and ' : ''}${flags['no-header'] ? '--no-header' : ''} given: the guessed layout is not used.`] };
}

function summary(meta: DatasetMeta): string[] {
  const [tr, va, te] = meta.split.counts;
  const lines = [`Imported ${meta.rowCount} rows${meta.droppedRows ? ` (${meta.droppedRows} dropped for a missing value)` : ''} as dataset ${q(meta.name)}: ${meta.features.length} input neurons, ${meta.outputs.length} output neurons; split ${tr} train / ${va} validation / ${te} test.`];
  for (const t of meta.targets) lines.push(`  target ${q(t.column)}: ${t.kind === 'classes' ? `${t.classes!.length} classes (${t.classes!.join(', ')})` : 'a number (regression)'}`);
  return lines;
}

function describeNetwork(net: Network): string {
  const count = (role: string) => net.neurons.filter((n) => n.role === role).length;
  const hidden = count('hidden');
  return `${count('input')} inputs → ${hidden ? `${hidden} hidden → ` : ''}${count('output')} outputs${net.softmaxGroups.length ? ` (${net.softmaxGroups.length} softmax group${net.softmaxGroups.length === 1 ? '' : 's'})` : ''}, ${net.synapses.length} synapses`;
}

/** Runs `neurite import`; returns the exit code. */
export async function importCommand(csv: string, flags: Flags): Promise<number> {
  if (!flags.output) throw new Usage('import needs the project to write: -o project.neurite.');
  const hidden = hiddenLayers(flags);
  const file = path.resolve(csv);
  if (!fs.existsSync(file)) throw new Error(`No such CSV file: ${csv}`);
  if (!fs.statSync(file).isFile()) throw new Error(`${csv} is not a file.`);
  const out = path.resolve(flags.output);

  let preview: CsvPreview;
  try {
    preview = await previewWith(file, flags);
  } catch (e) {
    if (e instanceof DatasetError) throw new Error(e.message);
    throw e;
  }
  let columns = guessedConfigs(preview);
  for (const name of flags.ignore?.split(',').filter((s) => s.trim()) ?? []) {
    const j = columnIndex(preview.columns, name, 'ignore');
    columns = columns.map((c, k) => (k === j ? setColumnRole(c, 'ignore') : c));
  }
  (flags.target?.split(',').filter((s) => s.trim()) ?? []).forEach((name, i) => {
    const j = columnIndex(preview.columns, name, 'target');
    if (columns[j].type === 'ignore') throw new Usage(`--target: column ${q(preview.columns[j])} has no values in the sample to predict.`);
    columns = chooseTarget(columns, j, i > 0, looksLikeClasses(preview.inferred[j]));
  });

  const o = preview.options;
  const width = Math.min(24, Math.max(...columns.map((c) => c.name.length)));
  console.log(`Read ${path.basename(file)}: ${DELIMITER_NAMES[preview.delimiter] ?? q(preview.delimiter)}-separated, ${o.header ? `header row on line ${preview.headerLine}` : 'no header row'}${o.skipLines ? `, ${o.skipLines} line${o.skipLines === 1 ? '' : 's'} skipped at the top` : ''}.`);
  for (const n of preview.notes) console.log(`  ${n}`);
  console.log('Columns (name, type, role, encoding, missing values):');
  preview.inferred.forEach((c, j) => console.log(describeColumn(c, columns[j], width)));
  if (!columns.some((c) => c.role === 'target')) throw new Error('No column can be the target: choose one with --target NAME.');

  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neurite-cli-'));
  const { session } = createSession({ mode: 'electron', projectsDir: null, stateDir, emit: () => {} });
  try {
    const snapshot = fs.existsSync(out) ? openProject(session, out) : newProject(session);
    const db = workingDatabase(session);
    const split = splitOf(flags, columns.some((c) => c.role === 'target' && c.encoding === 'classes'));
    const name = distinctName(path.basename(file).replace(/\.[^.]+$/, ''), listDatasets(db).map((d) => d.name));
    let dataset;
    try {
      dataset = await importCsv(fileSource(file), { id: `ds-${Date.now().toString(36)}`, name, options: o, columns, split });
    } catch (e) {
      if (e instanceof DatasetError) throw new Error(e.message);
      throw e;
    }
    saveDataset(db, dataset);
    const network = bindWithHidden(snapshot.network, dataset.meta, hidden);
    saveProject(session, network, out);
    for (const line of summary(dataset.meta)) console.log(line);
    console.log(`Wrote ${flags.output}: ${describeNetwork(network)}.`);
    return 0;
  } finally {
    closeSession(session);
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}
