/**
 * A network as an ONNX model (opset 17, float32): one graph input per input neuron and one graph output per
 * output neuron, named after the dataset's encoded columns; each neuron is Concat → MatMul → Add → its
 * activation, softmax groups a Softmax over their members. The dataset's encoding goes in metadata_props.
 */
import { CompileError, compileNetwork } from '../engine/compile';
import { topologicalOrder } from '../model/graph';
import type { Network } from '../model/network';
import { bytes, float, int, message, packedFloats, packedInts, type Field } from './protobuf-writer';

const FLOAT = 1;
const INT64 = 7;
const ATTR_FLOAT = 1;
const ATTR_INT = 2;

/** Names and notes that make an exported model self-describing. */
export interface OnnxNaming {
  /** One name per input neuron (document order), e.g. a dataset feature "island=Biscoe". */
  inputNames: string[];
  /** One name per output neuron (document order). */
  outputNames: string[];
  /** Extra key/value pairs stored as model metadata (e.g. the dataset's encoding as JSON). */
  metadata: Record<string, string>;
}

interface Node {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs?: Field[];
}

const attrFloat = (name: string, v: number) => bytes(5, message(bytes(1, name), float(2, v), int(20, ATTR_FLOAT)));
const attrInt = (name: string, v: number) => bytes(5, message(bytes(1, name), int(3, v), int(20, ATTR_INT)));

function tensor(name: string, dims: number[], values: ArrayLike<number>, type = FLOAT): Field {
  const data = type === FLOAT ? packedFloats(4, values) : packedInts(7, Array.from(values));
  return message(...dims.map((d) => int(1, d)), int(2, type), data, bytes(8, name));
}

function valueInfo(name: string, width: number): Field {
  const shape = message(bytes(1, message(bytes(2, 'batch'))), bytes(1, message(int(1, width))));
  return message(bytes(1, name), bytes(2, message(bytes(1, message(int(1, FLOAT), bytes(2, shape))))));
}

/** The ONNX file of a network (weights as on the canvas). */
export function exportOnnx(net: Network, naming: OnnxNaming): Uint8Array {
  const program = compileNetwork(net); // refuses cycles and other networks the engine cannot run
  const inputs = net.neurons.filter((n) => n.role === 'input');
  const outputs = net.neurons.filter((n) => n.role === 'output');
  if (!inputs.length || !outputs.length) throw new CompileError('The network needs at least one input and one output neuron to be exported as ONNX.');
  if (naming.inputNames.length !== inputs.length || naming.outputNames.length !== outputs.length) throw new Error('exportOnnx: one name per input and output neuron is needed.');
  const nodes: Node[] = [];
  const inits: Field[] = [];
  const out = new Map<string, string>(); // neuron id → tensor holding its output
  const z = new Map<string, string>();
  inputs.forEach((n, k) => out.set(n.id, naming.inputNames[k]));
  const inGroup = new Set(net.softmaxGroups.flatMap((g) => g.members));
  const synapsesInto = new Map<string, typeof net.synapses>();
  for (const s of net.synapses) synapsesInto.set(s.target, [...(synapsesInto.get(s.target) ?? []), s]);
  let k = 0;
  const tmp = (what: string) => `${what}_${k++}`;
  const add = (op: string, ins: string[], attrs?: Field[], name = tmp(op.toLowerCase())) => (nodes.push({ op, inputs: ins, outputs: [name], attrs }), name);
  const constant = (values: number[], dims: number[] = [values.length], type = FLOAT) => {
    const name = tmp('const');
    inits.push(bytes(5, tensor(name, dims, values, type)));
    return name;
  };

  for (const id of topologicalOrder(net) ?? []) {
    const n = net.neurons[program.neuronIndex.get(id)!];
    if (n.role === 'input') continue;
    const into = synapsesInto.get(id) ?? [];
    let pre: string;
    if (into.length) {
      const x = into.length === 1 ? out.get(into[0].source)! : add('Concat', into.map((s) => out.get(s.source)!), [attrInt('axis', 1)]);
      pre = add('MatMul', [x, constant(into.map((s) => s.weight), [into.length, 1])]);
    } else {
      // No inputs: z is the bias for every row, shaped like any input column.
      pre = add('Mul', [naming.inputNames[0], constant([0])]);
    }
    const zi = add('Add', [pre, constant([n.bias])], undefined, `z_${n.label || id}_${k++}`);
    z.set(id, zi);
    if (inGroup.has(id)) continue;
    out.set(id, activation(n.activation, zi, add, constant));
  }
  for (const g of net.softmaxGroups) {
    const p = add('Softmax', [add('Concat', g.members.map((m) => z.get(m)!), [attrInt('axis', 1)])], [attrInt('axis', 1)]);
    const parts = g.members.map((m) => `softmax_${m}_${k++}`);
    nodes.push({ op: 'Split', inputs: [p, constant(g.members.map(() => 1), [g.members.length], INT64)], outputs: parts, attrs: [attrInt('axis', 1)] });
    g.members.forEach((m, i) => out.set(m, parts[i]));
  }
  outputs.forEach((n, i) => nodes.push({ op: 'Identity', inputs: [out.get(n.id)!], outputs: [naming.outputNames[i]] }));

  const graph = message(
    ...nodes.map((nd, i) => bytes(1, message(...nd.inputs.map((s) => bytes(1, s)), ...nd.outputs.map((s) => bytes(2, s)), bytes(3, `n${i}_${nd.op}`), bytes(4, nd.op), ...(nd.attrs ?? [])))),
    bytes(2, 'neurite'),
    ...inits,
    ...naming.inputNames.map((name) => bytes(11, valueInfo(name, 1))),
    ...naming.outputNames.map((name) => bytes(12, valueInfo(name, 1))),
  );
  return message(
    int(1, 8),
    bytes(2, 'Neurite'),
    bytes(7, graph),
    bytes(8, message(bytes(1, ''), int(2, 17))),
    ...Object.entries(naming.metadata).map(([key, value]) => bytes(14, message(bytes(1, key), bytes(2, value)))),
  );
}

type Add = (op: string, ins: string[], attrs?: Field[]) => string;

/** The nodes of one activation; the engine's exact forms (GELU with erf, SiLU as z·σ(z)). */
function activation(kind: Network['neurons'][number]['activation'], zi: string, add: Add, constant: (v: number[]) => string): string {
  switch (kind) {
    case 'identity':
      return add('Identity', [zi]);
    case 'sigmoid':
      return add('Sigmoid', [zi]);
    case 'tanh':
      return add('Tanh', [zi]);
    case 'relu':
      return add('Relu', [zi]);
    case 'leaky_relu':
      return add('LeakyRelu', [zi], [attrFloat('alpha', 0.01)]);
    case 'elu':
      return add('Elu', [zi], [attrFloat('alpha', 1)]);
    case 'softplus':
      return add('Softplus', [zi]);
    case 'silu':
      return add('Mul', [zi, add('Sigmoid', [zi])]);
    case 'gelu':
      return add('Mul', [add('Mul', [zi, constant([0.5])]), add('Add', [constant([1]), add('Erf', [add('Mul', [zi, constant([Math.SQRT1_2])])])])]);
    case 'sine':
      return add('Sin', [zi]);
    case 'gaussian':
      return add('Exp', [add('Neg', [add('Mul', [zi, zi])])]);
  }
}
