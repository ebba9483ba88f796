/** Folder sync in the secretariat's words (FolderSyncPanel, FolderSettings). */
import type { FolderWaiting } from '../../platform/shared-folder';
import { momentWords, plural } from './sync-words';

const WAITING: Record<FolderWaiting, string> = {
  partial: 'still being copied into the folder',
  locked: 'in use by another program',
  placeholder: 'not downloaded to this computer yet',
  changing: 'still being written',
  gone: 'no longer in the folder',
};

export function waitingWords(reason: FolderWaiting): string {
  return WAITING[reason];
}

export function whenWords(iso: string | undefined): string {
  return iso ? momentWords(iso) : 'not yet';
}

export function everyWords(minutes: number): string {
  return minutes === 1 ? 'every minute' : `every ${plural(minutes, 'minute')}`;
}
