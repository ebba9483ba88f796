/**
 * The ids of new records: UUIDv7 (RFC 9562), a UUID whose first 48 bits are
 * the time it was made in milliseconds, so ids made at about the same time
 * sort together (docs/architecture.md, "Ids"). An import asks the store once
 * for every key in the range of the ids a bundle's newest records span,
 * instead of once per record (renderer/db/sync/row-loader.ts). One-per-something
 * records keep ids made from what they are one of (registry naturalKey), and
 * records made before keep their random (version 4) ids: nothing depends on
 * the form of an id.
 */
import { v7 } from 'uuid';

/** `at`: the moment it is made, in milliseconds since 1970 (now when not given; the benchmarks give their changes' own). */
export function newRecordId(at?: number): string {
  return at === undefined ? v7() : v7({ msecs: at });
}
