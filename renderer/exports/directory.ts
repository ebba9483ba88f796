/**
 * The published directory of members (Partnership Agreement 5.7: the contact
 * details of members and co-opted organisations are published to members), and
 * its exports as CSV, XLSX and a document to print to PDF (docs/architecture.md,
 * "Exports").
 *
 * In it: organisations the register reads as members or co-opted on the date
 * (shared/rules/register.ts, registerGroup): not resigned by then — one whose
 * resignation takes effect later is still listed — not removed or archived.
 * Applicants, refused and resigned organisations are left out.
 */
import { formatDate } from '../../shared/rules/calendar-date';
import { ORGANISATION_KIND_LABELS, type Organisation, type Representative } from '../../shared/domain/entities';
import { registerGroup, type RegisterGroup } from '../../shared/rules/register';
import { csvBytes, type CsvColumn, CSV_MIME_TYPE } from './csv';
import type { ExportDocument } from './document';
import { sheetOf, xlsxBytes, XLSX_MIME_TYPE, type XlsxColumn } from './xlsx';
import { exportFileName, type ExportFile } from './save';

/** What the directory reads of an organisation (an Organisation row fits). */
export type DirectoryOrganisation = Pick<
  Organisation,
  'id' | 'name' | 'kind' | 'status' | 'joinedOn' | 'resignedOn' | 'servicesProvided' | 'address' | 'email' | 'phone' | 'website' | 'deleted'
> & {
  /** Missing (rows from before the field existed) means not archived. */
  archived?: boolean;
};

/** What it reads of a representative: the post's dates ('' or missing when not known) are optional, so older rows fit. */
export type DirectoryRepresentative = Pick<Representative, 'organisationId' | 'name' | 'email' | 'kind' | 'deleted'> & { from?: string; until?: string };

export interface DirectoryRow {
  organisation: string;
  kind: string;
  membership: 'Member' | 'Co-opted';
  address: string;
  email: string;
  telephone: string;
  website: string;
  representative: string;
  representativeEmail: string;
}

const MEMBERSHIP: Partial<Record<RegisterGroup, DirectoryRow['membership']>> = { member: 'Member', 'co-opted': 'Co-opted' };

/**
 * Partnership Agreement 7.1: the named representative on the date — the one in the
 * post then (no end date, or one after it; started by then), the latest to start if
 * the records overlap; failing that, the one who left the post last.
 */
function namedRepresentative(representatives: readonly DirectoryRepresentative[], organisationId: string, onDate: string): DirectoryRepresentative | undefined {
  const named = representatives.filter((r) => r.organisationId === organisationId && r.kind === 'representative' && !r.deleted);
  const byStart = (a: DirectoryRepresentative, b: DirectoryRepresentative) => (a.from ?? '').localeCompare(b.from ?? '');
  const serving = named.filter((r) => (!r.until || r.until > onDate) && (!r.from || r.from <= onDate)).sort(byStart);
  if (serving.length > 0) return serving.at(-1);
  return named.filter((r) => r.until).sort((a, b) => (a.until ?? '').localeCompare(b.until ?? '') || byStart(a, b)).at(-1);
}

function kindLabel(kind: string): string {
  return (ORGANISATION_KIND_LABELS as Record<string, string>)[kind] ?? 'Other';
}

/** The directory's rows on a date (ISO), sorted by name as people sort them. */
export function directoryRows(organisations: readonly DirectoryOrganisation[], representatives: readonly DirectoryRepresentative[], onDate: string): DirectoryRow[] {
  return organisations
    .flatMap((o) => {
      // The register's own reading of the record on the date, as the Members page counts it (shared/rules/register.ts).
      const membership = o.deleted ? undefined : MEMBERSHIP[registerGroup(o, onDate)];
      return membership ? [{ o, membership }] : [];
    })
    .sort((a, b) => a.o.name.localeCompare(b.o.name, 'en-GB', { sensitivity: 'base' }))
    .map(({ o, membership }) => {
      const representative = namedRepresentative(representatives, o.id, onDate);
      return {
        organisation: o.name,
        kind: kindLabel(o.kind),
        membership,
        address: o.address,
        email: o.email,
        telephone: o.phone,
        website: o.website,
        representative: representative?.name ?? '',
        representativeEmail: representative?.email ?? '',
      };
    });
}

