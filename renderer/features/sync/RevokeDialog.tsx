/**
 * "Revoke <partner>'s key?": an alert dialog (react-aria-components: focus is
 * trapped inside, Escape cancels, focus goes back where it was) that says what
 * revoking does before it is done. Cancel is focused first, so Enter alone
 * never revokes.
 */
import { useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { PartnerView } from './service';
import '../../ui/dialog.css';

export function RevokeDialog({
  partner,
  onRevoke,
  onClose,
}: {
  partner: PartnerView | null;
  /** Revokes; rejects with a plain message when it cannot. */
  onRevoke: (partner: PartnerView) => Promise<void>;
  onClose: () => void;
}) {
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const close = () => {
    setFailure('');
    onClose();
  };
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={partner !== null}
      isDismissable={!busy}
      onOpenChange={(open) => {
        if (!open) close();
      }}
    >
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          {partner && (
            <>
              <Heading slot="title" className="dialog-title">
                Revoke {partner.name}’s key?
              </Heading>
              <p>
                Bundles signed with this key will be refused from now on, and changes from {partner.name} forwarded by other partners will be set
                aside. Nothing already imported is undone.
              </p>
              <p>
                Revoke a key when a computer is lost or stolen, or when a partner leaves. To work with {partner.name} again, enrol their new key
                after comparing fingerprints.
              </p>
              {failure && (
                <p className="field-error" role="alert">
                  {failure}
                </p>
              )}
              <div className="form-actions">
                {/* Cancel takes focus first: revoking must be a deliberate choice. */}
                <Button className="button button--secondary" autoFocus onPress={close} isDisabled={busy}>
                  Cancel
                </Button>
                <Button
                  className="button button--danger"
                  isDisabled={busy}
                  onPress={async () => {
                    setBusy(true);
                    try {
                      await onRevoke(partner);
                      setFailure('');
                    } catch (error) {
                      setFailure(`Not revoked: ${error instanceof Error ? error.message : String(error)}`);
                    } finally {
                      setBusy(false);
                    }
                  }}
                >
                  Revoke the key
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
