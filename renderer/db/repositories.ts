/** The repositories features use, bound to one database and clock: one per kind of the registry (shared/domain/registry.ts). */
import type { z } from 'zod';
import { KINDS, type KindName } from '../../shared/domain/registry';
import { Repository } from './repository';
import type { WriteContext } from './writer';

type Repositories_ = { [K in KindName]: Repository<(typeof KINDS)[K]['schema'] & z.ZodType<Record<string, unknown>>> };

export function createRepositories(ctx: WriteContext): Repositories_ {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(KINDS)) out[name] = new Repository(ctx, name as KindName, kind.schema as z.ZodType<Record<string, unknown>>);
  return out as Repositories_;
}

export type Repositories = ReturnType<typeof createRepositories>;
