/**
 * The one way main answers the renderer: every ipcMain handler is registered here,
 * and every request passes three checks before the handler sees it.
 *
 *   1. the channel is on the allowlist in shared/ipc.ts (anything else cannot even
 *      be registered, so invoking it finds no handler);
 *   2. the sender is Quorum's own window: the top frame of the main window's web
 *      contents, showing a page from app://quorum;
 *   3. the arguments are exactly one value that passes the channel's zod schema.
 *
 * A request that fails a check is refused with an Error saying which channel and
 * why, and the handler is not called, so nothing changes. The handler's answer is
 * checked against the channel's result schema too, so the contract holds both ways.
 */
import type { z } from 'zod';
import { APP_ORIGIN, originOf } from './app-origin';
import { INVOKE_CHANNELS, ipcContract, isInvokeChannel, type InvokeChannel, type RequestOf, type ResultOf } from '../shared/ipc';

export class UnlistedChannelError extends Error {
  override name = 'UnlistedChannelError';
}
export class UntrustedSenderError extends Error {
  override name = 'UntrustedSenderError';
}
export class MalformedRequestError extends Error {
  override name = 'MalformedRequestError';
}
export class MalformedAnswerError extends Error {
  override name = 'MalformedAnswerError';
}

/** The parts of Electron's IpcMainInvokeEvent the gate looks at. */
export interface InvokeEvent {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface InvokeRegistrar<E extends InvokeEvent> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- matches ipcMain.handle's own signature
  handle(channel: string, listener: (event: E, ...args: any[]) => unknown): void;
}

export type ChannelHandler<C extends InvokeChannel, E extends InvokeEvent> = (request: RequestOf<C>, event: E) => Promise<ResultOf<C>>;
export type ChannelHandlers<E extends InvokeEvent> = { [C in InvokeChannel]: ChannelHandler<C, E> };

/** Returns why a sender is refused, or null when it is Quorum's own window. */
export type SenderCheck = (event: InvokeEvent) => string | null;

/** Trusts only the top frame of the main window's web contents, showing app://quorum. */
export function senderIsMainWindow(mainWebContents: () => unknown): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (frame === null) return 'the sending page has gone';
    if (originOf(frame.url) !== APP_ORIGIN) return `the sending page is not Quorum’s own (${originOf(frame.url) ?? 'no origin'})`;
    if (frame.parent !== null && frame.parent !== undefined) return 'the sender is a frame inside the page';
    const main = mainWebContents();
    if (main === null || main === undefined || event.sender !== main) return 'the sender is not Quorum’s main window';
    return null;
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

export function registerInvokeHandler<C extends InvokeChannel, E extends InvokeEvent>(
  ipcMain: InvokeRegistrar<E>,
  channel: C,
  handler: ChannelHandler<C, E>,
  checkSender: SenderCheck,
): void {
  if (!isInvokeChannel(channel)) {
    throw new UnlistedChannelError(`Quorum will not answer “${String(channel)}”: it is not one of ${INVOKE_CHANNELS.join(', ')}.`);
  }
  const contract = ipcContract[channel];
  ipcMain.handle(channel, async (event: E, ...args: unknown[]) => {
    const refusedSender = checkSender(event);
    if (refusedSender !== null) throw new UntrustedSenderError(`Quorum refused a request on ${channel}: ${refusedSender}.`);
    if (args.length > 1) {
      throw new MalformedRequestError(`Quorum refused a malformed request on ${channel}: expected one argument, got ${args.length}.`);
    }
    const parsed = contract.request.safeParse(args[0]);
    if (!parsed.success) throw new MalformedRequestError(`Quorum refused a malformed request on ${channel}: ${describeIssues(parsed.error)}.`);
    const answer = await handler(parsed.data as RequestOf<C>, event);
    const checked = contract.result.safeParse(answer);
    if (!checked.success) throw new MalformedAnswerError(`Quorum produced a malformed answer on ${channel}: ${describeIssues(checked.error)}.`);
    return checked.data;
  });
}

/** Registers a handler for every allowlisted channel (the type makes a missing one a compile error). */
export function registerChannels<E extends InvokeEvent>(ipcMain: InvokeRegistrar<E>, handlers: ChannelHandlers<E>, checkSender: SenderCheck): void {
  for (const channel of INVOKE_CHANNELS) {
    registerInvokeHandler(ipcMain, channel, handlers[channel] as ChannelHandler<typeof channel, E>, checkSender);
  }
}
