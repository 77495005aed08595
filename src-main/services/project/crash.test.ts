import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureNetwork } from './fixtures/fixture-network';
import { readNetwork } from './network-tables';
import * as svc from './service';
import { removeTempDirs, tempDir, testSession } from './test-helpers';

afterAll(removeTempDirs);

const here = path.dirname(fileURLToPath(import.meta.url));
const KILLS = 52;
const PARALLEL = 2;

/** Runs the save loop in a child, SIGKILLs it at a random moment after its first save, and returns the last save it reported complete. */
async function killDuringSaves(stateDir: string, file: string, delayMs: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-child.ts'), 'save-loop', stateDir, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('saved ')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`save loop exited (${code}) before saving: ${err}`)));
  });
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  await exited;
  const done = [...out.matchAll(/saved (\d+)\n/g)].map((m) => Number(m[1]));
  return Math.max(...done);
}

describe('a crash during save', () => {
  it(`never corrupts the file nor loses a completed save (${KILLS} SIGKILLs at random moments)`, { timeout: 120_000 }, async () => {
    const results: { last: number; found: number; midSave: boolean }[] = [];
    const lane = async (laneNo: number) => {
      const dir = tempDir('neurite-crash-');
      const stateDir = tempDir('neurite-crash-state-');
      const file = path.join(dir, `crash${laneNo}.neurite`);
      const setup = testSession({ stateDir: tempDir() }).session;
      svc.saveProject(setup, fixtureNetwork(), file);
      svc.closeProject(setup);
      for (let i = laneNo; i < KILLS; i += PARALLEL) {
        const last = await killDuringSaves(stateDir, file, Math.random() * 80);
        const midSave = fs.readdirSync(dir).some((n) => n.endsWith('.saving'));
        // Reopen as a user would: full validation (header, size, quick_check, tables, network).
        const checker = testSession({ stateDir: tempDir() }).session;
        const found = svc.openProject(checker, file).network.neurons[0].bias;
        svc.closeProject(checker);
        const db = new Database(file, { readonly: true });
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(readNetwork(db).neurons[0].bias).toBe(found);
        db.close();
        results.push({ last, found, midSave });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, (_, i) => lane(i)));
    expect(results).toHaveLength(KILLS);
    for (const r of results) {
      // Never older than the last save the child reported; at most the one save whose rename landed before it could report.
      expect(r.found).toBeGreaterThanOrEqual(r.last);
      expect(r.found).toBeLessThanOrEqual(r.last + 1);
    }
    const midSave = results.filter((r) => r.midSave).length;
    const ahead = results.filter((r) => r.found === r.last + 1).length;
    console.log(`crash test: ${KILLS} kills, ${midSave} left a half-written temp file, ${ahead} landed after a rename but before its report; saves per run ${Math.min(...results.map((r) => r.last))}–${Math.max(...results.map((r) => r.last))}`);
  });
});
