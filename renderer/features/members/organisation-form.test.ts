import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type ReadyStore } from '../../db/open';
import { foundConsortium } from '../../db/founding';
import { BEDFORDSHIRE_CONSTITUTION } from '../../../shared/rules/constitution';
import { duplicateOf, namedRepresentative, organisationFormSchema, organisationValuesOf, postHistory, postHolder, saveOrganisation } from './organisation-form';
import { recordResignation, resignationProblems } from './register-actions';
import { membershipCounts } from '../../../shared/rules/register';

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

const TODAY = '2026-11-22';

function form(changes: (v: ReturnType<typeof organisationValuesOf>) => void, from = organisationValuesOf()) {
  changes(from);
  return organisationFormSchema.parse(from);
}

async function current(id: string, day = TODAY) {
  const people = await store.repositories.representatives.list();
  return { representative: postHolder(people, id, 'representative', day), substitute: postHolder(people, id, 'substitute', day), history: postHistory(people, id) };
}

describe('adding and editing an organisation', () => {
  it('adds an organisation with its named representative and substitute, holding their posts from today', async () => {
    const { db, repositories } = await open();
    const id = await saveOrganisation({ db, repositories }, {}, form((v) => {
      v.organisation.name = 'Voluntary Action Luton';
      v.organisation.kind = 'cvs';
      v.organisation.charityNumber = '1098765';
      v.representative.name = 'Everton Blake';
      v.representative.email = 'everton.blake@example.org';
      v.substitute.name = 'Sam Taylor';
    }), TODAY);
    expect((await repositories.organisations.get(id))).toMatchObject({ name: 'Voluntary Action Luton', charityNumber: '1098765', archived: false });
    const { representative, substitute } = await current(id);
    expect(representative).toMatchObject({ name: 'Everton Blake', email: 'everton.blake@example.org', kind: 'representative', from: TODAY, until: '' });
    expect(substitute).toMatchObject({ name: 'Sam Taylor', kind: 'substitute', from: TODAY });
    expect(namedRepresentative(await repositories.representatives.list(), id, TODAY)?.name).toBe('Everton Blake');
  });

  it('editing only the name logs one change with only the name in it', async () => {
    const { db, repositories, installation } = await open();
    const id = await saveOrganisation({ db, repositories }, {}, form((v) => {
      v.organisation.name = 'Voluntary Action Luton';
      v.representative.name = 'Everton Blake';
    }), TODAY);
    const { representative } = await current(id);
    const runsBefore = await db.changeLog.count();

    const values = organisationValuesOf(await repositories.organisations.get(id), representative);
    await saveOrganisation({ db, repositories }, { organisationId: id, representativeId: representative!.id }, form((v) => (v.organisation.name = 'Voluntary Action Luton CIO'), values), TODAY);

    const runs = await db.changeLog.toArray();
    expect(runs).toHaveLength(runsBefore + 1);
    const last = runs[runs.length - 1]!;
    expect(last.node).toBe(installation.nodeId);
    expect(last.entries).toEqual([expect.objectContaining({ table: 'organisations', row: id, fields: { name: 'Voluntary Action Luton CIO' } })]);
  });

  it('a different person in the post ends the old holder’s record the day before and starts a new one: the records are the history', async () => {
    const { db, repositories } = await open();
    const id = await saveOrganisation({ db, repositories }, {}, form((v) => {
      v.organisation.name = 'Volunteer Centre Bedford';
      v.representative.name = 'Gerry Sansom';
      v.representative.email = 'gerry.sansom@example.org';
      v.representative.from = '2020-04-01';
    }), TODAY);
    const gerry = (await current(id)).representative!;
    // A correction of the same person's details (case and spacing aside) keeps the record.
    await saveOrganisation({ db, repositories }, { organisationId: id, representativeId: gerry.id }, form((v) => (v.representative.name = 'gerry  sansom'), organisationValuesOf(await repositories.organisations.get(id), gerry)), TODAY);
    expect((await current(id)).history).toHaveLength(1);

    const values = organisationValuesOf(await repositories.organisations.get(id), (await current(id)).representative);
    await saveOrganisation({ db, repositories }, { organisationId: id, representativeId: gerry.id }, form((v) => {
      v.representative.name = 'Priya Shah';
      v.representative.from = '2026-12-01';
    }, values), TODAY);
    const after = await current(id, '2026-12-01');
    // Gerry's e-mail, left in the form as it was, is not copied to Priya.
    expect(after.representative).toMatchObject({ name: 'Priya Shah', from: '2026-12-01', until: '', email: '' });
    expect(after.history.map((p) => [p.name, p.from, p.until])).toEqual([
      ['Priya Shah', '2026-12-01', ''],
      ['gerry  sansom', '2020-04-01', '2026-11-30'],
    ]);
    // Until the new one takes the post, the old one still holds it.
    expect((await current(id, TODAY)).representative?.id).toBe(gerry.id);
    // Without a date, the new person holds the post from today.
    const priya = after.representative!;
    await saveOrganisation({ db, repositories }, { organisationId: id, representativeId: priya.id }, form((v) => (v.representative.name = 'Alex Morgan'), organisationValuesOf(await repositories.organisations.get(id), priya)), '2027-01-10');
    expect((await current(id, '2027-01-10')).representative).toMatchObject({ name: 'Alex Morgan', from: '2027-01-10' });
    expect((await db.representatives.get(priya.id))?.until).toBe('2027-01-09');
  });

  it('clearing the name leaves the post empty from today and keeps who held it', async () => {
    const { db, repositories } = await open();
    const id = await saveOrganisation({ db, repositories }, {}, form((v) => {
      v.organisation.name = 'Volunteer Centre Bedford';
      v.representative.name = 'Gerry Sansom';
      v.representative.from = '2020-04-01';
    }), TODAY);
    const { representative } = await current(id);
    const values = organisationValuesOf(await repositories.organisations.get(id), representative);
    await saveOrganisation({ db, repositories }, { organisationId: id, representativeId: representative!.id }, form((v) => (v.representative.name = ''), values), TODAY);
    expect((await current(id)).representative).toBeUndefined();
    expect(await db.representatives.get(representative!.id)).toMatchObject({ until: '2026-11-21' });
    expect((await db.representatives.get(representative!.id))?.deleted).toBeUndefined();
  });

  it('explains a bad e-mail address and a missing name in plain words', () => {
    const result = organisationFormSchema.safeParse({ ...organisationValuesOf(), representative: { ...organisationValuesOf().representative, email: 'gerry at home' } });
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({
      'organisation.name': 'Enter the organisation’s name',
      'representative.email': 'Enter an email address like name@example.org',
    });
  });

  it('refuses a resignation before joining through the form’s schema, with the field it is about', () => {
    const values = organisationValuesOf();
    values.organisation.name = 'X';
    values.organisation.joinedOn = '2026-04-01';
    values.organisation.resignedOn = '2026-03-01';
    const result = organisationFormSchema.safeParse(values);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['organisation.resignedOn', 'The resignation date, 1 March 2026, is before the date it joined, 1 April 2026.']]);
  });

  it('finds a name already in the register, case and spaces aside, but not the organisation itself', async () => {
    const { db, repositories } = await open();
    const id = await saveOrganisation({ db, repositories }, {}, form((v) => (v.organisation.name = 'Voluntary Action Luton')), TODAY);
    const all = await repositories.organisations.list();
    expect(duplicateOf(all, '  voluntary action  LUTON ')?.id).toBe(id);
    expect(duplicateOf(all, 'VoluntaryActionLuton')?.id).toBe(id);
    expect(duplicateOf(all, 'Voluntary Action Luton', id)).toBeUndefined();
    expect(duplicateOf(all, 'Volunteer Centre Bedford')).toBeUndefined();
  });
});

