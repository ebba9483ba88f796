/**
 * An ExportDocument (document.ts) as a Word file, with the docx package: A4 with
 * 20 mm margins, Arial 11 pt (a plain, readable face every computer has), the
 * letterhead and date aligned right, headings in bold, real bullet lists, a table
 * whose header row repeats on each page, and the signature block at the end
 * (docs/architecture.md, "Exports"). docx is loaded when the first file is made.
 */
import type { IParagraphOptions, Paragraph as DocxParagraph, Table as DocxTable } from 'docx';
import type { ExportBlock, ExportCell, ExportDocument } from './document';

export const DOCX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Docx = typeof import('docx');

/** Sizes in half-points, as Word counts them; large print (document.largePrint) sets the body at 16 pt. */
let BODY_SIZE = 22;
let TITLE_SIZE = 28;
let HEADING_SIZE = 24;
let SMALL_SIZE = 18;
function setSizes(large: boolean) {
  [BODY_SIZE, TITLE_SIZE, HEADING_SIZE, SMALL_SIZE] = large ? [32, 40, 36, 28] : [22, 28, 24, 18];
}
/** A4 in twentieths of a point, as Word itself writes it (210 × 297 mm). */
const A4 = { width: 11906, height: 16838 };

function lines(cell: ExportCell): string[] {
  return Array.isArray(cell) ? cell : [cell];
}

function paragraph(docx: Docx, text: string, options: Omit<IParagraphOptions, 'children' | 'text'> & { bold?: boolean; size?: number } = {}): DocxParagraph {
  const { bold, size, ...rest } = options;
  return new docx.Paragraph({ ...rest, children: [new docx.TextRun({ text, bold, size })] });
}

function table(docx: Docx, block: Extract<ExportBlock, { kind: 'table' }>): DocxTable {
  const total = block.widths?.reduce((sum, width) => sum + width, 0) ?? block.headers.length;
  const width = (index: number) => Math.round(((block.widths?.[index] ?? 1) / total) * 100);
  const cell = (value: ExportCell, index: number, header: boolean) =>
    new docx.TableCell({
      width: { size: width(index), type: docx.WidthType.PERCENTAGE },
      margins: { top: 60, bottom: 60, left: 80, right: 80 },
      shading: header ? { type: docx.ShadingType.CLEAR, fill: 'E8ECEF', color: 'auto' } : undefined,
      children: lines(value).map((line) => paragraph(docx, line, { bold: header, size: SMALL_SIZE + 2 })),
    });
  return new docx.Table({
    width: { size: 100, type: docx.WidthType.PERCENTAGE },
    rows: [
      new docx.TableRow({ tableHeader: true, cantSplit: true, children: block.headers.map((header, index) => cell(header, index, true)) }),
      ...block.rows.map((row) => new docx.TableRow({ cantSplit: true, children: row.map((value, index) => cell(value, index, false)) })),
    ],
  });
}

function blocks(docx: Docx, block: ExportBlock): (DocxParagraph | DocxTable)[] {
  switch (block.kind) {
    case 'heading':
      return [paragraph(docx, block.text, { heading: docx.HeadingLevel.HEADING_2, bold: true, size: HEADING_SIZE, keepNext: true, spacing: { before: 240, after: 120 } })];
    case 'paragraph':
      return [paragraph(docx, block.text, { bold: block.strong, spacing: { after: 160 } })];
    case 'bullets':
      return block.items.map((item, index) => paragraph(docx, item, { bullet: { level: 0 }, spacing: { after: index === block.items.length - 1 ? 160 : 60 } }));
    case 'table':
      return [
        ...(block.caption ? [paragraph(docx, block.caption, { bold: true, keepNext: true, spacing: { before: 120, after: 80 } })] : []),
        table(docx, block),
        paragraph(docx, '', { spacing: { after: 120 } }),
      ];
  }
}

/** The .docx file's bytes. */
export async function docxBytes(document: ExportDocument, details: { creator?: string } = {}): Promise<Uint8Array> {
  const docx = await import('docx');
  setSizes(document.largePrint === true);
  const right = docx.AlignmentType.RIGHT;
  const children: (DocxParagraph | DocxTable)[] = [];
  if (document.letterhead) {
    children.push(paragraph(docx, document.letterhead.name, { alignment: right, bold: true, size: HEADING_SIZE }));
    for (const line of document.letterhead.lines) children.push(paragraph(docx, line, { alignment: right }));
    children.push(paragraph(docx, ''));
  }
  if (document.address) {
    for (const line of document.address) children.push(paragraph(docx, line));
    children.push(paragraph(docx, ''));
  }
  // A letter is dated above the greeting and its subject line; any other document under its title (as PrintDocument does).
  const isLetter = Boolean(document.letterhead || document.address);
  const dateLine = document.dateLine ? paragraph(docx, document.dateLine, { alignment: isLetter ? right : undefined, spacing: { after: 240 } }) : undefined;
  if (isLetter && dateLine) children.push(dateLine);
  if (document.salutation) children.push(paragraph(docx, document.salutation, { spacing: { after: 200 } }));
  children.push(paragraph(docx, document.title, { heading: docx.HeadingLevel.HEADING_1, bold: true, size: TITLE_SIZE, keepNext: true, spacing: { after: 200 } }));
  if (!isLetter && dateLine) children.push(dateLine);
  for (const block of document.blocks) children.push(...blocks(docx, block));
  if (document.signature) {
    const { closing, name, role, organisation } = document.signature;
    children.push(paragraph(docx, closing, { keepNext: true, spacing: { before: 240, after: 720 } }));
    children.push(paragraph(docx, name, { bold: true, keepNext: true }));
    children.push(paragraph(docx, role, { keepNext: Boolean(organisation) }));
    if (organisation) children.push(paragraph(docx, organisation));
  }
  if (document.footer) children.push(paragraph(docx, document.footer, { size: SMALL_SIZE, spacing: { before: 360 } }));

  const margin = 1134; // 20 mm
  const file = new docx.Document({
    title: document.title,
    creator: details.creator ?? 'Quorum',
    styles: {
      default: { document: { run: { font: 'Arial', size: BODY_SIZE }, paragraph: { spacing: { line: 276 } } } },
      paragraphStyles: [
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', run: { font: 'Arial', size: TITLE_SIZE, bold: true, color: '000000' } },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', run: { font: 'Arial', size: HEADING_SIZE, bold: true, color: '000000' } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { ...A4, orientation: docx.PageOrientation.PORTRAIT },
            margin: { top: margin, bottom: margin, left: margin, right: margin },
          },
        },
        footers: document.pageNumbers
          ? {
              default: new docx.Footer({
                children: [
                  new docx.Paragraph({
                    alignment: docx.AlignmentType.CENTER,
                    children: [new docx.TextRun({ children: ['Page ', docx.PageNumber.CURRENT, ' of ', docx.PageNumber.TOTAL_PAGES], size: SMALL_SIZE })],
                  }),
                ],
              }),
            }
          : undefined,
        children,
      },
    ],
  });
  return new Uint8Array(await docx.Packer.toArrayBuffer(file));
}
