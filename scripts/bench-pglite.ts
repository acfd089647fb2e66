// `npm run bench:pglite [-- --seconds 10]`: the embedded default under load (issue 21's target: the caseload at
// 150 req/s or more on PGlite). A fresh PGlite database in a temporary directory gets the migrations and the
// demo clinic (the one `npm start` seeds), the app's bench build (.next-bench, built by `npm run bench`;
// built here if missing) serves it on port 3202 with no DATABASE_URL, and wrk drives the caseload and one
// patient's page as the demo dermatologist. PGlite runs inside the server process, so the server's CPU per
// request is the whole cost. Needs wrk (apt-get install -y wrk).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { DEMO_PASSWORD, seedDemoClinic } from '../db/seed/demo-clinic';
import { buildForBench, cpuProfileFlags, measureLoaded, pageBytes, runWrk, signInOverHttp, waitUntilServing, wrkAvailable } from './bench-throughput';

const root = process.cwd();
const DIST_DIR = '.next-bench';
const PORT = 3202;
const BASE = `http://localhost:${PORT}`;
const DERMATOLOGIST = 'elena.rivera@axis.test';
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, concurrency: { type: 'string', default: '20' } } });
const SECONDS = Number(args.seconds);
const CONCURRENCY = Number(args.concurrency);

async function startServer(dataDir: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_DIST_DIR: DIST_DIR, PGLITE_DIR: dataDir, NEXTAUTH_SECRET: randomBytes(32).toString('base64url'), NEXTAUTH_URL: BASE, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...cpuProfileFlags(), nextBin, 'start', '-p', String(PORT)], { stdio: ['ignore', 'ignore', 'pipe'], env });
  return waitUntilServing(child, `${BASE}/sign-in`, 'next start');
}

async function main() {
  if (!wrkAvailable()) {
    console.error('wrk is not installed: apt-get install -y wrk');
    process.exit(2);
  }
  if (!(SECONDS >= 1) || !(CONCURRENCY >= 1)) {
    console.error('--seconds and --concurrency must be at least 1.');
    process.exit(2);
  }
  buildForBench(root, DIST_DIR, true);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'axis-bench-pglite-'));
  const seedHandle = openDatabase({ kind: 'pglite', dataDir });
  await migrateDatabase(seedHandle);
  await seedDemoClinic(seedHandle.db);
  await seedHandle.close();

  const server = await startServer(dataDir);
  const rows: string[][] = [['page', `req/s c=${CONCURRENCY}`, 'p50', 'p95', 'p99', 'c=1 p50', 'c=1 p95', 'server CPU ms/req', 'HTML', 'RSC']];
  try {
    const cookie = await signInOverHttp(BASE, DERMATOLOGIST, DEMO_PASSWORD, 'the demo clinic was not seeded');
    const caseload = await (await fetch(`${BASE}/patients`, { headers: { cookie } })).text();
    const patientId = /\/patients\/([0-9a-f-]{36})"/.exec(caseload)?.[1];
    if (!patientId) throw new Error('the demo caseload links to no patient');
    for (const [label, pathname] of [
      ['caseload /patients', '/patients'],
      ['patient page', `/patients/${patientId}`],
    ] as const) {
      const url = `${BASE}${pathname}`;
      const headers = { cookie };
      runWrk(url, headers, CONCURRENCY, 3); // warm-up
      const single = runWrk(url, headers, 1, Math.ceil(SECONDS / 2));
      const loaded = measureLoaded(url, headers, CONCURRENCY, SECONDS, server.pid ?? 0);
      if (single.errors + loaded.errors > 0) throw new Error(`${label}: ${single.errors + loaded.errors} failed requests`);
      const bytes = await pageBytes(url, headers);
      const f = (n: number) => n.toFixed(1);
      rows.push([label, loaded.requestsPerSecond.toFixed(0), f(loaded.p50), f(loaded.p95), f(loaded.p99), f(single.p50), f(single.p95), f(loaded.serverCpuMsPerRequest), `${(bytes.html / 1024).toFixed(1)} kB`, `${(bytes.rsc / 1024).toFixed(1)} kB`]);
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nEmbedded PGlite, demo clinic, ${DERMATOLOGIST}; wrk ${SECONDS} s at c=${CONCURRENCY}, ${Math.ceil(SECONDS / 2)} s at c=1 (times in ms):\n`);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const [n, r] of rows.entries()) {
    console.log(`| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`);
    if (n === 0) console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
