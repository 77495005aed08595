import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DocumentVersionError, migrateNetwork, NETWORK_MIGRATIONS } from './migrate';
import { NETWORK_SCHEMA_VERSION } from './network';

const fixture = (version: number) => JSON.parse(readFileSync(new URL(`./fixtures/network-v${version}.json`, import.meta.url), 'utf8'));

describe('network document versions', () => {
  it('has a fixture for every version a migration starts from, and for the current one', () => {
    const have = readdirSync(new URL('./fixtures/', import.meta.url)).filter((f) => /^network-v\d+\.json$/.test(f));
    const need = [...NETWORK_MIGRATIONS.map((m) => m.from), NETWORK_SCHEMA_VERSION].map((v) => `network-v${v}.json`);
    expect(have.sort()).toEqual(expect.arrayContaining(need.sort()));
  });

  it('keeps the migration chain gapless, ending at the current version', () => {
    NETWORK_MIGRATIONS.forEach((m, i) => expect(m.from).toBe(i + 1));
    expect(NETWORK_MIGRATIONS.length + 1).toBe(NETWORK_SCHEMA_VERSION);
  });

  it('reads every fixture into a current document with its content intact', () => {
    for (let v = 1; v <= NETWORK_SCHEMA_VERSION; v++) {
      const net = migrateNetwork(fixture(v));
      expect(net.version).toBe(NETWORK_SCHEMA_VERSION);
      expect(net.neurons.map((n) => [n.label, n.activation, n.bias, n.dale])).toEqual([
        ['x', 'identity', 0, null],
        ['h', 'tanh', 0.5, 'I'],
        ['y', 'sigmoid', -0.25, null],
      ]);
      expect(net.synapses.map((s) => s.weight)).toEqual([-1.5, 2, 0.25]);
      expect(net.softmaxGroups).toEqual([]);
      expect(net.viewport).toEqual({ x: 10, y: 20, zoom: 1.5 });
    }
  });

  it('refuses a document from a newer Neurite with a message that says so', () => {
    expect(() => migrateNetwork({ ...fixture(1), version: NETWORK_SCHEMA_VERSION + 1 })).toThrow(DocumentVersionError);
    expect(() => migrateNetwork({ ...fixture(1), version: NETWORK_SCHEMA_VERSION + 1 })).toThrow(`saved in format ${NETWORK_SCHEMA_VERSION + 1}; this Neurite reads formats up to ${NETWORK_SCHEMA_VERSION}`);
  });

  it('refuses what is not a network document, naming the field', () => {
    expect(() => migrateNetwork('nope')).toThrow('The network document is not an object.');
    expect(() => migrateNetwork({ neurons: [] })).toThrow('no valid version number');
    expect(() => migrateNetwork({ ...fixture(1), neurons: [{ ...fixture(1).neurons[0], activation: 'swishy' }] })).toThrow(/neurons\.0\.activation|neurons\[0\]\.activation|activation/);
  });
});
