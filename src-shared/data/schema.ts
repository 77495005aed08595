/**
 * The encoded dataset: what an import produces, a project stores and the engine trains on.
 * Everything but the typed arrays is plain JSON (DatasetMeta) so it can cross the process
 * boundary and sit in the project file beside the arrays.
 */
import { z } from 'zod';

/** What a column's values are; a date feature becomes three numeric inputs (year, day of year, weekday). */
export const ColumnTypeSchema = z.enum(['numeric', 'categorical', 'boolean', 'date', 'ignore']);
/** What a column's values are. */
export type ColumnType = z.infer<typeof ColumnTypeSchema>;

/** What a column is used for. */
export const ColumnRoleSchema = z.enum(['feature', 'target', 'ignore']);
/** What a column is used for. */
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

/** How a column becomes numbers: numeric features (standardise, min-max, none), categorical features (one-hot), targets (classes, regression). */
export const EncodingSchema = z.enum(['standardise', 'min-max', 'none', 'one-hot', 'classes', 'regression']);
/** How a column becomes numbers. */
export type Encoding = z.infer<typeof EncodingSchema>;

/** What to do with a missing cell. */
export const MissingRuleSchema = z.enum(['drop', 'mean', 'median', 'most-frequent', 'constant']);
/** What to do with a missing cell. */
export type MissingRule = z.infer<typeof MissingRuleSchema>;

/** The user's choices for one column of the file. */
export const ColumnConfigSchema = z.object({
  name: z.string(),
  type: ColumnTypeSchema,
  role: ColumnRoleSchema,
  encoding: EncodingSchema,
  missing: MissingRuleSchema,
  /** The replacement for the 'constant' rule, as text (parsed like a cell of the column). */
  fill: z.string().nullable().default(null),
  /** Further cell values (compared trimmed) that mean "missing" in this column, e.g. -999. */
  extraMissing: z.array(z.string()).max(100).optional(),
  /** Names of the classes 0, 1, 2, … of a whole-number class target (from a metadata line); other values keep their number as name. */
  classNames: z.array(z.string().max(200)).max(1000).optional(),
});
/** The user's choices for one column of the file. */
export type ColumnConfig = z.infer<typeof ColumnConfigSchema>;

/** How a CSV file is read. */
export const CsvOptionsSchema = z.object({
  delimiter: z.enum(['auto', ',', ';', '\t', '|']).default('auto'),
  quote: z.string().length(1).default('"'),
  header: z.boolean().default(true),
  decimal: z.enum(['.', ',']).default('.'),
  skipLines: z.number().int().min(0).max(1000).default(0),
  encoding: z.enum(['utf-8', 'latin1']).default('utf-8'),
  /** Lines starting with this character are skipped ('' for none). */
  comment: z.string().max(1).default(''),
});
/** How a CSV file is read. */
export type CsvOptions = z.infer<typeof CsvOptionsSchema>;

/** Train / validation / test percentages (summing to 100), the shuffle seed and whether to stratify by the target. */
export const SplitConfigSchema = z
  .object({
    train: z.number().min(0).max(100),
    val: z.number().min(0).max(100),
    test: z.number().min(0).max(100),
    seed: z.number().int(),
    stratify: z.boolean().default(false),
  })
  .refine((s) => Math.abs(s.train + s.val + s.test - 100) < 1e-9, 'train, validation and test must add up to 100%')
  .refine((s) => s.train > 0, 'the training split cannot be empty');
/** Train / validation / test percentages, seed and stratification. */
export type SplitConfig = z.infer<typeof SplitConfigSchema>;

/** The split a row belongs to, as stored per row. */
export const SPLIT = { train: 0, val: 1, test: 2 } as const;

/** Encoding parameters of a numeric or boolean column, computed on the training split. */
export const NumericParamsSchema = z.object({
  kind: z.literal('numeric'),
  mean: z.number(),
  std: z.number(),
  min: z.number(),
  max: z.number(),
  /** The value missing cells were replaced with, or null when the rule drops rows. */
  fill: z.number().nullable(),
});
/** Encoding parameters of a categorical column: its vocabulary (training split for features, all rows for class targets). */
export const CategoricalParamsSchema = z.object({
  kind: z.literal('categorical'),
  vocab: z.array(z.string()),
  fill: z.string().nullable(),
});
/** Encoding parameters of one column. */
export const ColumnParamsSchema = z.discriminatedUnion('kind', [NumericParamsSchema, CategoricalParamsSchema]);
/** Encoding parameters of one column. */
export type ColumnParams = z.infer<typeof ColumnParamsSchema>;

