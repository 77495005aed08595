/**
 * The PyTorch export: a folder with the network as a PyTorch module (model.py + network.json), the encoded
 * dataset (data.npy for train.py, data.csv for people), a DistributedDataParallel training script (train.py)
 * and a README.
 */
import type { DatasetMeta, EncodedDataset } from '../data/schema';
import type { Network } from '../model/network';
import { npyFloat32 } from './npy-file';
import { csvNumberCell, csvTextCell } from './csv-cell';
import { MODEL_PY, TRAIN_PY } from './pytorch-files';
import { structureFingerprint } from './weights-file';

const SPLIT_NAMES = ['train', 'validation', 'test'];

/**
 * data.csv: the encoded features and targets by name, and each row's split. Header and split
 * cells are text, made inert for spreadsheets (a name like `=cmd` is written `'=cmd`); train.py
 * therefore reads columns by position (features, outputs, split), never by header name.
 */
export function encodedCsv(d: EncodedDataset): string {
  const F = d.meta.features.length;
  const O = d.meta.outputs.length;
  const lines = [[...d.meta.features.map((f) => f.name), ...d.meta.outputs.map((o) => o.name), 'split'].map(csvTextCell).join(',')];
  for (let r = 0; r < d.meta.rowCount; r++) {
    const cells: string[] = [];
    for (let c = 0; c < F; c++) cells.push(csvNumberCell(d.x[r * F + c]));
    for (let c = 0; c < O; c++) cells.push(csvNumberCell(d.y[r * O + c]));
    cells.push(csvTextCell(SPLIT_NAMES[d.split[r]]));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** data.npy: float32 rows of the encoded features, the targets and the split code (0 train, 1 validation, 2 test), in data.csv's column order. */
export function encodedNpy(d: EncodedDataset): Uint8Array {
  const F = d.meta.features.length;
  const O = d.meta.outputs.length;
  const W = F + O + 1;
  const rows = d.meta.rowCount;
  const m = new Float32Array(rows * W);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < F; c++) m[r * W + c] = d.x[r * F + c];
    for (let c = 0; c < O; c++) m[r * W + F + c] = d.y[r * O + c];
    m[r * W + F + O] = d.split[r];
  }
  return npyFloat32(m, rows, W);
}

/** network.json: what model.py builds and train.py trains (structure, weights, loss, column names). */
export function networkSpec(net: Network, meta: DatasetMeta, loss: 'mse' | 'bce' | 'cce'): object {
  return {
    format: 'neurite-pytorch-export',
    version: 1,
    structure: structureFingerprint(net),
    loss,
    encoding: { features: meta.features.map((f) => f.name), outputs: meta.outputs.map((o) => o.name), columns: meta.columns.map((c) => ({ name: c.name, role: c.config.role, encoding: c.config.encoding, params: c.params })) },
    neurons: net.neurons.map((n) => ({ id: n.id, label: n.label, role: n.role, activation: n.activation, bias: n.bias, dale: n.dale })),
    synapses: net.synapses.map((s) => ({ id: s.id, source: s.source, target: s.target, weight: s.weight })),
    softmaxGroups: net.softmaxGroups.map((g) => ({ id: g.id, members: g.members })),
  };
}

function readme(name: string, meta: DatasetMeta): string {
  return `Neurite export of "${name}" for PyTorch
=======================================

model.py      the network as a PyTorch module (NeuriteNet): the same function Neurite computes, one dense
              block per level of the network (a layered network runs as nn.Linear layers would)
network.json  its neurons, synapses, weights, softmax groups, loss and column names
data.npy      the dataset "${meta.name}" as Neurite encoded it (${meta.rowCount} rows, float32): the feature columns,
              the target columns, then the split (0 train, 1 validation, 2 test); train.py reads this file
data.csv      the same table as text with column names, for people and spreadsheets (scaling and one-hot
              vocabularies in network.json > encoding)
train.py      trains it: one CPU, one GPU, or many processes with DistributedDataParallel

  python3 train.py --epochs 20 --lr 0.01 --batch 32
  python3 train.py --epochs 40 --resume                    continue from checkpoint.pt up to epoch 40
  torchrun --nproc_per_node=4 train.py --cpu --epochs 20   4 CPU processes (gloo); --batch is per process
  torchrun --nproc_per_node=NUM_GPUS train.py              one process per GPU (nccl); more processes than
                                                           GPUs is refused with a message before training
  torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --nproc_per_node=8 train.py   (several machines)

Options: --cpu (stay on the CPU), --threads N (CPU threads per process), --compile (torch.compile, PyTorch 2),
--amp (bf16 autocast on a GPU), --seed (the order of the rows), --resume, --checkpoint, --out, --log.
The data is loaded once and kept on the GPU when it fits; the loss is read from the device once per epoch.
Larger batches (256 and up) make the most of a GPU; raise --lr with them.

Every epoch prints (and appends to train-log.jsonl) the training loss and the validation loss and accuracy
(or MSE and R2), and saves checkpoint.pt; at the end weights.json holds the trained weights and the history.
Back in Neurite: File > Import > Weights... and pick weights.json. It becomes a new run of the project
(with the training and validation loss curves), and its weights go on the canvas, ready for the
excitatory/inhibitory overlays. A weights file from a network whose structure differs is refused, naming the
first mismatch.
`;
}

/** Every file of the export folder, by name. */
export function pytorchExport(net: Network, d: EncodedDataset, loss: 'mse' | 'bce' | 'cce', projectName: string): Record<string, string | Uint8Array> {
  return {
    'model.py': MODEL_PY,
    'train.py': TRAIN_PY,
    'network.json': `${JSON.stringify(networkSpec(net, d.meta, loss), null, 1)}\n`,
    'data.npy': encodedNpy(d),
    'data.csv': encodedCsv(d),
    'README.txt': readme(projectName, d.meta),
  };
}