describe('a resignation in writing (Partnership Agreement 5.6)', () => {
  it('records the letter and its file, and from the date it takes effect the organisation stops counting', async () => {
    const { db, repositories } = await open();
    const id = await saveOrganisation({ db, repositories }, {}, form((v) => {
      v.organisation.name = 'Volunteer Centre Bedford';
      v.organisation.joinedOn = '2020-04-01';
    }), TODAY);
    const text = 'We resign from the consortium from 30 November 2026.';
    const file = { name: 'letter.txt', type: 'text/plain', size: text.length, base64: btoa(text) };
    await recordResignation({ db, repositories }, id, { receivedOn: '2026-11-20', effectiveOn: '2026-11-30', letter: 'Dear secretariat, …' }, file);
    const organisation = (await repositories.organisations.get(id))!;
    expect(organisation).toMatchObject({ status: 'resigned', resignedOn: '2026-11-30', resignationReceivedOn: '2026-11-20', resignationLetter: 'Dear secretariat, …' });
    const attachment = await repositories.attachments.get(organisation.resignationAttachmentId);
    expect(attachment).toMatchObject({ name: 'letter.txt', ownerTable: 'organisations', ownerRow: id, sizeBytes: text.length });
    expect(atob(attachment!.dataBase64.join(''))).toBe(text);
    const constitution = BEDFORDSHIRE_CONSTITUTION;
    expect(membershipCounts([organisation], '2026-11-29', constitution)).toMatchObject({ members: 1, resigned: 0, eligibleToVote: 1 });
    expect(membershipCounts([organisation], '2026-11-30', constitution)).toMatchObject({ members: 0, resigned: 1, eligibleToVote: 0 });
  });

  it('refuses a letter received after today, a resignation before joining, and one with no letter at all', () => {
    const problems = resignationProblems({ receivedOn: '2026-12-01', effectiveOn: '2019-01-01', letter: '' }, undefined, { joinedOn: '2020-04-01', today: TODAY });
    expect(problems).toEqual({
      receivedOn: 'The letter cannot have been received after today, 22 November 2026',
      effectiveOn: 'The resignation cannot take effect before the organisation joined, on 1 April 2020',
      letter: 'Type the letter in, or attach it as a file',
    });
    expect(resignationProblems({ receivedOn: TODAY, effectiveOn: TODAY, letter: 'Dear secretariat' }, undefined, { joinedOn: '', today: TODAY })).toEqual({});
  });
});
