/**
 * Which installed packages would make `npm ci` warn "Unsupported engine" (EBADENGINE)
 * on a version of Node, by the rule npm applies (npm-install-checks): every package in
 * package-lock.json that is not optional, and Quorum itself, whose `engines.node` the
 * version does not satisfy (semver, pre-releases included). Optional packages that do
 * not fit are skipped by npm without a warning (docs/architecture.md, "Node versions").
 *
 *   node scripts/check-node-engines.mjs             every version package.json's engines allows
 *   node scripts/check-node-engines.mjs 20.20.2     one version (or several)
 *
 * Prints one line per package that would warn, and exits 1 if any would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));

/** Quorum and every package npm ci installs and checks, with the Node versions each asks for. */
const checked = [
  { id: `${manifest.name}@${manifest.version}`, node: manifest.engines?.node },
  ...Object.entries(lock.packages)
    .filter(([where, entry]) => where !== '' && !entry.optional && entry.engines?.node)
    .map(([where, entry]) => ({ id: `${entry.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`, node: entry.engines.node })),
].filter((item) => item.node);

const unique = (items) => [...new Map(items.map((item) => [item.id, item])).values()];

const versions = process.argv.slice(2);
let failures;
if (versions.length === 0) {
  const allowed = manifest.engines.node;
  // Every version the range allows satisfies the package's range.
  failures = unique(checked.filter((item) => !semver.subset(allowed, item.node, { includePrerelease: true })));
  for (const item of failures) console.log(`${item.id} asks for Node ${item.node}, narrower than package.json's ${allowed}`);
  if (failures.length === 0) console.log(`No engine warnings on any Node version package.json allows (${allowed}).`);
} else {
  failures = [];
  for (const version of versions) {
    const warns = unique(checked.filter((item) => !semver.satisfies(version, item.node, { includePrerelease: true })));
    for (const item of warns) console.log(`Node ${version}: ${item.id} asks for Node ${item.node}`);
    if (warns.length === 0) console.log(`Node ${version}: no engine warnings.`);
    failures.push(...warns);
  }
}
process.exitCode = failures.length > 0 ? 1 : 0;
