/**
 * Changes this copy has received but is holding back, until the changes they
 * follow arrive (a gap in a partner's changes, or changes built on a third
 * copy's that have not come yet). Shown only while there are some, so that a
 * person knows why a partner's edit has not appeared, and what to ask for.
 */
import { useCitation } from '../../app/use-citation';
import type { HeldBackNotice } from './service';
import { plural } from './sync-words';

export function HeldBack({ held }: { held: HeldBackNotice[] | undefined }) {
  const { citeInText } = useCitation();
  if (!held || held.length === 0) return null;
  const changes = held.reduce((sum, notice) => sum + notice.changes, 0);
  return (
    <section className="sync-section" aria-labelledby="held-back-title">
      <h2 id="held-back-title" className="section-title">
        Changes waiting for others ({changes})
      </h2>
      <p className="section-intro">
        {plural(changes, 'change')} received here cannot be applied yet. Ask the partners named below for a new bundle; the changes
        are applied as soon as what they wait for arrives, with nothing to do here.
      </p>
      <ul className="sync-notices sync-notices--warning">
        {held.map((notice) => (
          <li key={`${notice.origin}/${notice.reason}/${notice.firstSeq}`}>{citeInText(notice.message)}</li>
        ))}
      </ul>
    </section>
  );
}
