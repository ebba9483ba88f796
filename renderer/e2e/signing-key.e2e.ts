/**
 * The signing key in a real Chromium: a non-extractable CryptoKey kept in the
 * installation row, surviving reloads, and a string key left by an older Quorum
 * rewritten as one when the store opens (renderer/db/installation.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, launchBrowser, openApp, uncaughtErrors, type TestBrowser } from './browser';

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface KeyFacts {
  isCryptoKey: boolean;
  extractable: boolean | null;
  type: string | null;
  usages: string[];
  exportRefused: boolean;
  publicKey: string;
  nodeId: string;
  /** A signature made in the page with the stored key verifies with the stored public key. */
  verifies: boolean;
}

/** Reads the installation row straight from IndexedDB in the page and tries the key. */
function keyFacts(page: Page, store: string): Promise<KeyFacts> {
  return page.evaluate(async (name) => {
    const row = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const db = request.result;
        const get = db.transaction('installation').objectStore('installation').get('self');
        get.onsuccess = () => {
          db.close();
          resolve(get.result as Record<string, unknown>);
        };
        get.onerror = () => reject(get.error);
      };
    });
    const key = row.privateKey;
    const isCryptoKey = key instanceof CryptoKey;
    let exportRefused = false;
    let verifies = false;
    if (isCryptoKey) {
      await crypto.subtle.exportKey('pkcs8', key).catch(() => (exportRefused = true));
      const data = new TextEncoder().encode('Bedfordshire & Luton');
      const signature = await crypto.subtle.sign({ name: 'Ed25519' }, key, data);
      const raw = Uint8Array.from(atob(row.publicKey as string), (c) => c.charCodeAt(0));
      const publicKey = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
      verifies = await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, signature, data);
    }
    return {
      isCryptoKey,
      extractable: isCryptoKey ? key.extractable : null,
      type: isCryptoKey ? key.type : null,
      usages: isCryptoKey ? [...key.usages] : [],
      exportRefused,
      publicKey: row.publicKey as string,
      nodeId: row.nodeId as string,
      verifies,
    };
  }, store);
}

const SET_UP = { level: 1, name: 'Set up Quorum' } as const;

describe('the signing key', () => {
  it('is a non-extractable CryptoKey in the store from first run, and still is after a reload', async () => {
    const store = freshStore('key');
    const page = await openApp(browser, store);
    await page.getByRole('heading', SET_UP).waitFor();
    const first = await keyFacts(page, store);
    expect(first).toMatchObject({ isCryptoKey: true, extractable: false, type: 'private', usages: ['sign'], exportRefused: true, verifies: true });

    await page.reload();
    await page.getByRole('heading', SET_UP).waitFor();
    expect(await keyFacts(page, store)).toEqual(first);
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });

  it('held as a string by an older Quorum becomes a non-extractable CryptoKey when the store opens, same public key and node id', async () => {
    const store = freshStore('key-legacy');
    const page = await openApp(browser, store);
    await page.getByRole('heading', SET_UP).waitFor();
    // Make the row what an older Quorum (schema version 4) wrote: an extractable pair, both halves as base64.
    const legacyPublicKey = await page.evaluate(async (name) => {
      const toBase64 = (buffer: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)));
      const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
      const publicKey = toBase64(await crypto.subtle.exportKey('raw', pair.publicKey));
      const privateKey = toBase64(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('installation', 'readwrite');
          const table = tx.objectStore('installation');
          const get = table.get('self');
          get.onsuccess = () => table.put({ ...get.result, publicKey, privateKey });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
      return publicKey;
    }, store);
    const before = await keyFacts(page, store);
    expect(before).toMatchObject({ isCryptoKey: false, publicKey: legacyPublicKey });

    await page.reload();
    await page.getByRole('heading', SET_UP).waitFor();
    const after = await keyFacts(page, store);
    expect(after).toEqual({
      isCryptoKey: true,
      extractable: false,
      type: 'private',
      usages: ['sign'],
      exportRefused: true,
      publicKey: legacyPublicKey,
      nodeId: before.nodeId,
      verifies: true,
    });
    expect(uncaughtErrors(page)).toEqual([]);
    await page.close();
  });
});
