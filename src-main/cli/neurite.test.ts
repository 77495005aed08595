import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bindNetworkToDataset } from '../../src-shared/data/bind';
import { makeExample } from '../../src-shared/data/examples';
import { CsvOptionsSchema, type ColumnConfig } from '../../src-shared/data/schema';
import { compileNetwork, paramsFromNetwork } from '../../src-shared/engine/index';
import { emptyNetwork } from '../../src-shared/model/network';
import { evaluateRows } from '../../src-shared/training/evaluate';
import { importCsv } from '../services/dataset/reader';
import { fileSource } from '../services/dataset/source';
import { listDatasets, loadDataset, saveDataset } from '../services/dataset/store';
import { closeProject, newProject, openProject, saveProject, workingDatabase } from '../services/project/service';
import { removeTempDirs, tempDir, testSession } from '../services/project/test-helpers';
import { listRuns, metricHistory } from '../services/training/store';
import { IRIS_CSV } from '../services/dataset/iris-csv';

afterAll(removeTempDirs);

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'neurite.ts');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 120_000 });

function makeProject(): string {
  const { session, close } = testSession();
  const file = path.join(tempDir(), 'cli.neurite');
  newProject(session);
  const ex = makeExample('circles', { seed: 2 });
  saveDataset(workingDatabase(session), ex.dataset);
  saveProject(session, ex.network, file);
  close();
  return file;
}

