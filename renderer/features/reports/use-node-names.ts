/**
 * The names of the copies, live: as the Sync screen names them
 * (renderer/db/sync/node-names.ts), read again after an enrolment or import.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useStore } from '../../db/store-context';
import { readNodeNames, type NodeNames } from '../../db/sync/node-names';

export function useNodeNames(): NodeNames | undefined {
  const { db } = useStore();
  return useLiveQuery(() => readNodeNames(db), [db]);
}
