import { appHandlers } from './app-handlers';
import type { Handlers } from './dispatch';
import { datasetHandlers } from './dataset/handlers';
import { overlayHandlers } from './overlay/handlers';
import { projectHandlers } from './project/handlers';
import { trainingHandlers } from './training/handlers';
import { insightHandlers } from './training/insight-handlers';
import { sweepHandlers } from './training/sweep-handlers';
import { exportHandlers } from './export/handlers';

/** Every service's handler map, composed; each service module exports its own map and is spread here. */
export const handlers: Handlers = {
  ...appHandlers,
  ...projectHandlers,
  ...datasetHandlers,
  ...overlayHandlers,
  ...trainingHandlers,
  ...insightHandlers,
  ...sweepHandlers,
  ...exportHandlers,
};
