/**
 * The Sync screen's plain words: tables as things a secretariat counts ("3
 * organisations"), field names as words ("accountable body"), moments as people
 * in England write them ("22 November 2026 at 10:05", Europe/London), values as
 * they would be read aloud, and the stages of a long import. Pure functions, so
 * the wording is tested without a browser. The words for records, fields,
 * moments and copies are shared with the change history and live in
 * renderer/db (record-words.ts, sync/node-names.ts); they are re-exported here
 * so the Sync screen has one vocabulary to import.
 */
import { ROLE_LABELS, type InstallationRole } from '../../../shared/domain/entities';
import type { SyncedTable } from '../../../shared/sync/change';
import type { TableCounts } from '../../../shared/sync/merge';
import { parseTimestamp } from '../../../shared/sync/hlc';
import { fileTooLargeMessage } from '../../../shared/ipc';
import type { RefusedDrop } from '../../platform/dropped-bundles';
import { capitalised, countOf, momentWords, TABLE_NOUNS } from '../../db/record-words';
import { nodeWords } from '../../db/sync/node-names';
import type { Progress } from './service';

export { countOf, dateWords, fieldWords, momentWords, recordNoun, TABLE_NOUNS } from '../../db/record-words';
export { nodeWords } from '../../db/sync/node-names';

/** "1 change", "1,250 changes" style counting for any noun with a regular plural. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

export interface TableLine {
  table: string;
  /** "6 organisations" */
  headline: string;
  /** "2 new, 4 changed", and any changes already superseded here. */
  detail: string;
}

/** One line per table an import touches, in the order tables are listed in SYNCED_TABLES. */
export function tableLines(byTable: Partial<Record<SyncedTable, TableCounts>>): TableLine[] {
  const lines: TableLine[] = [];
  for (const table of Object.keys(TABLE_NOUNS) as SyncedTable[]) {
    const counts = byTable[table];
    if (!counts) continue;
    const records = counts.created + counts.updated;
    const parts: string[] = [];
    if (counts.created > 0) parts.push(`${counts.created} new`);
    if (counts.updated > 0) parts.push(`${counts.updated} changed`);
    if (counts.outdated > 0) parts.push(`${plural(counts.outdated, 'change')} already overtaken by a later edit here`);
    if (records === 0 && counts.outdated === 0) continue;
    lines.push({ table, headline: records > 0 ? countOf(table, records) : capitalised(TABLE_NOUNS[table][1]), detail: parts.join(', ') });
  }
  return lines;
}

/** The moment an HLC stamp records, in words; '' when the stamp cannot be read. */
export function stampMoment(hlc: string): string {
  try {
    return momentWords(new Date(parseTimestamp(hlc).millis).toISOString());
  } catch {
    return '';
  }
}

/** A field's value as it would be read out: text in quotes, yes/no, "(empty)". */
export function valueWords(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)';
  if (typeof value === 'string') return `“${value}”`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length === 0 ? '(none)' : value.map((v) => `“${v}”`).join(', ');
  return JSON.stringify(value);
}

/** The fingerprint's groups of digits, for showing spaced out and reading aloud. */
export function fingerprintGroups(fingerprint: string): string[] {
  return fingerprint.split(/\s+/).filter(Boolean);
}

export function roleWords(role: InstallationRole | '' | undefined): string {
  return role ? ROLE_LABELS[role] : 'role not chosen';
}

const STAGES: Record<Progress['stage'], string> = {
  reading: 'Reading the file',
  checking: 'Checking every signature',
  merging: 'Working out the changes',
  writing: 'Saving the changes',
};

/** "Checking every signature: 40 of 120" */
export function progressWords(progress: Progress): string {
  const stage = STAGES[progress.stage];
  return progress.total > 1 ? `${stage}: ${progress.done.toLocaleString('en-GB')} of ${progress.total.toLocaleString('en-GB')}` : `${stage}…`;
}

