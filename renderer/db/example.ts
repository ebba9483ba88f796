/**
 * "Open the example consortium": loads Bedfordshire & Luton (resources/example-consortium.json)
 * through the repositories, so every row is validated and every change is logged and
 * stamped exactly as if a person had typed it. The file links rows by short keys
 * ("vcasb"); loading gives each row a fresh id and resolves the keys to those ids.
 * It all happens in one transaction: a failure part-way leaves no half-loaded consortium.
 */
import { z } from 'zod';
import exampleConsortium from '../../resources/example-consortium.json';
import { CONSTITUTION_PRESETS, type ConstitutionPreset } from '../../shared/rules';
import { ROLES } from '../../shared/domain/entities';
import type { QuorumDatabase } from './database';
import type { Repositories } from './repositories';
import type { HybridLogicalClock } from '../../shared/sync/hlc';
import { foundConsortium } from './founding';
import { londonToday } from './london-today';

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
  projects: z.array(z.looseObject({ lead: key, delivery: z.array(key), fund: key })),
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
  });

  async function writeExample(consortiumId: string): Promise<void> {
    // This copy's organisation is the example's Accountable Body: its secretariat grants it that office too, or
    // the fund (which only the Accountable Body keeps, Partnership Agreement 8.1) would be refused.
    if (example.consortium.accountableBody === example.installation.organisation && example.installation.role !== 'accountable-body') {
      const node = (await db.installation.get('self'))!.nodeId;
      await repos.roleGrants.create({ office: 'accountable-body', node, organisationId: ownOrganisation, from: londonToday(), note: 'The example: this copy is the secretariat at the Accountable Body' });
    }
    for (const organisation of example.organisations) {
      ids.set(organisation.key, await repos.organisations.create(strip(organisation, 'key'), ids.get(organisation.key)));
    }
    for (const representative of example.representatives) {
      await repos.representatives.create({ ...strip(representative, 'organisation'), organisationId: idOf(representative.organisation), kind: 'representative' });
    }
    for (const funder of example.funders) {
      ids.set(funder.key, await repos.funders.create(strip(funder, 'key')));
    }
    for (const fund of example.funds) {
      ids.set(fund.key, await repos.funds.create({ ...strip(fund, 'key', 'funder'), funderId: idOf(fund.funder) }));
    }
    for (const project of example.projects) {
      await repos.projects.create({
        ...strip(project, 'lead', 'delivery', 'fund'),
        leadOrganisationId: idOf(project.lead),
        deliveryOrganisationIds: project.delivery.map(idOf),
        fundId: idOf(project.fund),
      });
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
