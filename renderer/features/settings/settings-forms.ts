/**
 * What Settings edits: the consortium (synced, through its repository) and this
 * installation's organisation (local to this computer, never synced). This
 * copy's roles are not edited here: they come from the role grants the
 * secretariat or the Accountable Body makes (shared/sync/roles.ts, the Sync
 * page's "Roles in the consortium"); only the founder's first office is
 * chosen, on the set-up screen.
 */
import { z } from 'zod';
import { consortiumSchema } from '../../../shared/domain/entities';
import type { ReadyStore } from '../../db/open';

export const consortiumSettingsSchema = z.object({ consortium: consortiumSchema });
export type ConsortiumSettingsInput = z.input<typeof consortiumSettingsSchema>;
export type ConsortiumSettingsOutput = z.output<typeof consortiumSettingsSchema>;

export const installationSettingsSchema = z.object({
  organisationId: z.string().min(1, 'Choose the organisation this computer belongs to'),
});
export type InstallationSettings = z.infer<typeof installationSettingsSchema>;

export async function saveConsortiumSettings(store: Pick<ReadyStore, 'repositories'>, consortiumId: string, values: ConsortiumSettingsOutput): Promise<void> {
  await store.repositories.consortium.update(consortiumId, values.consortium);
}

export async function saveInstallationSettings(store: Pick<ReadyStore, 'db'>, values: InstallationSettings): Promise<void> {
  await store.db.installation.update('self', { organisationId: values.organisationId });
}
