/**
 * The overlay channels: one sample's forward pass (with lesions), dataset-wide contribution statistics
 * and a dataset row as input values; a network held by key (`overlay.network`) so a sample step does not resend it. The engine runs in the inference worker (../inference/inference-host.ts); the
 * dataset is read here from the project's working database and only its selected rows are sent.
 */
import type { ResponseOf } from '../../../src-shared/api';
import type { overlayRequests } from '../../../src-shared/overlay/contract';
import type { Network } from '../../../src-shared/model/network';
import type { PayloadOf } from '../dispatch';
import { projectDataset } from '../dataset/project-dataset';
import type { Session } from '../session';
import { UserError } from '../user-error';
import { classNames, classOf, inputColumns, inputMatrix, selectRows, targetText } from './dataset-rows';
import { holdNetwork, requestNetwork } from './held-networks';
import { inferenceHost } from '../inference/inference-host';

type OverlayChannel = keyof typeof overlayRequests;
type NetworkRef = { network?: Network; networkKey?: string };

/** The handlers of the overlay channels: payloads arrive already validated against src-shared/api.ts. */
export const overlayHandlers: { [C in OverlayChannel]: (payload: PayloadOf<C>, session: Session) => Promise<ResponseOf<C>> } = {
  'overlay.network': async ({ network }, session) => ({ networkKey: holdNetwork(session, network) }),

  'overlay.forward': async ({ inputs, lesions, ...ref }, session) => forward(requestNetwork(session, ref as NetworkRef), inputs, lesions),

  'overlay.datasetStats': async ({ network, datasetId, split, classIndex }, session) => {
    const d = projectDataset(session, datasetId);
    const cols = inputColumns(network, d);
    const rows = selectRows(d, split, classIndex);
    const r = await inferenceHost().run({ kind: 'stats', network, x: inputMatrix(d, rows, cols), nRows: rows.length });
    return {
      synapseIds: r.synapseIds,
      count: rows.length,
      mean: Array.from(r.mean),
      meanAbs: Array.from(r.meanAbs),
      excitatoryShare: Array.from(r.excitatoryShare),
      classes: classNames(d),
    };
  },

  'overlay.datasetRow': async ({ datasetId, split, position, forward: withForward, ...ref }, session) => {
    const held = requestNetwork(session, ref as NetworkRef);
    const { network } = held;
    const d = projectDataset(session, datasetId);
    const cols = inputColumns(network, d);
    const rows = selectRows(d, split);
    if (rows.length === 0) throw new UserError('overlay.emptySplit', `"${d.meta.name}" has no ${split} rows.`);
    const row = rows[Math.min(position, rows.length - 1)];
    const k = classOf(d, row);
    const inputs = Array.from(inputMatrix(d, [row], cols));
    const reply = { total: rows.length, row, inputs, label: k >= 0 ? (classNames(d)?.[k] ?? null) : null, truth: targetText(d, row) };
    return withForward ? { ...reply, forward: await forward(held, inputs) } : reply;
  },
};

/** One sample's forward pass in the inference worker, as the contract sends it. */
async function forward(held: ReturnType<typeof requestNetwork>, inputs: number[], lesions?: PayloadOf<'overlay.forward'>['lesions']): Promise<ResponseOf<'overlay.forward'>> {
  const r = await inferenceHost().forward({ ...held, inputs, lesions });
  return { neuronIds: r.neuronIds, synapseIds: r.synapseIds, z: Array.from(r.z), o: Array.from(r.o), contributions: Array.from(r.contributions) };
}
