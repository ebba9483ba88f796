import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { QuorumDatabase } from './database';
import { CURRENT_VERSION, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6 } from './schema';
import { fundSchema, organisationSchema, partnerClaimSchema, projectSchema, representativeSchema } from '../../shared/domain/entities';
import { formatTimestamp } from '../../shared/sync/hlc';
import { readImports } from './sync/ledger';

describe('schema migrations', () => {
  it('upgrades a version 1 database to the current version and keeps every record', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('organisations').bulkAdd([
      { id: 'o1', name: 'Voluntary Action Luton', status: 'member', _clocks: { name: 'x' } },
      { id: 'o2', name: 'Volunteer Centre Bedford', status: 'co-opted', servicesProvided: [0, 2, 3], _clocks: {} },
    ]);
    await v1.table('changeLog').add({ node: 'n1', firstSeq: 1, lastSeq: 1, entries: [{ seq: 1 }] });
    v1.close();

    const db = new QuorumDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const organisations = await db.organisations.orderBy('id').toArray();
    expect(organisations).toEqual([
      { id: 'o1', name: 'Voluntary Action Luton', status: 'member', servicesProvided: [], _clocks: { name: 'x' }, _log: [] },
      { id: 'o2', name: 'Volunteer Centre Bedford', status: 'co-opted', servicesProvided: [0, 2, 3], _clocks: {}, _log: [] },
    ]);
    expect(await db.changeLog.count()).toBe(1);
    expect(await db.syncLedger.count()).toBe(0); // the table added by version 3 exists
    expect(db.tables.map((t) => t.name)).not.toContain('imports'); // removed by version 4
    expect(db.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['roleGrants', 'consultationAnswers', 'refusals', 'deferred', 'drafts'])); // added by version 5
    await db.delete();
  });

  it('moves a version 2 store’s sync bookkeeping into its own table, every row with its kind, and drops the old table', async () => {
    const name = `migrate-ledger-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    const report = { bundleId: 'b1', sender: { node: 'luton', name: 'Luton CVS' }, acknowledgements: { luton: 4 } };
    await v2.table('imports').bulkAdd([
      { id: 'import:2026-11-20T10:00:00.000Z:b1', importedAt: '2026-11-20T10:00:00.000Z', fromNode: 'luton', fileName: 'from-luton.quorum', report },
      { id: 'export:b2', importedAt: '2026-11-21T09:00:00.000Z', fromNode: 'self', fileName: 'to-luton.quorum', report: { kind: 'export', bundleId: 'b2', recipient: 'luton' } },
      { id: 'enrolment:luton', importedAt: '2026-11-19T15:00:00.000Z', fromNode: 'luton', fileName: '', report: { kind: 'enrolment', enrolment: { node: 'luton' } } },
      { id: 'held:bedford:000000000007', importedAt: '2026-11-20T10:00:00.000Z', fromNode: 'bedford', fileName: '', report: { kind: 'held', run: { node: 'bedford', firstSeq: 7 } } },
    ]);
    v2.close();

    const db = new QuorumDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    const rows = await db.syncLedger.orderBy('id').toArray();
    expect(rows.map((r) => [r.id, r.kind, r.at, r.node, r.fileName])).toEqual([
      ['enrolment:luton', 'enrolment', '2026-11-19T15:00:00.000Z', 'luton', ''],
      ['export:b2', 'export', '2026-11-21T09:00:00.000Z', 'self', 'to-luton.quorum'],
      ['held:bedford:000000000007', 'held', '2026-11-20T10:00:00.000Z', 'bedford', ''],
      ['import:2026-11-20T10:00:00.000Z:b1', 'import', '2026-11-20T10:00:00.000Z', 'luton', 'from-luton.quorum'],
    ]);
    expect(rows.find((r) => r.kind === 'import')?.entry).toEqual(report);
    // Read back through the ledger as the Sync screen does.
    expect((await readImports(db)).map((r) => r.entry.bundleId)).toEqual(['b1']);
    expect(await db.syncLedger.where('kind').equals('held').count()).toBe(1);
    expect(db.tables.map((t) => t.name)).not.toContain('imports');
    await db.delete();
  });

  it('upgrades a version 4 store to version 5: every record lists its changes from the log, in clock order, and the installation learns its consortium and founder', async () => {
    const name = `migrate-v5-${crypto.randomUUID()}`;
    const founder = 'f0000000-0000-4000-8000-000000000001';
    const partner = 'p0000000-0000-4000-8000-000000000002';
    const at = (minute: number, node: string) => formatTimestamp(Date.parse('2026-06-01T09:00:00Z') + minute * 60_000, 0, node);
    const v4 = new Dexie(name);
    v4.version(1).stores(SCHEMA_V1);
    v4.version(2).stores(SCHEMA_V2);
    v4.version(3).stores(SCHEMA_V3);
    v4.version(4).stores(SCHEMA_V4);
    await v4.open();
    await v4.table('consortium').add({ id: 'c1', name: 'Bedfordshire & Luton VCS Consortium', _clocks: { name: at(1, founder), area: at(1, founder) } });
    await v4.table('organisations').add({ id: 'o1', name: 'Voluntary Action Luton CIO', phone: '01632 960123', status: 'member', servicesProvided: [], _clocks: { name: at(5, founder), phone: at(3, partner) } });
    await v4.table('meetings').add({ id: 'm1', title: 'Steering group', date: '2026-06-10', _clocks: { title: at(4, founder) } });
    await v4.table('changeLog').bulkAdd([
      {
        node: founder,
        firstSeq: 1,
        lastSeq: 3,
        entries: [
          { seq: 1, hlc: at(1, founder), table: 'consortium', row: 'c1', fields: { name: 'Bedfordshire & Luton VCS Consortium', area: 'Bedfordshire and Luton' } },
          { seq: 2, hlc: at(2, founder), table: 'organisations', row: 'o1', fields: { name: 'Voluntary Action Luton', status: 'member' } },
          { seq: 3, hlc: at(4, founder), table: 'meetings', row: 'm1', fields: { title: 'Steering group', date: '2026-06-10' } },
        ],
      },
      { node: founder, firstSeq: 4, lastSeq: 4, entries: [{ seq: 4, hlc: at(5, founder), table: 'organisations', row: 'o1', fields: { name: 'Voluntary Action Luton CIO' } }] },
      { node: partner, firstSeq: 1, lastSeq: 1, entries: [{ seq: 1, hlc: at(3, partner), table: 'organisations', row: 'o1', fields: { phone: '01632 960123' } }] },
    ]);
    await v4.table('installation').add({ key: 'self', nodeId: partner, role: 'partner', organisationId: 'o1', nextSeq: 2, clock: { millis: 0, counter: 0 }, createdAt: '2026-06-01T08:00:00.000Z' });
    v4.close();

    const db = new QuorumDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    // The record's own history, read without scanning the log: founder, partner, founder, by clock and not by run.
    expect((await db.organisations.get('o1'))?._log).toEqual([`${at(2, founder)}|2`, `${at(3, partner)}|1`, `${at(5, founder)}|4`]);
    expect(await db.organisations.get('o1')).toMatchObject({ name: 'Voluntary Action Luton CIO', phone: '01632 960123', _clocks: { name: at(5, founder), phone: at(3, partner) } });
    expect((await db.consortium.get('c1'))?._log).toEqual([`${at(1, founder)}|1`]);
    expect((await db.meetings.get('m1'))?._log).toEqual([`${at(4, founder)}|3`]);
    // The copy that first wrote the consortium record founded it: the root of the role grants.
    expect(await db.installation.get('self')).toMatchObject({ consortiumId: 'c1', founderNode: founder, role: 'partner', nextSeq: 2 });
    expect(await db.changeLog.count()).toBe(3);
    expect(await db.roleGrants.count()).toBe(0);
    await db.delete();
  });

  it('upgrades a version 4 store with no consortium yet, leaving it to join one', async () => {
    const name = `migrate-v5-empty-${crypto.randomUUID()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores(SCHEMA_V4);
    await v4.open();
    await v4.table('installation').add({ key: 'self', nodeId: 'n1', role: '', organisationId: '', nextSeq: 1, clock: { millis: 0, counter: 0 }, createdAt: '2026-06-01T08:00:00.000Z' });
    v4.close();

    const db = new QuorumDatabase(name);
    await db.open();
    expect(await db.installation.get('self')).toMatchObject({ consortiumId: '', founderNode: '' });
    await db.delete();
  });

  it('upgrades a version 5 store to version 6: the register’s new tables, every record kept as it was, old rows read with the new fields’ defaults', async () => {
    const name = `migrate-v6-${crypto.randomUUID()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores(SCHEMA_V5);
    await v5.open();
    const organisation = { id: 'o1', name: 'Volunteer Centre Bedford', kind: 'volunteer-centre', status: 'resigned', joinedOn: '2020-04-01', resignedOn: '2026-05-31', address: '', email: '', phone: '', website: '', servicesProvided: [0, 1, 2], _clocks: { name: 'x' }, _log: ['x|1'] };
    const representative = { id: 'r1', organisationId: 'o1', name: 'Gerry Sansom', jobTitle: 'Manager', kind: 'representative', email: '', phone: '', _clocks: {}, _log: [] };
    await v5.table('organisations').add(organisation);
    await v5.table('representatives').add(representative);
    v5.close();

    const db = new QuorumDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_VERSION);
    expect(await db.organisations.get('o1')).toEqual(organisation);
    expect(await db.representatives.get('r1')).toEqual(representative);
    expect(await db.appointments.count()).toBe(0);
    expect(await db.attachments.count()).toBe(0);
    expect(await db.appointments.where('organisationId').equals('o1').count()).toBe(0); // indexed as the registry says
    expect(await db.attachments.where('ownerRow').equals('o1').count()).toBe(0);
    // A row written before version 6 reads with the defaults of the fields it lacks.
    const { id: _o, _clocks: _c, _log: _l, ...fields } = organisation;
    expect(organisationSchema.parse(fields)).toMatchObject({ status: 'resigned', appliedOn: '', coOptedOn: '', refusedOn: '', archived: false, area: '', charityNumber: '', companyNumber: '', levelOfWork: '' });
    const { id: _r, _clocks: _rc, _log: _rl, ...repFields } = representative;
    expect(representativeSchema.parse(repFields)).toMatchObject({ from: '', until: '' });
    await db.delete();
  });

  it('upgrades a version 6 store to version 7: budget lines and outputs, every fund, project and claim kept as it was and read with the new fields’ defaults', async () => {
    const name = `migrate-v7-${crypto.randomUUID()}`;
    const v6 = new Dexie(name);
    v6.version(6).stores(SCHEMA_V6);
    await v6.open();
    const fund = { id: 'f1', funderId: 'cb', name: 'Infrastructure Business Plan', restricted: true, awardedPence: 268_185_000, _clocks: { name: 'x' }, _log: ['x|1'] };
    const project = { id: 'p1', name: 'Community Accountancy', leadOrganisationId: 'o1', deliveryOrganisationIds: ['o2'], fundId: 'f1', _clocks: {}, _log: [] };
    const claim = { id: 'partnerClaim:o2:p1:2026/27:Q1', organisationId: 'o2', projectId: 'p1', financialYear: '2026/27', quarter: 1, lines: { staff: 120_000 }, _clocks: {}, _log: [] };
    await v6.table('funds').add(fund);
    await v6.table('projects').add(project);
    await v6.table('partnerClaims').add(claim);
    v6.close();

    const db = new QuorumDatabase(name);
    await db.open();
    expect(db.verno).toBe(7);
    expect(CURRENT_VERSION).toBe(7);
    expect(await db.funds.get('f1')).toEqual(fund);
    expect(await db.projects.get('p1')).toEqual(project);
    expect(await db.partnerClaims.get(claim.id)).toEqual(claim);
    expect(await db.budgetLines.where('projectId').equals('p1').count()).toBe(0); // indexed as the registry says
    expect(await db.outputs.where('projectId').equals('p1').count()).toBe(0);
    const fields = <T extends object>(row: T) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'id' && !k.startsWith('_')));
    expect(fundSchema.parse(fields(fund))).toMatchObject({ startOn: '', endOn: '', claimFrequency: 'quarterly', partnerClaimDueDays: 14, claimDueDays: 30, terms: '' });
    expect(projectSchema.parse(fields(project))).toMatchObject({ firstYear: '', firstQuarter: 1, lastYear: '', lastQuarter: 4 });
    expect(partnerClaimSchema.parse(fields(claim))).toMatchObject({ outputs: {}, narrative: '', evidence: '', enteredOnBehalf: false });
    await db.delete();
  });

  it('leaves a version 1 database untouched when its upgrade fails', async () => {
    const name = `migrate-fail-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('organisations').add({ id: 'o1', name: 'Bedford Race Equality Council', _clocks: {} });
    v1.close();

    const broken = new Dexie(name);
    broken.version(1).stores(SCHEMA_V1);
    broken
      .version(2)
      .stores({ imports: 'id' })
      .upgrade(() => {
        throw new Error('upgrade step failed');
      });
    await expect(broken.open()).rejects.toThrow();
    broken.close();

    const reopened = new Dexie(name);
    await reopened.open();
    expect(reopened.verno).toBe(1);
    expect(await reopened.table('organisations').toArray()).toEqual([{ id: 'o1', name: 'Bedford Race Equality Council', _clocks: {} }]);
    reopened.close();
    await Dexie.delete(name);
  });
});
