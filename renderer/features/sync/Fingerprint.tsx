/**
 * A key fingerprint as six groups of five digits, spaced for reading aloud
 * over the telephone. Screen readers get the digits grouped too (each group
 * is its own word), so "50649 92030 …" is read group by group.
 */
import { Fragment } from 'react';
import { fingerprintGroups } from './sync-words';

export function Fingerprint({ value, large = false }: { value: string | undefined; large?: boolean }) {
  if (!value) return <span className="muted">…</span>;
  const groups = fingerprintGroups(value);
  return (
    <code className={`sync-fingerprint${large ? ' sync-fingerprint--large' : ''}`}>
      {groups.map((group, i) => (
        <Fragment key={i}>
          {i > 0 && ' '}
          <span className="sync-fingerprint-group">{group}</span>
        </Fragment>
      ))}
    </code>
  );
}
