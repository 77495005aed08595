import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../dispatch';
import { createSession } from '../session';
import { datasetHandlers } from './handlers';

const dir = mkdtempSync(join(tmpdir(), 'neurite-dspick-'));
const closers: (() => void)[] = [];
afterAll(() => {
  closers.forEach((c) => c());
  rmSync(dir, { recursive: true, force: true });
});

function session(pickPath?: (mode: 'open' | 'save' | 'csv' | 'export') => Promise<string | null>) {
  const made = createSession({ mode: pickPath ? 'electron' : 'browser', projectsDir: pickPath ? null : dir, stateDir: mkdtempSync(join(dir, 'state-')), emit: () => {}, pickPath });
  closers.push(made.close);
  return made.session;
}

describe('dataset.pickFile', () => {
  const dispatch = createDispatcher(datasetHandlers, () => {});

  it("asks the native dialog in 'csv' mode and hands back its path or null", async () => {
    const modes: string[] = [];
    const s = session(async (mode) => (modes.push(mode), modes.length === 1 ? '/data/penguins.csv' : null));
    expect(await dispatch('dataset.pickFile', {}, s)).toEqual({ ok: true, result: { path: '/data/penguins.csv' } });
    expect(await dispatch('dataset.pickFile', {}, s)).toEqual({ ok: true, result: { path: null } });
    expect(modes).toEqual(['csv', 'csv']);
  });

  it('is refused with dataset.noDialog where there is no native dialog (browser mode)', async () => {
    expect(await dispatch('dataset.pickFile', {}, session())).toMatchObject({ ok: false, error: { code: 'dataset.noDialog' } });
  });
});
