/**
 * Which copy is which, by name: a copy (node) is known by its organisation's
 * name. The names come from three places, later ones winning: the senders of
 * bundles imported here (what each bundle called its sender), the copies this
 * copy trusts (its own enrolments and the consortium register, trust.ts), and
 * this copy itself. The Sync screen and the change history both name copies
 * this one way.
 */
import type { QuorumDatabase } from '../database';
import { installationOf, trustOf } from './identity';
import { readImports } from './ledger';

/** Node id → the name this copy knows it by, with this copy's own id. */
export interface NodeNames {
  self: string;
  names: ReadonlyMap<string, string>;
}

interface Named {
  node: string;
  name: string;
}

/** The names from what the Sync screen reads: this copy, its partners, its import history. */
export function nodeNamesFrom(self: Named | undefined, partners: Iterable<Named> | undefined, imports: Iterable<{ fromNode: string; fromName: string }> | undefined): NodeNames {
  const names = new Map<string, string>();
  for (const item of imports ?? []) names.set(item.fromNode, item.fromName);
  for (const partner of partners ?? []) names.set(partner.node, partner.name);
  if (self) names.set(self.node, self.name);
  return { self: self?.node ?? '', names };
}

/** The same names, read from the store in one go (for pages other than Sync). */
export async function readNodeNames(db: QuorumDatabase): Promise<NodeNames> {
  const { list, self } = await trustOf(db, await installationOf(db));
  const partners = [...list.values()].filter((copy) => copy.source !== 'self');
  const imports = (await readImports(db)).map((row) => ({ fromNode: row.node, fromName: row.entry.sender.name }));
  return nodeNamesFrom(self, partners, imports);
}

/** Who a node is, for sentences: "this copy", a partner's name, or a short id for a copy not known here. */
export function nodeWords(node: string, self: string, names: ReadonlyMap<string, string>): string {
  if (node === self) return 'this copy';
  return names.get(node) || `copy ${node.slice(0, 8)}`;
}
