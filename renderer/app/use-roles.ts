/**
 * The roles in the consortium as this store holds them, kept up to date: the
 * role timeline resolved from the role grants (renderer/db/authority.ts), read
 * with useLiveQuery so a bundle that brings a grant changes the header, the
 * dashboard, Settings and the Sync page at once; read again, too, when a term
 * granted from a later date begins. Roles come from the grants, never from
 * what a person chose on this computer (shared/sync/roles.ts).
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { InstallationRole, Office } from '../../shared/domain/entities';
import type { RoleTimeline } from '../../shared/sync/roles';
import { loadAuthority } from '../db/authority';
import { useStore } from '../db/store-context';
import { officesHeld, roleNow } from '../features/sync/roles-words';

export interface ConsortiumRoles {
  timeline: RoleTimeline;
  /** This copy's node id. */
  self: string;
  /** This copy's own organisation, as set on this computer. */
  organisationId: string;
  /** The moment the roles were read: "now" for everything said about them. */
  now: number;
}

/** Timers run no further ahead than this (setTimeout's limit is about 24 days). */
const LONGEST_WAIT = 24 * 60 * 60 * 1000;

/** The role timeline; undefined while it is read. */
export function useRoles(): ConsortiumRoles | undefined {
  const { db } = useStore();
  const [wakes, setWakes] = useState(0);
  const roles = useLiveQuery(
    async () => {
      const installation = await db.installation.get('self');
      if (!installation) return undefined;
      const { timeline } = await loadAuthority(db, installation);
      return { timeline, self: installation.nodeId, organisationId: installation.organisationId, now: Date.now(), wakes };
    },
    [db, wakes],
  );
  // A term granted from a later date begins while the page is open: read again then.
  const next = roles ? Math.min(...roles.timeline.terms.map((t) => t.startsAt).filter((t) => t > roles.now)) : Infinity;
  useEffect(() => {
    if (!roles || !Number.isFinite(next)) return;
    const timer = setTimeout(() => setWakes((n) => n + 1), Math.min(next - roles.now + 1000, LONGEST_WAIT));
    return () => clearTimeout(timer);
  }, [roles, next]);
  return roles;
}

export interface ThisCopyRole {
  /** The offices this copy holds now, in the constitution's order. */
  offices: Office[];
  /** What they add up to: the secretariat's, the Accountable Body's, the chair's, else a partner's. */
  role: InstallationRole;
}

/** This copy's offices now, by the grants; undefined while they are read. */
export function useThisCopyRole(): ThisCopyRole | undefined {
  const roles = useRoles();
  if (!roles) return undefined;
  return { offices: officesHeld(roles.timeline, roles.self, roles.now), role: roleNow(roles.timeline, roles.self, roles.now) };
}
