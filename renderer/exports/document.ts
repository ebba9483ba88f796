/**
 * A document to export, as plain data: a letter, a directory, a report. One model,
 * two renderers — docx.ts (a Word file) and PrintDocument.tsx (print-styled HTML,
 * which the platform prints to PDF) — so both say the same thing
 * (docs/architecture.md, "Exports"). It is plain data, so it can travel in the
 * router's navigation state to the print view.
 */
import { z } from 'zod';

/** A table cell: one line, or several (an address, a name with its email). */
export type ExportCell = string | string[];

export type ExportBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; strong?: boolean }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; caption?: string; headers: string[]; rows: ExportCell[][]; widths?: number[] };

export interface ExportDocument {
  /** Shown at the top (the subject line of a letter) and kept as the file's title. */
  title: string;
  /** The sender, at the head of the first page: a name and the lines under it. */
  letterhead?: { name: string; lines: string[] };
  /** The recipient's name and address, one line each. */
  address?: string[];
  /** The date line, in words ('8 December 2026'). */
  dateLine?: string;
  /** 'Dear Jo Smith,' — before the title in a letter. */
  salutation?: string;
  blocks: ExportBlock[];
  /** 'Yours sincerely', then the name and role. */
  signature?: { closing: string; name: string; role: string; organisation?: string };
  /** Small print at the end (where the document came from). */
  footer?: string;
  /** "Page 1 of 3" at the foot of each page of the Word file (minutes, long reports). */
  pageNumbers?: boolean;
  /** Large print: the text at 16 pt rather than 11 pt, for readers who ask for it. */
  largePrint?: boolean;
}

/** Lines of a free-text address: one per line, or split at commas when typed on one line. */
export function addressLines(address: string): string[] {
  const lines = address.split(/\r?\n/);
  const parts = lines.length > 1 ? lines : address.split(',');
  return parts.map((line) => line.trim()).filter((line) => line !== '');
}

/** Every piece of text a document shows, in reading order: for tests and for searching. */
export function documentText(document: ExportDocument): string[] {
  const cell = (value: ExportCell) => (Array.isArray(value) ? value : [value]);
  return [
    ...(document.letterhead ? [document.letterhead.name, ...document.letterhead.lines] : []),
    ...(document.address ?? []),
    ...(document.dateLine ? [document.dateLine] : []),
    ...(document.salutation ? [document.salutation] : []),
    document.title,
    ...document.blocks.flatMap((block) => {
      switch (block.kind) {
        case 'heading':
        case 'paragraph':
          return [block.text];
        case 'bullets':
          return block.items;
        case 'table':
          return [...(block.caption ? [block.caption] : []), ...block.headers, ...block.rows.flatMap((row) => row.flatMap(cell))];
      }
    }),
    ...(document.signature ? [document.signature.closing, document.signature.name, document.signature.role, ...(document.signature.organisation ? [document.signature.organisation] : [])] : []),
    ...(document.footer ? [document.footer] : []),
  ];
}

const cellSchema = z.union([z.string(), z.array(z.string())]);

/** The model's shape, to check a document that arrives from outside the code (the print view reads it from the navigation history). */
export const exportDocumentSchema: z.ZodType<ExportDocument> = z.object({
  title: z.string(),
  letterhead: z.object({ name: z.string(), lines: z.array(z.string()) }).optional(),
  address: z.array(z.string()).optional(),
  dateLine: z.string().optional(),
  salutation: z.string().optional(),
  blocks: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('heading'), text: z.string() }),
      z.object({ kind: z.literal('paragraph'), text: z.string(), strong: z.boolean().optional() }),
      z.object({ kind: z.literal('bullets'), items: z.array(z.string()) }),
      z.object({ kind: z.literal('table'), caption: z.string().optional(), headers: z.array(z.string()), rows: z.array(z.array(cellSchema)), widths: z.array(z.number()).optional() }),
    ]),
  ),
  signature: z.object({ closing: z.string(), name: z.string(), role: z.string(), organisation: z.string().optional() }).optional(),
  footer: z.string().optional(),
  pageNumbers: z.boolean().optional(),
  largePrint: z.boolean().optional(),
});
