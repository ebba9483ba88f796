import { afterEach, describe, expect, it } from 'vitest';
import { ConsortiumAlreadySetUpError, loadExampleConsortium } from './example';
import { openStore, type ReadyStore } from './open';
import { loadAuthority } from './authority';
import { periodValues, PROFILE_FIELD_PREFIX, TARGET_FIELD_PREFIX } from '../../shared/domain/entities';

let store: ReadyStore;
async function open() {
  const result = await openStore(`example-${crypto.randomUUID()}`);
  if (result.status !== 'ready') throw new Error(result.problem.message);
  store = result.store;
  return store;
}

afterEach(async () => {
  await store.db.delete();
});

describe('the example consortium', () => {
  it('opens Bedfordshire & Luton with its six signatory organisations, the Accountable Body among them', async () => {
    const { repositories, db, clock } = await open();
    const consortiumId = await loadExampleConsortium({ db, clock, repositories });
    const organisations = await repositories.organisations.list();
    expect(organisations.filter((o) => o.status === 'member').map((o) => o.name).sort()).toEqual([
      'Bedford Race Equality Council',
      'Bedfordshire Rural Communities Charity',
      'Community & Voluntary Service Mid and North Bedfordshire',
      'Voluntary Action Luton',
      'Voluntary and Community Action South Bedfordshire',
      'Volunteer Centre Bedford',
    ]);
    const consortium = await repositories.consortium.get(consortiumId);
    const accountableBody = organisations.find((o) => o.id === consortium?.accountableBodyId);
    expect(accountableBody?.name).toBe('Voluntary and Community Action South Bedfordshire');
    expect(consortium?.constitution.minimumCriteriaMet).toBe(3);
  });

  it('logs every organisation it adds as a change from this installation', async () => {
    const { repositories, db, clock, installation } = await open();
    await loadExampleConsortium({ db, clock, repositories });
    const entries = (await db.changeLog.toArray()).flatMap((run) => {
      expect(run.node).toBe(installation.nodeId);
      return run.entries;
    });
    const organisationRows = new Set(entries.filter((e) => e.table === 'organisations').map((e) => e.row));
    const stored = await db.organisations.toArray();
    expect(organisationRows).toEqual(new Set(stored.map((o) => o.id)));
    // The six signatories, and one organisation co-opted to advise.
    expect(stored).toHaveLength(7);
    for (const row of stored) expect(row._clocks.name).toMatch(new RegExp(`-${installation.nodeId}$`));
    // Sequence numbers run on without gaps across everything loaded.
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
  });

  it('uses placeholder contacts only, never real addresses or numbers', async () => {
    const { repositories, db, clock } = await open();
    await loadExampleConsortium({ db, clock, repositories });
    const contacts = [...(await repositories.organisations.list()), ...(await repositories.representatives.list())];
    // Seven organisations; the six signatories' representatives, the co-opted organisation's, and two substitutes.
    expect(contacts.length).toBe(16);
    for (const contact of contacts) {
      expect(contact.email).toMatch(/@example\.org$/);
      expect(contact.phone).toMatch(/^01632 960\d{3}$/);
    }
  });

  it('profiles the £2,681,850 over twelve quarters of five budget lines in each of the twelve projects, every penny accounted for, with outputs and targets', async () => {
    const { repositories, db, clock } = await open();
    await loadExampleConsortium({ db, clock, repositories });
    const [fund] = await repositories.funds.list();
    expect(fund).toMatchObject({ startOn: '2026-04-01', endOn: '2029-03-31', claimFrequency: 'quarterly', partnerClaimDueDays: 14, claimDueDays: 30 });
    expect(fund!.terms).toMatch(/tied to the delivery/);
    const projects = await repositories.projects.list();
    expect(projects).toHaveLength(12);
    const lines = await repositories.budgetLines.list();
    expect(lines).toHaveLength(60);
    let total = 0;
    for (const project of projects) {
      expect(project).toMatchObject({ firstYear: '2026/27', firstQuarter: 1, lastYear: '2028/29', lastQuarter: 4 });
      const own = lines.filter((l) => l.projectId === project.id).sort((a, b) => a.order - b.order);
      expect(own.map((l) => l.code)).toEqual(['staff', 'running-costs', 'equipment', 'volunteer-expenses', 'management']);
      for (const line of own) {
        expect(line.id).toBe(`budgetLine:${project.id}:${line.code}`);
        const profile = periodValues(line, PROFILE_FIELD_PREFIX);
        expect([...profile.keys()]).toHaveLength(12);
        expect(profile.has('2026/27:Q1') && profile.has('2028/29:Q4')).toBe(true);
        for (const pence of profile.values()) {
          expect(Number.isSafeInteger(pence)).toBe(true);
          total += pence;
        }
      }
      const outputs = (await repositories.outputs.list()).filter((o) => o.projectId === project.id);
      expect(outputs.map((o) => o.code)).toContain('orgs-supported');
      for (const output of outputs) expect([...periodValues(output, TARGET_FIELD_PREFIX).keys()]).toHaveLength(12);
    }
    expect(total).toBe(268185000);
  });

  it('holds the three-year budget of £2,681,850 as a restricted fund, in pence', async () => {
    const { repositories, db, clock } = await open();
    await loadExampleConsortium({ db, clock, repositories });
    const [fund] = await repositories.funds.list();
    expect(fund).toMatchObject({ restricted: true, awardedPence: 268185000 });
    const [funder] = await repositories.funders.list();
    expect(funder?.name).toBe('Capacitybuilders');
    const projects = await repositories.projects.list();
    const organisations = new Map((await repositories.organisations.list()).map((o) => [o.id, o.name]));
    const procurement = projects.find((p) => p.name === 'Procurement');
    expect(organisations.get(procurement!.leadOrganisationId)).toBe('Community & Voluntary Service Mid and North Bedfordshire');
    expect(procurement!.deliveryOrganisationIds.map((id) => organisations.get(id)).sort()).toEqual([
      'Voluntary Action Luton',
      'Voluntary and Community Action South Bedfordshire',
    ]);
  });

  it('makes this installation the secretariat at the Accountable Body', async () => {
    const { repositories, db, clock } = await open();
    const consortiumId = await loadExampleConsortium({ db, clock, repositories });
    const installation = await db.installation.get('self');
    const consortium = await repositories.consortium.get(consortiumId);
    expect(installation?.role).toBe('secretariat');
    expect(installation?.organisationId).toBe(consortium?.accountableBodyId);
    // It founded the consortium: the root of its role grants, which give it the secretariat and, as the copy at the Accountable Body, that office too.
    expect(installation).toMatchObject({ founderNode: installation!.nodeId, consortiumId });
    const grants = await db.roleGrants.toArray();
    expect(grants.map((g) => [g.office, g.node, g.organisationId]).sort()).toEqual([
      ['accountable-body', installation!.nodeId, installation!.organisationId],
      ['secretariat', installation!.nodeId, installation!.organisationId],
    ]);
    const { timeline } = await loadAuthority(db, installation!);
    expect([...timeline.officesNow(installation!.nodeId, Date.now())].sort()).toEqual(['accountable-body', 'secretariat']);
  });

  it('will not load over a consortium already set up, and writes nothing when refused', async () => {
    const { repositories, db, clock } = await open();
    await loadExampleConsortium({ db, clock, repositories });
    const runs = await db.changeLog.count();
    await expect(loadExampleConsortium({ db, clock, repositories })).rejects.toThrow(ConsortiumAlreadySetUpError);
    expect(await db.changeLog.count()).toBe(runs);
    expect(await db.organisations.count()).toBe(7);
  });

  it('keeps the register: a co-opted organisation, named substitutes, the criteria each member meets, and the Accountable Body’s and the Chair’s terms', async () => {
    const { repositories, db, clock } = await open();
    const consortiumId = await loadExampleConsortium({ db, clock, repositories });
    const organisations = await repositories.organisations.list();
    const byId = new Map(organisations.map((o) => [o.id, o]));
    const consortium = (await repositories.consortium.get(consortiumId))!;
    expect(organisations.filter((o) => o.status === 'co-opted').map((o) => o.name)).toEqual(['Luton and Bedfordshire Advice Network']);
    const { registerProblems, membershipCounts } = await import('../../shared/rules/register');
    const today = new Date().toISOString().slice(0, 10);
    for (const o of organisations) expect(registerProblems(o, { today, constitution: consortium.constitution })).toEqual([]);
    expect(membershipCounts(organisations, today, consortium.constitution)).toMatchObject({ members: 6, coOpted: 1, eligibleToVote: 6 });
    const substitutes = (await repositories.representatives.list()).filter((r) => r.kind === 'substitute');
    expect(substitutes.map((r) => byId.get(r.organisationId)?.name).sort()).toEqual(['Voluntary Action Luton', 'Voluntary and Community Action South Bedfordshire']);
    const appointments = await repositories.appointments.list();
    expect(appointments.map((a) => [a.role, byId.get(a.organisationId)?.name]).sort()).toEqual([
      ['accountable-body', 'Voluntary and Community Action South Bedfordshire'],
      ['chair', 'Voluntary Action Luton'],
    ]);
    // Each holds office 1 April to 31 March (Partnership Agreement 8.4, 9.2), and the chair is not the Accountable Body (9.1).
    for (const a of appointments) {
      expect(a.from).toMatch(/^\d{4}-04-01$/);
      expect(a.until).toBe(`${Number(a.from.slice(0, 4)) + 1}-03-31`);
      expect(a.from <= today && today <= a.until).toBe(true);
    }
    expect(appointments.find((a) => a.role === 'chair')?.organisationId).not.toBe(consortium.accountableBodyId);
  });

  it('loads nothing at all when the file refers to an organisation it does not define', async () => {
    const { repositories, db, clock } = await open();
    const broken = {
      consortium: { name: 'X', area: 'Y', nation: 'england-and-wales', financialYearStartMonth: 4, financialYearStartDay: 1, constitutionPreset: 'bedfordshire', accountableBody: 'a' },
      installation: { role: 'secretariat', organisation: 'a' },
      organisations: [{ key: 'a', name: 'A' }],
      representatives: [{ organisation: 'missing', name: 'Nobody' }],
      funders: [],
      funds: [],
      projects: [],
      meetings: [],
    };
    await expect(loadExampleConsortium({ db, clock, repositories }, broken)).rejects.toThrow(/does not define/);
    expect(await db.organisations.count()).toBe(0);
    expect(await db.changeLog.count()).toBe(0);
  });
});
