/**
 * The register's own kinds across copies exchanging real bundles: roles in the
 * consortium (appointments) are the secretariat's or the Accountable Body's to
 * record, and a partner's copy may not write them; attached files are written once
 * and refused above 5 MB before anything is written.
 */
import { describe, expect, it } from 'vitest';
import { consortiaForTests, orgOf, send } from '../../db/sync/test-consortia';
import { writeUnchecked, type TestCopy } from '../../db/sync/test-support';
import { NotAuthorisedError } from '../../db/not-authorised';
import { ValidationError } from '../../db/repository';
import { ATTACHMENT_MAX_BYTES, base64Parts } from '../../../shared/domain/entities';

const consortium = consortiaForTests();


const letter = (text: string) => ({ name: 'resignation.txt', mimeType: 'text/plain', sizeBytes: new TextEncoder().encode(text).length, dataBase64: [btoa(text)] });

describe('roles in the consortium (appointments)', () => {
  it('are recorded by the secretariat and reach every copy; a partner’s copy may not record one, on its own copy or on any other', async () => {
    const c = await consortium([
      ['Voluntary and Community Action South Bedfordshire', 'secretariat'],
      ['Voluntary Action Luton', 'partner'],
    ]);
    const [s, p] = c.copies as [TestCopy, TestCopy];
    const pOrg = await orgOf(p);
    const chair = await s.repos.appointments.create({ organisationId: pOrg, role: 'chair', from: '2026-04-01', until: '2027-03-31' });
    await send(s, p);
    expect(await p.db.appointments.get(chair)).toMatchObject({ organisationId: pOrg, role: 'chair', from: '2026-04-01', until: '2027-03-31' });

    // The partner's own writer refuses, and nothing is saved …
    const before = await p.db.changeLog.count();
    await expect(p.repos.appointments.create({ organisationId: pOrg, role: 'lead-communications', from: '2026-04-01' })).rejects.toThrow(NotAuthorisedError);
    await expect(p.repos.appointments.update(chair, { until: '2030-03-31' })).rejects.toThrow(/only the secretariat or the Accountable Body may/);
    expect(await p.db.changeLog.count()).toBe(before);
    // … and what an altered copy sends anyway is refused by the secretariat's.
    await writeUnchecked(p, [
      { table: 'appointments', row: 'forged', fields: { organisationId: pOrg, role: 'accountable-body', from: '2026-04-01', until: '', note: '' } },
      { table: 'appointments', row: chair, fields: { until: '2030-03-31' } },
    ]);
    const report = await send(p, s);
    // Every field of the forged record, and the change to the term.
    expect(report.refusedCount).toBe(6);
    expect(report.refused.map((r) => r.message).join('\n')).toContain('only the secretariat or the Accountable Body may');
    expect(await s.db.appointments.get('forged')).toBeUndefined();
    expect((await s.db.appointments.get(chair))?.until).toBe('2027-03-31');
  });

  it('give no authority: a copy whose organisation is recorded as Accountable Body still cannot keep the funds', async () => {
    const c = await consortium([
      ['Voluntary and Community Action South Bedfordshire', 'secretariat'],
      ['Voluntary Action Luton', 'partner'],
    ]);
    const [s, p] = c.copies as [TestCopy, TestCopy];
    await s.repos.appointments.create({ organisationId: await orgOf(p), role: 'accountable-body', from: '2026-04-01' });
    await send(s, p);
    const funder = await s.repos.funders.create({ name: 'Capacitybuilders' });
    await send(s, p);
    await expect(p.repos.funds.create({ funderId: funder, name: 'Infrastructure', awardedPence: 100 })).rejects.toThrow(NotAuthorisedError);
  });
});

