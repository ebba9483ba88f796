/** The preload's API on window (electron/preload.ts); absent in a plain browser. */
import type { QuorumBridge } from '../../shared/ipc';

declare global {
  interface Window {
    readonly quorum?: QuorumBridge;
  }
}

export {};
