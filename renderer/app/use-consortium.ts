/** The consortium this store holds: undefined while loading, null before set-up. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Consortium } from '../../shared/domain/entities';
import { useStore } from '../db/store-context';

export function useConsortium(): Consortium | null | undefined {
  const { db } = useStore();
  return useLiveQuery(async () => {
    const rows = await db.consortium.orderBy('id').toArray();
    return rows.find((row) => !row.deleted) ?? null;
  }, [db]);
}
