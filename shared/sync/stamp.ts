/** Reading a hybrid logical clock stamp (hlc.ts) without parsing it. */

/** The node id inside an HLC stamp (its fixed-width prefix is 30 characters). */
export function nodeOfStamp(hlc: string): string {
  return hlc.slice(30);
}
