/**
 * The import wizard's state and every change it goes through, as one pure reducer: a preview read
 * (with what was guessed or remembered), edits of columns, split and hidden layer, and an import's
 * progress and refusal. The hook `use-import-wizard.ts` talks to main and dispatches here.
 */
import type { CsvPreviewReply, DatasetProblem } from '../../src-shared/data/contract';
import { applyFix, chooseTarget } from '../../src-shared/data/column-edits';
import type { DatasetFix } from '../../src-shared/data/errors';
import { looksLikeClasses } from '../../src-shared/data/infer';
import type { ColumnConfig, CsvOptions } from '../../src-shared/data/schema';
import type { ActivationKind } from '../../src-shared/model/activation-kind';

const DEFAULT_OPTIONS: CsvOptions = { delimiter: 'auto', quote: '"', header: true, decimal: '.', skipLines: 0, encoding: 'utf-8', comment: '' };
const DEFAULT_SPLIT = { train: 70, val: 15, test: 15, seed: 1, stratify: true };

/** The split the wizard edits (stratify applies only with a class target). */
export type WizardSplit = typeof DEFAULT_SPLIT;

/** The optional hidden layer between inputs and outputs. */
export interface HiddenChoice {
  on: boolean;
  size: number;
  activation: ActivationKind;
}

/** Everything the wizard shows and edits. */
export interface ImportWizardState {
  options: CsvOptions;
  preview: CsvPreviewReply | null;
  previewError: string | null;
  columns: ColumnConfig[];
  split: WizardSplit;
  hidden: HiddenChoice;
  name: string;
  /** What was guessed about the file, in words (first read only). */
  notes: string[];
  /** The settings of the last import of this file name, while they are in use. */
  remembered: CsvPreviewReply['remembered'];
  /** Bytes read while an import runs; null when none runs. */
  progress: { read: number; total: number } | null;
  problem: DatasetProblem | null;
  /** The question "this many inputs, import anyway?" is showing. */
  confirmMany: boolean;
}

/** The wizard before the first preview. */
export const INITIAL_WIZARD: ImportWizardState = {
  options: DEFAULT_OPTIONS,
  preview: null,
  previewError: null,
  columns: [],
  split: DEFAULT_SPLIT,
  hidden: { on: false, size: 16, activation: 'tanh' },
  name: '',
  notes: [],
  remembered: null,
  progress: null,
  problem: null,
  confirmMany: false,
};

/** Whether two sets of reading options read the file the same way. */
export const sameLayout = (a: CsvOptions, b: CsvOptions) => (Object.keys(a) as (keyof CsvOptions)[]).every((k) => a[k] === b[k]);

/** A change to the wizard. */
export type WizardAction =
  | { type: 'options'; options: CsvOptions }
  | { type: 'preview-started' }
  /** `detect`: the first read, whose guesses (or remembered settings) become the wizard's. */
  | { type: 'preview-read'; reply: CsvPreviewReply; detect: boolean }
  | { type: 'preview-failed'; message: string }
  | { type: 'column'; j: number; config: ColumnConfig }
  /** `keep`: another target besides those chosen. */
  | { type: 'target'; j: number; keep: boolean }
  | { type: 'fix'; fix: DatasetFix }
  | { type: 'forget' }
  | { type: 'name'; name: string }
  | { type: 'split'; split: WizardSplit }
  | { type: 'hidden'; hidden: HiddenChoice }
  | { type: 'confirm-many'; on: boolean }
  | { type: 'import-started'; total: number }
  | { type: 'import-progress'; read: number; total: number }
  | { type: 'import-refused'; problem: DatasetProblem }
  | { type: 'import-ended' };

function previewRead(s: ImportWizardState, reply: CsvPreviewReply, detect: boolean): ImportWizardState {
  const memory = detect ? reply.remembered : null;
  const fits = !!memory && memory.columns.length === reply.columns.length && memory.columns.every((c, j) => c.name === reply.columns[j]);
  const read = { ...s, preview: reply, problem: null, name: s.name || reply.file.replace(/\.[^.]+$/, ''), columns: fits ? memory!.columns : reply.defaults };
  if (!detect) return { ...read, notes: [] };
  const next = { ...read, notes: reply.notes, remembered: fits ? memory : null };
  if (fits) {
    next.split = { ...DEFAULT_SPLIT, ...memory!.split };
    if (memory!.hidden) next.hidden = { on: true, size: memory!.hidden.sizes[0], activation: memory!.hidden.activation };
  }
  // The options the guess (or memory) used become the wizard's; offer the sample's decimal comma once.
  const options = !fits && reply.suggestedDecimal === ',' && reply.options.decimal === '.' ? { ...reply.options, decimal: ',' as const } : reply.options;
  return sameLayout(options, s.options) ? next : { ...next, options };
}

/** The wizard's state after an action. */
export function importWizardReducer(s: ImportWizardState, a: WizardAction): ImportWizardState {
  switch (a.type) {
    case 'options':
      return { ...s, options: a.options };
    case 'preview-started':
      return { ...s, previewError: null };
    case 'preview-read':
      return previewRead(s, a.reply, a.detect);
    case 'preview-failed':
      return { ...s, preview: null, previewError: a.message };
    case 'column':
      return { ...s, confirmMany: false, columns: s.columns.map((x, k) => (k === a.j ? a.config : x)) };
    case 'target':
      return { ...s, confirmMany: false, columns: chooseTarget(s.columns, a.j, a.keep, !!s.preview && looksLikeClasses(s.preview.inferred[a.j])) };
    case 'fix':
      return { ...s, columns: applyFix(s.columns, a.fix), problem: null };
    case 'forget':
      if (!s.preview) return s;
      return { ...s, remembered: null, columns: s.preview.defaults, split: DEFAULT_SPLIT, hidden: { ...s.hidden, on: false } };
    case 'name':
      return { ...s, name: a.name };
    case 'split':
      return { ...s, split: a.split };
    case 'hidden':
      return { ...s, hidden: a.hidden };
    case 'confirm-many':
      return { ...s, confirmMany: a.on };
    case 'import-started':
      return { ...s, problem: null, confirmMany: false, progress: { read: 0, total: a.total } };
    case 'import-progress':
      return { ...s, progress: { read: a.read, total: a.total } };
    case 'import-refused':
      return { ...s, problem: a.problem };
    case 'import-ended':
      return { ...s, progress: null };
  }
}
