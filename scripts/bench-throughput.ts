// Throughput measurement for `npm run bench` (issue 21): wrk, an HTTP load generator in its own process
// (Debian package `wrk`), drives a URL for a fixed time, while CPU time is read from /proc for the server's
// process tree and for every PostgreSQL process, so the cost of a request is counted where it is spent.
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
}

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** user + system CPU of the process itself, and of its waited-for children, in clock ticks. */
  ticks: number;
  childTicks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is in parentheses and may contain spaces; the fields after the last ")" are fixed.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const f = text.slice(close + 2).split(' ');
    // After comm: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
    return { pid, ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]), childTicks: Number(f[13]) + Number(f[14]) };
  } catch {
    return null; // exited between listing and reading
  }
}

function allStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = readStat(Number(entry));
    if (s) stats.push(s);
  }
  return stats;
}

/** CPU milliseconds used so far by a process and all its live descendants (the server, its workers). */
function treeCpuMs(stats: ProcStat[], rootPid: number): number {
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const visit = (pid: number) => {
    const s = stats.find((x) => x.pid === pid);
    if (s) ticks += s.ticks + s.childTicks;
    for (const c of children.get(pid) ?? []) visit(c.pid);
  };
  visit(rootPid);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** CPU milliseconds used so far by every PostgreSQL process (backends, writers, and exited backends via the postmaster). */
function postgresCpuMs(stats: ProcStat[]): number {
  let ticks = 0;
  for (const s of stats) if (s.comm === 'postgres' || s.comm.startsWith('postgres:')) ticks += s.ticks + s.childTicks;
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

export interface CpuSnapshot {
  serverMs: number;
  databaseMs: number;
}

export function cpuSnapshot(serverPid: number): CpuSnapshot {
  const stats = allStats();
  return { serverMs: treeCpuMs(stats, serverPid), databaseMs: postgresCpuMs(stats) };
}

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Socket errors, timeouts and non-2xx/3xx answers: a run with any is not a valid figure. */
  errors: number;
}

// wrk calls done() once at the end; it prints one JSON line the bench reads back (latencies in µs).
const REPORT_SCRIPT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"micros":%d,"p50":%d,"p95":%d,"p99":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;

let scriptPath: string | null = null;

/** Drives url with `connections` keep-alive connections for `seconds`, one wrk thread. */
export function runWrk(url: string, headers: Record<string, string>, connections: number, seconds: number): LoadResult {
  if (!scriptPath) {
    scriptPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'axis-bench-')), 'report.lua');
    writeFileSync(scriptPath, REPORT_SCRIPT);
  }
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const run = spawnSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', scriptPath, ...headerArgs, url], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr || run.stdout}`);
  const line = run.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{"requests"'));
  if (!line) throw new Error(`wrk printed no report:\n${run.stdout}`);
  const r = JSON.parse(line) as { requests: number; micros: number; p50: number; p95: number; p99: number; errors: number };
  const secondsRun = r.micros / 1e6;
  return { requests: r.requests, seconds: secondsRun, requestsPerSecond: r.requests / secondsRun, p50: r.p50 / 1000, p95: r.p95 / 1000, p99: r.p99 / 1000, errors: r.errors };
}

/** One loaded run with the CPU both sides spent on it, per request. */
export function measureLoaded(
  url: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
  serverPid: number,
): LoadResult & { serverCpuMsPerRequest: number; databaseCpuMsPerRequest: number } {
  const before = cpuSnapshot(serverPid);
  const result = runWrk(url, headers, connections, seconds);
  const after = cpuSnapshot(serverPid);
  const n = Math.max(1, result.requests);
  return { ...result, serverCpuMsPerRequest: (after.serverMs - before.serverMs) / n, databaseCpuMsPerRequest: (after.databaseMs - before.databaseMs) / n };
}

/**
 * GET, read to the end, on a fresh connection (no agent): a keep-alive socket idle while wrk ran may have
 * been closed by the server, and Node's fetch fails on it. Follows redirects: Next answers an RSC request
 * without its cache-busting `_rsc` parameter with a redirect that adds it.
 */
function bodyBytes(url: string, headers: Record<string, string>, redirects = 3): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      const location = res.headers.location;
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location && redirects > 0) {
        res.resume();
        resolve(bodyBytes(new URL(location, url).toString(), headers, redirects - 1));
        return;
      }
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`GET ${url} answered ${res.statusCode}`));
        return;
      }
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Bytes of a page as HTML (a first visit) and as its RSC payload (what a client-side navigation fetches). */
export async function pageBytes(url: string, headers: Record<string, string>): Promise<{ html: number; rsc: number }> {
  return { html: await bodyBytes(url, headers), rsc: await bodyBytes(url, { ...headers, RSC: '1' }) };
}

/** Signs in over HTTP the way the sign-in form does, returning the cookie header of the session. */
export async function signInOverHttp(base: string, email: string, password: string, hint: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/patients`, json: 'true' }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`sign-in as ${email} failed (HTTP ${res.status}); ${hint}`);
  return `${csrfCookie}; ${session.split(';')[0]}`;
}

/**
 * BENCH_CPU_PROF=<dir>: Node flags that make a server write a V8 CPU profile there on exit (summarize it
 * with scripts/profile-top.ts); none without the variable.
 */
export function cpuProfileFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  return env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(env.BENCH_CPU_PROF)}`] : [];
}

/**
 * The production build the benches serve, into distDir: compile, then generate, which is `next build`
 * without its type check (that is `npm run typecheck`'s job, and an unfinished file elsewhere must not
 * block a measurement). With `reuse`, an existing build is kept.
 */
export function buildForBench(root: string, distDir: string, reuse: boolean): void {
  if (reuse && existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    console.log(`Using the existing build in ${distDir}.`);
    return;
  }
  console.log(`Building into ${distDir}…`);
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  for (const mode of ['compile', 'generate']) {
    const result = spawnSync(process.execPath, [nextBin, 'build', `--experimental-build-mode=${mode}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0) throw new Error(`next build (${mode}) failed`);
  }
}

/** Resolves once `url` answers below 500, or fails with the server's last stderr when it exits or a minute passes. */
export async function waitUntilServing(child: ChildProcess, url: string, what: string): Promise<ChildProcess> {
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString('utf8')).slice(-4000)));
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}):\n${errors}`);
    try {
      if ((await fetch(url)).status < 500) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer on ${url}:\n${errors}`);
}
