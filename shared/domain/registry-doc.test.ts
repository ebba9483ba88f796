/**
 * The table of kinds in docs/bundle-format.md is the registry's: it must be
 * exactly what kindsTableMarkdown() makes, so the document cannot drift from
 * the code. After changing the registry, `npm run docs:kinds` rewrites it.
 */
import { describe, expect, it } from 'vitest';
import { expectedKindsSection, kindsSectionOf, kindsTableMarkdown, KINDS_END, KINDS_START, withKindsTable } from './registry-doc';
import { KIND_NAMES } from './registry';

// shared/ is typed without Node's types (tsconfig.shared.json); the test runs in Node, so it reads the file through a module named at run time.
const NODE_FS = 'node:fs';

async function readDoc(): Promise<string> {
  const fs = (await import(/* @vite-ignore */ NODE_FS)) as { readFileSync: (path: URL, encoding: 'utf8') => string };
  return fs.readFileSync(new URL('../../docs/bundle-format.md', import.meta.url), 'utf8');
}

describe('the table of kinds of record in docs/bundle-format.md', () => {
  it('is the one the registry makes', async () => {
    const section = kindsSectionOf(await readDoc());
    expect(section, `docs/bundle-format.md needs the markers ${KINDS_START} and ${KINDS_END} (section "Kinds of record")`).toBeDefined();
    expect(section, 'docs/bundle-format.md’s table of kinds differs from the registry (shared/domain/registry.ts): run `npm run docs:kinds` to rewrite it').toBe(expectedKindsSection());
  });

  it('has one row per kind, with its natural key, owner, events and fields', () => {
    const rows = kindsTableMarkdown().split('\n').slice(2);
    expect(rows.map((row) => /^\| `(\w+)` \|/.exec(row)?.[1])).toEqual(KIND_NAMES);
    const row = (table: string) => rows.find((r) => r.startsWith(`| \`${table}\` |`))!;
    expect(row('partnerClaims')).toContain('`partnerClaim:<organisationId>:<projectId>:<financialYear>:Q<quarter>`');
    expect(row('partnerClaims')).toContain('the organisation in `organisationId`');
    expect(row('partnerClaims')).toContain('`approved` {lines, reasons, on}');
    expect(row('partnerClaims')).toContain('`event:<id>` for each event');
    expect(row('motions')).toContain('`dissent:<id>` for a member’s recorded dissent');
    expect(row('organisations')).toContain('the organisation itself (its id)');
    expect(row('roleGrants')).toContain('`grant:<office>:<from>:<node>`');
    expect(row('conflicts')).toContain('`<table>/<row>/<field>@<losing HLC>`');
  });

  it('is written between the markers, leaving the rest of the document as it was', () => {
    const doc = `before\n${KINDS_START}\nold table\n${KINDS_END}\nafter\n`;
    expect(withKindsTable(doc)).toBe(`before\n${KINDS_START}\n${kindsTableMarkdown()}\n${KINDS_END}\nafter\n`);
    expect(withKindsTable('no markers')).toBe('no markers');
  });
});
