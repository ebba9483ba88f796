/**
 * For tests across copies: a bundle sent from one copy to another as a person
 * sends it (exported, previewed, accepted), and consortia of copies that are
 * deleted after each test. Not used by the app.
 */
import { afterEach } from 'vitest';
import type { InstallationRole } from '../../../shared/domain/entities';
import { exportBundle } from './export-bundle';
import { applyBundle, previewBundle } from './import-bundle';
import { makeConsortium, type TestConsortium, type TestCopy } from './test-support';

/** `from`'s bundle for `to`, imported by `to`: its report. */
export async function send(from: TestCopy, to: TestCopy) {
  const { bytes } = await exportBundle(from.ctx, { recipientNodeId: to.node, compressed: true });
  const preview = await previewBundle(to.ctx, bytes, 'bundle.quorum');
  return applyBundle(to.ctx, preview);
}

/** The organisation this copy belongs to. */
export const orgOf = async (copy: TestCopy): Promise<string> => (await copy.db.installation.get('self'))!.organisationId;

/** What the feature modules take to write: the database and the repositories. */
export const storeOf = (copy: TestCopy) => ({ db: copy.db, repositories: copy.repos });

/**
 * Call once at the top of a test file: returns a maker of consortia
 * (makeConsortium, exchanging with `send`), each spread from its founder
 * unless asked not to, and every copy's database deleted after each test.
 */
export function consortiaForTests() {
  const made: TestCopy[] = [];
  afterEach(async () => {
    for (const copy of made.splice(0)) await copy.db.delete();
  });
  const consortium = async (members: Array<[name: string, role: InstallationRole]>, options: { spread?: boolean; from?: string } = {}): Promise<TestConsortium> => {
    const c = await makeConsortium(members, { exchange: send, ...(options.from ? { from: options.from } : {}) });
    made.push(...c.copies);
    if (options.spread !== false) await c.spread();
    return c;
  };
  /** A copy made outside a consortium, deleted after the test like the others. */
  consortium.alsoDelete = (...copies: TestCopy[]) => void made.push(...copies);
  return consortium;
}
