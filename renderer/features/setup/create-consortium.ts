/**
 * Set-up's one write: this copy becomes the consortium's founder (the root of
 * its role grants, shared/sync/roles.ts) and grants itself the office chosen
 * (secretariat or Accountable Body) from today; then the consortium and this
 * installation's own organisation (as a member organisation, so it appears in
 * the register and syncs). One transaction: all or nothing.
 */
import { ConsortiumAlreadySetUpError } from '../../db/example';
import type { ReadyStore } from '../../db/open';
import { foundConsortium } from '../../db/founding';
import type { SetupFormOutput } from './setup-form';

export async function createConsortium(store: Pick<ReadyStore, 'db' | 'repositories' | 'clock'>, input: SetupFormOutput): Promise<string> {
  const { db, clock, repositories: repos } = store;
  return foundConsortium({ db, clock }, input.role, async () => {
    if ((await repos.consortium.list()).length > 0) throw new ConsortiumAlreadySetUpError('A consortium is already set up in this store');
    const organisationId = crypto.randomUUID();
    return {
      organisationId,
      write: async (consortiumId) => {
        await repos.organisations.create({ name: input.organisationName, status: 'member' }, organisationId);
        await repos.consortium.create(
          {
            ...input.consortium,
            // Partnership Agreement 8.1: the installation set up by the Accountable Body names it.
            accountableBodyId: input.role === 'accountable-body' ? organisationId : input.consortium.accountableBodyId,
          },
          consortiumId,
        );
      },
    };
  });
}
