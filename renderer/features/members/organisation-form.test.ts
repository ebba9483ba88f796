import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type ReadyStore } from '../../db/open';
import { foundConsortium } from '../../db/founding';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import { namedRepresentative, organisationFormSchema, organisationValuesOf, saveOrganisation } from './organisation-form';

let store: ReadyStore;
async function open() {
  const result = await openStore(`members-${crypto.randomUUID()}`);
  if (result.status !== 'ready') throw new Error(result.problem.message);
  store = result.store;
  // The register is the secretariat's to keep (shared/domain/registry.ts): this copy founds a consortium as its secretariat first.
  const { db, clock, repositories } = store;
  await foundConsortium({ db, clock }, 'secretariat', async () => ({
    organisationId: crypto.randomUUID(),
    write: async (consortiumId) => {
      await repositories.consortium.create(
        { name: 'Bedfordshire & Luton VCS Consortium', area: 'Bedfordshire and Luton', nation: 'england-and-wales', financialYearStartMonth: 4, financialYearStartDay: 1, constitution: BEDFORDSHIRE_CONSTITUTION },
        consortiumId,
      );
    },
  }));
  return store;
}
afterEach(async () => {
  await store.db.delete();
});

function form(changes: (v: ReturnType<typeof organisationValuesOf>) => void, from = organisationValuesOf()) {
  changes(from);
  return organisationFormSchema.parse(from);
}

describe('adding and editing an organisation', () => {
  it('adds an organisation with its named representative', async () => {
    const { db, repositories } = await open();
    const id = await saveOrganisation({ db, repositories }, {}, form((v) => {
      v.organisation.name = 'Voluntary Action Luton';
      v.organisation.kind = 'cvs';
      v.representative.name = 'Everton Blake';
      v.representative.email = 'everton.blake@example.org';
    }));
    const representative = namedRepresentative(await repositories.representatives.list(), id);
    expect((await repositories.organisations.get(id))?.name).toBe('Voluntary Action Luton');
    expect(representative).toMatchObject({ name: 'Everton Blake', email: 'everton.blake@example.org', kind: 'representative' });
  });

  it('editing only the name logs one change with only the name in it', async () => {
    const { db, repositories, installation } = await open();
    const id = await saveOrganisation({ db, repositories }, {}, form((v) => {
      v.organisation.name = 'Voluntary Action Luton';
      v.representative.name = 'Everton Blake';
    }));
    const representative = namedRepresentative(await repositories.representatives.list(), id)!;
    const runsBefore = await db.changeLog.count();

    const values = organisationValuesOf(await repositories.organisations.get(id), representative);
    await saveOrganisation({ db, repositories }, { organisationId: id, representativeId: representative.id }, form((v) => (v.organisation.name = 'Voluntary Action Luton CIO'), values));

    const runs = await db.changeLog.toArray();
    expect(runs).toHaveLength(runsBefore + 1);
    const last = runs[runs.length - 1]!;
    expect(last.node).toBe(installation.nodeId);
    expect(last.entries).toEqual([expect.objectContaining({ table: 'organisations', row: id, fields: { name: 'Voluntary Action Luton CIO' } })]);
  });

  it('removes the representative when their name is cleared, keeping the record for the audit trail', async () => {
    const { db, repositories } = await open();
    const id = await saveOrganisation({ db, repositories }, {}, form((v) => {
      v.organisation.name = 'Volunteer Centre Bedford';
      v.representative.name = 'Gerry Sansom';
    }));
    const representative = namedRepresentative(await repositories.representatives.list(), id)!;
    const values = organisationValuesOf(await repositories.organisations.get(id), representative);
    await saveOrganisation({ db, repositories }, { organisationId: id, representativeId: representative.id }, form((v) => (v.representative.name = ''), values));
    expect(namedRepresentative(await repositories.representatives.list(), id)).toBeUndefined();
    expect((await db.representatives.get(representative.id))?.deleted).toBe(true);
  });

  it('explains a bad e-mail address and a missing name in plain words', () => {
    const result = organisationFormSchema.safeParse({ ...organisationValuesOf(), representative: { ...organisationValuesOf().representative, email: 'gerry at home' } });
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({
      'organisation.name': 'Enter the organisation’s name',
      'representative.email': 'Enter an email address like name@example.org',
    });
  });
});
