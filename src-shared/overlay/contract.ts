/**
 * The overlay channels of the renderer ↔ main contract (spread into src-shared/api.ts between the
 * `// --- overlay ---` markers). Every per-neuron array is in the network's document neuron order and
 * every per-synapse array in document synapse order; the ids are sent alongside so a reply can be
 * matched to the document it was computed for.
 */
import { z } from 'zod';
import { NetworkSchema } from '../model/network';

/** Synapses and neurons switched off for one forward pass (never written to the document). */
export const OverlayLesionsSchema = z.object({ synapses: z.array(z.string()).max(100_000), neurons: z.array(z.string()).max(100_000) }).strict();

/** One sample's forward pass: z, o per neuron and c = w·o per synapse, in document order. */
export const OverlayForwardReplySchema = z.object({
  neuronIds: z.array(z.string()),
  synapseIds: z.array(z.string()),
  z: z.array(z.number()),
  o: z.array(z.number()),
  contributions: z.array(z.number()),
});

/** Which rows of a dataset: a split or all of them. */
export const OverlaySplitSchema = z.enum(['train', 'validation', 'test', 'all']);
/** Which rows of a dataset. */
export type OverlaySplit = z.infer<typeof OverlaySplitSchema>;

/** Dataset-wide contribution statistics per synapse (document order). */
export const OverlayStatsReplySchema = z.object({
  synapseIds: z.array(z.string()),
  /** Rows summarised (after the split and class filters). */
  count: z.number(),
  mean: z.array(z.number()),
  meanAbs: z.array(z.number()),
  /** Share of rows where c > 0. */
  excitatoryShare: z.array(z.number()),
  /** Class names of the dataset's first class target (null for regression). */
  classes: z.array(z.string()).nullable(),
});

/** A network main holds for the overlay (`overlay.network`): short, so a sample step never carries the network again. */
export const OverlayNetworkKeySchema = z.string().min(1).max(100);

/** A request names its network by value or by the key `overlay.network` gave it, never both nor neither. */
const oneNetwork = (p: { network?: unknown; networkKey?: string }) => (p.network === undefined) !== (p.networkKey === undefined);
const ONE_NETWORK = { message: 'Give either network or networkKey.', path: ['network'] };

/** Payloads and replies of the overlay channels (behaviour in src-main/services/overlay/handlers.ts). */
export const overlayRequests = {
  'overlay.network': {
    /** Validated once here; later steps name it by the key in the reply (main holds the session's last few). */
    request: z.object({ network: NetworkSchema }).strict(),
    response: z.object({ networkKey: OverlayNetworkKeySchema }),
  },
  'overlay.forward': {
    request: z
      .object({
        network: NetworkSchema.optional(),
        networkKey: OverlayNetworkKeySchema.optional(),
        /** One value per input neuron, in document order. */
        inputs: z.array(z.number()).max(100_000),
        lesions: OverlayLesionsSchema.optional(),
      })
      .strict()
      .refine(oneNetwork, ONE_NETWORK),
    response: OverlayForwardReplySchema,
  },
  'overlay.datasetStats': {
    request: z
      .object({
        network: NetworkSchema,
        datasetId: z.string().min(1),
        split: OverlaySplitSchema,
        /** Only rows of this class (index into `classes`); every row when null or absent. */
        classIndex: z.number().int().min(0).nullable().optional(),
      })
      .strict(),
    response: OverlayStatsReplySchema,
  },
  'overlay.datasetRow': {
    request: z
      .object({
        network: NetworkSchema.optional(),
        networkKey: OverlayNetworkKeySchema.optional(),
        datasetId: z.string().min(1),
        split: OverlaySplitSchema,
        /** Position among the split's rows. */
        position: z.number().int().min(0),
        /** Also run the row's forward pass (no lesions), so a sample step is one round trip. */
        forward: z.boolean().optional(),
      })
      .strict()
      .refine(oneNetwork, ONE_NETWORK),
    response: z.object({
      /** Rows in the split. */
      total: z.number(),
      /** Row index in the whole dataset. */
      row: z.number(),
      /** The encoded row as input values, one per input neuron in document order. */
      inputs: z.array(z.number()),
      /** The row's class name (first class target) or null. */
      label: z.string().nullable(),
      /** The row's target(s) in original units as text, e.g. "species = setosa" or "label = 1"; null without a target. */
      truth: z.string().nullable().optional(),
      /** The row's forward pass, when asked for. */
      forward: OverlayForwardReplySchema.optional(),
    }),
  },
} as const;
