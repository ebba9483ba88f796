import { describe, expect, it } from 'vitest';
import { folderBundleName, isAddressedTo, isCandidateName, isWrittenBy, nodeTag, parseFolderBundleName, placeholderOf, writingName } from './folder-layout';

const SECRETARIAT = 'c86e93ef-84c2-4dd0-8e9f-49ebee443bac';
const LUTON = '5f1d9a8e-2c3b-4e7f-8a9b-0c1d2e3f4a5b';
const address = { consortiumName: 'Bedfordshire & Luton VCS Consortium', senderName: 'Luton CVS', senderNode: LUTON, recipientName: 'VCA South Bedfordshire', recipientNode: SECRETARIAT };

describe('a bundle’s name in a shared folder', () => {
  it('reads as words, then carries both copies’ tags', () => {
    const name = folderBundleName(address);
    expect(name).toBe('Quorum – Bedfordshire & Luton VCS Cons… – from Luton CVS to VCA South Bedfordshire – 5f1d9a8e2c3b.c86e93ef84c2.quorum');
    expect(parseFolderBundleName(name)).toEqual({ senderTag: nodeTag(LUTON), recipientTag: nodeTag(SECRETARIAT) });
    expect(isAddressedTo(name, SECRETARIAT)).toBe(true);
    expect(isAddressedTo(name, LUTON)).toBe(false);
    expect(isWrittenBy(name, LUTON)).toBe(true);
    expect(name.length).toBeLessThan(150);
  });

  it('keeps to what every file system accepts, whatever the organisations are called', () => {
    const name = folderBundleName({ ...address, senderName: 'A/B: "C" <D>? *E*|F\\G~.', consortiumName: '...', recipientName: '' });
    expect(name).not.toMatch(/[<>:"/\\|?*]/);
    expect(parseFolderBundleName(name)).toEqual({ senderTag: nodeTag(LUTON), recipientTag: nodeTag(SECRETARIAT) });
    expect(name).toContain('to a copy');
  });

  it('differs for each pair of copies, and each way', () => {
    const back = folderBundleName({ ...address, senderNode: SECRETARIAT, recipientNode: LUTON });
    expect(back).not.toBe(folderBundleName(address));
    expect(folderBundleName({ ...address, senderName: 'Someone else' })).not.toBe(folderBundleName(address));
  });

  it('passes over every other file by its name', () => {
    for (const name of ['Minutes.docx', 'quorum-luton-cvs-to-everyone-2026-11-22.quorum', 'Quorum.quorum', `${folderBundleName(address)} (1)`, `${folderBundleName(address).replace('.quorum', ' (1).quorum')}`, writingName('abc'), 'Quorum – x – a.b.quorum.json']) {
      expect(isCandidateName(name), name).toBe(false);
    }
  });

  it('knows a cloud client’s placeholder of a bundle', () => {
    const name = folderBundleName(address);
    for (const placeholder of [`.${name}.icloud`, `${name}.partial`, `${name}.crdownload`, `~$${name}`, `.syncthing.${name}.tmp`, `${name}.tmp`]) {
      expect(placeholderOf(placeholder), placeholder).toBe(name);
      expect(isCandidateName(placeholder)).toBe(true);
    }
    expect(placeholderOf(name)).toBeNull();
    expect(placeholderOf('Minutes.docx.tmp')).toBeNull();
  });
});
