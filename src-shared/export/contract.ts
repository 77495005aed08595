/** The export/import channels (spread into src-shared/api.ts): ONNX, PyTorch folder, network JSON, weights back as a run. */
import { z } from 'zod';
import { NetworkSchema } from '../model/network';

/** A file or folder name the user gave (browser mode writes it into the projects folder). */
const ExportName = z.string().trim().min(1).max(200);

/** Request channels of exports and imports. */
export const exportRequests = {
  // Writes the network as an ONNX model; input/output names and the encoding come from the dataset when given.
  'export.onnx': { request: z.object({ network: NetworkSchema, datasetId: z.string().min(1).nullable(), name: ExportName }), response: z.object({ path: z.string().nullable() }) },
  // Writes a folder with model.py, network.json, data.csv (the encoded dataset) and train.py (torchrun-ready).
  'export.pytorch': { request: z.object({ network: NetworkSchema, datasetId: z.string().min(1), name: ExportName }), response: z.object({ path: z.string().nullable() }) },
  // Writes the network document as JSON (for sharing and version control).
  'export.networkJson': { request: z.object({ network: NetworkSchema, name: ExportName }), response: z.object({ path: z.string().nullable() }) },
  // Reads a weights file (from train.py) into a new run of the project; a file that does not fit changes nothing.
  'export.importWeights': {
    request: z.object({ network: NetworkSchema, datasetId: z.string().min(1).nullable(), fileName: z.string().max(500), text: z.string().max(50_000_000) }),
    response: z.object({ runId: z.string(), network: NetworkSchema }),
  },
} as const;
