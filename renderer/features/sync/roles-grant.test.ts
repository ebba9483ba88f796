/**
 * The grant the Sync page's form writes, across three copies exchanging real
 * bundles: the secretariat grants the chair to a partner's copy; the next
 * bundle carries it, and both partners' copies say who the chair is; a partner
 * cannot grant a role (to itself or anyone), and a grant once made is not changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyBundle, previewBundle } from '../../db/sync/import-bundle';
import { exportBundle } from '../../db/sync/export-bundle';
import { makeConsortium, type TestConsortium, type TestCopy } from '../../db/sync/test-support';
import { loadAuthority } from '../../db/authority';
import { londonToday } from '../../db/london-today';
import { NotAuthorisedError } from '../../db/not-authorised';
import { grantFormSchema, grantRecord } from './grant-form';
import { copyRolesSentence, holdersNow, roleNow } from './roles-words';

const made: TestConsortium[] = [];
afterEach(async () => {
  for (const c of made.splice(0)) for (const copy of c.copies) await copy.db.delete();
});

async function send(from: TestCopy, to: TestCopy) {
  const { bytes } = await exportBundle(from.ctx, { recipientNodeId: to.node, compressed: true });
  return applyBundle(to.ctx, await previewBundle(to.ctx, bytes, 'bundle.quorum'));
}

async function timelineOf(copy: TestCopy) {
  return (await loadAuthority(copy.db, (await copy.db.installation.get('self'))!)).timeline;
}

const organisationOf = async (copy: TestCopy) => (await copy.db.installation.get('self'))!.organisationId;

describe('granting a role from the Sync page', () => {
  it('reaches the other copies in the next bundle; a partner cannot grant one, and a grant is not changed', async () => {
    const c = await makeConsortium(
      [
        ['Voluntary and Community Action South Bedfordshire', 'secretariat'],
        ['Bedford CVS', 'partner'],
        ['Voluntary Action Luton', 'partner'],
      ],
      { exchange: send },
    );
    made.push(c);
    await c.spread();
    const [s, bedford, luton] = c.copies as [TestCopy, TestCopy, TestCopy];
    const today = londonToday();
    const values = grantFormSchema.parse({ grant: { office: 'chair', node: bedford.node, from: today, note: 'Elected at the annual meeting' } });
    await s.repos.roleGrants.create(grantRecord(values, await organisationOf(bedford)));

    // Not on the partners' copies until the secretariat's next bundle arrives.
    expect(roleNow(await timelineOf(bedford), bedford.node, Date.now())).toBe('partner');
    await send(s, bedford);
    await send(s, luton);
    const onBedford = await timelineOf(bedford);
    expect(roleNow(onBedford, bedford.node, Date.now())).toBe('chair');
    expect(copyRolesSentence(onBedford, bedford.node, Date.now(), 'Bedford CVS')).toMatch(/^Chair since \d{1,2} \w+ \d{4}; copy of Bedford CVS$/);
    const onLuton = await timelineOf(luton);
    const names = { self: luton.node, copies: new Map([[bedford.node, 'Bedford CVS']]), organisations: new Map([[await organisationOf(bedford), 'Bedford CVS']]) };
    expect(holdersNow(onLuton, Date.now(), names).find((h) => h.office === 'chair')).toMatchObject({ organisation: 'Bedford CVS', copy: 'the copy enrolled as Bedford CVS' });

    // A partner's copy may not grant a role: not to itself, not to anyone. Nothing is written.
    const before = await luton.db.roleGrants.count();
    const own = grantFormSchema.parse({ grant: { office: 'secretariat', node: luton.node, from: today, note: '' } });
    const refused = await luton.repos.roleGrants.create(grantRecord(own, await organisationOf(luton))).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NotAuthorisedError);
    expect((refused as Error).message).toBe(
      'This copy cannot grant a role: only the secretariat or the Accountable Body grants roles, and no copy gives itself one. Nothing was saved.',
    );
    expect(await luton.db.roleGrants.count()).toBe(before);

    // The same grant with other words is a change to a grant, which is written once.
    const again = grantFormSchema.parse({ grant: { ...values.grant, note: 'Elected unopposed' } });
    const changed = await s.repos.roleGrants.create(grantRecord(again, await organisationOf(bedford))).catch((e: unknown) => e);
    expect(changed).toBeInstanceOf(NotAuthorisedError);
    expect((changed as Error).message).toMatch(/^This copy cannot change a role granted: it is written once; a new one replaces it\. Nothing was saved\.$/);
  });
});
