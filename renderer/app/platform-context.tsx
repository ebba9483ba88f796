/** The Platform chosen at start-up (renderer/platform), for the components that save or open files. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Platform } from '../platform/platform';
import { flushAllDrafts } from '../db/drafts';

const PlatformContext = createContext<Platform | null>(null);

/** Printing (or saving a PDF) first saves text being typed as a change, so the page printed is what was typed (renderer/db/drafts.ts). */
function committingDraftsFirst(platform: Platform): Platform {
  return {
    ...platform,
    printToPdf: async (suggestedName) => {
      await flushAllDrafts();
      return platform.printToPdf(suggestedName);
    },
  };
}

export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  const value = useMemo(() => committingDraftsFirst(platform), [platform]);
  return <PlatformContext.Provider value={value}>{children}</PlatformContext.Provider>;
}

export class NoPlatformError extends Error {
  override name = 'NoPlatformError';
}

export function usePlatform(): Platform {
  const platform = useContext(PlatformContext);
  if (!platform) throw new NoPlatformError('usePlatform was called outside a PlatformProvider');
  return platform;
}
