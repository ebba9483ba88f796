/**
 * An ExportDocument (document.ts) as print-styled HTML: the PDF of a document is
 * this, printed by the platform (Electron's printToPDF on the desktop, the
 * browser's print dialog otherwise), so screen and paper share one layout
 * (docs/architecture.md, "Exports"). print.css makes it a sheet of paper on
 * screen and, when printing, the only thing on the page.
 *
 * Place it as a direct child of the page (ui/Page's children): when printing,
 * the page's heading, intro and anything marked `no-print` are hidden.
 */
import type { ExportBlock, ExportCell, ExportDocument } from './document';
import './print.css';

/** An email address may break after its @ (and only there, unless it must) rather than mid-word. */
function Breakable({ text }: { text: string }) {
  const at = text.indexOf('@');
  if (at <= 0 || /\s/.test(text)) return text;
  return (
    <>
      {text.slice(0, at + 1)}
      <wbr />
      {text.slice(at + 1)}
    </>
  );
}

function Lines({ lines }: { lines: readonly string[] }) {
  return lines.map((line, index) => (
    <span key={index} className="print-line">
      <Breakable text={line} />
    </span>
  ));
}

function cellLines(cell: ExportCell): string[] {
  return Array.isArray(cell) ? cell : [cell];
}

function Block({ block, titleLevel }: { block: ExportBlock; titleLevel: 1 | 2 }) {
  switch (block.kind) {
    case 'heading': {
      const Heading = titleLevel === 1 ? 'h2' : 'h3';
      return <Heading className="print-heading">{block.text}</Heading>;
    }
    case 'paragraph':
      return <p className={block.strong ? 'print-strong' : undefined}>{block.text}</p>;
    case 'bullets':
      return (
        <ul className="print-bullets">
          {block.items.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      );
    case 'table': {
      const total = block.widths?.reduce((sum, width) => sum + width, 0) ?? block.headers.length;
      return (
        <table className="print-table">
          {block.caption && <caption>{block.caption}</caption>}
          <colgroup>
            {block.headers.map((header, index) => (
              <col key={header} style={{ width: `${(((block.widths?.[index] ?? 1) / total) * 100).toFixed(2)}%` }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {block.headers.map((header) => (
                <th key={header} scope="col">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, index) => {
                  const Cell = index === 0 ? 'th' : 'td';
                  return (
                    <Cell key={index} scope={index === 0 ? 'row' : undefined} data-label={block.headers[index]}>
                      <Lines lines={cellLines(cell)} />
                    </Cell>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
  }
}

/**
 * The document. Its title is an h2 under the page's own h1 (titleLevel 2, the
 * default), or the h1 itself on a page that is nothing but the document.
 */
export function PrintDocument({ document, titleLevel = 2 }: { document: ExportDocument; titleLevel?: 1 | 2 }) {
  const Title = titleLevel === 1 ? 'h1' : 'h2';
  const isLetter = Boolean(document.letterhead || document.address);
  const dateLine = document.dateLine && <p className={isLetter ? 'print-date print-date--letter' : 'print-date'}>{document.dateLine}</p>;
  return (
    <article className={`${isLetter ? 'print-document print-document--letter' : 'print-document'}${document.largePrint ? ' print-document--large' : ''}${document.pageNumbers ? ' print-document--numbered' : ''}`} aria-label={`${document.title} (as it will print)`}>
      {document.letterhead && (
        <div className="print-letterhead">
          <p className="print-letterhead-name">{document.letterhead.name}</p>
          {document.letterhead.lines.length > 0 && (
            <p>
              <Lines lines={document.letterhead.lines} />
            </p>
          )}
        </div>
      )}
      {document.address && (
        <p className="print-address">
          <Lines lines={document.address} />
        </p>
      )}
      {isLetter && dateLine}
      {document.salutation && <p className="print-salutation">{document.salutation}</p>}
      <Title className="print-title" tabIndex={titleLevel === 1 ? -1 : undefined}>
        {document.title}
      </Title>
      {!isLetter && dateLine}
      {document.blocks.map((block, index) => (
        <Block key={index} block={block} titleLevel={titleLevel} />
      ))}
      {document.signature && (
        <div className="print-signature">
          <p>{document.signature.closing}</p>
          <p className="print-signature-name">
            <Lines lines={[document.signature.name, document.signature.role, ...(document.signature.organisation ? [document.signature.organisation] : [])]} />
          </p>
        </div>
      )}
      {document.footer && <p className="print-footer">{document.footer}</p>}
    </article>
  );
}