/** "12 member and co-opted organisations; resigned ones are left out." */
export function directorySummary(rows: readonly DirectoryRow[]): string {
  const members = rows.filter((row) => row.membership === 'Member').length;
  const coOpted = rows.length - members;
  const counted = coOpted === 0 ? `${members} member ${members === 1 ? 'organisation' : 'organisations'}` : `${rows.length} member and co-opted ${rows.length === 1 ? 'organisation' : 'organisations'} (${coOpted} co-opted)`;
  return `${counted}; resigned ones are left out.`;
}

const COLUMNS: { header: string; value(row: DirectoryRow): string }[] = [
  { header: 'Organisation', value: (row) => row.organisation },
  { header: 'Kind', value: (row) => row.kind },
  { header: 'Membership', value: (row) => row.membership },
  { header: 'Address', value: (row) => row.address },
  { header: 'Email', value: (row) => row.email },
  { header: 'Telephone', value: (row) => row.telephone },
  { header: 'Website', value: (row) => row.website },
  { header: 'Named representative', value: (row) => row.representative },
  { header: 'Representative’s email', value: (row) => row.representativeEmail },
];

export const DIRECTORY_CSV_COLUMNS: readonly CsvColumn<DirectoryRow>[] = COLUMNS;
export const DIRECTORY_XLSX_COLUMNS: readonly XlsxColumn<DirectoryRow>[] = COLUMNS.map((column) => ({ ...column, type: 'text' as const }));

export interface DirectoryDetails {
  /** The consortium's name, for the title. */
  consortiumName: string;
  /** The area it covers ('Bedfordshire & Luton'), for file names. */
  area: string;
  /** The date the directory is as at (ISO). */
  onDate: string;
}

function fileName(details: DirectoryDetails, extension: string): string {
  return exportFileName([details.area || details.consortiumName, 'directory'], details.onDate, extension);
}

export function directoryCsv(rows: readonly DirectoryRow[], details: DirectoryDetails): ExportFile {
  return { bytes: csvBytes(rows, DIRECTORY_CSV_COLUMNS), fileName: fileName(details, 'csv'), mimeType: CSV_MIME_TYPE, description: 'Spreadsheet (CSV)' };
}

export async function directoryXlsx(rows: readonly DirectoryRow[], details: DirectoryDetails): Promise<ExportFile> {
  const bytes = await xlsxBytes([sheetOf('Directory', rows, DIRECTORY_XLSX_COLUMNS)]);
  return { bytes, fileName: fileName(details, 'xlsx'), mimeType: XLSX_MIME_TYPE, description: 'Excel workbook (XLSX)' };
}

export function directoryPdfName(details: DirectoryDetails): string {
  return fileName(details, 'pdf');
}

/** The directory as a document to print: one table, contacts gathered in a cell so it fits A4 portrait. */
export function directoryDocument(rows: readonly DirectoryRow[], details: DirectoryDetails): ExportDocument {
  const lines = (...values: string[]) => values.filter((value) => value.trim() !== '');
  return {
    title: `${details.consortiumName}: directory of members`,
    dateLine: `As at ${formatDate(details.onDate)}`,
    blocks: [
      { kind: 'paragraph', text: `The contact details of the consortium’s members and co-opted organisations. ${directorySummary(rows)}` },
      {
        kind: 'table',
        headers: ['Organisation', 'Address', 'Contact', 'Named representative'],
        widths: [2.9, 2, 3.3, 3.3],
        rows: rows.map((row) => [
          lines(row.organisation, `${row.kind} · ${row.membership}`),
          lines(...row.address.split(/\r?\n/)),
          lines(row.email, row.telephone, row.website),
          lines(row.representative, row.representativeEmail),
        ]),
      },
    ],
    footer: 'Published to members. Co-opted organisations advise but do not vote.',
  };
}
