/**
 * Opening a bundle, step by step: choose a file (or drop one on the window, or
 * have the operating system hand one over), read and check it with progress,
 * enrol an unknown sender after comparing fingerprints, see the preview, and
 * only on "Accept and import" write anything; then the report. A refused
 * bundle shows the service's plain message in an alert and changes nothing.
 * A dropped file that is not a bundle is not read: an alert says so, by name,
 * and whatever step was showing stays as it was.
 *
 * The steps form a small state machine (Step below). Each open or cancel takes
 * a new ticket, so a slow preview that was cancelled or overtaken by another
 * file cannot reappear. Focus moves to the heading of each new step, and a
 * live region says what is happening, for keyboard and screen-reader users.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { usePlatform } from '../../app/platform-context';
import { useCitation } from '../../app/use-citation';
import { onRefusedDrops, type RefusedDrop } from '../../platform/dropped-bundles';
import type { OpenedFile } from '../../platform/platform';
import { EnrolSender } from './EnrolSender';
import { FileName } from './FileName';
import { Fingerprint } from './Fingerprint';
import { ImportDetails } from './ImportDetails';
import { ProgressLine } from './ProgressLine';
import { refusalOutcome } from './bundle-refusal';
import {
  applyBundle,
  discardPreview,
  enrolPartner,
  previewBundle,
  type BundlePreview,
  type BundleSenderIdentity,
  type IdentityCard,
  type ImportReport,
  type Progress,
  type SyncContext,
} from './service';
import { momentWords, plural, refusedDropWords, roleWords, sizeWords } from './sync-words';
import type { NodeNames } from './use-sync';

export type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string; progress?: Progress }
  | { kind: 'unknown-sender'; file: OpenedFile; sender: BundleSenderIdentity; reason: 'not-enrolled' | 'key-mismatch' }
  | { kind: 'preview'; file: OpenedFile; preview: BundlePreview }
  | { kind: 'applying'; preview: BundlePreview; progress?: Progress }
  | { kind: 'done'; report: ImportReport }
  | { kind: 'refused'; fileName: string; message: string };

const STAGE_ANNOUNCEMENTS: Record<Progress['stage'], string> = {
  reading: 'Reading the file…',
  checking: 'Checking every signature…',
  merging: 'Working out the changes…',
  writing: 'Saving the changes…',
};

function trustWords(source: BundlePreview['sender']['source']): string {
  if (source === 'self') return 'This copy’s own bundle.';
  if (source === 'register') return 'Trusted: on the consortium’s list of enrolled copies, kept by its Secretariat and Accountable Body.';
  return 'Trusted: enrolled on this copy after comparing fingerprints.';
}

function recipientWords(preview: BundlePreview): string {
  if (preview.recipient.node === null) return 'Everyone: everything this copy holds, for a new partner';
  return preview.recipient.forThisCopy ? 'This copy' : 'Another copy (its changes can still be imported here)';
}

export function ImportFlow({
  ctx,
  nodeNames,
  mode = 'sync',
  onImported,
  incoming,
  incomingRefused,
  onIncomingTaken,
}: {
  ctx: SyncContext;
  nodeNames: NodeNames;
  /** 'join': a fresh copy opening the secretariat's first bundle, on the set-up screen. */
  mode?: 'sync' | 'join';
  onImported?: (report: ImportReport) => void;
  /** A file handed over from elsewhere in the app (the shell routing a file the OS opened); opened at once. */
  incoming?: OpenedFile;
  /** Files dropped on the window that were not opened (not bundles, or too large), handed over the same way. */
  incomingRefused?: RefusedDrop[];
  onIncomingTaken?: () => void;
}) {
  const platform = usePlatform();
  const { citeInText } = useCitation();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [note, setNote] = useState('');
  /** Why the files last dropped were not opened; shown until the next file is opened or dropped. */
  const [dropRefusal, setDropRefusal] = useState('');
  const dropRefusalLine = useRef<HTMLParagraphElement>(null);
  const ticket = useRef(0);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const busy = step.kind === 'reading' || step.kind === 'applying';

  // A preview not accepted is let go (its import worker stopped) when another takes its place or the screen closes.
  const shown = useRef<BundlePreview | null>(null);
  const letGo = useCallback(() => {
    if (shown.current) discardPreview(shown.current);
    shown.current = null;
  }, []);
  useEffect(() => letGo, [letGo]);

  const open = useCallback(
    async (file: OpenedFile) => {
      const mine = ++ticket.current;
      letGo();
      setNote('');
      setDropRefusal('');
      setStep({ kind: 'reading', fileName: file.name });
      const onProgress = (progress: Progress) => {
        if (ticket.current === mine) setStep({ kind: 'reading', fileName: file.name, progress });
      };
      try {
        const preview = await previewBundle(ctx, file.bytes, file.name, { onProgress });
        if (ticket.current !== mine) {
          discardPreview(preview);
          return;
        }
        shown.current = preview;
        setStep({ kind: 'preview', file, preview });
      } catch (error) {
        if (ticket.current !== mine) return;
        const outcome = refusalOutcome(error);
        if (outcome.kind === 'unknown-sender') setStep({ kind: 'unknown-sender', file, sender: outcome.sender, reason: outcome.reason });
        else setStep({ kind: 'refused', fileName: file.name, message: outcome.message });
      }
    },
    [ctx, letGo],
  );

  // A file arriving while an import is being written waits for the person to open it again.
  const stepRef = useRef(step);
  useEffect(() => {
    stepRef.current = step;
  }, [step]);
  const arrived = useCallback(
    (file: OpenedFile) => {
      if (stepRef.current.kind === 'applying') setNote(`Still importing: open ${file.name} again when this import has finished.`);
      else void open(file);
    },
    [open],
  );

  // Nothing else happens: a preview or report on screen stays, and the file is never read.
  const refused = useCallback((drops: RefusedDrop[]) => setDropRefusal(refusedDropWords(drops)), []);
  useEffect(() => {
    if (dropRefusal) dropRefusalLine.current?.scrollIntoView?.({ block: 'nearest' });
  }, [dropRefusal]);

  // On the set-up screen there is no shell to route files: dropped or OS-opened bundles come straight here.
  useEffect(() => (mode === 'join' ? platform.onBundleOpened(arrived) : undefined), [mode, platform, arrived]);
  useEffect(() => (mode === 'join' ? onRefusedDrops(refused) : undefined), [mode, refused]);

  useEffect(() => {
    if (!incoming && !incomingRefused) return;
    // After this render, so it is taken once even when React runs the effect twice.
    const soon = setTimeout(() => {
      if (incomingRefused) refused(incomingRefused);
      if (incoming) arrived(incoming);
      onIncomingTaken?.();
    }, 0);
    return () => clearTimeout(soon);
  }, [incoming, incomingRefused, arrived, refused, onIncomingTaken]);

  // Each new step's heading takes focus, so the person starts reading from it.
  useEffect(() => {
    if (step.kind === 'unknown-sender' || step.kind === 'preview' || step.kind === 'done' || step.kind === 'refused') {
      stepHeading.current?.focus();
    }
  }, [step.kind]);

  const chooseFile = async () => {
    setNote('');
    setDropRefusal('');
    try {
      const [file] = await platform.openFiles({ extensions: ['quorum', 'json'], description: 'Quorum bundle', multiple: false });
      if (file) await open(file);
    } catch (error) {
      // The platform's own refusals (a file too large to open) are already in plain words.
      setStep({ kind: 'refused', fileName: 'The file', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const enrol = async (file: OpenedFile, card: IdentityCard) => {
    await enrolPartner(ctx, card);
    await open(file);
    setNote(`Enrolled ${card.name}.`);
  };

  const accept = async (preview: BundlePreview) => {
    const mine = ++ticket.current;
    shown.current = null; // The apply stops its own worker.
    setStep({ kind: 'applying', preview });
    try {
      const report = await applyBundle(ctx, preview, {
        onProgress: (progress) => {
          if (ticket.current === mine) setStep({ kind: 'applying', preview, progress });
        },
      });
      setStep({ kind: 'done', report });
      onImported?.(report);
    } catch (error) {
      setStep({ kind: 'refused', fileName: preview.fileName, message: refusalOutcome(error).message });
    }
  };

  const cancel = (fileName: string) => {
    ticket.current++;
    letGo();
    setStep({ kind: 'idle' });
    setNote(`Cancelled: nothing was imported from ${fileName}.`);
    openButton.current?.focus();
  };

  const dismiss = () => {
    setStep({ kind: 'idle' });
    setNote('');
    openButton.current?.focus();
  };

  const announcement =
    step.kind === 'reading'
      ? `Opening ${step.fileName}. ${step.progress ? STAGE_ANNOUNCEMENTS[step.progress.stage] : ''}`
      : step.kind === 'applying'
        ? `Importing ${step.preview.fileName}. ${step.progress ? STAGE_ANNOUNCEMENTS[step.progress.stage] : ''}`
        : step.kind === 'preview'
          ? `Preview of ${step.preview.fileName} ready. Nothing has been imported yet.`
          : step.kind === 'done'
            ? `Imported ${plural(step.report.applied.changes, 'change')} from ${step.report.sender.name}.`
            : note;

  const join = mode === 'join';
  return (
    <section className="sync-section" aria-labelledby="open-bundle-title">
      <h2 id="open-bundle-title" className="section-title">
        {join ? 'Join a consortium that already uses Quorum' : 'Open a bundle from a partner'}
      </h2>
      {join ? (
        <p className="section-intro">
          Ask the consortium’s secretariat to save a bundle with “Save everything for a new partner” and send it to you. Open it here: you will
          compare the secretariat’s fingerprint with them by telephone and see what the bundle holds before anything is imported. Afterwards,
          choose this computer’s organisation in Settings; its role in the consortium is granted by the secretariat and arrives in a bundle.
        </p>
      ) : (
        <p className="section-intro">
          Open a .quorum or .quorum.json file a partner sent you, or drop it on this window. You will see what it changes before anything is
          imported.
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button--primary" ref={openButton} onClick={chooseFile} disabled={busy}>
          {join ? 'Open the secretariat’s bundle…' : 'Open a bundle…'}
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {note && step.kind !== 'reading' && step.kind !== 'applying' && <p className="status-line">{note}</p>}
      <p className="sync-drop-refusal" role="alert" ref={dropRefusalLine}>
        {dropRefusal}
      </p>

      {step.kind === 'reading' && <ProgressLine label={`Opening ${step.fileName}`} progress={step.progress} />}

      {step.kind === 'unknown-sender' && (
        <EnrolSender
          key={`${step.sender.node}/${step.file.name}`}
          sender={step.sender}
          reason={step.reason}
          fileName={step.file.name}
          headingRef={stepHeading}
          onEnrol={(card) => enrol(step.file, card)}
          onCancel={() => cancel(step.file.name)}
        />
      )}

      {(step.kind === 'preview' || step.kind === 'applying') && (
        <section className="sync-step panel" aria-labelledby="preview-title">
          <h3 id="preview-title" className="panel-title" tabIndex={-1} ref={stepHeading}>
            Preview of <FileName name={step.preview.fileName} />
          </h3>
          <p>Nothing has been imported yet. Check what will change, then accept or cancel.</p>
          <PreviewFacts preview={step.preview} />
          <ImportDetails report={step.preview.report} tense="will" nodeNames={nodeNames} headingLevel={4} nothingNew={step.preview.nothingNew} />
          {step.kind === 'applying' ? (
            <ProgressLine label={`Importing ${step.preview.fileName}`} progress={step.progress} />
          ) : (
            <div className="form-actions">
              <button type="button" className="button button--primary" onClick={() => accept(step.preview)}>
                Accept and import
              </button>
              <button type="button" className="button button--secondary" onClick={() => cancel(step.preview.fileName)}>
                Cancel
              </button>
            </div>
          )}
        </section>
      )}

      {step.kind === 'done' && (
        <section className="sync-step panel panel--done" aria-labelledby="report-title">
          <h3 id="report-title" className="panel-title" tabIndex={-1} ref={stepHeading}>
            Imported <FileName name={step.report.fileName} />
          </h3>
          <p>
            From {step.report.sender.name}, {momentWords(step.report.importedAt)}. The report is also kept in the import history.
          </p>
          <ImportDetails report={step.report} tense="did" nodeNames={nodeNames} headingLevel={4} />
          {step.report.conflictCount > 0 && !join && <p>Decide each conflict under “Conflicts waiting for review”.</p>}
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={dismiss}>
              Done
            </button>
          </div>
        </section>
      )}

      {step.kind === 'refused' && (
        <div className="sync-step sync-refusal" role="alert" aria-labelledby="refusal-title">
          <h3 id="refusal-title" className="panel-title" tabIndex={-1} ref={stepHeading}>
            <FileName name={step.fileName} /> was not imported
          </h3>
          <p className="sync-refusal-message">{citeInText(step.message)}</p>
          <p>Nothing on this copy has changed.</p>
          <button type="button" className="button button--secondary" onClick={dismiss}>
            Close
          </button>
        </div>
      )}
    </section>
  );
}

function PreviewFacts({ preview }: { preview: BundlePreview }) {
  const { sender } = preview;
  const forwarded = preview.origins.filter((o) => o.node !== sender.node);
  return (
    <dl className="facts">
      <dt>From</dt>
      <dd>
        {sender.enrolledName || sender.name} <span className="muted">({roleWords(sender.role)})</span>
        {sender.enrolledName && sender.enrolledName !== sender.name && <span className="muted"> — calls itself {sender.name}</span>}
      </dd>
      <dt>Fingerprint</dt>
      <dd>
        <Fingerprint value={sender.fingerprint} />
      </dd>
      <dt>Trust</dt>
      <dd>{trustWords(sender.source)}</dd>
      <dt>Made</dt>
      <dd>{momentWords(preview.createdAt)}</dd>
      <dt>For</dt>
      <dd>{recipientWords(preview)}</dd>
      <dt>File</dt>
      <dd>
        {sizeWords(preview.sizeBytes)}, {preview.compressed ? 'compressed (.quorum)' : 'readable (.quorum.json)'}
      </dd>
      {forwarded.length > 0 && (
        <>
          <dt>Also carries</dt>
          <dd>
            <ul className="sync-plain-list">
              {forwarded.map((o) => (
                <li key={o.node}>
                  Changes from {o.status === 'self' ? 'this copy' : o.name}: {plural(o.newChanges, 'new change')}
                  {o.alreadyHad > 0 ? `, ${o.alreadyHad} already here` : ''}
                  {o.heldBack > 0 ? `, ${o.heldBack} held back` : ''}
                  {o.status === 'unknown' && ' (not enrolled here: set aside)'}
                  {o.status === 'revoked' && ' (key revoked: set aside)'}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {preview.previouslyImportedAt && (
        <>
          <dt>Imported before</dt>
          <dd>{momentWords(preview.previouslyImportedAt)}: only what is new since then will be applied.</dd>
        </>
      )}
    </dl>
  );
}
