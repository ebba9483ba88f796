/**
 * The partners this copy exchanges bundles with: name and role, trust, key
 * fingerprint, what each has acknowledged receiving, and when the last bundle
 * went each way; with "Save a bundle" (what that partner has not yet
 * acknowledged) and "Revoke" (after a confirmation dialog) for each.
 */
import { useId, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import { Fingerprint } from './Fingerprint';
import { RevokeDialog } from './RevokeDialog';
import { revokePartner, type PartnerView, type SyncContext } from './service';
import { dateWords, momentWords, nodeWords, roleWords } from './sync-words';
import type { NodeNames } from './use-sync';
import { useSaveBundle } from './use-save-bundle';

function Received({ partner, nodeNames }: { partner: PartnerView; nodeNames: NodeNames }) {
  if (!partner.lastReceived) return <span className="muted">Not known until a bundle comes from them</span>;
  const ours = partner.acknowledged[nodeNames.self] ?? 0;
  const waiting = partner.ourChangesNotAcknowledged;
  const others = Object.entries(partner.acknowledged).filter(([node]) => node !== nodeNames.self && node !== partner.node);
  return (
    <>
      <div>
        {waiting === 0
          ? 'All of this copy’s changes'
          : ours === 0
            ? `None of this copy’s changes yet; ${waiting} not yet confirmed`
            : `This copy’s changes up to no. ${ours}; ${waiting} more not yet confirmed`}
      </div>
      {others.map(([node, seq]) => (
        <div key={node} className="muted cell-secondary">
          {nodeWords(node, nodeNames.self, nodeNames.names)}: up to no. {seq}
        </div>
      ))}
    </>
  );
}

export function PartnersTable({ ctx, partners, nodeNames }: { ctx: SyncContext; partners: PartnerView[] | undefined; nodeNames: NodeNames }) {
  const { state, save } = useSaveBundle(ctx);
  // Each copy's member organisation, when it was linked at enrolment: its name leads to the organisation's page.
  const linked = useLiveQuery(async () => {
    const ids = [...new Set((partners ?? []).map((p) => p.organisationId).filter(Boolean))];
    const rows = await ctx.db.organisations.bulkGet(ids);
    return new Map(rows.flatMap((row) => (row && !row.deleted ? [[row.id, row.name] as const] : [])));
  }, [ctx.db, partners]);
  const [readable, setReadable] = useState(false);
  const [revoking, setRevoking] = useState<PartnerView | null>(null);
  const [revoked, setRevoked] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const readableId = useId();

  return (
    <section className="sync-section" aria-labelledby="partners-title">
      <h2 id="partners-title" className="section-title" tabIndex={-1} ref={heading}>
        Partners
      </h2>
      {partners === undefined ? null : partners.length === 0 ? (
        <div className="empty-state">
          <p>
            No partners are enrolled yet. To enrol one, open a bundle they saved for you: Quorum shows their fingerprint to compare with them by
            telephone before anything is imported. A partner who is new to Quorum starts from “Save everything for a new partner”, under “This
            copy”.
          </p>
        </div>
      ) : (
        <>
          <div className="field--checkbox sync-readable">
            <input id={readableId} type="checkbox" className="checkbox" checked={readable} onChange={(e) => setReadable(e.target.checked)} />
            <label htmlFor={readableId}>Save readable files (.quorum.json) instead of compressed .quorum files</label>
          </div>
          <div className="table-wrap">
            <table className="table table--partners">
              <caption className="visually-hidden">Enrolled partners</caption>
              <colgroup>
                <col className="col-partner" />
                <col className="col-trust" />
                <col className="col-fingerprint" />
                <col className="col-received" />
                <col className="col-last" />
                <col className="col-actions" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">Partner</th>
                  <th scope="col">Trust</th>
                  <th scope="col">Fingerprint</th>
                  <th scope="col">Has received</th>
                  <th scope="col">Last bundle</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {partners.map((partner) => (
                  <tr key={partner.node}>
                    <th scope="row">
                      <div>{linked?.has(partner.organisationId) ? <Link to={`/members/${partner.organisationId}`}>{partner.name}</Link> : partner.name}</div>
                      <div className="muted cell-secondary">
                        {roleWords(partner.role)}
                        {linked?.has(partner.organisationId) && linked.get(partner.organisationId) !== partner.name ? ` · ${linked.get(partner.organisationId)}` : ''}
                      </div>
                    </th>
                    <td>
                      <span className={`tag tag--${partner.trust}`}>{partner.trust === 'trusted' ? 'Trusted' : 'Revoked'}</span>
                      <div className="muted cell-secondary">
                        {partner.source === 'register' ? 'On the consortium’s list' : 'Enrolled on this copy'}
                        {partner.enrolledAt ? ` since ${dateWords(partner.enrolledAt)}` : ''}
                      </div>
                    </td>
                    <td>
                      <Fingerprint value={partner.fingerprint} />
                    </td>
                    <td>
                      <Received partner={partner} nodeNames={nodeNames} />
                    </td>
                    <td>
                      <div>
                        <span className="muted">Received</span> {partner.lastReceived ? momentWords(partner.lastReceived.at) : 'none yet'}
                      </div>
                      <div>
                        <span className="muted">Sent</span> {partner.lastSent ? momentWords(partner.lastSent.at) : 'none yet'}
                      </div>
                    </td>
                    <td>
                      {partner.trust === 'trusted' ? (
                        <div className="sync-row-actions">
                          <button
                            type="button"
                            className="button button--secondary"
                            disabled={state.busy !== null}
                            onClick={() => {
                              setRevoked('');
                              void save(partner.node, { node: partner.node, name: partner.name }, !readable);
                            }}
                          >
                            {state.busy === partner.node ? 'Saving…' : 'Save a bundle'}
                            <span className="visually-hidden"> for {partner.name}</span>
                          </button>
                          <button type="button" className="button button--quiet" onClick={() => setRevoking(partner)}>
                            Revoke<span className="visually-hidden"> {partner.name}’s key</span>
                          </button>
                        </div>
                      ) : (
                        <span className="muted">No bundles: key revoked</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p className={`status-line${state.failed ? ' sync-failed' : ''}`} role="status">
        {revoked || state.message}
      </p>
      <RevokeDialog
        partner={revoking}
        onClose={() => setRevoking(null)}
        onRevoke={async (partner) => {
          await revokePartner(ctx, partner.node);
          setRevoking(null);
          setRevoked(`Revoked ${partner.name}’s key: bundles signed with it are refused from now on.`);
          heading.current?.focus();
        }}
      />
    </section>
  );
}
