/**
 * What an import will do (in a preview) or did (in the report and the import
 * history), in plain words: how many of each kind of record, which records,
 * conflicts kept for review, changes refused for lack of authority, changes
 * held back until a gap is filled, and changes set aside from copies this copy
 * does not accept. One component for both tenses so the two always agree.
 * Records are named by the labels the report carries (their names once
 * imported), so a record the bundle creates is named before it exists here.
 */
import { createElement, type ReactNode } from 'react';
import { useCitation } from '../../app/use-citation';
import type { ImportReport } from './service';
import { fieldWords, plural, recordNoun, tableLines, valueWords, writtenBy } from './sync-words';
import type { NodeNames } from './use-sync';

type HeadingLevel = 3 | 4 | 5;

/** How many records are listed before the rest go behind "Show all". */
const RECORDS_SHOWN = 12;

function Heading({ level, children }: { level: HeadingLevel; children: ReactNode }) {
  return createElement(`h${level}`, { className: 'sync-subheading' }, children);
}

/** "Organisation “Volunteer Centre Bedford”", or the kind alone for a record without a name. */
export function recordName(table: string, label: string | undefined): string {
  return label ? `${recordNoun(table)} “${label}”` : recordNoun(table);
}

export function ImportDetails({
  report,
  tense,
  nodeNames,
  headingLevel,
  nothingNew = false,
}: {
  report: ImportReport;
  tense: 'will' | 'did';
  nodeNames: NodeNames;
  headingLevel: HeadingLevel;
  nothingNew?: boolean;
}) {
  const will = tense === 'will';
  // Refusals are worded with Bedfordshire & Luton's clauses; shown in this consortium's (shared/rules/citations.ts).
  const { citeInText } = useCitation();
  const lines = tableLines(report.applied.byTable);
  const records = report.records.filter((r) => r.table !== 'conflicts');
  const shown = records.slice(0, RECORDS_SHOWN);
  const rest = records.slice(RECORDS_SHOWN);
  const unlisted = report.recordCount - report.records.length;
  const who = (hlc: string) => writtenBy(hlc, nodeNames.self, nodeNames.names);

  const recordItem = (r: (typeof records)[number]) => (
    <li key={`${r.table}/${r.row}`}>
      {recordName(r.table, r.label)}
      {r.created ? <span className="muted"> (new)</span> : <span className="muted">: {r.fields.map(fieldWords).join(', ')}</span>}
    </li>
  );

  return (
    <div className="import-details">
      <Heading level={headingLevel}>{will ? 'What will change' : 'What changed'}</Heading>
      {nothingNew || lines.length === 0 ? (
        <p>
          {will
            ? `Nothing new: this copy already has every change in this bundle. Accepting records what ${report.sender.name} has received, so the next bundle saved for them carries only what they lack.`
            : 'Nothing new was in this bundle; it recorded what the sender had received.'}
        </p>
      ) : (
        <>
          <p>
            {plural(report.applied.changes, 'change')} {will ? 'will be applied' : 'applied'}
            {report.alreadyHad > 0 ? `; ${plural(report.alreadyHad, 'change')} this copy already had ${will ? 'will be' : 'were'} skipped` : ''}.
          </p>
          <ul className="sync-counts">
            {lines.map((line) => (
              <li key={line.table}>
                <strong>{line.headline}</strong>
                {line.detail && <span className="muted"> ({line.detail})</span>}
              </li>
            ))}
          </ul>
        </>
      )}

      {records.length > 0 && (
        <>
          <Heading level={headingLevel}>{will ? 'Records that will change' : 'Records that changed'}</Heading>
          <ul className="sync-records">{shown.map(recordItem)}</ul>
          {rest.length > 0 && (
            <details className="sync-more">
              <summary>Show {plural(rest.length, 'more record')}</summary>
              <ul className="sync-records">{rest.map(recordItem)}</ul>
            </details>
          )}
          {unlisted > 0 && <p className="muted">…and {plural(unlisted, 'more record')}, not listed.</p>}
        </>
      )}

      {report.conflictCount > 0 && (
        <>
          <Heading level={headingLevel}>{will ? `Conflicts that will arise (${report.conflictCount})` : `Conflicts kept for review (${report.conflictCount})`}</Heading>
          <p>
            The same field was changed on two copies without either seeing the other’s change. The later change {will ? 'will be' : 'was'} kept; the
            other value {will ? 'will wait' : 'waits'} under “Conflicts waiting for review” for someone to decide.
          </p>
          <ul className="sync-conflicts-list">
            {report.conflicts.map((c) => (
              <li key={c.id}>
                <strong>
                  {recordName(c.table, c.label)}, {fieldWords(c.field)}
                </strong>
                : {will ? 'keeps' : 'kept'} {valueWords(c.keptValue)} <span className="muted">({who(c.keptHlc)})</span>; {valueWords(c.losingValue)}{' '}
                <span className="muted">({who(c.losingHlc)})</span> {will ? 'will be' : 'was'} kept for review.
              </li>
            ))}
          </ul>
        </>
      )}

      {report.refusedCount > 0 && (
        <>
          <Heading level={headingLevel}>{will ? `Changes that will be refused (${report.refusedCount})` : `Changes refused (${report.refusedCount})`}</Heading>
          <p>These changes come from a copy without the authority to make them; everything else still applies.</p>
          <ul className="sync-notices">
            {report.refused.map((r) => (
              <li key={`${r.origin}/${r.seq}/${r.field}`}>
                {citeInText(r.message)} <span className="muted">({recordName(r.table, r.label)}, {fieldWords(r.field)})</span>
              </li>
            ))}
          </ul>
        </>
      )}

      {report.heldBack.length > 0 && (
        <>
          <Heading level={headingLevel}>{will ? 'Changes that will be held back' : 'Changes held back'}</Heading>
          <ul className="sync-notices">
            {report.heldBack.map((h) => (
              <li key={`${h.origin}/${h.firstSeq}`}>{citeInText(h.message)}</li>
            ))}
          </ul>
        </>
      )}
      {report.released > 0 && <p>Changes held back by an earlier import {will ? 'will be applied too, now that what they waited for is here' : 'were applied too'}.</p>}

      {report.setAside.length > 0 && (
        <>
          <Heading level={headingLevel}>{will ? 'Changes that will not be imported' : 'Changes not imported'}</Heading>
          <ul className="sync-notices">
            {report.setAside.map((s) => (
              <li key={s.origin}>
                {citeInText(s.message)}
                {s.status === 'unknown' && <span className="muted"> Their fingerprint: {s.fingerprint}.</span>}
              </li>
            ))}
          </ul>
        </>
      )}

      {report.warnings.length > 0 && (
        <ul className="sync-notices sync-notices--warning">
          {report.warnings.map((w) => (
            <li key={w}>{citeInText(w)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "29 changes, 1 conflict" for a history line. */
export function reportHeadline(report: ImportReport): string {
  const parts = [plural(report.applied.changes, 'change')];
  if (report.conflictCount > 0) parts.push(plural(report.conflictCount, 'conflict'));
  if (report.refusedCount > 0) parts.push(`${report.refusedCount} refused`);
  const held = report.heldBack.reduce((sum, h) => sum + h.changes, 0);
  if (held > 0) parts.push(`${held} held back`);
  return parts.join(', ');
}
