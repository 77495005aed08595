#!/usr/bin/env node
/** The headless command line: `neurite train|eval project.neurite [options]` (see usage below). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { applyWeightsToNetwork, compileNetwork, paramsFromNetwork } from '../../src-shared/engine';
import { parseTrainingConfig } from '../../src-shared/training/config';
import { withEffectiveDale } from '../../src-shared/training/dale-setting';
import { evaluateRows, targetSlices } from '../../src-shared/training/evaluate';
import { TrainingRun } from '../../src-shared/training/runner';
import { readEvalCsv } from './read-eval-csv';
import { importCommand, IMPORT_OPTIONS, IMPORT_USAGE } from './import-command';
import { Usage } from './usage';
import { evaluationJson, type SplitEvaluation } from './json';
import { createSession } from '../services/session';
import { closeSession, openProject, saveProject, workingDatabase } from '../services/project/service';
import { listDatasets, loadDataset } from '../services/dataset/store';
import { startRun } from '../services/training/host';
import { getRun, listRuns, readCheckpoint } from '../services/training/store';
import { defaultSweepWorkers, startSweep } from '../services/training/sweep';
import { hiddenLayers, SweepSpecSchema } from '../../src-shared/training/sweep';
import type { TrainingConfig } from '../../src-shared/training/config';
import type { Network } from '../../src-shared/model/network';
import { formatMetric } from '../../src-shared/format-number';

const USAGE = `Usage:
${IMPORT_USAGE}
  neurite train <project.neurite> [--epochs N] [--lr X] [--batch B] [--seed S] [--dataset ID] [--json]
      Trains the project's network on one of its datasets (the newest unless --dataset; in the training
      worker), prints progress and a final metrics line, saves the run into the project and puts the
      trained weights into the project's network (as the app does when a run ends).
  neurite sweep <project.neurite> --lr X,Y,.. [--seeds S,..] [--layer N --widths W,..] [--workers K] [--epochs N] [--batch B] [--dataset ID]
      Trains a grid (learning rate × width of hidden layer N, counted from 1 × seed) as parallel runs, K at a time
      (default: cores − 1), each saved into the project as a normal run, and prints them best first.
  Training options also: [--precision float64|float32] (float32: about twice as fast on wide layers).
  neurite eval <project.neurite> [--run ID] [--dataset ID] [--csv other.csv] [--json]
      Prints metrics of the project's network (or of a run's final weights) on each split, or on the rows
      of another CSV file encoded exactly as the dataset was (same columns by name, same scaling and classes).
  --json prints one JSON object instead: each split's rows, loss and accuracy (or mse, mae, r2), and with
      several targets each target's metrics.
  neurite --help
Exit codes: 0 success, 1 failure, 2 bad usage.`;

/** A metric in the CLI's plain-ASCII output ('-' for no value). */
const fmt = (v: number | null | undefined): string => formatMetric(v, false, '-');

/** One line of metrics per split. */
function metricsLine(name: string, e: SplitEvaluation | null): string {
  if (!e) return `${name}: no rows`;
  const parts = [`${name}: rows=${e.rows}`, `loss=${fmt(e.loss)}`];
  if (e.classification) parts.push(`accuracy=${fmt(e.classification.accuracy)}`);
  if (e.regression) parts.push(`mse=${fmt(e.regression.mse)}`, `mae=${fmt(e.regression.mae)}`, `r2=${fmt(e.regression.r2)}`);
  for (const t of e.targets ?? []) {
    if (t.classification) parts.push(`${t.name}.accuracy=${fmt(t.classification.accuracy)}`);
    if (t.regression) parts.push(`${t.name}.r2=${fmt(t.regression.r2)}`);
  }
  return parts.join(' ');
}

