/**
 * Saving a bundle: the sync service makes it (for one partner, or everything
 * for a new partner), and the Platform saves it (a save dialog in Electron, a
 * download in the browser). The outcome is one plain sentence for a status line.
 */
import { useState } from 'react';
import { usePlatform } from '../../app/platform-context';
import { bundleSaved, exportBundle, type SyncContext } from './service';
import { plural } from './sync-words';
import { flushAllDrafts } from '../../db/drafts';

export interface SaveState {
  /** Which button's save is running, or null. */
  busy: string | null;
  message: string;
  failed: boolean;
}

export function useSaveBundle(ctx: SyncContext) {
  const platform = usePlatform();
  const [state, setState] = useState<SaveState>({ busy: null, message: '', failed: false });

  const save = async (key: string, recipient: { node: string | null; name: string }, compressed: boolean) => {
    setState({ busy: key, message: '', failed: false });
    try {
      await flushAllDrafts(); // text being typed goes in the bundle as a change (renderer/db/drafts.ts)
      const exported = await exportBundle(ctx, { recipientNodeId: recipient.node, compressed });
      const result = await platform.saveFile({
        bytes: exported.bytes,
        suggestedName: exported.suggestedName,
        description: 'Quorum bundle',
        mimeType: compressed ? 'application/gzip' : 'application/json',
      });
      // Only a bundle that was saved counts as sent; the name is the one it was saved under.
      if (result.saved) await bundleSaved(ctx, exported, result.location.split(/[\\/]/).pop() || exported.suggestedName);
      const what = exported.summary.changes > 0 ? plural(exported.summary.changes, 'change') : 'no new changes (it tells them what this copy has received)';
      setState({
        busy: null,
        failed: false,
        message: result.saved ? `Saved ${result.location} for ${recipient.name}: ${what}. Send it to them by email, USB stick or a shared drive.` : 'Not saved: the save was cancelled.',
      });
    } catch (error) {
      setState({ busy: null, failed: true, message: `The bundle could not be saved: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return { state, save };
}
