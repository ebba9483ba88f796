/**
 * Conflicts waiting for review: the same field changed on two copies without
 * either seeing the other's change. Each shows the record by its name, the
 * field, both values and who wrote each when; a person keeps the current
 * value, takes the other, or writes a new one. The resolution is an ordinary
 * change that syncs, so the conflict leaves this list here and, after the next
 * exchange, on every partner's copy too.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { describeSaveError } from '../../ui/save-error';
import { resolutionFrom, titleOf, typedKind, type ResolutionChoice } from './conflict-resolution';
import { resolveConflict, type ConflictView, type SyncContext } from './service';
import { plural, valueWords, writtenBy } from './sync-words';
import type { NodeNames } from './use-sync';

function ConflictCard({
  ctx,
  conflict,
  nodeNames,
  onResolved,
}: {
  ctx: SyncContext;
  conflict: ConflictView;
  nodeNames: NodeNames;
  onResolved: (message: string) => void;
}) {
  const id = useId();
  const [choice, setChoice] = useState<ResolutionChoice>('current');
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const newValueInput = useRef<HTMLInputElement>(null);
  const kind = typedKind(conflict);
  const currentIsKept = JSON.stringify(conflict.currentValue) === JSON.stringify(conflict.keptValue);
  const who = (hlc: string) => writtenBy(hlc, nodeNames.self, nodeNames.names);
  const title = titleOf(conflict);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const resolution = resolutionFrom(choice, typed, kind);
    if (typeof resolution === 'string') {
      setProblem(resolution);
      newValueInput.current?.focus();
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      await resolveConflict(ctx, conflict.id, resolution);
      const now = 'value' in resolution ? resolution.value : resolution.keep === 'other' ? conflict.losingValue : conflict.currentValue;
      onResolved(`Resolved: ${title} is now ${valueWords(now)}. Partners receive the decision with the next bundle you save for them.`);
    } catch (error) {
      setProblem(describeSaveError(error));
      setBusy(false);
    }
  };

  return (
    <article className="sync-conflict panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="panel-title">
        {title}
      </h3>
      <dl className="facts">
        <dt>Now</dt>
        <dd>
          {valueWords(conflict.currentValue)}{' '}
          <span className="muted">{currentIsKept ? `written by ${who(conflict.keptHlc)}` : 'changed again since the conflict arose'}</span>
        </dd>
        <dt>The other value</dt>
        <dd>
          {valueWords(conflict.losingValue)} <span className="muted">written by {who(conflict.losingHlc)}</span>
        </dd>
      </dl>
      <form noValidate onSubmit={submit} aria-labelledby={`${id}-title`}>
        <fieldset className="fieldset sync-choices">
          <legend className="field-label">What should it be?</legend>
          <div className="sync-choice">
            <input type="radio" id={`${id}-current`} name={`${id}-choice`} checked={choice === 'current'} onChange={() => setChoice('current')} />
            <label htmlFor={`${id}-current`}>Keep {valueWords(conflict.currentValue)}</label>
          </div>
          <div className="sync-choice">
            <input type="radio" id={`${id}-other`} name={`${id}-choice`} checked={choice === 'other'} onChange={() => setChoice('other')} />
            <label htmlFor={`${id}-other`}>Use {valueWords(conflict.losingValue)} instead</label>
          </div>
          {kind && (
            <div className="sync-choice sync-choice--new">
              <input type="radio" id={`${id}-new`} name={`${id}-choice`} checked={choice === 'new'} onChange={() => setChoice('new')} />
              <label htmlFor={`${id}-new`}>Write a new value</label>
              <label htmlFor={`${id}-value`} className="visually-hidden">
                New value for {title}
              </label>
              <input
                id={`${id}-value`}
                ref={newValueInput}
                className="input input--medium"
                type="text"
                inputMode={kind === 'number' ? 'numeric' : undefined}
                value={typed}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-problem` : undefined}
                onChange={(e) => {
                  setTyped(e.target.value);
                  setChoice('new');
                }}
              />
            </div>
          )}
        </fieldset>
        {problem && (
          <p className="field-error" id={`${id}-problem`} role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            Resolve<span className="visually-hidden"> the conflict over {title}</span>
          </button>
        </div>
      </form>
    </article>
  );
}

export function ConflictsReview({ ctx, conflicts, nodeNames }: { ctx: SyncContext; conflicts: ConflictView[] | undefined; nodeNames: NodeNames }) {
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <section className="sync-section" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title" className="section-title" tabIndex={-1} ref={heading}>
        Conflicts waiting for review{conflicts && conflicts.length > 0 ? ` (${conflicts.length})` : ''}
      </h2>
      {conflicts && conflicts.length > 0 ? (
        <p className="section-intro">
          {plural(conflicts.length, 'field was', 'fields were')} changed on two copies without either seeing the other’s change. Each copy kept
          the later change; decide what each should be.
        </p>
      ) : conflicts ? (
        <p className="muted">No conflicts are waiting.</p>
      ) : null}
      <p className="status-line" role="status">
        {status}
      </p>
      {conflicts?.map((conflict) => (
        <ConflictCard
          key={conflict.id}
          ctx={ctx}
          conflict={conflict}
          nodeNames={nodeNames}
          onResolved={(message) => {
            setStatus(message);
            heading.current?.focus();
          }}
        />
      ))}
    </section>
  );
}
