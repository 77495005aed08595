import { appHandlers } from './app-handlers';
import type { PartialHandlers } from './dispatch';
import { projectHandlers } from './project/handlers';

/** Every service's handler map, composed; each service module exports its own map and is spread here. */
export const handlers: PartialHandlers = {
  ...appHandlers,
  ...projectHandlers,
};
