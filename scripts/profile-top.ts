// `npx tsx scripts/profile-top.ts <file.cpuprofile> [N]`: the top entries of a V8 CPU profile (node --cpu-prof),
// by self time, per function and per package, as docs/PERFORMANCE.md quotes them. Idle time is left out of the
// percentages: they are shares of the time the process was busy.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, n = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

/** Where code lives: a package under node_modules, Node itself, the app's own build, or V8's pseudo-frames. */
function packageOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m?.[1]) {
    // Next ships React and friends inside its own compiled folder.
    const compiled = /next\/dist\/compiled\/([^/]+)/.exec(url);
    return compiled?.[1] ? `next/compiled/${compiled[1]}` : m[1];
  }
  if (url.startsWith('node:')) return 'node (core)';
  // The app's build bundles React's server renderer, drizzle and the app's own code into chunks; name the chunk.
  const chunk = /\/\.next[^/]*\/server\/(?:chunks\/(?:ssr\/)?)?(.+)$/.exec(url);
  if (chunk?.[1]) return `.next: ${chunk[1].replace(/\[root-of-the-server\]__/, '').slice(0, 60)}`;
  if (url.includes('/.next')) return 'app (.next build)';
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
/** Node core and native frames (socket writes, string encoding) charged to the nearest caller in a package. */
function chargedPackage(id: number): string {
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const node = byId.get(at);
    if (!node) break;
    const p = packageOf(node.callFrame.url, node.callFrame.functionName);
    if (p !== 'node (core)' && p !== '(native)') return p;
  }
  return 'node (core)';
}

const charged = new Map<string, number>();
const fn = new Map<string, number>();
const pkg = new Map<string, number>();
let busy = 0;
let idle = 0;
for (const [id, micros] of selfMicros) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  if (functionName === '(idle)') {
    idle += micros;
    continue;
  }
  busy += micros;
  const p = packageOf(url, functionName);
  const key = `${functionName || '(anonymous)'}  [${p}${url ? `:${lineNumber + 1}` : ''}]`;
  fn.set(key, (fn.get(key) ?? 0) + micros);
  pkg.set(p, (pkg.get(p) ?? 0) + micros);
  const c = chargedPackage(id);
  charged.set(c, (charged.get(c) ?? 0) + micros);
}
const pct = (x: number) => `${((100 * x) / busy).toFixed(1).padStart(5)}%`;
const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(n));
console.log(`Busy ${(busy / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s (${((100 * busy) / (busy + idle)).toFixed(0)}% busy)\n`);
console.log('Self time by package:');
for (const [k, v] of top(pkg)) console.log(`  ${pct(v)}  ${k}`);
console.log('\nThe same, with Node core and native frames charged to the package that called them:');
for (const [k, v] of top(charged)) console.log(`  ${pct(v)}  ${k}`);
console.log('\nSelf time by function:');
for (const [k, v] of top(fn)) console.log(`  ${pct(v)}  ${k}`);