describe('attached files', () => {
  it('are written once: the secretariat’s own copy refuses to change one, and every copy refuses a change sent anyway', async () => {
    const c = await consortium([
      ['Voluntary and Community Action South Bedfordshire', 'secretariat'],
      ['Voluntary Action Luton', 'partner'],
    ]);
    const [s, p] = c.copies as [TestCopy, TestCopy];
    const pOrg = await orgOf(p);
    const id = await s.repos.attachments.create({ ...letter('We resign from 31 March 2027.'), ownerTable: 'organisations', ownerRow: pOrg });
    await expect(s.repos.attachments.update(id, letter('Something else entirely'))).rejects.toThrow(/written once/);
    await send(s, p);
    expect(atob((await p.db.attachments.get(id))!.dataBase64.join(''))).toBe('We resign from 31 March 2027.');
    // A partner may not attach files to the register, nor change one.
    await expect(p.repos.attachments.create({ ...letter('x'), ownerTable: 'organisations', ownerRow: pOrg })).rejects.toThrow(NotAuthorisedError);
    await writeUnchecked(p, [{ table: 'attachments', row: id, fields: { dataBase64: [btoa('forged')] } }]);
    const report = await send(p, s);
    expect(report.refusedCount).toBe(1);
    expect(atob((await s.db.attachments.get(id))!.dataBase64.join(''))).toBe('We resign from 31 March 2027.');
  });

  it('travel in a bundle in parts, since no text in a bundle may pass 1,000,000 characters', async () => {
    const c = await consortium([
      ['Voluntary and Community Action South Bedfordshire', 'secretariat'],
      ['Voluntary Action Luton', 'partner'],
    ]);
    const [s, p] = c.copies as [TestCopy, TestCopy];
    // 1.5 MB of bytes that do not repeat: 2,000,000 characters of base64, in three parts.
    const bytes = new Uint8Array(1_500_000).map((_, i) => (i * 7919 + (i >> 8)) & 0xff);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const parts = base64Parts(btoa(binary));
    expect(parts.length).toBe(3);
    const id = await s.repos.attachments.create({ name: 'scan.pdf', mimeType: 'application/pdf', sizeBytes: bytes.length, dataBase64: parts, ownerTable: 'organisations', ownerRow: await orgOf(p) });
    const report = await send(s, p);
    expect(report.refusedCount).toBe(0);
    const received = await p.db.attachments.get(id);
    expect(received?.sizeBytes).toBe(1_500_000);
    expect(received?.dataBase64.join('')).toBe(parts.join(''));
  });

  it('are refused above 5 MB, in plain words, before anything is written', async () => {
    const c = await consortium([['Voluntary and Community Action South Bedfordshire', 'secretariat']]);
    const [s] = c.copies as [TestCopy];
    const before = await s.db.changeLog.count();
    const big = 'A'.repeat(Math.ceil((ATTACHMENT_MAX_BYTES + 1) / 3) * 4);
    const attempt = s.repos.attachments.create({ name: 'letter.pdf', mimeType: 'application/pdf', sizeBytes: ATTACHMENT_MAX_BYTES + 1, dataBase64: base64Parts(big), ownerTable: 'organisations', ownerRow: 'o1' });
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toThrow('The file is larger than 5 MB: attach a smaller copy, or type the letter in instead');
    // A size that does not match the contents is refused too.
    await expect(s.repos.attachments.create({ ...letter('short'), sizeBytes: 99, ownerTable: 'organisations', ownerRow: 'o1' })).rejects.toThrow(/does not match/);
    expect(await s.db.changeLog.count()).toBe(before);
    expect(await s.db.attachments.count()).toBe(0);
    // Exactly 5 MB is allowed (5,242,880 bytes: a base64 text ending in one '=').
    const five = `${'A'.repeat(Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 - 1)}=`;
    const id = await s.repos.attachments.create({ name: 'letter.pdf', mimeType: 'application/pdf', sizeBytes: ATTACHMENT_MAX_BYTES, dataBase64: base64Parts(five), ownerTable: 'organisations', ownerRow: 'o1' });
    expect((await s.db.attachments.get(id))?.sizeBytes).toBe(5 * 1024 * 1024);
  });
});
