import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type ReadyStore } from '../../db/open';
import { ValidationError } from '../../db/repository';
import { createConsortium } from './create-consortium';
import { newSetupValues, setupSchema } from './setup-form';

let store: ReadyStore;
async function open() {
  const result = await openStore(`setup-${crypto.randomUUID()}`);
  if (result.status !== 'ready') throw new Error(result.problem.message);
  store = result.store;
  return store;
}
afterEach(async () => {
  await store.db.delete();
});

function filledIn(role: string) {
  const values = newSetupValues();
  return setupSchema.parse({ ...values, role, organisationName: 'Voluntary Action Luton', consortium: { ...values.consortium, name: 'Luton Consortium', area: 'Luton' } });
}

describe('setting up a consortium', () => {
  it('creates the consortium with Bedfordshire’s rules by default and records who this installation is', async () => {
    const { db, clock, repositories } = await open();
    const id = await createConsortium({ db, clock, repositories }, filledIn('secretariat'));
    const consortium = await repositories.consortium.get(id);
    expect(consortium).toMatchObject({ name: 'Luton Consortium', nation: 'england-and-wales', financialYearStartMonth: 4, financialYearStartDay: 1 });
    expect(consortium?.constitution).toMatchObject({ minimumCriteriaMet: 3, quorumMinimum: 2, noticeWorkingDays: 5 });
    const installation = await db.installation.get('self');
    const own = await repositories.organisations.get(installation!.organisationId);
    expect(installation?.role).toBe('secretariat');
    expect(own?.name).toBe('Voluntary Action Luton');
    expect(consortium?.accountableBodyId).toBe('');
  });

  it('names the Accountable Body when the Accountable Body sets it up', async () => {
    const { db, clock, repositories } = await open();
    const id = await createConsortium({ db, clock, repositories }, filledIn('accountable-body'));
    const installation = await db.installation.get('self');
    expect((await repositories.consortium.get(id))?.accountableBodyId).toBe(installation?.organisationId);
  });

  it('logs this copy’s grant of its office first, then the consortium and the organisation; the role setting itself stays on this copy', async () => {
    const { db, clock, repositories } = await open();
    const id = await createConsortium({ db, clock, repositories }, filledIn('secretariat'));
    const installation = (await db.installation.get('self'))!;
    const entries = (await db.changeLog.toArray()).flatMap((run) => run.entries);
    expect(entries.map((e) => e.table)).toEqual(['roleGrants', 'organisations', 'consortium']);
    expect(entries[0]!.fields).toMatchObject({ office: 'secretariat', node: installation.nodeId, organisationId: installation.organisationId });
    expect(entries.some((e) => Object.hasOwn(e.fields, 'role'))).toBe(false);
    // This copy is the consortium's founder: the root of every role grant.
    expect(installation).toMatchObject({ founderNode: installation.nodeId, consortiumId: id });
    expect(await db.refusals.count()).toBe(0);
  });

  it('grants the Accountable Body’s office to the copy the Accountable Body sets up', async () => {
    const { db, clock, repositories } = await open();
    await createConsortium({ db, clock, repositories }, filledIn('accountable-body'));
    const installation = (await db.installation.get('self'))!;
    expect((await db.roleGrants.toArray()).map((g) => [g.office, g.node])).toEqual([['accountable-body', installation.nodeId]]);
  });

  it('writes nothing when the consortium is not valid', async () => {
    const { db, clock, repositories } = await open();
    const input = filledIn('secretariat');
    input.consortium.constitution = { ...input.consortium.constitution, membershipCriteria: ['Only one'], minimumCriteriaMet: 3 };
    await expect(createConsortium({ db, clock, repositories }, input)).rejects.toThrow(ValidationError);
    expect(await db.organisations.count()).toBe(0);
    expect(await db.roleGrants.count()).toBe(0);
    expect(await db.changeLog.count()).toBe(0);
    const installation = await db.installation.get('self');
    expect([installation?.role, installation?.founderNode ?? '', installation?.consortiumId ?? '']).toEqual(['', '', '']);
  });

  it('asks for the role and the organisation in plain words', () => {
    const result = setupSchema.safeParse({ ...newSetupValues(), role: '', organisationName: ' ' });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toMatchObject({
      role: 'Choose what this computer is used for: the secretariat or the Accountable Body',
      organisationName: 'Enter the name of your organisation',
      'consortium.name': 'Enter the consortium’s name',
    });
  });

  it('is for the secretariat or the Accountable Body: the chair and partners join instead', () => {
    for (const role of ['chair', 'partner']) {
      const result = setupSchema.safeParse({ ...newSetupValues(), role, organisationName: 'Luton CVS' });
      expect(result.error!.issues.find((i) => i.path.join('.') === 'role')?.message).toBe('Choose what this computer is used for: the secretariat or the Accountable Body');
    }
  });
});
