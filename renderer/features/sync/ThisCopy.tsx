/**
 * "This copy": who this installation is to its partners (organisation and
 * role) and its key fingerprint in groups of digits, to read aloud when a
 * partner enrols it; and the bundle a new partner starts from ("everything"),
 * whose header carries this identity. The copy's technical id, which no
 * partner needs, waits in a disclosure for technical support.
 */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useInstallation } from '../../db/store-context';
import { useThisCopyRole } from '../../app/use-roles';
import { officesLabel } from './roles-words';
import { Fingerprint } from './Fingerprint';
import type { IdentityCard, SyncContext } from './service';
import { useSaveBundle } from './use-save-bundle';

export function ThisCopy({ ctx, identity }: { ctx: SyncContext; identity: (IdentityCard & { fingerprint: string }) | undefined }) {
  const installation = useInstallation();
  const { state, save } = useSaveBundle(ctx);
  const [readable, setReadable] = useState(false);
  const readableId = useId();
  // Its role is the one the consortium granted it (Roles in the consortium, below), never chosen here.
  const granted = useThisCopyRole();
  const unnamed = !installation.organisationId;
  return (
    <section className="sync-section" aria-labelledby="this-copy-title">
      <h2 id="this-copy-title" className="section-title">
        This copy
      </h2>
      <div className="sync-identity panel">
        <dl className="facts">
          <dt>Organisation</dt>
          <dd>{identity?.name ?? '…'}</dd>
          <dt>Role</dt>
          <dd>{granted ? officesLabel(granted.offices) : '…'}</dd>
          <dt>Fingerprint</dt>
          <dd>
            <Fingerprint value={identity?.fingerprint} large />
          </dd>
        </dl>
        <p className="muted">When a partner enrols this copy, read this fingerprint out to them, group by group, by telephone or in person.</p>
        <details className="sync-support">
          <summary>For technical support</summary>
          <p>
            This copy’s identity: <code>{installation.nodeId}</code>. Partners never need it; give it to technical support if they ask which
            copy this is.
          </p>
        </details>
        {unnamed && (
          <p className="sync-warning">
            Choose this computer’s organisation in <Link to="/settings">Settings</Link> before sending bundles: partners see the
            organisation’s name on every bundle.
          </p>
        )}
      </div>
      <h3 className="sync-subheading">A new partner</h3>
      <p>
        A partner joining the consortium starts from everything this copy holds. The bundle also carries this copy’s identity: they compare its
        fingerprint with you before importing it, and enrol this copy.
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={state.busy !== null}
          onClick={() => save('everything', { node: null, name: 'a new partner' }, !readable)}
        >
          {state.busy ? 'Saving…' : 'Save everything for a new partner'}
        </button>
        <span className="field--checkbox sync-readable">
          <input id={readableId} type="checkbox" className="checkbox" checked={readable} onChange={(e) => setReadable(e.target.checked)} />
          <label htmlFor={readableId}>Readable file (.quorum.json)</label>
        </span>
      </div>
      <p className={`status-line${state.failed ? ' sync-failed' : ''}`} role="status">
        {state.message}
      </p>
    </section>
  );
}
