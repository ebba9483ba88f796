/**
 * The partners this copy exchanges bundles with: name and role, trust, key
 * fingerprint, what each has said it received (placed in time by when the
 * changes were made, never by their numbers), and when the last bundle went
 * each way; with "Save a bundle" (what that partner has not yet
 * acknowledged) and "Revoke" (after a confirmation dialog) for each.
 */
import { useId, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import { Fingerprint } from './Fingerprint';
import { RevokeDialog } from './RevokeDialog';
import { changeKey, changeMoments, revokePartner, type PartnerView, type SyncContext } from './service';
import { dateWords, momentWords, nodeWords, receiptWords, roleWords, thirdCopyReceiptWords } from './sync-words';
import type { NodeNames } from './use-sync';
import { useSaveBundle } from './use-save-bundle';

/** The changes whose moments the "Has received" column needs: the last of this copy's each partner holds, this copy's latest, and the last each holds of a third copy. */
function momentsWanted(partners: PartnerView[], self: string): Array<{ node: string; seq: number }> {
  return partners.flatMap((partner) => {
    const ours = partner.acknowledged[self] ?? 0;
    return [
      { node: self, seq: ours },
      { node: self, seq: ours + partner.ourChangesNotAcknowledged },
      ...Object.entries(partner.acknowledged)
        .filter(([node]) => node !== self && node !== partner.node)
        .map(([node, seq]) => ({ node, seq })),
    ];
  });
}

function Received({ partner, nodeNames, moments }: { partner: PartnerView; nodeNames: NodeNames; moments: ReadonlyMap<string, string> | undefined }) {
  if (!partner.lastReceived) return <span className="muted">Not known until a bundle comes from them</span>;
  // Said only once the moments are read, so the sentence does not change under the reader.
  if (!moments) return <span className="muted">…</span>;
  const self = nodeNames.self;
  const ours = partner.acknowledged[self] ?? 0;
  const waiting = partner.ourChangesNotAcknowledged;
  const others = Object.entries(partner.acknowledged).filter(([node]) => node !== self && node !== partner.node);
  return (
    <>
      <div>
        {receiptWords({
          partnerName: partner.name,
          confirmed: ours,
          waiting,
          confirmedUpTo: moments.get(changeKey(self, ours)),
          latestChange: moments.get(changeKey(self, ours + waiting)),
          lastSent: partner.lastSent?.at,
        })}
      </div>
      {others.map(([node, seq]) => (
        <div key={node} className="muted cell-secondary">
          {thirdCopyReceiptWords(nodeWords(node, self, nodeNames.names), moments.get(changeKey(node, seq)))}
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
  // When the changes each partner holds were made, to say "up to 3 December 2026 at 14:05" rather than a number.
  const moments = useLiveQuery(() => changeMoments(ctx, momentsWanted(partners ?? [], nodeNames.self)), [ctx, partners, nodeNames.self]);
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
                      <Received partner={partner} nodeNames={nodeNames} moments={moments} />
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
