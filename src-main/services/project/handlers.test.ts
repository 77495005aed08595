import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { requests } from '../../../src-shared/api';
import { emptyNetwork } from '../../../src-shared/model/network';
import { createDispatcher } from '../dispatch';
import { createSession } from '../session';
import { fixtureNetwork } from './fixtures/fixture-network';
import { projectHandlers } from './handlers';
import { removeTempDirs, tempDir } from './test-helpers';
import { workingRoot } from './working-copy';

afterAll(removeTempDirs);

describe('project handlers through the dispatcher', () => {
  const dispatch = createDispatcher(projectHandlers, () => {});

  it('cover every project channel of the contract', () => {
    expect(Object.keys(projectHandlers).sort()).toEqual(Object.keys(requests).filter((c) => c.startsWith('project.')).sort());
  });

  it('save, open and list through validated payloads, with errors as replies', async () => {
    const projectsDir = tempDir();
    const stateDir = tempDir();
    const { session, close } = createSession({ mode: 'browser', projectsDir, stateDir, emit: () => {} });
    expect(await dispatch('project.new', {}, session)).toMatchObject({ ok: true, result: { path: null, name: 'Untitled' } });
    expect(await dispatch('project.save', { network: fixtureNetwork() }, session)).toEqual({
      ok: false,
      error: { code: 'project.noPath', message: 'This project has not been saved yet: choose where to save it (Save As).' },
    });
    const saved = await dispatch('project.save', { network: fixtureNetwork(), path: 'demo' }, session);
    expect(saved).toMatchObject({ ok: true, result: { path: 'demo.neurite', name: 'demo', recovered: false } });
    expect(await dispatch('project.list', {}, session)).toMatchObject({ ok: true, result: [{ path: 'demo.neurite', name: 'demo' }] });
    expect(await dispatch('project.pickPath', { mode: 'open' }, session)).toMatchObject({ ok: false, error: { code: 'project.noDialog' } });
    const bad = await dispatch('project.save', { network: { ...emptyNetwork(), neurons: [{ id: '' }] } }, session);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await dispatch('project.journal', { network: emptyNetwork() }, session)).toEqual({ ok: true, result: {} });
    expect(await dispatch('project.current', {}, session)).toMatchObject({ ok: true, result: { path: 'demo.neurite' } });
    expect(await dispatch('project.open', { path: 'demo.neurite' }, session)).toMatchObject({ ok: true, result: { network: fixtureNetwork() } });
    expect(fs.readdirSync(workingRoot(stateDir))).toHaveLength(1);
    close(); // the transport closes the session: its hook drops the (unedited) working copy
    expect(fs.readdirSync(workingRoot(stateDir))).toEqual([]);
  });

  it('use the native dialog when the session has one', async () => {
    const { session } = createSession({ mode: 'electron', projectsDir: null, stateDir: tempDir(), emit: () => {}, pickPath: async (mode, name) => `/picked/${mode}/${name}` });
    expect(await dispatch('project.pickPath', { mode: 'save', suggestedName: 'net.neurite' }, session)).toEqual({ ok: true, result: { path: '/picked/save/net.neurite' } });
  });
});
