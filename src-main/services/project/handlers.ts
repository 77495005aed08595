import type { ResponseOf } from '../../../src-shared/api';
import type { projectRequests } from '../../../src-shared/model/project';
import type { PayloadOf } from '../dispatch';
import type { Session } from '../session';
import { fail } from './messages';
import * as svc from './service';

type ProjectChannel = keyof typeof projectRequests;

/** The handlers of the project channels: payloads arrive already validated against src-shared/api.ts. */
export const projectHandlers: { [C in ProjectChannel]: (payload: PayloadOf<C>, session: Session) => Promise<ResponseOf<C>> } = {
  'project.new': async (_p, session) => svc.newProject(session),
  'project.open': async ({ path }, session) => svc.openProject(session, path),
  'project.current': async (_p, session) => svc.currentProject(session),
  'project.save': async ({ network, path }, session) => svc.saveProject(session, network, path),
  'project.close': async (_p, session) => {
    svc.closeProject(session);
    return {};
  },
  'project.recent': async (_p, session) => svc.recentProjects(session),
  'project.list': async (_p, session) => svc.listProjectFiles(session),
  'project.pickPath': async ({ mode, suggestedName }, session) => {
    if (!session.pickPath) fail('project.noDialog', 'There is no native file dialog here; choose the project in the page instead.');
    return { path: await session.pickPath(mode, suggestedName) };
  },
  'project.journal': async ({ network }, session) => {
    svc.journal(session, network);
    return {};
  },
  'project.recovery': async (_p, session) => svc.recoverableSessions(session),
  'project.recover': async ({ id }, session) => svc.recoverSession(session, id),
  'project.discardRecovery': async ({ id }, session) => {
    svc.discardRecovery(session, id);
    return {};
  },
};

