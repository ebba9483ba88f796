/**
 * The layout of a shared folder that copies sync through (docs/bundle-format.md,
 * §12): the name each copy gives the bundle it keeps there for each partner, how
 * a reader picks out, by name alone and before reading anything, the bundles
 * addressed to it, and which names are a cloud client's placeholders or files
 * still being written. Used by the main process (electron/shared-folder.ts) and
 * the renderer (renderer/features/sync/folder-sync.ts) alike, so both read the
 * folder the same way.
 */

/** Every bundle Quorum keeps in a shared folder ends with this (gzip, §1). */
export const FOLDER_BUNDLE_EXTENSION = '.quorum';

/** Characters of a node id kept in a file name: 12 letters or digits (48 bits of a UUID). */
export const NODE_TAG_LENGTH = 12;

/** How much of each name (consortium, sender, recipient) a file name keeps, so the whole stays well under Windows' 260-character paths. */
const NAME_PART_LENGTH = 30;

/** The tag a node id is known by in file names: its letters and digits, the first 12. */
export function nodeTag(node: string): string {
  return node.replace(/[^0-9A-Za-z]/g, '').slice(0, NODE_TAG_LENGTH);
}

/** A name as a file name may hold it on Windows, macOS and Linux: no < > : " / \ | ? * or control characters, no trailing dots. */
function readablePart(name: string, fallback: string): string {
  const cleaned = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f~]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = cleaned.length > NAME_PART_LENGTH ? `${cleaned.slice(0, NAME_PART_LENGTH - 1).trimEnd()}…` : cleaned;
  return cut.replace(/[. ]+$/, '') || fallback;
}

export interface FolderBundleAddress {
  consortiumName: string;
  senderName: string;
  senderNode: string;
  recipientName: string;
  recipientNode: string;
}

/**
 * "Quorum – Bedfordshire & Luton VCS… – from Luton CVS to VCA South Bedfordsh… – c86e93ef84c2.5f1d9a8e2c3b.quorum":
 * readable first, then the sender's and the recipient's tags, which make it unique.
 */
export function folderBundleName(address: FolderBundleAddress): string {
  const consortium = readablePart(address.consortiumName, 'consortium');
  const from = readablePart(address.senderName, 'a copy');
  const to = readablePart(address.recipientName, 'a copy');
  return `Quorum – ${consortium} – from ${from} to ${to} – ${nodeTag(address.senderNode)}.${nodeTag(address.recipientNode)}${FOLDER_BUNDLE_EXTENSION}`;
}

const BUNDLE_NAME = new RegExp(`^Quorum .* ([0-9A-Za-z]{1,${NODE_TAG_LENGTH}})\\.([0-9A-Za-z]{1,${NODE_TAG_LENGTH}})\\.quorum$`);

export interface ParsedBundleName {
  senderTag: string;
  recipientTag: string;
}

/** The tags a bundle's name carries, or null when the name is not one Quorum gives a bundle in a shared folder. */
export function parseFolderBundleName(name: string): ParsedBundleName | null {
  const match = BUNDLE_NAME.exec(name.normalize('NFC'));
  return match ? { senderTag: match[1]!, recipientTag: match[2]! } : null;
}

/**
 * A cloud client's stand-in for a bundle not downloaded yet, or its file being
 * written: the bundle's own name inside it, or null. iCloud keeps ".NAME.icloud";
 * browsers and sync clients write "NAME.partial", ".crdownload", ".part",
 * ".download", ".tmp"; Syncthing ".syncthing.NAME.tmp"; Office "~$NAME".
 */
export function placeholderOf(name: string): string | null {
  let inner = name;
  inner = inner.replace(/^\.syncthing\./, '').replace(/^~\$/, '').replace(/^\.~?/, '');
  inner = inner.replace(/\.(icloud|partial|crdownload|part|download|tmp|!sync)$/i, '');
  if (inner === name) return null;
  return parseFolderBundleName(inner) ? inner : null;
}

/** Quorum's own file while it writes a bundle, renamed over the bundle once whole: never read. */
export function writingName(random: string): string {
  return `.Quorum-writing-${random.replace(/[^0-9A-Za-z]/g, '').slice(0, 32)}.tmp`;
}

/** A name a reader looks at: a bundle's, or a placeholder of one. Everything else in the folder is passed over unread. */
export function isCandidateName(name: string): boolean {
  return parseFolderBundleName(name) !== null || placeholderOf(name) !== null;
}

/** Whether a file in the folder is addressed to the copy `self` (by the recipient's tag in its name). */
export function isAddressedTo(name: string, self: string): boolean {
  const parsed = parseFolderBundleName(name);
  return parsed !== null && parsed.recipientTag === nodeTag(self);
}

/** Whether the file is one this copy wrote (its own tag as the sender's). */
export function isWrittenBy(name: string, self: string): boolean {
  const parsed = parseFolderBundleName(name);
  return parsed !== null && parsed.senderTag === nodeTag(self);
}
