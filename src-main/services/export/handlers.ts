/** The export and import channels: ONNX, the PyTorch folder, network JSON, and trained weights back as a run. */
import type { ResponseOf } from '../../../src-shared/api';
import type { exportRequests } from '../../../src-shared/export/contract';
import { exportOnnx } from '../../../src-shared/export/onnx-export';
import { pytorchExport } from '../../../src-shared/export/pytorch-export';
import type { EncodedDataset } from '../../../src-shared/data/schema';
import type { Network } from '../../../src-shared/model/network';
import { defaultLoss } from '../../../src-shared/training/config';
import type { PayloadOf } from '../dispatch';
import { projectDataset } from '../dataset/project-dataset';
import { workingDatabase } from '../project/service';
import type { Session } from '../session';
import { UserError } from '../user-error';
import { exportTarget, writeExportFile, writeFolder } from './export-target';
import { importWeightsRun } from './import-weights';

type ExportChannel = keyof typeof exportRequests;

/** Input and output names from the dataset when its columns fit the network, else the neurons' labels. */
function onnxNaming(net: Network, d: EncodedDataset | null) {
  const inputs = net.neurons.filter((n) => n.role === 'input');
  const outputs = net.neurons.filter((n) => n.role === 'output');
  const fits = d && d.meta.features.length === inputs.length && d.meta.outputs.length === outputs.length;
  const unique = (names: string[]) => names.map((n, i) => (names.indexOf(n) === i ? n : `${n}_${i}`));
  const metadata: Record<string, string> = { 'neurite.format': 'Neurite network (one float32 [batch, 1] tensor per input and output neuron)' };
  if (fits) metadata['neurite.encoding'] = JSON.stringify({ dataset: d.meta.name, features: d.meta.features, outputs: d.meta.outputs, columns: d.meta.columns.map((c) => ({ name: c.name, role: c.config.role, encoding: c.config.encoding, params: c.params })) });
  return {
    inputNames: unique(fits ? d.meta.features.map((f) => f.name) : inputs.map((n) => n.label || n.id)),
    outputNames: unique(fits ? d.meta.outputs.map((o) => o.name) : outputs.map((n) => n.label || n.id)),
    metadata,
  };
}

/** The handlers of the export channels. */
export const exportHandlers: { [C in ExportChannel]: (payload: PayloadOf<C>, session: Session) => Promise<ResponseOf<C>> } = {
  'export.onnx': async ({ network, datasetId, name }, session) => {
    const net = network;
    const bytes = exportOnnx(net, onnxNaming(net, datasetId ? projectDataset(session, datasetId) : null));
    const target = await exportTarget(session, name);
    if (target) writeExportFile(target, bytes);
    return { path: target?.path ?? null };
  },
  'export.pytorch': async ({ network, datasetId, name }, session) => {
    const net = network;
    const d = projectDataset(session, datasetId);
    if (d.meta.features.length !== net.neurons.filter((n) => n.role === 'input').length || d.meta.outputs.length !== net.neurons.filter((n) => n.role === 'output').length) {
      throw new UserError('export.binding', `The network does not fit "${d.meta.name}": it needs one input neuron per feature and one output per target column.`);
    }
    const target = await exportTarget(session, name);
    if (target) writeFolder(target, pytorchExport(net, d, defaultLoss(net), name));
    return { path: target?.path ?? null };
  },
  'export.networkJson': async ({ network, name }, session) => {
    const target = await exportTarget(session, name);
    if (target) writeExportFile(target, `${JSON.stringify(network, null, 2)}\n`);
    return { path: target?.path ?? null };
  },
  'export.importWeights': async ({ network, datasetId, fileName, text }, session) =>
    importWeightsRun(workingDatabase(session), network, datasetId ? projectDataset(session, datasetId) : null, text, fileName),
};
