/**
 * Set-up's one write: the consortium, this installation's own organisation (as a member
 * organisation, so it appears in the register and syncs), and this installation's role
 * and organisation, which stay on this computer. One transaction: all or nothing.
 */
import { ConsortiumAlreadySetUpError } from '../../db/example';
import type { ReadyStore } from '../../db/open';
import type { SetupFormOutput } from './setup-form';

export async function createConsortium(store: Pick<ReadyStore, 'db' | 'repositories'>, input: SetupFormOutput): Promise<string> {
  const { db, repositories: repos } = store;
  return db.transaction('rw', [db.consortium, db.organisations, db.changeLog, db.installation], async () => {
    if ((await repos.consortium.list()).length > 0) throw new ConsortiumAlreadySetUpError('A consortium is already set up in this store');
    // The role first: the constitution is a change only the secretariat or the Accountable Body may make.
    await db.installation.update('self', { role: input.role });
    const organisationId = await repos.organisations.create({ name: input.organisationName, status: 'member' });
    const consortiumId = await repos.consortium.create({
      ...input.consortium,
      // Partnership Agreement 8.1: the installation set up by the Accountable Body names it.
      accountableBodyId: input.role === 'accountable-body' ? organisationId : input.consortium.accountableBodyId,
    });
    await db.installation.update('self', { organisationId });
    return consortiumId;
  });
}
