/**
 * The dataset channels of the renderer ↔ main contract (spread into src-shared/api.ts between
 * the `// --- datasets ---` markers). Parsing happens in main; the renderer sees previews,
 * metadata and pages of rows, never the file.
 */
import { z } from 'zod';
import { ACTIVATION_KINDS } from '../model/activation-kind';
import { LIMITS } from '../model/limits';
import { NetworkSchema } from '../model/network';
import { EXAMPLE_KINDS } from './examples';
import { ColumnConfigSchema, ColumnTypeSchema, CsvOptionsSchema, DatasetMetaSchema, SplitConfigSchema } from './schema';

/** Which file to read: a path (Electron: absolute, from the dialog or a drop; browser mode: inside the projects folder) or a finished upload (browser mode, see `dataset.upload*`). */
export const DatasetFileSchema = z.union([
  z.object({ path: z.string().min(1).max(4096) }).strict(),
  z.object({ upload: z.string().min(1).max(100), name: z.string().min(1).max(255) }).strict(),
]);
/** Which file to read. */
export type DatasetFile = z.infer<typeof DatasetFileSchema>;

/** A guess about a column beyond its type (see src-shared/data/infer.ts). */
export const ColumnHintSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('strays'), values: z.array(z.object({ value: z.string(), count: z.number() })) }),
  z.object({ kind: z.literal('near-unique'), distinct: z.number() }),
  z.object({ kind: z.literal('date'), distinct: z.number() }),
  z.object({ kind: z.literal('integer-classes'), classes: z.number() }),
]);

/** A column as the preview inferred it. */
export const InferredColumnSchema = z.object({
  name: z.string(),
  type: ColumnTypeSchema,
  missing: z.number(),
  distinct: z.number(),
  present: z.number().optional(),
  integer: z.boolean().optional(),
  hint: ColumnHintSchema.optional(),
});

/** A hidden layer (or several) to insert between the inputs and outputs after an import. */
export const HiddenLayersSchema = z.object({
  sizes: z.array(z.number().int().min(1).max(512)).min(1).max(8),
  activation: z.enum(ACTIVATION_KINDS),
});
/** Hidden layers to insert after an import. */
export type HiddenLayers = z.infer<typeof HiddenLayersSchema>;

/** What the wizard remembers per file name after a successful import, and offers again when the same name comes back. */
export const RememberedImportSchema = z.object({
  options: CsvOptionsSchema,
  columns: z.array(ColumnConfigSchema),
  split: SplitConfigSchema,
  hidden: HiddenLayersSchema.nullable().default(null),
});
/** What the wizard remembers per file name. */
export type RememberedImport = z.infer<typeof RememberedImportSchema>;

/** What the import wizard shows before importing. */
export const CsvPreviewSchema = z.object({
  file: z.string(),
  bytes: z.number(),
  delimiter: z.string(),
  suggestedDecimal: z.enum(['.', ',']),
  columns: z.array(z.string()),
  headerLine: z.number().nullable(),
  rows: z.array(z.array(z.string())),
  inferred: z.array(InferredColumnSchema),
  /** The wizard's starting configuration for every column. */
  defaults: z.array(ColumnConfigSchema),
  /** The reading options the preview used (the detected header and skipped lines, or the remembered ones, when asked to detect). */
  options: CsvOptionsSchema,
  /** What was guessed about the file's layout, in words. */
  notes: z.array(z.string()),
  /** Class names a metadata line lists (already given to the whole-number class target in `defaults`). */
  classNames: z.array(z.string()).optional(),
  /** The settings of the last successful import of a file with this name, if any. */
  remembered: RememberedImportSchema.nullable(),
});
/** What the import wizard shows before importing. */
export type CsvPreviewReply = z.infer<typeof CsvPreviewSchema>;

/** A stored dataset in the project's list. */
export const DatasetInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  created: z.string(),
  rows: z.number(),
  features: z.number(),
  outputs: z.number(),
  bytes: z.number(),
  /** Why the dataset cannot be used, when its row in the project file is damaged. */
  problem: z.string().optional(),
});

/** The reply of an import or an example: the dataset's metadata and the network bound to it. */
export const DatasetImportedSchema = z.object({ meta: DatasetMetaSchema, network: NetworkSchema });

/** A fix the wizard offers with one click. */
export const DatasetFixSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('column-categorical'), column: z.string() }),
  z.object({ kind: z.literal('value-missing'), column: z.string(), value: z.string() }),
]);

/** Why an import was refused (nothing was stored): the message names file, line and column; `fixes` are one-click remedies. */
export const DatasetProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
  columnName: z.string().optional(),
  value: z.string().optional(),
  fixes: z.array(DatasetFixSchema),
});
/** Why an import was refused. */
export type DatasetProblem = z.infer<typeof DatasetProblemSchema>;

