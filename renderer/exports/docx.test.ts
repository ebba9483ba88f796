import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { docxBytes } from './docx';
import type { ExportDocument } from './document';
import { invitationLetter } from './letters';

/** The Word file read back: its document.xml, and the text of its paragraphs (w:t runs joined, one line per w:p). */
async function readBack(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const unescape = (text: string) => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1]!)).join(''));
  return { zip, xml, paragraphs };
}

const INVITATION = invitationLetter({
  consortiumName: 'Bedfordshire & Luton VCS Infrastructure Consortium',
  constitutionName: 'Partnership Agreement',
  applicant: { organisationName: 'Dunstable Community Transport', contactName: 'Priya Shah', address: '12 High Street North\nDunstable' },
  letterDate: '2026-11-23',
  meeting: { title: 'Consortium meeting', date: '2026-12-08', startTime: '10:00', location: 'Volunteer Centre Bedford' },
  signedBy: { name: 'John Gelder', role: 'Secretariat' },
});

describe('DOCX exports', () => {
  it('writes the invitation letter as a Word file that names the applicant and the meeting date in words', async () => {
    const { paragraphs } = await readBack(await docxBytes(INVITATION));
    expect(paragraphs).toContain('Priya Shah');
    expect(paragraphs).toContain('Dunstable Community Transport');
    expect(paragraphs).toContain('Dear Priya Shah,');
    expect(paragraphs).toContain('Date: Tuesday 8 December 2026');
    expect(paragraphs).toContain('Place: Volunteer Centre Bedford');
    expect(paragraphs).toContain('Your application to join Bedfordshire & Luton VCS Infrastructure Consortium');
    expect(paragraphs.slice(-4)).toEqual(['Yours sincerely', 'John Gelder', 'Secretariat', 'Bedfordshire & Luton VCS Infrastructure Consortium']);
  });

  it('is A4 with real bullet lists and the title as a heading', async () => {
    const { zip, xml } = await readBack(await docxBytes(INVITATION));
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(xml).toMatch(/<w:numPr>/);
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('<dc:title>Your application to join Bedfordshire &amp; Luton VCS Infrastructure Consortium</dc:title>');
  });

  it('writes a table with a header row that repeats on each page, one cell per value and a line per part of a cell', async () => {
    const document: ExportDocument = {
      title: 'Published directory',
      blocks: [{ kind: 'table', caption: 'Members', headers: ['Organisation', 'Contact'], rows: [['Voluntary Action Luton', ['val@example.org', '01632 960004']]] }],
    };
    const { xml, paragraphs } = await readBack(await docxBytes(document));
    expect(xml).toMatch(/<w:tblHeader\/>/);
    expect((xml.match(/<w:tc>/g) ?? []).length).toBe(4);
    expect(paragraphs).toEqual(expect.arrayContaining(['Members', 'Organisation', 'Contact', 'Voluntary Action Luton', 'val@example.org', '01632 960004']));
  });
});