describe('neurite CLI (spawned from source)', () => {
  it('--help prints usage and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('neurite train <project.neurite>');
  });

  it('bad input exits non-zero with a clear message', () => {
    expect(run('fly').status).toBe(2);
    expect(run('fly').stderr).toContain('Unknown command "fly"');
    const file = makeProject();
    const lr = run('train', file, '--lr', 'fast');
    expect(lr.status).toBe(2);
    expect(lr.stderr).toContain('--lr must be a number, got "fast"');
    const missing = run('train', path.join(tempDir(), 'none.neurite'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No such project file');
    expect(run('eval', file, '--run', 'nope').stderr).toContain('The project has no run "nope"');
  }, 180_000);

  it('train stores the run in the project and eval reads it back', () => {
    const file = makeProject();
    const r = run('train', file, '--epochs', '60', '--lr', '0.03', '--seed', '3');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const final = r.stdout.split('\n').find((l) => l.startsWith('final '))!;
    expect(final).toMatch(/status=completed epochs=60/);
    const acc = Number(/val: rows=\d+ loss=\S+ accuracy=(\S+)/.exec(final)![1]);
    expect(acc).toBeGreaterThan(0.9);
    const runId = /run=(\S+)/.exec(final)![1];

    const { session, close } = testSession();
    openProject(session, file);
    const db = workingDatabase(session);
    expect(listRuns(db).map((x) => x.id)).toEqual([runId]);
    expect(metricHistory(db, runId)['train.loss']).toHaveLength(60);
    closeProject(session);
    close();

    const ev = run('eval', file, '--run', runId);
    expect(ev.status).toBe(0);
    expect(ev.stdout).toContain(`val: rows=`);
    expect(Number(/val: rows=\d+ loss=\S+ accuracy=(\S+)/.exec(ev.stdout)![1])).toBe(acc);
  }, 180_000);
});

describe('neurite sweep (spawned from source)', () => {
  it('trains the grid on a pool of workers, saves every run, prints them best first; bad grids are refused', () => {
    const file = makeProject();
    const bad = run('sweep', file, '--lr', '0.01', '--widths', '2,4');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--widths needs --layer N');
    expect(run('sweep', file, '--lr', '0.01', '--layer', '9', '--widths', '2').stderr).toContain('--layer must be between 1 and 1 (the network\'s hidden layers)');
    const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'sweep', file, '--lr', '0.003,0.03', '--layer', '1', '--widths', '2,5', '--seeds', '7', '--workers', '2', '--epochs', '4', '--precision', 'float32'], { encoding: 'utf8', timeout: 240_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('sweep: 4 runs of 4 epochs, 2 at a time');
    const lines = r.stdout.split('\n').filter((l) => /^#\d/.test(l));
    expect(lines).toHaveLength(4);
    const losses = lines.map((l) => Number(/loss=([\d.e-]+)/.exec(l)![1]));
    expect(losses).toEqual([...losses].sort((a, b) => a - b));
    expect(lines[0]).toContain('best: rows=');
    const { session, close } = testSession();
    try {
      openProject(session, file);
      const runs = listRuns(workingDatabase(session));
      expect(runs).toHaveLength(4);
      expect(runs.map((x) => x.stored!.config.optimizer.lr).sort()).toEqual([0.003, 0.003, 0.03, 0.03]);
      expect(runs.every((x) => x.stored!.config.precision === 'float32' && x.stored!.config.seed === 7 && x.status === 'completed')).toBe(true);
    } finally {
      close();
    }
  }, 300_000);
});

describe('neurite eval --csv (spawned from source)', () => {
  const header = 'length;width;colour;kind';
  const line = (i: number) => `${(1 + (i % 7) * 0.5).toFixed(1).replace('.', ',')};${(2 + (i % 5)).toString()};${['red', 'green', 'blue'][i % 3]};${i % 7 < 3 ? 'small' : 'large'}`;

  /** A project whose dataset was imported from a semicolon, decimal-comma CSV with a numeric, a category and a class column. */
  async function importedProject(): Promise<{ project: string; csv: string; dir: string }> {
    const dir = tempDir();
    const csv = path.join(dir, 'train.csv');
    writeFileSync(csv, `# measured by hand\n${header}\n${Array.from({ length: 60 }, (_, i) => line(i)).join('\n')}\n`);
    const options = CsvOptionsSchema.parse({ delimiter: ';', decimal: ',', skipLines: 1 });
    const col = (name: string, type: 'numeric' | 'categorical', role: 'feature' | 'target', encoding: string) => ({ name, type, role, encoding, missing: 'mean', fill: null }) as ColumnConfig;
    const dataset = await importCsv(fileSource(csv), {
      id: 'd1',
      options,
      columns: [col('length', 'numeric', 'feature', 'standardise'), col('width', 'numeric', 'feature', 'min-max'), { ...col('colour', 'categorical', 'feature', 'one-hot'), missing: 'most-frequent' }, { ...col('kind', 'categorical', 'target', 'classes'), missing: 'drop' }],
      split: { train: 60, val: 20, test: 20, seed: 3, stratify: false },
    });
    const { session, close } = testSession();
    const project = path.join(dir, 'eval.neurite');
    newProject(session);
    saveDataset(workingDatabase(session), dataset);
    saveProject(session, bindNetworkToDataset(emptyNetwork(), dataset.meta), project);
    close();
    return { project, csv, dir };
  }

  it('encodes another file with the stored encoding: the same rows give the metrics of the whole stored dataset', async () => {
    const { project, csv } = await importedProject();
    const r = run('eval', project, '--csv', csv);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { session, close } = testSession();
    const net = openProject(session, project).network;
    const d = loadDataset(workingDatabase(session), 'd1')!;
    const program = compileNetwork(net);
    const all = Int32Array.from({ length: d.meta.rowCount }, (_, i) => i);
    const e = evaluateRows(program, paramsFromNetwork(program, net), d.x, d.y, all, 'cce');
    close();
    const got = /csv: rows=(\d+) loss=(\S+) accuracy=(\S+)/.exec(r.stdout)!;
    expect(Number(got[1])).toBe(60);
    expect(Number(got[2])).toBe(Number(e.loss.toPrecision(4)));
    expect(Number(got[3])).toBe(Number(e.classification!.accuracy.toPrecision(4)));
  }, 180_000);

  it('refuses a file it cannot encode, naming file, line, column and value', async () => {
    const { project, dir } = await importedProject();
    const bad = (name: string, body: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, `# note\n${body}\n`);
      return run('eval', project, '--csv', file);
    };
    const cases: [string, string, string][] = [
      ['no-kind.csv', `length;width;colour\n1,5;2;red`, 'no-kind.csv has no column "kind" (the dataset uses it as a target).'],
      ['text.csv', `${header}\n${line(0)}\n1,5;wide;red;small`, 'text.csv, line 4, column "width": "wide" is not a number.'],
      ['class.csv', `${header}\n${line(1)}\n${line(2)}\n1,5;2;red;medium`, 'class.csv, line 5, column "kind": class "medium" is not one of the dataset\'s classes (large, small).'],
      ['ragged.csv', `${header}\n1,5;2;red`, 'ragged.csv, line 3: 3 cells where the header has 4.'],
    ];
    for (const [name, body, message] of cases) {
      const r = bad(name, body);
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe(`neurite: ${message}`);
    }
    expect(run('eval', project, '--csv', path.join(dir, 'nope.csv')).stderr).toContain('No such CSV file');
  }, 180_000);
});

/** The shipped Iris written out as scikit-learn writes its CSVs: a metadata line (rows, features, class names), no header, classes as 0/1/2. */
function sklearnIris(dir: string): string {
  const names = ['setosa', 'versicolor', 'virginica'];
  const rows = IRIS_CSV.trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const c = l.split(',');
      return [...c.slice(0, 4), names.indexOf(c[4])].join(',');
    });
  const file = path.join(dir, 'iris.csv');
  writeFileSync(file, `150,4,${names.join(',')}\n${rows.join('\n')}\n`);
  return file;
}

