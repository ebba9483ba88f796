import { describe, expect, it, vi } from 'vitest';
import { bridgeMethodFor, INVOKE_CHANNELS, ipcContract, type BundleOpened, type InvokeChannel } from '../shared/ipc';
import { createQuorumBridge, type BridgeIpcRenderer } from './bridge';

function standInIpcRenderer() {
  let bundleListener: ((event: unknown, bundle: BundleOpened) => void) | null = null;
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string) => `answer from ${channel}`),
    on: vi.fn((_channel: 'bundle-opened', listener: (event: unknown, bundle: BundleOpened) => void) => {
      bundleListener = listener;
    }),
    send: vi.fn(),
    sendSync: vi.fn(),
  } satisfies BridgeIpcRenderer & Record<string, unknown>;
  const mainSends = (bundle: BundleOpened) => bundleListener?.({ sender: ipcRenderer, ports: [] }, bundle);
  return { ipcRenderer, mainSends };
}

const bundle = (name: string): BundleOpened => ({ name, bytes: new Uint8Array([1]) });

describe('window.quorum', () => {
  it('offers one function per allowlisted channel and the bundle subscription, nothing more', () => {
    const bridge = createQuorumBridge(standInIpcRenderer().ipcRenderer);
    expect(Object.keys(bridge).sort()).toEqual([...Object.values(bridgeMethodFor), 'onBundleOpened'].sort());
    expect(Object.keys(bridgeMethodFor).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('does not hand out ipcRenderer or any of its methods', () => {
    const { ipcRenderer } = standInIpcRenderer();
    const bridge = createQuorumBridge(ipcRenderer);
    for (const value of Object.values(bridge)) {
      expect([ipcRenderer, ipcRenderer.invoke, ipcRenderer.send, ipcRenderer.sendSync, ipcRenderer.on]).not.toContain(value);
    }
  });

  it.each(Object.entries(bridgeMethodFor))('sends %s on its own channel with exactly one request', async (channel, method) => {
    const { ipcRenderer } = standInIpcRenderer();
    const bridge = createQuorumBridge(ipcRenderer);
    // Channels whose request is `undefined` (app-version, the folder's choose, forget and list) send none.
    const request = ipcContract[channel as InvokeChannel].request.safeParse(undefined).success ? undefined : { probe: channel };
    const call = bridge[method] as (...args: unknown[]) => Promise<unknown>;
    await expect(call(request, 'smuggled second argument')).resolves.toBe(`answer from ${channel}`);
    expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(channel, ...(request === undefined ? [] : [request]));
  });

  it('hands a listener the bundle only, never Electron’s event', () => {
    const { ipcRenderer, mainSends } = standInIpcRenderer();
    const bridge = createQuorumBridge(ipcRenderer);
    const listener = vi.fn();
    bridge.onBundleOpened(listener);
    mainSends(bundle('from-luton.quorum'));
    expect(listener).toHaveBeenCalledExactlyOnceWith(bundle('from-luton.quorum'));
  });

  it('keeps a bundle that arrives before anyone listens for the first listener', () => {
    const { ipcRenderer, mainSends } = standInIpcRenderer();
    const bridge = createQuorumBridge(ipcRenderer);
    mainSends(bundle('double-clicked.quorum'));
    const first = vi.fn();
    const second = vi.fn();
    bridge.onBundleOpened(first);
    bridge.onBundleOpened(second);
    expect(first).toHaveBeenCalledExactlyOnceWith(bundle('double-clicked.quorum'));
    expect(second).not.toHaveBeenCalled();
  });

  it('stops delivering after unsubscribing', () => {
    const { ipcRenderer, mainSends } = standInIpcRenderer();
    const bridge = createQuorumBridge(ipcRenderer);
    const listener = vi.fn();
    const unsubscribe = bridge.onBundleOpened(listener);
    unsubscribe();
    bridge.onBundleOpened(vi.fn());
    mainSends(bundle('later.quorum'));
    expect(listener).not.toHaveBeenCalled();
  });
});
