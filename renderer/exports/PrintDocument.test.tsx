import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { directoryDocument } from './directory';
import { invitationLetter } from './letters';
import { PrintDocument } from './PrintDocument';

const LETTER = invitationLetter({
  consortiumName: 'Bedfordshire & Luton VCS Infrastructure Consortium',
  constitutionName: 'Partnership Agreement',
  applicant: { organisationName: 'Dunstable Community Transport', contactName: 'Priya Shah', address: '12 High Street North\nDunstable' },
  letterDate: '2026-11-23',
  meeting: { title: 'Consortium meeting', date: '2026-12-08', startTime: '14:30', location: 'Volunteer Centre Bedford' },
  signedBy: { name: 'John Gelder', role: 'Secretariat' },
});

describe('the print view of a document', () => {
  it('lays a letter out in reading order: letterhead, address, date, greeting, subject, body, signature', () => {
    const html = renderToStaticMarkup(<PrintDocument document={LETTER} />);
    const order = ['print-letterhead', 'Priya Shah', '23 November 2026', 'Dear Priya Shah,', '<h2 class="print-title">Your application', 'Time: 2.30pm', 'Yours sincerely', 'John Gelder'].map((text) =>
      html.indexOf(text),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('<h3 class="print-heading">The meeting</h3>');
    expect(html).toContain('<li>Place: Volunteer Centre Bedford</li>');
  });

  it('makes the title the page heading when asked, and the headings under it one level down', () => {
    const html = renderToStaticMarkup(<PrintDocument document={LETTER} titleLevel={1} />);
    expect(html).toMatch(/<h1 class="print-title" tabindex="-1">Your application/);
    expect(html).toContain('<h2 class="print-heading">The meeting</h2>');
  });

  it('writes a table with column headers, a row header per row, each cell labelled by its column and split into lines', () => {
    const rows = [
      {
        organisation: 'Voluntary Action Luton',
        kind: 'Council for voluntary service',
        membership: 'Member' as const,
        address: '15 New Bedford Road\nLuton',
        email: 'val@example.org',
        telephone: '01632 960004',
        website: '',
        representative: 'Everton Blake',
        representativeEmail: '',
      },
    ];
    const html = renderToStaticMarkup(<PrintDocument document={directoryDocument(rows, { consortiumName: 'B&L', area: 'B&L', onDate: '2026-11-22' })} />);
    expect(html).toContain('<th scope="col">Contact</th>');
    expect(html).toMatch(/<th scope="row" data-label="Organisation"><span class="print-line">Voluntary Action Luton<\/span>/);
    expect(html).toContain('<td data-label="Address"><span class="print-line">15 New Bedford Road</span><span class="print-line">Luton</span></td>');
    // An email may break after its @ in a narrow column.
    expect(html).toContain('val@<wbr/>example.org');
    expect(html).not.toContain('<p class="print-address">');
  });
});
