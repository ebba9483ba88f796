/**
 * A copy that belongs to no consortium yet joins the one of the bundle it
 * imports (its sender was enrolled by fingerprint): the consortium is the
 * bundle's, and its founder the copy that created its consortium record —
 * the root of every role grant (shared/sync/roles.ts). Until it has joined,
 * the roles it trusts the bundle's copies with come from the bundle's own
 * grants, resolved from that founder (identity.ts trustOf), so the
 * secretariat's register in its first bundle is taken as the secretariat's.
 */
import type { InstallationRecord } from '../database';
import type { Bundle } from '../../../shared/sync/bundle-format';
import type { ChangeEntry } from '../../../shared/sync/change';
import { nodeOfStamp } from '../../../shared/sync/stamp';

export function joinedBy(installation: InstallationRecord, bundle: Bundle, incoming: readonly ChangeEntry[]): InstallationRecord {
  if (installation.consortiumId || !bundle.header.consortiumId) return installation;
  const consortiumId = bundle.header.consortiumId;
  let first = '';
  for (const entry of incoming) if (entry.table === 'consortium' && entry.row === consortiumId && (first === '' || entry.hlc < first)) first = entry.hlc;
  if (!first) return installation;
  return { ...installation, consortiumId, founderNode: nodeOfStamp(first) };
}

/** Every change a bundle carries (verified or not: only its grants and its consortium record are read, to know whom to trust while joining). */
export function entriesOf(bundle: Bundle): ChangeEntry[] {
  return bundle.origins.flatMap((origin) => origin.runs.flatMap((run) => run.entries));
}
