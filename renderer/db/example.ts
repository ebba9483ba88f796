/**
 * "Open the example consortium": loads Bedfordshire & Luton (resources/example-consortium.json)
 * through the repositories, so every row is validated and every change is logged and
 * stamped exactly as if a person had typed it. The file links rows by short keys
 * ("vcasb"); loading gives each row a fresh id and resolves the keys to those ids.
 * It all happens in one transaction: a failure part-way leaves no half-loaded consortium.
 */
import { z } from 'zod';
import exampleConsortium from '../../resources/example-consortium.json';
import { allocatePence, CONSTITUTION_PRESETS, type ConstitutionPreset } from '../../shared/rules';
import { periodField, PROFILE_FIELD_PREFIX, ROLES, TARGET_FIELD_PREFIX } from '../../shared/domain/entities';
import { financialYearNamed, financialYearStarting } from '../../shared/rules/financial-year';
import type { QuorumDatabase } from './database';
import type { Repositories } from './repositories';
import type { HybridLogicalClock } from '../../shared/sync/hlc';
import { foundConsortium } from './founding';
import { londonToday } from './london-today';

/**
 * The register's part of the example (docs/architecture.md, "The register"), by the
 * file's keys: the area each signatory covers and the membership criteria it meets
 * (an illustration: the seed says the six provide them, not which), two named
 * substitutes, one organisation co-opted to advise (invented for the example, as
 * Partnership Agreement 5.4 allows), and the roles held this financial year: the
 * Accountable Body is the seed's (Partnership Agreement 8.1); the seed names no
 * chair, so the example's is invented, from a member other than the Accountable Body
 * (9.1). The Lead Body roles are Northamptonshire's (seed 002), whose organisations
 * are not in this example. Contacts are placeholders, like the file's.
 */
const REGISTER_EXAMPLE = {
  details: {
    brec: { area: 'Bedford', servicesProvided: [0, 2, 3] },
    brcc: { area: 'Bedfordshire', servicesProvided: [0, 1, 2, 4] },
    cvsmnb: { area: 'Mid and North Bedfordshire', servicesProvided: [0, 1, 2, 3, 4] },
    val: { area: 'Luton', servicesProvided: [0, 1, 2, 3, 4] },
    vcasb: { area: 'South Bedfordshire', servicesProvided: [0, 1, 2, 3, 4] },
    vcb: { area: 'Bedford', servicesProvided: [1, 2, 3] },
  } as Record<string, Record<string, unknown>>,
  coOpted: {
    key: 'lban',
    name: 'Luton and Bedfordshire Advice Network',
    kind: 'specialist',
    status: 'co-opted',
    area: 'Bedfordshire & Luton',
    email: 'advice-network@example.org',
    phone: '01632 960007',
  },
  representatives: [
    { organisation: 'lban', kind: 'representative', name: 'Morgan Ellis', jobTitle: 'Coordinator', email: 'morgan.ellis@example.org', phone: '01632 960107' },
    { organisation: 'val', kind: 'substitute', name: 'Sam Taylor', jobTitle: 'Deputy Director', email: 'sam.taylor@example.org', phone: '01632 960114' },
    { organisation: 'vcasb', kind: 'substitute', name: 'Alex Morgan', jobTitle: 'Operations Manager', email: 'alex.morgan@example.org', phone: '01632 960115' },
  ],
  appointments: [
    { organisation: 'vcasb', role: 'accountable-body', note: 'Partnership Agreement 8.1; reviewed at the last meeting of the financial year (8.4)' },
    { organisation: 'val', role: 'chair', note: 'An example: elected at the last meeting of the financial year (9.2)' },
  ],
} as const;

/** The financial year holding a day, 1 April to 31 March (Partnership Agreement 8.4, 9.2). */
function termHolding(day: string): { from: string; until: string } {
  const year = Number(day.slice(0, 4)) - (day.slice(5) < '04-01' ? 1 : 0);
  return { from: `${year}-04-01`, until: `${year + 1}-03-31` };
}

