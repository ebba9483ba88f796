/**
 * The packaged app's Electron fuses (docs/architecture.md, "A sealed desktop build").
 * Fuses are switches compiled into the Electron binary that electron-builder flips
 * before signing; nothing at run time can flip them back. The configuration is read
 * with js-yaml, the parser electron-builder itself reads electron-builder.yml with,
 * and checked against electron-builder's own schema, so a misspelt fuse fails here
 * instead of being silently ignored by `npm run dist`.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);

async function builderConfig(): Promise<Record<string, unknown>> {
  return load(await readFile(new URL('electron-builder.yml', root), 'utf8')) as Record<string, unknown>;
}

/** The fuses electron-builder accepts (app-builder-lib's FuseOptionsV1), from its published schema. */
async function knownFuses(): Promise<string[]> {
  const schemaPath = createRequire(import.meta.url).resolve('app-builder-lib/scheme.json', { paths: [new URL('../node_modules/electron-builder/', import.meta.url).pathname] });
  const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as { definitions: { FuseOptionsV1?: { properties: Record<string, unknown> } } };
  return Object.keys(schema.definitions.FuseOptionsV1?.properties ?? {});
}

describe('the desktop build’s fuses', async () => {
  const config = await builderConfig();
  const fuses = config.electronFuses as Record<string, unknown> | undefined;

  it('are set in electron-builder.yml, with names electron-builder knows', async () => {
    expect(fuses).toBeTypeOf('object');
    const known = await knownFuses();
    expect(known).toContain('runAsNode');
    for (const name of Object.keys(fuses ?? {})) expect(known, `unknown fuse ${name}`).toContain(name);
    for (const value of Object.values(fuses ?? {})) expect(value).toBeTypeOf('boolean');
  });

  it('are fuses of the @electron/fuses electron-builder flips them with', async () => {
    const fusesPath = createRequire(import.meta.url).resolve('@electron/fuses', { paths: [new URL('../node_modules/app-builder-lib/', import.meta.url).pathname] });
    const { FuseV1Options } = (await import(fusesPath)) as { FuseV1Options: Record<string, number | string> };
    // electron-builder maps each key to FuseV1Options by the same name, capitalised (app-builder-lib's generateFuseConfig).
    for (const name of Object.keys(fuses ?? {})) expect(FuseV1Options, name).toHaveProperty(name[0]!.toUpperCase() + name.slice(1));
  });

  it.each([
    // ELECTRON_RUN_AS_NODE=1 would turn the signed binary into a plain Node.js that runs any script with the app's identity and permissions.
    ['runAsNode', false],
    // NODE_OPTIONS (--require, --import) and NODE_EXTRA_CA_CERTS would let anything that can set an environment variable inject code or trust a certificate.
    ['enableNodeOptionsEnvironmentVariable', false],
    // --inspect and SIGUSR1 would open a debugger into the main process, which holds the file IPC and reads bundles.
    ['enableNodeCliInspectArguments', false],
    // The app.asar is checked against the hash recorded at build time (macOS and Windows; Linux has no such check), so its code cannot be edited after signing.
    ['enableEmbeddedAsarIntegrityValidation', true],
    // Only app.asar is loaded: no app/ folder or default_app.asar beside it can stand in for the checked archive.
    ['onlyLoadAppFromAsar', true],
    // Chromium's cookie store is encrypted with the operating system's key store; Quorum sets no cookies, so this costs nothing and guards any that appear.
    ['enableCookieEncryption', true],
    // Quorum is served from app://quorum (electron/app-scheme.ts), never file://, so file:// pages get no more than a browser gives them.
    ['grantFileProtocolExtraPrivileges', false],
  ])('%s is %s', (name, value) => {
    expect(fuses?.[name]).toBe(value);
  });

  it('leaves the V8 snapshot fuse as Electron ships it (Quorum has no browser-process snapshot)', () => {
    expect(fuses).not.toHaveProperty('loadBrowserProcessSpecificV8Snapshot');
  });

  it('packs the app into an asar, which onlyLoadAppFromAsar requires', () => {
    expect(config.asar).toBe(true);
  });
});
