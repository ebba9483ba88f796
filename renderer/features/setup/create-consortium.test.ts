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
    const { db, repositories } = await open();
    const id = await createConsortium({ db, repositories }, filledIn('secretariat'));
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
    const { db, repositories } = await open();
    const id = await createConsortium({ db, repositories }, filledIn('accountable-body'));
    const installation = await db.installation.get('self');
    expect((await repositories.consortium.get(id))?.accountableBodyId).toBe(installation?.organisationId);
  });

  it('logs the consortium and the organisation as changes, but never this installation’s role', async () => {
    const { db, repositories } = await open();
    await createConsortium({ db, repositories }, filledIn('secretariat'));
    const entries = (await db.changeLog.toArray()).flatMap((run) => run.entries);
    expect(entries.map((e) => e.table).sort()).toEqual(['consortium', 'organisations']);
    expect(JSON.stringify(entries)).not.toContain('secretariat');
  });

  it('writes nothing when the consortium is not valid', async () => {
    const { db, repositories } = await open();
    const input = filledIn('secretariat');
    input.consortium.constitution = { ...input.consortium.constitution, membershipCriteria: ['Only one'], minimumCriteriaMet: 3 };
    await expect(createConsortium({ db, repositories }, input)).rejects.toThrow(ValidationError);
    expect(await db.organisations.count()).toBe(0);
    expect((await db.installation.get('self'))?.role).toBe('');
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
