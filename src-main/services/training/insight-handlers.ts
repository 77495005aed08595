/**
 * What a network does with a dataset, for the results and heatmaps: predictions beside the truth and
 * every neuron's output over a plane of two inputs. Forward passes run in the inference worker.
 */
import { LIMITS } from '../../../src-shared/model/limits';
import type { ResponseOf } from '../../../src-shared/api';
import { plural } from '../../../src-shared/plural';
import type { EncodedDataset } from '../../../src-shared/data/schema';
import type { Network } from '../../../src-shared/model/network';
import { columnMeans, describePredictions, gridInputs, paddedRange } from '../../../src-shared/training/predictions';
import type { PayloadOf } from '../dispatch';
import { projectDataset } from '../dataset/project-dataset';
import { classOf, inputColumns, inputMatrix, selectRows } from '../overlay/dataset-rows';
import { inferenceHost } from '../inference/inference-host';
import type { Session } from '../session';
import { UserError } from '../user-error';
import { toDrawingPrecision } from './drawing-precision';

type Channel = 'training.predictions' | 'training.boundary';

/** Rows × outputs (output neurons in document order) from the worker's neuron-major outputs. */
function outputRows(network: Network, o: Float64Array, nRows: number): Float64Array {
  const outs = network.neurons.flatMap((n, i) => (n.role === 'output' ? [i] : []));
  const P = new Float64Array(nRows * outs.length);
  outs.forEach((n, k) => {
    for (let r = 0; r < nRows; r++) P[r * outs.length + k] = o[n * nRows + r];
  });
  return P;
}

function checkOutputs(network: Network, d: EncodedDataset): void {
  const outs = network.neurons.filter((n) => n.role === 'output').length;
  if (outs !== d.meta.outputs.length) throw new UserError('bad-training', `The network has ${plural(outs, 'output neuron')} but "${d.meta.name}" has ${plural(d.meta.outputs.length, 'target column')}.`);
}

/** The handlers of the predictions and boundary channels. */
export const insightHandlers: { [C in Channel]: (payload: PayloadOf<C>, session: Session) => Promise<ResponseOf<C>> } = {
  'training.predictions': async ({ datasetId, network, split, offset, limit, mistakesOnly }, session) => {
    const d = projectDataset(session, datasetId);
    checkOutputs(network, d);
    const rows = selectRows(d, split);
    const { o } = await inferenceHost().run({ kind: 'outputs', network: network, x: inputMatrix(d, rows, inputColumns(network, d)), nRows: rows.length });
    let all = describePredictions(d.meta, d.y, rows, outputRows(network, o, rows.length));
    if (mistakesOnly) all = all.filter((p) => p.correct === false);
    return { total: all.length, rows: all.slice(offset, offset + limit) };
  },

  'training.boundary': async ({ datasetId, network, xFeature, yFeature, resolution: asked, maxPoints }, session) => {
    const net = network;
    // Every neuron gets a grid: a big network gets coarser grids, so the reply stays a size a client can take.
    const resolution = Math.max(4, Math.min(asked, Math.floor(Math.sqrt(LIMITS.replyValues / Math.max(1, net.neurons.length)))));
    const d = projectDataset(session, datasetId);
    const cols = inputColumns(net, d);
    const F = cols.length;
    if (xFeature >= F || yFeature >= F) throw new UserError('bad-boundary', `The network has ${F} inputs; pick two of them for the plane.`);
    const train = selectRows(d, 'train');
    const X = inputMatrix(d, train, cols);
    const local = train.map((_, i) => i);
    const xRange = paddedRange(X, F, xFeature, local);
    const yRange = paddedRange(X, F, yFeature, local);
    const cells = resolution * resolution;
    const { neuronIds, o } = await inferenceHost().run({ kind: 'outputs', network: net, x: gridInputs(columnMeans(X, F, local), xFeature, yFeature, xRange, yRange, resolution), nRows: cells });
    const grids = neuronIds.map((_, n) => toDrawingPrecision(o.subarray(n * cells, (n + 1) * cells)));
    checkOutputs(net, d);
    const target = d.meta.targets[0];
    const O = d.meta.outputs.length;
    const onGrid = describePredictions(d.meta, new Float64Array(cells * O), Array.from({ length: cells }, (_, i) => i), outputRows(net, o, cells));
    const classes = onGrid[0]?.correct === null ? null : (target.classes ?? ['0', '1']);
    const classGrid = classes ? onGrid.map((p) => classes.indexOf(String(p.predicted))) : null;
    const points: [number, number, number][] = [];
    const shown = Math.min(train.length, maxPoints);
    for (let p = 0; p < shown; p++) {
      const i = Math.floor((p * train.length) / shown);
      const y = d.y[train[i] * O + target.outputStart];
      const value = !classes ? y : target.kind === 'classes' ? classOf(d, train[i]) : y >= 0.5 ? 1 : 0;
      points.push([X[i * F + xFeature], X[i * F + yFeature], value]);
    }
    const features = net.neurons.filter((n) => n.role === 'input').map((n) => n.label);
    return { xFeature, yFeature, features, xRange, yRange, resolution, neuronIds, grids, classGrid, classes, points };
  },
};
