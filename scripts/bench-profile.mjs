/**
 * For scripts/bench-sync.mjs: reads a Chrome DevTools CPU profile (CDP
 * Profiler.stop) of the page's bench bundle and says where the time went, by
 * function and by source file. The bundle is esbuild's unminified output, which
 * marks where each source file starts with a `// path/to/file.ts` line; a
 * sample's line number says which file its function came from.
 */

/** [first line, source path] for every file in the bundle, in order. */
function sourceMap(bundleText) {
  const starts = [];
  const lines = bundleText.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\/\/ (\S+\.(?:ts|tsx|js|mjs|cjs))$/.exec(lines[i]);
    // A package reached through a symbolic link is named by its real path: keep from node_modules/ on.
    if (m) starts.push([i, m[1].replace(/^.*?(?=node_modules\/)/, '')]);
  }
  return starts;
}

function sourceOf(starts, line) {
  let lo = 0;
  let hi = starts.length - 1;
  let found = '';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid][0] <= line) {
      found = starts[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A coarse group for a source path: the package, or the app's folder. */
function groupOf(source) {
  if (!source) return '';
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (pkg) return pkg[1];
  return source;
}

export function summariseCpuProfile(profile, bundleText) {
  const starts = sourceMap(bundleText);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const describe = new Map();
  const labelOf = (node) => {
    let label = describe.get(node.id);
    if (label) return label;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    if (!url) label = { name, group: name.startsWith('(') ? name : 'browser built-ins (JSON, structuredClone, crypto, IndexedDB glue …)' };
    else if (url.endsWith('/bench.js')) {
      const source = sourceOf(starts, lineNumber);
      label = { name: `${name} (${source || 'bench.js'})`, group: groupOf(source) || 'bench.js' };
    } else label = { name: `${name} (${url})`, group: url };
    describe.set(node.id, label);
    return label;
  };
  const self = new Map();
  const groups = new Map();
  const inclusive = new Map();
  let totalMs = 0;
  let idleMs = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const ms = (timeDeltas[i + 1] ?? 0) / 1000;
    totalMs += ms;
    const node = nodes.get(samples[i]);
    const label = labelOf(node);
    if (label.name === '(idle)') {
      idleMs += ms;
      continue;
    }
    self.set(label.name, (self.get(label.name) ?? 0) + ms);
    groups.set(label.group, (groups.get(label.group) ?? 0) + ms);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const name = labelOf(nodes.get(id)).name;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  const top = (map, key, limit) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => ({ [key]: name, ms: Number(ms.toFixed(1)) }));
  const appInclusive = new Map([...inclusive].filter(([name]) => /\((renderer|shared)\//.test(name)));
  return {
    totalMs: Number(totalMs.toFixed(1)),
    busyMs: Number((totalMs - idleMs).toFixed(1)),
    byGroup: top(groups, 'group', 25),
    topSelf: top(self, 'name', 30),
    topInclusiveApp: top(appInclusive, 'name', 30),
  };
}
