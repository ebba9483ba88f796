/**
 * A file's name, shown whole: bundle names are long
 * ("quorum-voluntary-action-luton-to-bedford-cvs-2026-12-03.quorum") and a saved
 * one may be a whole path, so the name wraps where it must, at any width (320
 * px too), and is never cut short.
 */
export function FileName({ name }: { name: string }) {
  return <span className="sync-file-name">{name}</span>;
}
