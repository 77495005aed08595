import { describe, expect, it } from 'vitest';
import type { CsvPreviewReply } from '../../src-shared/data/contract';
import { featureConfig } from '../../src-shared/data/infer';
import type { ColumnConfig } from '../../src-shared/data/schema';
import { columnsProblem, neuronCounts } from './import-counts';
import { importWizardReducer, INITIAL_WIZARD, type ImportWizardState, type WizardAction } from './import-wizard-state';

const guessed: ColumnConfig[] = [featureConfig('x', 'numeric'), featureConfig('kind', 'categorical'), { ...featureConfig('y', 'numeric'), role: 'target', encoding: 'regression' }];

function reply(over: Partial<CsvPreviewReply> = {}): CsvPreviewReply {
  return {
    file: 'plants.csv',
    bytes: 1234,
    delimiter: ',',
    suggestedDecimal: '.',
    columns: ['x', 'kind', 'y'],
    headerLine: 1,
    rows: [['1', 'a', '2']],
    inferred: [
      { name: 'x', type: 'numeric', missing: 0, distinct: 9 },
      { name: 'kind', type: 'categorical', missing: 0, distinct: 4 },
      { name: 'y', type: 'numeric', missing: 0, distinct: 3, present: 40, integer: true },
    ],
    defaults: guessed,
    options: { ...INITIAL_WIZARD.options, delimiter: ',' },
    notes: ['The first line is a header.'],
    remembered: null,
    ...over,
  };
}

const run = (actions: WizardAction[], from: ImportWizardState = INITIAL_WIZARD) => actions.reduce(importWizardReducer, from);

describe('import wizard state', () => {
  it('takes the guesses of the first read: columns, notes, the options it detected, a name from the file', () => {
    const s = run([{ type: 'preview-read', reply: reply(), detect: true }]);
    expect(s.columns).toEqual(guessed);
    expect(s.notes).toEqual(['The first line is a header.']);
    expect(s.options.delimiter).toBe(',');
    expect(s.name).toBe('plants');
    expect(s.remembered).toBeNull();
  });

  it('offers the decimal comma the sample suggests once, unless remembered settings fit', () => {
    expect(run([{ type: 'preview-read', reply: reply({ suggestedDecimal: ',' }), detect: true }]).options.decimal).toBe(',');
    expect(run([{ type: 'preview-read', reply: reply({ suggestedDecimal: ',' }), detect: false }]).options).toEqual(INITIAL_WIZARD.options);
    const remembered = { options: reply().options, columns: guessed, split: INITIAL_WIZARD.split, hidden: null };
    expect(run([{ type: 'preview-read', reply: reply({ suggestedDecimal: ',', remembered }), detect: true }]).options.decimal).toBe('.');
  });

  it('keeps the notes of the first read only', () => {
    const s = run([{ type: 'preview-read', reply: reply(), detect: true }, { type: 'options', options: { ...reply().options, skipLines: 1 } }, { type: 'preview-read', reply: reply(), detect: false }]);
    expect(s.notes).toEqual([]);
    expect(s.options.skipLines).toBe(1);
  });

  it('uses remembered settings whose columns fit the file, and forgets them back to the guesses', () => {
    const columns = guessed.map((c) => ({ ...c, missing: 'drop' as const }));
    const remembered = { options: reply().options, columns, split: { train: 80, val: 10, test: 10, seed: 7, stratify: false }, hidden: { sizes: [8], activation: 'relu' as const } };
    const s = run([{ type: 'preview-read', reply: reply({ remembered }), detect: true }]);
    expect(s.columns).toBe(columns);
    expect(s.split).toEqual({ train: 80, val: 10, test: 10, seed: 7, stratify: false });
    expect(s.hidden).toEqual({ on: true, size: 8, activation: 'relu' });
    expect(s.remembered).toBe(remembered);
    const back = run([{ type: 'forget' }], s);
    expect(back.columns).toEqual(guessed);
    expect(back.split).toEqual(INITIAL_WIZARD.split);
    expect(back.hidden.on).toBe(false);
    expect(back.remembered).toBeNull();
  });

  it('ignores remembered settings for other columns', () => {
    const remembered = { options: reply().options, columns: guessed.slice(0, 2), split: { train: 80, val: 10, test: 10, seed: 7, stratify: false }, hidden: null };
    const s = run([{ type: 'preview-read', reply: reply({ remembered }), detect: true }]);
    expect(s.columns).toEqual(guessed);
    expect(s.remembered).toBeNull();
  });

  it('edits a column or picks a target (as classes when it looks like classes), closing the many-inputs question', () => {
    const read = run([{ type: 'preview-read', reply: reply(), detect: true }, { type: 'confirm-many', on: true }]);
    const edited = run([{ type: 'column', j: 0, config: featureConfig('x', 'ignore') }], read);
    expect(edited.columns[0].type).toBe('ignore');
    expect(edited.confirmMany).toBe(false);
    const target = run([{ type: 'target', j: 2, keep: false }], read);
    expect(target.columns[2]).toMatchObject({ role: 'target', encoding: 'classes' });
  });

  it('runs an import: progress while it runs, a refusal kept with its fix, and the fix clearing it', () => {
    const read = run([{ type: 'preview-read', reply: reply(), detect: true }]);
    const started = run([{ type: 'import-started', total: 1234 }, { type: 'import-progress', read: 600, total: 1234 }], read);
    expect(started.progress).toEqual({ read: 600, total: 1234 });
    const problem = { code: 'bad-number', message: 'plants.csv line 3, column "x": "oops" is not a number.', fixes: [{ kind: 'column-categorical' as const, column: 'x' }] };
    const refused = run([{ type: 'import-refused', problem }, { type: 'import-ended' }], started);
    expect(refused.progress).toBeNull();
    expect(refused.problem).toBe(problem);
    const fixed = run([{ type: 'fix', fix: problem.fixes[0] }], refused);
    expect(fixed.problem).toBeNull();
    expect(fixed.columns[0].type).toBe('categorical');
  });
});

describe('import neuron counts', () => {
  it('counts one-hot categories, dates and class targets', () => {
    const inferred = reply().inferred;
    expect(neuronCounts(guessed, inferred)).toEqual({ inputs: 1 + 4, outputs: 1, widest: [{ name: 'kind', inputs: 4 }] });
    const classes = guessed.map((c) => (c.role === 'target' ? { ...c, encoding: 'classes' as const } : c));
    expect(neuronCounts(classes, inferred).outputs).toBe(3);
    expect(neuronCounts([featureConfig('when', 'date')], []).inputs).toBe(3);
  });

  it('says what the columns lack', () => {
    expect(columnsProblem(guessed)).toBeNull();
    expect(columnsProblem(guessed.slice(0, 2))).toMatch(/target/);
    expect(columnsProblem([guessed[2]])).toMatch(/feature/);
  });
});