describe('neurite import (spawned from source)', () => {
  it('prints what it inferred, writes a project bound to the data, and train --json then eval score the trained network', () => {
    const dir = tempDir();
    const csv = sklearnIris(dir);
    const project = path.join(dir, 'iris.neurite');
    // Split seed 3: with seed 1, two overlapping versicolor/virginica flowers land among the 21 test rows and
    // every model misses them (90.5%: this engine for any training seed, and PyTorch's 4-16-3 tanh MLP with Adam
    // on the same split for ten seeds out of ten).
    const imp = run('import', csv, '-o', project, '--hidden', '16', '--seed', '3');
    expect(imp.stderr).toBe('');
    expect(imp.status).toBe(0);
    expect(imp.stdout).toContain('Read iris.csv: comma-separated, no header row, 1 line skipped at the top.');
    expect(imp.stdout).toContain('Line 1 ("150,4,setosa,versicolor,virginica") looks like a metadata line (150 rows, 4 features, class names): it is skipped.');
    expect(imp.stdout).toMatch(/column 5 +numeric +target +classes +missing: drop +\(whole numbers with 3 values: classes named setosa, versicolor, virginica by the metadata line\)/);
    expect(imp.stdout).toContain('Imported 150 rows as dataset "iris": 4 input neurons, 3 output neurons');
    expect(imp.stdout).toContain('target "column 5": 3 classes (setosa, versicolor, virginica)');
    expect(imp.stdout).toContain('4 inputs → 16 hidden → 3 outputs (1 softmax group), 112 synapses');

    const untrained = JSON.parse(run('eval', project, '--json').stdout);
    const tr = run('train', project, '--json');
    expect(tr.stderr).toBe('');
    expect(tr.status).toBe(0);
    const trained = JSON.parse(tr.stdout);
    expect(trained).toMatchObject({ status: 'completed', epochs: 100, dataset: { name: 'iris' } });
    expect(trained.test.rows).toBe(21);
    expect(trained.test.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(trained.test.confusion).toHaveLength(3);
    // eval without --run scores the network the project now holds: the trained one.
    const ev = JSON.parse(run('eval', project, '--json').stdout);
    for (const split of ['train', 'val', 'test'] as const) {
      expect(ev[split].accuracy).toBe(trained[split].accuracy);
      expect(ev[split].loss).toBeCloseTo(trained[split].loss, 12);
    }
    expect(untrained.test.loss).toBeGreaterThan(ev.test.loss * 3);
    expect(run('eval', project).stdout).toMatch(/^test: rows=21 loss=\S+ accuracy=(0\.95\d*|1)$/m);
  }, 240_000);

  it('honours --target, --ignore, --skip and --no-header, and a second import into the same project gets a distinct name', () => {
    const dir = tempDir();
    const csv = path.join(dir, 'plants.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `${['reed', 'sedge'][i % 2]},${i % 3 ? 'A' : 'B'},${(i % 2) * 2 + (i % 5) / 10},${i}`);
    writeFileSync(csv, `kind,region,length,row\n${rows.join('\n')}\n`);
    const project = path.join(dir, 'plants.neurite');
    const a = run('import', csv, '-o', project, '--target', 'kind', '--ignore', 'row,region');
    expect(a.stderr).toBe('');
    expect(a.stdout).toMatch(/kind +categorical +target +classes/);
    expect(a.stdout).toMatch(/row +numeric +ignore/);
    expect(a.stdout).toContain('Imported 40 rows as dataset "plants": 1 input neurons, 2 output neurons');
    const b = run('import', csv, '-o', project, '--target', '1', '--skip', '1', '--no-header');
    expect(b.stderr).toBe('');
    expect(b.stdout).toContain('--skip 1 and --no-header given: the guessed layout is not used.');
    expect(b.stdout).toContain('as dataset "plants (2)"');
    const { session, close } = testSession();
    openProject(session, project);
    expect(listDatasets(workingDatabase(session)).map((d) => d.name)).toEqual(['plants', 'plants (2)']);
    close();
    const bad = run('import', csv, '-o', project, '--target', 'colour');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--target: the file has no column "colour" (columns: "kind", "region", "length", "row").');
    expect(run('import', csv).stderr).toContain('import needs the project to write: -o project.neurite.');
    expect(run('import', csv, '-o', project, '--hidden', '0').stderr).toContain('--hidden takes up to 8 layer sizes from 1 to 512');
    expect(run('train', project, '--hidden', '4').stderr).toContain('--hidden belongs to "neurite import".');
  }, 240_000);
});