/** An import's outcome: imported, or refused because of the data (bad file, cancelled); other failures are errors. */
export const DatasetImportReplySchema = z.discriminatedUnion('status', [
  DatasetImportedSchema.extend({ status: z.literal('imported') }),
  z.object({ status: z.literal('refused'), problem: DatasetProblemSchema }),
]);

/** Largest decoded chunk of an upload; the renderer sends 4 MiB slices of the File, so it never holds the whole file. */
export const UPLOAD_CHUNK_MAX_BYTES = 8 * 1024 * 1024;

/** Payloads and replies of the dataset channels (behaviour in src-main/services/dataset/handlers.ts). */
export const datasetRequests = {
  /** With `detect`, the header row and a metadata line are guessed from the file (or the settings remembered for its name are used) instead of taken from `options`. */
  'dataset.preview': { request: z.object({ file: DatasetFileSchema, options: CsvOptionsSchema, detect: z.boolean().optional() }).strict(), response: CsvPreviewSchema },
  'dataset.import': {
    request: z
      .object({
        /** Chosen by the renderer so it can cancel and match progress events. */
        importId: z.string().min(1).max(100),
        file: DatasetFileSchema,
        name: z.string().max(200).optional(),
        options: CsvOptionsSchema,
        columns: z.array(ColumnConfigSchema).min(1).max(LIMITS.csvColumns),
        split: SplitConfigSchema,
        /** The network to rebind (inputs/outputs by label); its hidden neurons and wiring are kept. */
        network: NetworkSchema,
        /** Hidden layers to insert between all inputs and all outputs once the network is bound. */
        hidden: HiddenLayersSchema.nullable().optional(),
      })
      .strict(),
    response: DatasetImportReplySchema,
  },
  /** The native open dialog for a CSV (desktop app only; error `dataset.noDialog` elsewhere); path null when cancelled. */
  'dataset.pickFile': { request: z.object({}).strict(), response: z.object({ path: z.string().nullable() }) },
  /** Browser mode: starts a chunked upload into a temp file in main (deleted on discard, after a successful or cancelled import, and when the session ends). */
  'dataset.uploadStart': {
    request: z.object({ name: z.string().min(1).max(255), size: z.number().int().min(0).max(2 ** 40) }).strict(),
    response: z.object({ uploadId: z.string() }),
  },
  /** Appends the next chunk (base64) at `offset`, which must equal the bytes received so far. */
  'dataset.uploadChunk': {
    request: z
      .object({
        uploadId: z.string().min(1).max(100),
        offset: z.number().int().min(0),
        data: z.string().max(Math.ceil(UPLOAD_CHUNK_MAX_BYTES / 3) * 4),
      })
      .strict(),
    response: z.object({ received: z.number() }),
  },
  /** Deletes an upload's temp file (the wizard closed); false when there was none. */
  'dataset.uploadDiscard': { request: z.object({ uploadId: z.string().min(1).max(100) }).strict(), response: z.object({ discarded: z.boolean() }) },
  /** Remembers in the state dir that the first-launch example was offered, so `app.info` stops offering it. */
  'dataset.welcomeOffered': { request: z.object({}).strict(), response: z.object({}) },
  'dataset.cancel': { request: z.object({ importId: z.string().min(1).max(100) }).strict(), response: z.object({ cancelled: z.boolean() }) },
  'dataset.list': { request: z.object({}).strict(), response: z.array(DatasetInfoSchema) },
  'dataset.summary': { request: z.object({ id: z.string().min(1) }).strict(), response: DatasetMetaSchema },
  'dataset.page': {
    request: z
      .object({
        id: z.string().min(1),
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(1000),
        /** Only rows of this split (0 train, 1 validation, 2 test); all rows when absent. */
        split: z.number().int().min(0).max(2).optional(),
      })
      .strict(),
    response: z.object({
      total: z.number(),
      columns: z.array(z.string()),
      rows: z.array(z.object({ index: z.number(), split: z.number(), cells: z.array(z.union([z.number(), z.string(), z.null()])) })),
    }),
  },
  'dataset.example': {
    request: z
      .object({
        kind: z.enum([...EXAMPLE_KINDS, 'iris', 'negative-output']),
        size: z.number().int().min(10).max(100_000).optional(),
        noise: z.number().min(0).max(1).optional(),
        seed: z.number().int().optional(),
        trainPercent: z.number().min(10).max(100).optional(),
        classes: z.number().int().min(2).max(6).optional(),
      })
      .strict(),
    response: DatasetImportedSchema,
  },
} as const;

/** Events of the dataset channels. */
export const datasetEvents = {
  /** Import progress, at most every 100 ms. */
  'dataset.progress': z.object({ importId: z.string(), bytesRead: z.number(), totalBytes: z.number() }),
} as const;
