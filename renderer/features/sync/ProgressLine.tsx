/**
 * How far a long import (or export) has got: a labelled <progress> bar and the
 * stage in words ("Checking every signature: 40 of 120"). The words are also
 * given to the flow's live region by its owner, so a screen reader hears the
 * stages without the bar being announced on every step.
 */
import { useId } from 'react';
import type { Progress } from './service';
import { progressWords } from './sync-words';

export function ProgressLine({ label, progress }: { label: string; progress: Progress | undefined }) {
  const id = useId();
  const determinate = progress !== undefined && progress.total > 1;
  return (
    <div className="sync-progress">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {determinate ? <progress id={id} max={progress.total} value={progress.done} /> : <progress id={id} />}
      <p className="muted sync-progress-words" aria-hidden="true">
        {progress ? progressWords(progress) : 'Starting…'}
      </p>
    </div>
  );
}
