/** The sweep channels: a grid of ordinary runs on a pool of workers (sweep.ts), reported per epoch to the session. */
import { randomUUID } from 'node:crypto';
import type { ResponseOf } from '../../../src-shared/api';
import { planRun } from '../../../src-shared/training/plan';
import type { sweepRequests } from '../../../src-shared/training/sweep-contract';
import type { PayloadOf } from '../dispatch';
import type { Session } from '../session';
import { sessionRegistry } from '../session-registry';
import { UserError } from '../user-error';
import { projectDataset } from '../dataset/project-dataset';
import { markUnsaved, workingDatabase } from '../project/service';
import { defaultSweepWorkers, pointRun, startSweep, type SweepHandle } from './sweep';
import { sweepProgressBatcher } from './sweep-progress';

type SweepChannel = keyof typeof sweepRequests;

/** How many runs a sweep trains at once: cores − 1, at least 1. */
const workers = defaultSweepWorkers();

const sweeps = sessionRegistry<SweepHandle>((h) => h.stop());

const nn = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/** Handlers of the sweep channels. */
export const sweepHandlers: { [C in SweepChannel]: (payload: PayloadOf<C>, session: Session) => Promise<ResponseOf<C>> } = {
  'training.sweepStart': async ({ datasetId, network, config, spec }, session) => {
    const dataset = projectDataset(session, datasetId);
    // Every network of the grid must fit the data before any run starts (one probe per width).
    for (const p of new Set(spec.widths.length ? spec.widths : [null])) {
      try {
        const run = pointRun(network, config, spec, { lr: spec.lrs[0], width: p, seed: spec.seeds[0] });
        planRun({ network: run.network, x: dataset.x, y: dataset.y, split: dataset.split, config: run.config });
      } catch (e) {
        throw new UserError('bad-training', `${p === null ? '' : `With ${p} neurons in the layer: `}${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const sweepId = randomUUID();
    const progress = sweepProgressBatcher((runs) => session.emit('training.sweepProgress', { sweepId, runs }));
    const h = startSweep({
      db: workingDatabase(session),
      datasetId,
      dataset,
      network,
      // The contract parsed the configuration (defaults filled in).
      config,
      spec,
      concurrency: workers,
      listener: {
        started: (i, runId) => progress.started(i, runId),
        epoch: (i, runId, e) => progress.epoch(i, runId, { epoch: e.epoch, trainLoss: nn(e.trainLoss), valLoss: nn(e.val?.loss), score: nn(e.score) }),
        finished: (i, runId, out) => progress.ended(i, runId, out.epoch ?? 0, out.status, out.status === 'error' ? out.message : null),
        stored: () => markUnsaved(session),
      },
    });
    const live = sweeps.of(session);
    let stopped = false;
    live.set(sweepId, { ...h, stop: () => ((stopped = true), h.stop()) });
    void h.done.then(() => {
      progress.flush();
      live.delete(sweepId);
      session.emit('training.sweepDone', { sweepId, stopped });
    });
    return { sweepId, points: h.points, workers };
  },
  'training.sweepStop': async ({ sweepId }, session) => {
    const h = sweeps.get(session, sweepId);
    if (!h) throw new UserError('no-run', 'That sweep is not running.');
    h.stop();
    return {};
  },
};
