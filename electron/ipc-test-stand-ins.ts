/**
 * Stand-ins for Electron's ipcMain and invoke events, shared by the IPC tests.
 * Like Electron, invoking a channel nobody handles rejects.
 */
import type { InvokeEvent, InvokeRegistrar } from './ipc-gate';
import type { PdfPrinter } from './file-channels';

export interface StandInEvent extends InvokeEvent {
  readonly sender: PdfPrinter & { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export class StandInIpcMain implements InvokeRegistrar<StandInEvent> {
  readonly handlers = new Map<string, (event: StandInEvent, ...args: unknown[]) => unknown>();

  handle(channel: string, listener: (event: StandInEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  async invoke(channel: string, event: StandInEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export function standInWebContents(id: number, pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46])): StandInEvent['sender'] & { printed: unknown[] } {
  const printed: unknown[] = [];
  return {
    id,
    printed,
    printToPDF: async (options) => {
      printed.push(options);
      return pdf;
    },
  };
}

export function eventFrom(sender: StandInEvent['sender'], url = 'app://quorum/index.html', parent: unknown = null): StandInEvent {
  return { sender, senderFrame: { url, parent } };
}
