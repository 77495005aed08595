/** A weights file from an exported trainer becomes a new, completed run of the project (or nothing at all). */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { EncodedDataset } from '../../../src-shared/data/schema';
import { compileNetwork, paramsFromNetwork } from '../../../src-shared/engine/index';
import { applyWeightsFile, WeightsMismatch } from '../../../src-shared/export/weights-file';
import type { Network } from '../../../src-shared/model/network';
import { defaultLoss, parseTrainingConfig } from '../../../src-shared/training/config';
import { evaluateRows } from '../../../src-shared/training/evaluate';
import { rowsOf } from '../../../src-shared/training/runner';
import { appendEpochs, finishRun, insertRun, writeCheckpoint } from '../training/store';
import { UserError } from '../user-error';

/** Stores the file's weights as a run on `network` (same structure required); returns the run id and the network with those weights. */
export function importWeightsRun(db: Database.Database, network: Network, dataset: EncodedDataset | null, text: string, fileName: string): { runId: string; network: Network } {
  let applied: ReturnType<typeof applyWeightsFile>;
  try {
    applied = applyWeightsFile(network, text, fileName);
  } catch (e) {
    if (e instanceof WeightsMismatch) throw new UserError('export.weightsMismatch', e.message);
    throw e;
  }
  const program = compileNetwork(applied.network);
  const params = paramsFromNetwork(program, applied.network);
  const loss = defaultLoss(applied.network);
  const epochs = applied.history.length;
  let result = null;
  if (dataset && program.inputs.length * dataset.meta.rowCount === dataset.x.length) {
    const ev = (which: number) => {
      const rows = rowsOf(dataset.split, which);
      return rows.length ? evaluateRows(program, params, dataset.x, dataset.y, rows, loss) : null;
    };
    result = JSON.parse(JSON.stringify({ train: ev(0), val: ev(1), test: ev(2) }));
  }
  const runId = randomUUID();
  db.transaction(() => {
    insertRun(db, { id: runId, datasetId: dataset?.meta.id ?? null, network: applied.network, stored: { config: parseTrainingConfig({ epochs: Math.max(1, epochs) }), loss, targetEpochs: epochs, result: null, message: null } });
    // The trainer's validation loss and score become the run's validation curves, as for a run trained here.
    appendEpochs(
      db,
      runId,
      applied.history.map((h) => ({
        epoch: h.epoch,
        trainLoss: h.loss,
        val: h.valLoss === undefined ? null : { rows: 0, loss: h.valLoss, classification: null, regression: null },
        score: h.valAccuracy ?? h.valR2 ?? Number.NaN,
        elapsedMs: 0,
      })),
    );
    writeCheckpoint(db, runId, 'final', epochs, params, null);
    finishRun(db, runId, 'completed', { result, message: `Imported from ${fileName} (${applied.trainedWith}).` });
  })();
  return { runId, network: applied.network };
}
