/**
 * Runs in the sandboxed preload of Quorum's window: exposes window.quorum (see
 * bridge.ts) through contextBridge and nothing else. Bundled into
 * dist-electron/preload.cjs; a sandboxed preload may require only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createQuorumBridge } from './bridge';

contextBridge.exposeInMainWorld('quorum', createQuorumBridge(ipcRenderer));
