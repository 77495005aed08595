import { NETWORK_SCHEMA_VERSION, NetworkSchema, type Network } from './network';

/** One step that upgrades a saved network document from `from` to `from + 1`. */
export interface NetworkMigration {
  from: number;
  up: (doc: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * The ordered migration sequence for network documents (as tldraw keeps one per record type).
 * Version 1 is the first; add `{ from: 1, up }` here, with a fixture test, when the format changes.
 */
export const NETWORK_MIGRATIONS: NetworkMigration[] = [];

/** Thrown when a saved document cannot be read by this build; the message is meant for the user. */
export class DocumentVersionError extends Error {}

/** Upgrades any saved network document to the current version and validates it. */
export function migrateNetwork(raw: unknown): Network {
  if (typeof raw !== 'object' || raw === null) throw new DocumentVersionError('The network document is not an object.');
  let doc = raw as Record<string, unknown>;
  let version = typeof doc.version === 'number' ? doc.version : NaN;
  if (!Number.isInteger(version) || version < 1) throw new DocumentVersionError('The network document has no valid version number.');
  if (version > NETWORK_SCHEMA_VERSION) {
    throw new DocumentVersionError(`The network was saved in format ${version}; this Neurite reads formats up to ${NETWORK_SCHEMA_VERSION}. Update Neurite to open it.`);
  }
  for (const m of NETWORK_MIGRATIONS) {
    if (m.from === version) {
      doc = m.up(doc);
      version += 1;
    }
  }
  return NetworkSchema.parse({ ...doc, version });
}