/** Facts about a column over every parsed row, before missing values are filled. */
export const ColumnSummarySchema = z.object({
  count: z.number(),
  missing: z.number(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  /** Category counts, most frequent first (at most 100); numeric columns have none. */
  categories: z.array(z.object({ value: z.string(), count: z.number() })),
  /** How many distinct categories were left out of `categories`. */
  otherCategories: z.number(),
});
/** Facts about a column over every parsed row. */
export type ColumnSummary = z.infer<typeof ColumnSummarySchema>;

/** One column of the source as the dataset remembers it. */
export const ColumnMetaSchema = z.object({
  /** 0-based position in the source file. */
  index: z.number().int(),
  name: z.string(),
  inferred: ColumnTypeSchema,
  config: ColumnConfigSchema,
  params: ColumnParamsSchema.nullable(),
  summary: ColumnSummarySchema.nullable(),
  /** For a part of a date column (a column of its own in X): the source column and which part. */
  datePart: z.object({ column: z.string(), part: z.enum(['year', 'day of year', 'weekday']) }).optional(),
});
/** One column of the source as the dataset remembers it. */
export type ColumnMeta = z.infer<typeof ColumnMetaSchema>;

/** One encoded input feature: a column of X. */
export const FeatureMetaSchema = z.object({ name: z.string(), column: z.string(), category: z.string().nullable() });
/** One encoded input feature. */
export type FeatureMeta = z.infer<typeof FeatureMetaSchema>;

/** One encoded output: a column of Y, with the activation its output neuron gets. */
export const OutputMetaSchema = z.object({
  name: z.string(),
  column: z.string(),
  className: z.string().nullable(),
  activation: z.enum(['identity', 'sigmoid']),
});
/** One encoded output. */
export type OutputMeta = z.infer<typeof OutputMetaSchema>;

/** One target column and the slice of Y it occupies. */
export const TargetMetaSchema = z.object({
  column: z.string(),
  kind: z.enum(['classes', 'regression']),
  classes: z.array(z.string()).nullable(),
  outputStart: z.number().int(),
  outputCount: z.number().int(),
});
/** One target column and the slice of Y it occupies. */
export type TargetMeta = z.infer<typeof TargetMetaSchema>;

/** Where the data came from. */
export const DatasetSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('csv'), file: z.string(), options: CsvOptionsSchema }),
  z.object({ kind: z.literal('example'), example: z.string(), params: z.record(z.string(), z.union([z.number(), z.string()])) }),
]);
/** Where the data came from. */
export type DatasetSource = z.infer<typeof DatasetSourceSchema>;

/** Everything about an encoded dataset except the arrays. */
export const DatasetMetaSchema = z.object({
  id: z.string(),
  name: z.string(),
  source: DatasetSourceSchema,
  /** Rows kept (after dropping rows with missing cells under the 'drop' rule). */
  rowCount: z.number().int(),
  droppedRows: z.number().int(),
  columns: z.array(ColumnMetaSchema),
  features: z.array(FeatureMetaSchema),
  outputs: z.array(OutputMetaSchema),
  targets: z.array(TargetMetaSchema),
  split: z.object({
    train: z.number(),
    val: z.number(),
    test: z.number(),
    seed: z.number().int(),
    stratify: z.boolean(),
    counts: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
  }),
});
/** Everything about an encoded dataset except the arrays. */
export type DatasetMeta = z.infer<typeof DatasetMetaSchema>;

/**
 * An encoded dataset: X is row-major rows × features, Y row-major rows × outputs (one-hot for
 * class targets), split holds 0 train / 1 validation / 2 test per row.
 */
export interface EncodedDataset {
  meta: DatasetMeta;
  x: Float64Array;
  y: Float64Array;
  split: Uint8Array;
}
