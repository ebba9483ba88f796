/**
 * Who has held the organisation's posts (Partnership Agreement 7.1, 7.2): each named
 * representative and named substitute with the dates they held the post, the
 * present holders first. The records are the history: replacing a person ends their
 * record and starts another (organisation-form.ts).
 */
import type { Representative } from '../../../shared/domain/entities';
import { formatDate } from '../../../shared/rules/calendar-date';

function termOf(person: Representative): string {
  const from = person.from ? formatDate(person.from) : 'a date not recorded';
  return person.until ? `${from} to ${formatDate(person.until)}` : `${from} to now`;
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
        <div className="table-wrap">
          <table className="table register-posts">
            <caption className="visually-hidden">Who has held each post, the latest first</caption>
            <thead>
              <tr>
                <th scope="col">Post</th>
                <th scope="col">Name</th>
                <th scope="col">Held</th>
                <th scope="col">Contact</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => {
                const current = (person.until ?? '') === '' || person.until >= today;
                return (
                  <tr key={person.id}>
                    <td>{(person.kind ?? 'representative') === 'substitute' ? 'Substitute' : 'Representative'}</td>
                    <th scope="row">
                      {person.name}
                      {person.jobTitle && <div className="muted cell-secondary">{person.jobTitle}</div>}
                    </th>
                    <td>
                      {termOf(person)}
                      {current && <div className="cell-secondary register-now">Holds the post now</div>}
                    </td>
                    <td className="cell-contact">
                      {person.email && <div>{person.email}</div>}
                      {person.phone && <div className="muted cell-secondary">{person.phone}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