/** "1.2 MB", "640 KB" for a file's size. */
export function sizeWords(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} KB`;
  return plural(bytes, 'byte');
}

/** Who wrote the value stamped `hlc`, and when: "Voluntary Action Luton, 22 November 2026 at 10:05". */
export function writtenBy(hlc: string, self: string, names: ReadonlyMap<string, string>): string {
  let node: string;
  try {
    node = parseTimestamp(hlc).node;
  } catch {
    return 'unknown';
  }
  const when = stampMoment(hlc);
  return when ? `${nodeWords(node, self, names)}, ${when}` : nodeWords(node, self, names);
}

/** What a partner has of this copy's changes, as its latest bundle said, and what went to it since. */
export interface PartnerReceipt {
  partnerName: string;
  /** How many of this copy's changes the partner has said it holds. */
  confirmed: number;
  /** How many of this copy's changes it has not said it holds. */
  waiting: number;
  /** When this copy made the last change the partner holds (ISO), when known. */
  confirmedUpTo?: string | undefined;
  /** When this copy made its latest change (ISO), when known. */
  latestChange?: string | undefined;
  /** When the latest bundle for the partner was saved (ISO), if one was. */
  lastSent?: string | undefined;
}

/**
 * What a partner has received of this copy's changes, as a sentence: "Voluntary
 * Action Luton has every change made on this copy up to 3 December 2026 at
 * 14:05; 2 changes made since then have not reached them yet." No sequence
 * numbers: a change is placed by when it was made. When a bundle saved for them
 * after this copy's latest change has not been answered yet, it says so, so the
 * person knows there is nothing more to send.
 */
export function receiptWords(r: PartnerReceipt): string {
  if (r.waiting <= 0) return `${r.partnerName} has every change made on this copy.`;
  const count = plural(r.waiting, 'change');
  const one = r.waiting === 1;
  const sent = r.lastSent && r.latestChange && Date.parse(r.lastSent) >= Date.parse(r.latestChange) ? momentWords(r.lastSent) : '';
  if (r.confirmed <= 0) {
    return sent
      ? `${r.partnerName} has not yet confirmed receiving any of this copy’s changes: ${count} went in the bundle saved for them on ${sent}.`
      : `None of this copy’s changes ${one ? 'has' : 'have'} reached ${r.partnerName} yet (${count}).`;
  }
  const upTo = momentWords(r.confirmedUpTo);
  const since = upTo ? `${count} made since then` : plural(r.waiting, 'more change');
  const head = upTo ? `${r.partnerName} has every change made on this copy up to ${upTo}` : `${r.partnerName} has some of this copy’s changes`;
  return sent
    ? `${head}; ${since} went in the bundle saved for them on ${sent}, not yet confirmed by them.`
    : `${head}; ${since} ${one ? 'has' : 'have'} not reached them yet.`;
}

/** What a partner holds of a third copy's changes: "Also has Bedford CVS’s changes up to 2 December 2026 at 09:30." */
export function thirdCopyReceiptWords(copyName: string, upTo: string | undefined): string {
  const when = momentWords(upTo);
  return when ? `Also has ${copyName}’s changes up to ${when}.` : `Also has changes from ${copyName}, some of them not yet on this copy.`;
}

/** “a”, “a” and “b”, “a”, “b” and “c” */
function namesInWords(names: readonly string[]): string {
  const quoted = names.map((name) => `“${name}”`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/**
 * Why dropped files were not opened, in one or two sentences: "“minutes.docx”
 * is not a Quorum bundle. Bundles end in .quorum (or .quorum.json, the readable
 * kind). Quorum did not open it." '' for none.
 */
export function refusedDropWords(drops: readonly RefusedDrop[]): string {
  if (drops.length === 0) return '';
  const sentences: string[] = [];
  const others = drops.filter((d) => d.reason === 'not-a-bundle').map((d) => d.name);
  if (others.length > 0) {
    sentences.push(`${namesInWords(others)} ${others.length === 1 ? 'is not a Quorum bundle' : 'are not Quorum bundles'}. Bundles end in .quorum (or .quorum.json, the readable kind).`);
  }
  for (const drop of drops) if (drop.reason === 'too-large') sentences.push(fileTooLargeMessage(drop.name, drop.size));
  sentences.push(drops.length === 1 ? 'Quorum did not open it.' : 'Quorum did not open them.');
  return sentences.join(' ');
}