/** The financial quarters from one to another, inclusive (years named by the consortium's year start, 1 April here). */
function quartersOf(firstYear: string, firstQuarter: number, lastYear: string, lastQuarter: number): Array<{ financialYear: string; quarter: number }> {
  if (firstYear === '' || lastYear === '') return [];
  const out: Array<{ financialYear: string; quarter: number }> = [];
  const last = financialYearNamed(lastYear).startYear * 4 + lastQuarter - 1;
  for (let i = financialYearNamed(firstYear).startYear * 4 + firstQuarter - 1; i <= last; i++) {
    out.push({ financialYear: financialYearStarting(Math.floor(i / 4)).label, quarter: (i % 4) + 1 });
  }
  return out;
}

export class ConsortiumAlreadySetUpError extends Error {
  override name = 'ConsortiumAlreadySetUpError';
}

export class ExampleDataError extends Error {
  override name = 'ExampleDataError';
}

const key = z.string().min(1);
const exampleSchema = z.object({
  consortium: z.object({
    name: z.string(),
    area: z.string(),
    nation: z.string(),
    financialYearStartMonth: z.number(),
    financialYearStartDay: z.number(),
    constitutionPreset: z.enum(Object.keys(CONSTITUTION_PRESETS) as [ConstitutionPreset, ...ConstitutionPreset[]]),
    accountableBody: key,
  }),
  installation: z.object({ role: z.enum(ROLES), organisation: key }),
  organisations: z.array(z.looseObject({ key })),
  representatives: z.array(z.looseObject({ organisation: key })),
  funders: z.array(z.looseObject({ key })),
  funds: z.array(z.looseObject({ key, funder: key })),
  projects: z.array(
    z.looseObject({
      lead: key,
      delivery: z.array(key),
      fund: key,
      /** The project's whole budget over its years, shared among the budget lines by their shares (docs/architecture.md, "Claims"). */
      budgetPence: z.number().int().min(0).default(0),
      outputs: z.array(z.object({ code: z.string(), name: z.string(), perQuarter: z.number().int().min(0) })).default([]),
    }),
  ),
  budgetLines: z
    .object({
      lines: z.array(z.object({ code: z.string(), name: z.string(), category: z.string(), share: z.number().int().min(0) })),
      quarterWeights: z.array(z.number().int().min(0)),
    })
    .default({ lines: [], quarterWeights: [] }),
  meetings: z.array(z.looseObject({})),
});
export type ExampleConsortium = z.infer<typeof exampleSchema>;

export interface ExampleStore {
  db: QuorumDatabase;
  clock: HybridLogicalClock;
  repositories: Repositories;
}

