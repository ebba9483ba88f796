/**
 * The table of kinds of record in docs/bundle-format.md ("Kinds of record"),
 * made from the registry (registry.ts), so the document says what the code
 * does. Pure: `npm run docs:kinds` (scripts/write-kinds-table.mjs) writes it
 * into the document, and registry-doc.test.ts fails when the document's copy
 * differs from what this makes.
 */
import type { z } from 'zod';
import { KIND_NAMES, kindOf, type RecordKind } from './registry';
import { EVENT_FIELD_PREFIX } from '../rules/lifecycles';
import { conflictIdFor } from '../sync/merge';

export const KINDS_START = '<!-- kinds:start -->';
export const KINDS_END = '<!-- kinds:end -->';

/**
 * Ids that no natural key of the registry makes, but that are fixed elsewhere:
 * the consortium record's id is the consortium's, a register row's is the
 * copy's node id (shared/sync/trust.ts), a conflict's is made by merge.ts.
 */
const FIXED_IDS: Record<string, string> = {
  consortium: 'the consortium’s id (a UUID; `header.consortiumId`, §3)',
  partnerNodes: 'the copy’s node id (§8)',
  conflicts: `\`${conflictIdFor('<table>', '<row>', '<field>', '<losing HLC>')}\` (§5.3)`,
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function code(text: string): string {
  return `\`${text}\``;
}

function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function fieldNames(kind: RecordKind): string[] {
  return Object.keys(kind.schema.shape);
}

function idWords(kind: RecordKind): string {
  if (kind.naturalKey) {
    const placeholders: Record<string, unknown> = {};
    for (const field of kind.naturalKey.fields) placeholders[field] = `<${field}>`;
    return code(kind.naturalKey.id(placeholders));
  }
  return FIXED_IDS[kind.table] ?? 'any (a UUIDv7)';
}

/** Which field names the owning organisation, found by asking the registry's `owner` of a record holding one field at a time. */
function ownerWords(kind: RecordKind): string {
  const owner = kind.owner;
  if (!owner) return '—';
  const probe = '\u0000owner';
  const found = ['id', ...fieldNames(kind)].filter((field) => owner({ [field]: probe }) === probe);
  if (found.length !== 1) return 'the organisation the record names';
  return found[0] === 'id' ? 'the organisation itself (its id)' : `the organisation in ${code(found[0]!)}`;
}

interface ObjectLike {
  shape: Record<string, z.ZodType>;
}

/** The events of a lifecycle, from its event schema (a union of objects, each with a literal `type`). */
function lifecycleWords(kind: RecordKind): string {
  const lifecycle = kind.lifecycle;
  if (!lifecycle) return '—';
  const options = (lifecycle.eventSchema as unknown as { options?: readonly ObjectLike[] }).options ?? [];
  const events = options.map((option) => {
    const type = (option.shape.type as unknown as { value: unknown }).value;
    const rest = Object.keys(option.shape).filter((name) => name !== 'type');
    return rest.length > 0 ? `${code(String(type))} {${rest.join(', ')}}` : code(String(type));
  });
  return `${events.join(', ')}; status derived: ${Object.keys(lifecycle.statusWords).join(', ')}`;
}

function fieldsWords(kind: RecordKind): string {
  const names = fieldNames(kind).map(code);
  if (kind.lifecycle) names.push(`${code(`${EVENT_FIELD_PREFIX}<id>`)} for each event`);
  for (const family of kind.families ?? []) names.push(`${code(`${family.prefix}<id>`)} for ${family.words}`);
  return names.join(', ');
}

/** The Markdown table of every kind of record, one row per kind, in the registry's order. */
export function kindsTableMarkdown(): string {
  const lines = [
    '| table | what it is | natural key (id) | owner | lifecycle events | who may write it | fields |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const name of KIND_NAMES) {
    const kind = kindOf(name)!;
    const cells = [code(kind.table), capitalised(kind.words[0]), idWords(kind), ownerWords(kind), lifecycleWords(kind), capitalised(kind.whoWrites), fieldsWords(kind)];
    lines.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The text between the markers, or undefined if the document lacks them. */
export function kindsSectionOf(doc: string): string | undefined {
  const start = doc.indexOf(KINDS_START);
  const end = doc.indexOf(KINDS_END);
  if (start < 0 || end < start) return undefined;
  return doc.slice(start + KINDS_START.length, end);
}

/** What belongs between the markers: the table on lines of its own. */
export function expectedKindsSection(): string {
  return `\n${kindsTableMarkdown()}\n`;
}

/** The document with the generated table between its markers (unchanged if it lacks them). */
export function withKindsTable(doc: string): string {
  const start = doc.indexOf(KINDS_START);
  const end = doc.indexOf(KINDS_END);
  if (start < 0 || end < start) return doc;
  return `${doc.slice(0, start + KINDS_START.length)}${expectedKindsSection()}${doc.slice(end)}`;
}
