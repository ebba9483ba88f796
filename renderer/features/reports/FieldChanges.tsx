/**
 * What one change did, field by field: "Name: ‘Volunteer Centre Bedford’ →
 * ‘Bedford Volunteer Centre’". The arrow is for the eye; a screen reader hears
 * "changed to". A change the import refused is said to be refused. A new
 * record's empty fields are left out: nobody filled them in.
 */
import type { DetailedChange } from '../../db/history';
import { fieldChangeWords, worthShowing, type LabelOf } from '../../db/history-words';
import { useConsortium } from '../../app/use-consortium';

export function FieldChanges({ change, labelOf, limit }: { change: DetailedChange; labelOf: LabelOf; limit?: number }) {
  // The criteria an organisation meets are named by their text (history-words.ts).
  const criteria = useConsortium()?.constitution.membershipCriteria;
  const changes = change.changes.filter((field) => worthShowing(field, change.created));
  const shown = limit === undefined ? changes : changes.slice(0, limit);
  const more = changes.length - shown.length;
  if (changes.length === 0) return <p className="change-fields muted">{change.created ? 'Made with every field empty.' : 'No fields changed.'}</p>;
  return (
    <ul className="change-fields">
      {shown.map((field) => {
        const words = fieldChangeWords(field, labelOf, { criteria, table: change.table });
        return (
          <li key={field.field} className={words.refused ? 'change-field change-field--refused' : 'change-field'}>
            <span className="change-field-name">{words.field}:</span>{' '}
            {words.before !== undefined && (
              <>
                <span className="change-before">{words.before}</span>
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden"> changed to </span>
              </>
            )}
            <span className="change-after">{words.after}</span>
            {words.refused && <span className="tag tag--refused">refused here: not applied</span>}
          </li>
        );
      })}
      {more > 0 && <li className="muted">and {more === 1 ? '1 more field' : `${more} more fields`}</li>}
    </ul>
  );
}