/** Loads the example into an empty store and makes this installation its secretariat. Returns the consortium's id. */
export async function loadExampleConsortium(store: ExampleStore, data: unknown = exampleConsortium): Promise<string> {
  const parsed = exampleSchema.safeParse(data);
  if (!parsed.success) throw new ExampleDataError(`The example consortium file is not valid: ${parsed.error.issues[0]?.message ?? ''}`);
  const example = parsed.data;
  const { db, repositories: repos } = store;
  const ids = new Map<string, string>();
  const idOf = (k: string): string => {
    const found = ids.get(k);
    if (!found) throw new ExampleDataError(`The example consortium file refers to "${k}", which it does not define`);
    return found;
  };
  const strip = <T extends Record<string, unknown>>(row: T, ...fields: string[]) =>
    Object.fromEntries(Object.entries(row).filter(([field]) => !fields.includes(field)));

  const { clock } = store;
  let ownOrganisation = '';
  // This copy founds the consortium in the example's role (the secretariat): its first grant, then everything else.
  return foundConsortium({ db, clock }, example.installation.role, async () => {
    if ((await repos.consortium.list()).length > 0) throw new ConsortiumAlreadySetUpError('A consortium is already set up in this store');
    ownOrganisation = crypto.randomUUID();
    ids.set(example.installation.organisation, ownOrganisation);
    return { organisationId: ownOrganisation, write: (consortiumId) => writeExample(consortiumId) };
  }, { extraTables: [db.table('appointments'), db.table('budgetLines'), db.table('outputs')] });

  /**
   * A project's budget lines and outputs (docs/architecture.md, "Claims"): its budget
   * shared among the lines by their shares, and each line's part over the project's
   * quarters by the quarter weights, both by largest remainder so every part adds up
   * to the whole (money.ts allocatePence); each output's target the same every quarter.
   */
  async function writeBudgetAndOutputs(projectId: string, project: ExampleConsortium['projects'][number]): Promise<void> {
    const periods = quartersOf(String(project.firstYear ?? ''), Number(project.firstQuarter ?? 1), String(project.lastYear ?? ''), Number(project.lastQuarter ?? 4));
    if (periods.length === 0) return;
    const { lines, quarterWeights } = example.budgetLines;
    const weights = periods.map((_, i) => quarterWeights[i % Math.max(1, quarterWeights.length)] ?? 1);
    const lineTotals = lines.length > 0 && project.budgetPence > 0 ? allocatePence(project.budgetPence, lines.map((l) => l.share)) : [];
    for (const [index, line] of lines.entries()) {
      const byQuarter = allocatePence(lineTotals[index] ?? 0, weights);
      const profile = Object.fromEntries(periods.map((p, i) => [periodField(PROFILE_FIELD_PREFIX, p.financialYear, p.quarter), byQuarter[i]!]));
      await repos.budgetLines.createWithParts({ projectId, code: line.code, name: line.name, category: line.category, order: index }, profile);
    }
    for (const [index, output] of project.outputs.entries()) {
      const targets = Object.fromEntries(periods.map((p) => [periodField(TARGET_FIELD_PREFIX, p.financialYear, p.quarter), output.perQuarter]));
      await repos.outputs.createWithParts({ projectId, code: output.code, name: output.name, order: index }, targets);
    }
  }

  async function writeExample(consortiumId: string): Promise<void> {
    // This copy's organisation is the example's Accountable Body: its secretariat grants it that office too, or
    // the fund (which only the Accountable Body keeps, Partnership Agreement 8.1) would be refused.
    if (example.consortium.accountableBody === example.installation.organisation && example.installation.role !== 'accountable-body') {
      const node = (await db.installation.get('self'))!.nodeId;
      await repos.roleGrants.create({ office: 'accountable-body', node, organisationId: ownOrganisation, from: londonToday(), note: 'The example: this copy is the secretariat at the Accountable Body' });
    }
    for (const organisation of example.organisations) {
      ids.set(organisation.key, await repos.organisations.create({ ...strip(organisation, 'key'), ...REGISTER_EXAMPLE.details[organisation.key] }, ids.get(organisation.key)));
    }
    // The register's example, where the file has the organisations it is about (docs/architecture.md, "The register").
    const { key: coOptedKey, ...coOpted } = REGISTER_EXAMPLE.coOpted;
    ids.set(coOptedKey, await repos.organisations.create(coOpted));
    for (const representative of example.representatives) {
      await repos.representatives.create({ ...strip(representative, 'organisation'), organisationId: idOf(representative.organisation), kind: 'representative' });
    }
    for (const { organisation, ...person } of REGISTER_EXAMPLE.representatives) {
      if (ids.has(organisation)) await repos.representatives.create({ ...person, organisationId: idOf(organisation) });
    }
    const term = termHolding(londonToday());
    for (const { organisation, ...appointment } of REGISTER_EXAMPLE.appointments) {
      if (ids.has(organisation)) await repos.appointments.create({ ...appointment, ...term, organisationId: idOf(organisation) });
    }
    for (const funder of example.funders) {
      ids.set(funder.key, await repos.funders.create(strip(funder, 'key')));
    }
    for (const fund of example.funds) {
      ids.set(fund.key, await repos.funds.create({ ...strip(fund, 'key', 'funder'), funderId: idOf(fund.funder) }));
    }
    for (const project of example.projects) {
      const projectId = await repos.projects.create({
        ...strip(project, 'lead', 'delivery', 'fund', 'budgetPence', 'outputs'),
        leadOrganisationId: idOf(project.lead),
        deliveryOrganisationIds: project.delivery.map(idOf),
        fundId: idOf(project.fund),
      });
      await writeBudgetAndOutputs(projectId, project);
    }
    for (const meeting of example.meetings) await repos.meetings.create(meeting);

    const { constitutionPreset, accountableBody, ...details } = example.consortium;
    await repos.consortium.create(
      {
        ...details,
        constitution: CONSTITUTION_PRESETS[constitutionPreset].constitution,
        accountableBodyId: idOf(accountableBody),
      },
      consortiumId,
    );
  }
}
