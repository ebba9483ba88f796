import { describe, expect, it, vi } from 'vitest';
import type { QuorumBridge } from '../../shared/ipc';
import { choosePlatform } from './index';

const host = (quorum?: QuorumBridge) => ({ quorum, addEventListener: vi.fn(), removeEventListener: vi.fn() }) as unknown as Window;

describe('choosing the platform at start-up', () => {
  it('uses Electron’s when the preload provided window.quorum', async () => {
    const bridge = { appVersion: vi.fn(async () => '9.9.9') } as unknown as QuorumBridge;
    const platform = choosePlatform(host(bridge));
    expect(platform.kind).toBe('electron');
    await expect(platform.appVersion()).resolves.toBe('9.9.9');
  });

  it('uses the browser’s otherwise', () => {
    expect(choosePlatform(host()).kind).toBe('browser');
  });
});