function num(v: string | undefined, flag: string, int: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || (int && !Number.isInteger(n))) throw new Usage(`--${flag} must be ${int ? 'an integer' : 'a number'}, got "${v}".`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      epochs: { type: 'string' },
      lr: { type: 'string' },
      batch: { type: 'string' },
      seed: { type: 'string' },
      dataset: { type: 'string' },
      run: { type: 'string' },
      csv: { type: 'string' },
      json: { type: 'boolean' },
      ...IMPORT_OPTIONS,
      precision: { type: 'string' },
      seeds: { type: 'string' },
      layer: { type: 'string' },
      widths: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command, file, ...rest] = positionals;
  if (command === 'import') {
    if (!file) throw new Usage('import needs a CSV file.');
    if (rest.length) throw new Usage(`Unexpected argument "${rest[0]}".`);
    return importCommand(file, values);
  }
  const importOnly = (Object.keys(IMPORT_OPTIONS) as (keyof typeof IMPORT_OPTIONS)[]).find((k) => values[k] !== undefined);
  if (importOnly) throw new Usage(`--${importOnly} belongs to "neurite import".`);
  if (command !== 'train' && command !== 'eval' && command !== 'sweep') throw new Usage(command ? `Unknown command "${command}".` : 'No command given.');
  if (!file) throw new Usage(`${command} needs a project file.`);
  if (rest.length) throw new Usage(`Unexpected argument "${rest[0]}".`);
  if (!fs.existsSync(file)) throw new Error(`No such project file: ${file}`);

  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neurite-cli-'));
  const { session } = createSession({ mode: 'electron', projectsDir: null, stateDir, emit: () => {} });
  try {
    const snapshot = openProject(session, path.resolve(file));
    for (const w of snapshot.warnings ?? []) console.error(`neurite: warning: ${w}`);
    const db = workingDatabase(session);
    const datasets = listDatasets(db);
    // The newest dataset, as the app's Train uses the one imported last.
    const chosen = values.dataset ?? datasets.at(-1)?.id;
    if (!chosen) throw new Error('The project has no dataset: import one with "neurite import" or in the app first.');
    const dataset = loadDataset(db, chosen);
    if (!dataset) throw new Error(`The project has no dataset "${chosen}" (datasets: ${datasets.map((d) => `${d.id} "${d.name}"`).join(', ')}).`);
    const json = !!values.json;

    if (command === 'eval') {
      let network = snapshot.network;
      if (values.run) {
        const r = getRun(db, values.run);
        const cp = r && readCheckpoint(db, values.run, 'final');
        if (!r || !cp) throw new Error(`The project has no run "${values.run}" (runs: ${listRuns(db).map((x) => x.id).join(', ') || 'none'}).`);
        network = applyWeightsToNetwork(r.network, compileNetwork(r.network), cp.params);
      }
      const run = new TrainingRun({ network, x: dataset.x, y: dataset.y, split: dataset.split, config: parseTrainingConfig({}) });
      const p = compileNetwork(network);
      const params = paramsFromNetwork(p, network);
      const targets = targetSlices(network, p, run.loss);
      if (values.csv) {
        const other = readEvalCsv(values.csv, dataset.meta);
        const rows = Int32Array.from({ length: other.rowCount }, (_, i) => i);
        const e = evaluateRows(p, params, other.x, other.y, rows, run.loss, targets);
        if (json) console.log(JSON.stringify({ dataset: { id: dataset.meta.id, name: dataset.meta.name }, run: values.run ?? null, loss: run.loss, csv: evaluationJson(e), dropped: other.dropped }));
        else console.log(`${metricsLine('csv', e)}${other.dropped ? ` (${other.dropped} rows with missing values dropped)` : ''}`);
        return 0;
      }
      const splits = (['train', 'val', 'test'] as const).map((name) => {
        const rows = name === 'train' ? run.trainRows : name === 'val' ? run.valRows : run.testRows;
        return [name, rows.length ? evaluateRows(p, params, dataset.x, dataset.y, rows, run.loss, targets) : null] as const;
      });
      if (json) console.log(JSON.stringify({ dataset: { id: dataset.meta.id, name: dataset.meta.name }, run: values.run ?? null, loss: run.loss, ...Object.fromEntries(splits.map(([n, e]) => [n, e && evaluationJson(e)])) }));
      else for (const [name, e] of splits) console.log(metricsLine(name, e));
      return 0;
    }

    const base = parseTrainingConfig({});
    if (values.precision !== undefined && values.precision !== 'float64' && values.precision !== 'float32') throw new Usage(`--precision must be float64 or float32, got "${values.precision}".`);
    if (command === 'sweep') {
      const config = parseTrainingConfig({ epochs: num(values.epochs, 'epochs', true), batchSize: num(values.batch, 'batch', true), precision: values.precision });
      return await sweep(db, chosen, dataset, snapshot.network, config, values, () => saveProject(session, snapshot.network));
    }
    const lr = num(values.lr, 'lr', false);
    const config = withEffectiveDale(parseTrainingConfig({
      epochs: num(values.epochs, 'epochs', true),
      batchSize: num(values.batch, 'batch', true),
      seed: num(values.seed, 'seed', true),
      optimizer: lr === undefined ? undefined : { ...base.optimizer, lr },
      precision: values.precision,
    }), snapshot.network);
    let last = 0;
    const h = startRun({
      db, datasetId: chosen, dataset, network: snapshot.network, config,
      listener: {
        epoch: (e) => {
          if (json || (Date.now() - last < 1000 && e.epoch !== config.epochs)) return;
          last = Date.now();
          console.log(`epoch ${e.epoch}/${config.epochs} train_loss=${fmt(e.trainLoss)} val_loss=${fmt(e.val?.loss)} val_score=${fmt(e.score)}`);
        },
      },
    });
    const out = await h.done;
    // The trained weights go into the project's network, as the app puts them on the canvas when a run ends.
    const trained = out.params ? applyWeightsToNetwork(snapshot.network, compileNetwork(snapshot.network), out.params) : snapshot.network;
    saveProject(session, trained);
    if (out.status === 'error') {
      console.error(`Training failed: ${out.message} (run ${h.runId} saved)`);
      return 1;
    }
    const ev = out.evaluation;
    if (json) {
      console.log(
        JSON.stringify({
          run: h.runId,
          status: out.status,
          epochs: out.epoch,
          dataset: { id: dataset.meta.id, name: dataset.meta.name },
          train: evaluationJson(ev.train),
          val: ev.val && evaluationJson(ev.val),
          test: ev.test && evaluationJson(ev.test),
        }),
      );
    } else console.log(`final run=${h.runId} status=${out.status} epochs=${out.epoch} | ${metricsLine('train', ev.train)} | ${metricsLine('val', ev.val)} | ${metricsLine('test', ev.test)}`);
    return 0;
  } finally {
    closeSession(session);
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

/** "0.01,0.03" → numbers; a usage error names the flag and the bad part. */
function list(v: string | undefined, flag: string, int: boolean): number[] | undefined {
  if (v === undefined) return undefined;
  return v.split(',').map((p) => num(p.trim(), flag, int)!);
}

/** `neurite sweep`: the grid on a pool of training workers; prints one line per run, best (lowest loss) first. */
async function sweep(db: ReturnType<typeof workingDatabase>, datasetId: string, dataset: NonNullable<ReturnType<typeof loadDataset>>, network: Network, config: TrainingConfig, values: Record<string, string | boolean | undefined>, save: () => void): Promise<number> {
  const str = (k: string) => values[k] as string | undefined;
  const lrs = list(str('lr'), 'lr', false);
  if (!lrs) throw new Usage('sweep needs --lr with one or more learning rates, e.g. --lr 0.003,0.01,0.03.');
  const widths = list(str('widths'), 'widths', true) ?? [];
  const layerNo = num(str('layer'), 'layer', true);
  const layers = hiddenLayers(network);
  if (widths.length && layerNo === undefined) throw new Usage('--widths needs --layer N: the hidden layer to resize, counted from 1.');
  if (layerNo !== undefined && (layerNo < 1 || layerNo > layers.length)) throw new Usage(`--layer must be between 1 and ${layers.length} (the network's hidden layers).`);
  const parsed = SweepSpecSchema.safeParse({ lrs, widths, layer: layerNo ? layers[layerNo - 1].ids : [], seeds: list(str('seeds'), 'seeds', true) ?? [config.seed] });
  if (!parsed.success) throw new Usage(parsed.error.issues[0]?.message ?? 'Bad sweep.');
  const workers = num(str('workers'), 'workers', true) ?? defaultSweepWorkers();
  if (workers < 1) throw new Usage('--workers must be at least 1.');
  const t0 = Date.now();
  const h = startSweep({
    db, datasetId, dataset, network, config, spec: parsed.data, concurrency: workers,
    listener: { finished: (i, runId, out) => console.log(`run ${i + 1}/${h.points.length} ${runId} ${out.status} after ${out.epoch ?? 0} epochs`) },
  });
  console.log(`sweep: ${h.points.length} runs of ${config.epochs} epochs, ${workers} at a time`);
  const out = await h.done;
  save();
  const rows = out.map((r, i) => {
    const ev = r.outcome && r.outcome.status !== 'error' ? r.outcome.evaluation : null;
    const split = ev?.val ?? ev?.train ?? null;
    return { i, p: h.points[i], runId: r.runId, status: r.outcome?.status ?? 'not started', loss: split?.loss ?? NaN, split };
  });
  rows.sort((a, b) => (Number.isFinite(a.loss) ? a.loss : Infinity) - (Number.isFinite(b.loss) ? b.loss : Infinity));
  for (const r of rows) {
    console.log(`#${r.i + 1} lr=${r.p.lr}${r.p.width === null ? '' : ` width=${r.p.width}`} seed=${r.p.seed} status=${r.status} run=${r.runId ?? '-'} | ${metricsLine(r.split === rows[0].split && r.split ? 'best' : 'metrics', r.split)}`);
  }
  console.log(`sweep done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return out.some((r) => r.outcome?.status === 'error') ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const usage = e instanceof Usage || (e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'));
    console.error(`neurite: ${e instanceof Error ? e.message : String(e)}`);
    if (usage) console.error('Run "neurite --help" for usage.');
    process.exitCode = usage ? 2 : 1;
  },
);
