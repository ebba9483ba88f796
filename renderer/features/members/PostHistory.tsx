/**
 * Who has held the organisation's posts (Partnership Agreement 7.1, 7.2): each named
 * representative and named substitute with the dates they held the post, the
 * present holders first. The records are the history: replacing a person ends their
 * record and starts another (organisation-form.ts).
 */
import type { Representative } from '../../../shared/domain/entities';
import { formatDate } from '../../../shared/rules/calendar-date';

function termOf(person: Representative): string {
  const from = person.from ? formatDate(person.from) : '';
  const until = person.until ? formatDate(person.until) : '';
  if (from && until) return `${from} to ${until}`;
  if (until) return `Until ${until}`;
  return from ? `Since ${from}` : 'Since a date not recorded';
}

export function PostHistory({ people, today }: { people: readonly Representative[]; today: string }) {
  return (
    <section className="panel register-section" aria-labelledby="post-history">
      <h2 id="post-history" className="section-title">
        Representatives and substitutes over time
      </h2>
      {people.length === 0 ? (
        <p className="muted">Nobody has been named for this organisation yet.</p>
      ) : (
        <ul className="register-posts" aria-label="Who has held each post, the latest first">
          {people.map((person) => {
            const current = (person.until ?? '') === '' || person.until >= today;
            return (
              <li key={person.id}>
                <span className="register-post">{(person.kind ?? 'representative') === 'substitute' ? 'Substitute' : 'Representative'}</span>{' '}
                <strong>{person.name}</strong>
                {person.jobTitle && <span className="muted">, {person.jobTitle}</span>}
                <div>
                  {termOf(person)}
                  {current && <span className="register-now"> · holds the post now</span>}
                </div>
                {(person.email || person.phone) && <div className="muted cell-secondary cell-contact">{[person.email, person.phone].filter(Boolean).join(' · ')}</div>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
