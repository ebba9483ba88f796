import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type InvokeChannel } from '../shared/ipc';
import {
  MalformedAnswerError,
  MalformedRequestError,
  registerChannels,
  registerInvokeHandler,
  senderIsMainWindow,
  UnlistedChannelError,
  UntrustedSenderError,
  type ChannelHandlers,
} from './ipc-gate';
import { eventFrom, StandInIpcMain, standInWebContents, type StandInEvent } from './ipc-test-stand-ins';

const mainContents = standInWebContents(1);
const checkSender = senderIsMainWindow(() => mainContents);
const fromQuorum = eventFrom(mainContents);

function gatedSaveFile() {
  const ipcMain = new StandInIpcMain();
  const saveFile = vi.fn(async () => ({ saved: true as const, location: '/home/sec/to-luton.quorum' }));
  registerInvokeHandler(ipcMain, 'save-file', saveFile, checkSender);
  return { ipcMain, saveFile };
}

const goodSave = { bytes: new Uint8Array([1, 2, 3]), suggestedName: 'to-luton.quorum', description: 'Quorum bundle', extensions: ['quorum'] };

describe('the channel allowlist', () => {
  it('refuses to register a channel that is not on the allowlist', () => {
    const ipcMain = new StandInIpcMain();
    expect(() => registerInvokeHandler(ipcMain, 'run-command' as InvokeChannel, vi.fn(), checkSender)).toThrow(UnlistedChannelError);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers exactly the allowlisted channels, so any other invoke finds no handler', async () => {
    const ipcMain = new StandInIpcMain();
    const handlers = Object.fromEntries(INVOKE_CHANNELS.map((channel) => [channel, vi.fn()])) as unknown as ChannelHandlers<StandInEvent>;
    registerChannels(ipcMain, handlers, checkSender);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    await expect(ipcMain.invoke('shell-open-external', fromQuorum, 'https://example.org')).rejects.toThrow(/No handler/);
  });
});

describe('the sender check', () => {
  it('answers Quorum’s own window', async () => {
    const { ipcMain, saveFile } = gatedSaveFile();
    await expect(ipcMain.invoke('save-file', fromQuorum, goodSave)).resolves.toEqual({ saved: true, location: '/home/sec/to-luton.quorum' });
    expect(saveFile).toHaveBeenCalledOnce();
  });

  it.each([
    ['another web contents', eventFrom(standInWebContents(2))],
    ['a page from another origin', eventFrom(mainContents, 'https://example.org/')],
    ['a page on the app scheme with another host', eventFrom(mainContents, 'app://elsewhere/index.html')],
    ['a frame inside the page', eventFrom(mainContents, 'app://quorum/index.html', { url: 'app://quorum/index.html' })],
    ['a page that has gone', { sender: mainContents, senderFrame: null }],
  ])('refuses %s and does not call the handler', async (_label, event: StandInEvent) => {
    const { ipcMain, saveFile } = gatedSaveFile();
    await expect(ipcMain.invoke('save-file', event, goodSave)).rejects.toThrow(UntrustedSenderError);
    await expect(ipcMain.invoke('save-file', event, goodSave)).rejects.toThrow(/^Quorum refused a request on save-file: /);
    expect(saveFile).not.toHaveBeenCalled();
  });

  it('refuses everyone before the main window exists', async () => {
    const ipcMain = new StandInIpcMain();
    const saveFile = vi.fn();
    registerInvokeHandler(ipcMain, 'save-file', saveFile, senderIsMainWindow(() => null));
    await expect(ipcMain.invoke('save-file', fromQuorum, goodSave)).rejects.toThrow(UntrustedSenderError);
    expect(saveFile).not.toHaveBeenCalled();
  });
});

describe('request validation', () => {
  it.each([
    ['no request at all', []],
    ['bytes given as text', [{ ...goodSave, bytes: 'AQID' }]],
    ['bytes given as a plain array', [{ ...goodSave, bytes: [1, 2, 3] }]],
    ['no suggested name', [{ bytes: goodSave.bytes }]],
    ['a name that climbs out of the folder', [{ ...goodSave, suggestedName: '../../.bashrc' }]],
    ['a name that is a path', [{ ...goodSave, suggestedName: '/etc/cron.d/quorum' }]],
    ['a Windows path', [{ ...goodSave, suggestedName: 'C:\\Windows\\quorum.dll' }]],
    ['an extension with a dot', [{ ...goodSave, extensions: ['.quorum'] }]],
    ['an unknown key', [{ ...goodSave, overwrite: '/home/sec/.ssh/authorized_keys' }]],
    ['two arguments', [goodSave, { force: true }]],
  ])('refuses %s with a clear error and does not call the handler', async (_label, args: unknown[]) => {
    const { ipcMain, saveFile } = gatedSaveFile();
    const attempt = ipcMain.invoke('save-file', fromQuorum, ...args);
    await expect(attempt).rejects.toThrow(MalformedRequestError);
    await expect(ipcMain.invoke('save-file', fromQuorum, ...args)).rejects.toThrow(/^Quorum refused a malformed request on save-file: .+/);
    expect(saveFile).not.toHaveBeenCalled();
  });

  it('names the field that is wrong', async () => {
    const { ipcMain } = gatedSaveFile();
    await expect(ipcMain.invoke('save-file', fromQuorum, { ...goodSave, suggestedName: '../x' })).rejects.toThrow(/suggestedName: the file name must not contain a folder separator/);
  });

  it('refuses an argument to app-version, which takes none', async () => {
    const ipcMain = new StandInIpcMain();
    const appVersion = vi.fn(async () => '0.1.0');
    registerInvokeHandler(ipcMain, 'app-version', appVersion, checkSender);
    await expect(ipcMain.invoke('app-version', fromQuorum)).resolves.toBe('0.1.0');
    await expect(ipcMain.invoke('app-version', fromQuorum, { verbose: true })).rejects.toThrow(/malformed request on app-version/);
    expect(appVersion).toHaveBeenCalledOnce();
  });

  it('hands the handler the validated request', async () => {
    const { ipcMain, saveFile } = gatedSaveFile();
    await ipcMain.invoke('save-file', fromQuorum, goodSave);
    expect(saveFile).toHaveBeenCalledWith(goodSave, fromQuorum);
  });

  it('refuses to pass on an answer that breaks the contract', async () => {
    const ipcMain = new StandInIpcMain();
    const handler = vi.fn(async () => ({ saved: true }) as never);
    registerInvokeHandler(ipcMain, 'save-file', handler, checkSender);
    await expect(ipcMain.invoke('save-file', fromQuorum, goodSave)).rejects.toThrow(MalformedAnswerError);
  });
});
