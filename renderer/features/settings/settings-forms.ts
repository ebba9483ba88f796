/**
 * What Settings edits: the consortium (synced, through its repository) and this
 * installation's role and organisation (local to this computer, never synced).
 */
import { z } from 'zod';
import { consortiumSchema, ROLES, type InstallationRole } from '../../../shared/domain/entities';
import type { ReadyStore } from '../../db/open';

export const consortiumSettingsSchema = z.object({ consortium: consortiumSchema });
export type ConsortiumSettingsInput = z.input<typeof consortiumSettingsSchema>;
export type ConsortiumSettingsOutput = z.output<typeof consortiumSettingsSchema>;

export const installationSettingsSchema = z.object({
  role: z.enum(ROLES, { error: 'Choose what this computer is used for' }),
  organisationId: z.string().min(1, 'Choose the organisation this computer belongs to'),
});
export type InstallationSettings = z.infer<typeof installationSettingsSchema>;

export async function saveConsortiumSettings(store: Pick<ReadyStore, 'repositories'>, consortiumId: string, values: ConsortiumSettingsOutput): Promise<void> {
  await store.repositories.consortium.update(consortiumId, values.consortium);
}

export async function saveInstallationSettings(store: Pick<ReadyStore, 'db'>, values: InstallationSettings): Promise<void> {
  const role: InstallationRole = values.role;
  await store.db.installation.update('self', { role, organisationId: values.organisationId });
}
