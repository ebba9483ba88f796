/** The Platform chosen at start-up (renderer/platform), for the components that save or open files. */
import { createContext, useContext, type ReactNode } from 'react';
import type { Platform } from '../platform/platform';

const PlatformContext = createContext<Platform | null>(null);

export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  return <PlatformContext.Provider value={platform}>{children}</PlatformContext.Provider>;
}

export class NoPlatformError extends Error {
  override name = 'NoPlatformError';
}

export function usePlatform(): Platform {
  const platform = useContext(PlatformContext);
  if (!platform) throw new NoPlatformError('usePlatform was called outside a PlatformProvider');
  return platform;
}
