/**
 * Guarding a form that has changes not yet saved. Going to another page (a link,
 * the navigation, Back, or a bundle dropped on the window that the shell takes to
 * the Sync page) first asks "Leave without saving?", with Stay focused so Enter
 * alone never throws work away. Closing or reloading the window asks too: the
 * browser's own prompt, and in Electron the main process's dialog
 * (electron/unsaved-changes.ts answers the page's beforeunload).
 *
 * A form calls `allowLeaving()` just before it navigates away after a successful
 * save, since the form still counts as changed at that moment.
 */
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useBlocker } from 'react-router';
import './dialog.css';

export function useUnsavedChanges(changed: boolean): { prompt: ReactNode; allowLeaving: () => void } {
  const allowed = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => changed && !allowed.current && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    if (!changed) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (allowed.current) return;
      event.preventDefault();
      // Older Chromium (and Electron's will-prevent-unload) need returnValue set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [changed]);

  const allowLeaving = useCallback(() => {
    allowed.current = true;
  }, []);

  const prompt = (
    <ModalOverlay
      className="modal-overlay"
      isOpen={blocker.state === 'blocked'}
      isDismissable
      onOpenChange={(open) => {
        if (!open && blocker.state === 'blocked') blocker.reset();
      }}
    >
      <Modal className="modal">
        <Dialog role="alertdialog" className="dialog">
          <Heading slot="title" className="dialog-title">
            Leave without saving?
          </Heading>
          <p>You have changed this page and not saved it. If you leave now, those changes are lost.</p>
          <div className="form-actions">
            <Button className="button button--secondary" autoFocus onPress={() => blocker.state === 'blocked' && blocker.reset()}>
              Stay on this page
            </Button>
            <Button className="button button--danger" onPress={() => blocker.state === 'blocked' && blocker.proceed()}>
              Leave without saving
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
  return { prompt, allowLeaving };
}
