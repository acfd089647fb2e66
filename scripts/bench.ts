// `npm run bench [-- --no-build --requests 100 --concurrency 20 --only patient --seconds 10 --workers 1,2 --no-throughput --views 15]`:
// the figures in docs/PERFORMANCE.md.
// Builds the app into .next-bench (unless --no-build and a build exists), serves it with `next start`
// on port 3200 against the scale database (DATABASE_URL, default the local axis_scale made by
// `npm run seed:scale`), signs in as the scale clinic's busiest dermatologist and prints, per scenario:
// server time p50/p95 under 1 and under N concurrent clients, SQL statements per request, the same
// data-layer statements replayed directly against PostgreSQL (the database floor) and the ratio of the
// two; the throughput table (wrk, beside a bare Next.js app); caseload views in Chromium with the requests
// and CPU each costs (scripts/bench-browser.ts); then the first-load JavaScript of every route, gzipped.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { useDatabase as installDatabase, type Database } from '../db/client';
import { postgresConnection } from '../db/connection-url';
import { migrateDatabase } from '../db/migrate';
import { QUERY_MARKER } from '../db/query-count';
import * as schema from '../db/schema';
import { DEFAULT_SCALE_DATABASE_URL, SCALE_BENCH_EMAIL } from '../db/seed/scale';
import { firstLoadJs } from './bench-first-load';
import { buildFloorApp, startFloorServer } from './bench-floor';
import { browserAvailable, measureBrowserViews, SETTLE_MS, type BrowserViews } from './bench-browser';
import { buildForBench, cpuProfileFlags, measureLoaded, pageBytes, runWrk, signInOverHttp, waitUntilServing, wrkAvailable } from './bench-throughput';
import type { Actor } from '../lib/platform/auth/actor-types';
import { getLiveEmergencyAccess } from '../lib/emergency-access/queries';
import { listMyOpenTasks } from '../lib/notes/queries';
import { parseCaseloadQuery } from '../lib/patients/caseload-query';
import { listCaseload } from '../lib/patients/queries';
import { loadPatientRecordPage } from '../lib/patients/record-page';
import { cohortOutcomes } from '../lib/outcomes/cohorts';
import { cohortQueryToSearchParams, type CohortQuery } from '../lib/outcomes/cohort-query';

/** The clinic outcomes questions timed (and explained by scripts/bench-explain.ts outcomes). */
export const OUTCOME_QUESTIONS: CohortQuery[] = [
  { condition: 'rosacea', finding: 'breath_test_positive', instrument: 'dlqi' },
  { condition: 'atopic-dermatitis', finding: 'food_panel_positive', kind: 'diet', instrument: 'easi' },
];

const root = process.cwd();
const DIST_DIR = '.next-bench';
const PORT = 3200;
const BASE = `http://localhost:${PORT}`;
const PASSWORD = 'axis-demo-clinic';
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

const { values: args } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    requests: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '20' },
    // Measure only the scenarios whose name contains this text (e.g. "patient"); first-load JS is always printed.
    only: { type: 'string' },
    // Throughput (wrk): seconds per loaded run, and the server process counts to compare (e.g. "1,2").
    seconds: { type: 'string', default: '10' },
    workers: { type: 'string', default: '1' },
    // PostgreSQL connections per server process (AXIS_DB_POOL) to compare, e.g. "10,4,2".
    pools: { type: 'string', default: '10' },
    'no-throughput': { type: 'boolean', default: false },
    // Caseload views in Chromium (full loads and client navigations) per mode; 0 skips them.
    views: { type: 'string', default: '15' },
  },
});
const REQUESTS = Number(args.requests);
const SECONDS = Number(args.seconds);
const WORKER_COUNTS = (args.workers ?? '1').split(',').map(Number);
const POOLS = (args.pools ?? '10').split(',').map(Number);
if (!(SECONDS >= 1) || WORKER_COUNTS.some((w) => !Number.isInteger(w) || w < 1 || w > 64) || POOLS.some((p) => !Number.isInteger(p) || p < 1 || p > 100)) {
  console.error('--seconds must be at least 1, --workers a list of whole numbers from 1 to 64 (e.g. "1,2") and --pools one from 1 to 100 (e.g. "10,2").');
  process.exit(2);
}
const CONCURRENCY = Number(args.concurrency);
const VIEWS = Number(args.views);
if (!Number.isInteger(VIEWS) || VIEWS < 0 || VIEWS > 1000) {
  console.error('--views must be a whole number from 0 to 1000 (0 skips the browser table).');
  process.exit(2);
}
const databaseUrl = process.env.DATABASE_URL || DEFAULT_SCALE_DATABASE_URL;

/** One connection, over the Unix socket when DATABASE_URL names one (`?host=/var/run/postgresql`). */
function connectOnce(url: string): postgres.Sql {
  const connection = postgresConnection(url);
  return postgres(connection.url, { max: 1, onnotice: () => {}, ...(connection.path ? { path: connection.path } : {}) });
}

// --- Small statistics -------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)}` : '—');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

// --- Build and first-load JavaScript ----------------------------------------------------------------

function build(): void {
  buildForBench(root, DIST_DIR, Boolean(args['no-build']));
}

// --- Server ------------------------------------------------------------------------------------------

let queryMarkers = 0;

async function startServer(workers = 1, countStatements = true, pool = 10): Promise<ChildProcess> {
  const profiling = cpuProfileFlags();
  // More than one process: the same launcher `npm start` uses with AXIS_WORKERS (node:cluster, one port).
  const command = workers > 1 ? [path.join(root, 'scripts', 'next-cluster.mjs'), String(workers), '-p', String(PORT)] : [...profiling, nextBin, 'start', '-p', String(PORT)];
  const child = spawn(process.execPath, command, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NEXT_DIST_DIR: DIST_DIR,
      // BENCH_APP_DATABASE_URL: the served app's own database URL, when it differs from the bench's (through
      // PgBouncer in transaction mode, say, while the bench migrates and reads over a direct connection).
      DATABASE_URL: process.env.BENCH_APP_DATABASE_URL || databaseUrl,
      AXIS_DB_POOL: String(pool),
      // Statement markers on stdout (db/query-count.ts); off for the throughput runs, which must not pay for them.
      ...(countStatements ? { AXIS_BENCH: '1' } : {}),
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      NEXTAUTH_URL: BASE,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    },
  });
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line === QUERY_MARKER) queryMarkers++;
  });
  return waitUntilServing(child, `${BASE}/sign-in`, 'next start');
}

async function signIn(email: string): Promise<string> {
  return signInOverHttp(BASE, email, PASSWORD, 'seed the scale clinic first (npm run seed:scale)');
}

async function timedGet(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  await res.arrayBuffer();
  const elapsed = performance.now() - started;
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return elapsed;
}

async function latencies(url: string, cookie: string, total: number, concurrency: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      times.push(await timedGet(url, cookie));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return times.sort((a, b) => a - b);
}

/** Statements the server ran for one request: requests go one at a time, markers are counted between. */
async function queriesPerRequest(url: string, cookie: string): Promise<number> {
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const before = queryMarkers;
    await timedGet(url, cookie);
    // Markers travel on the server's stdout pipe; give them a moment to arrive after the response.
    await new Promise((r) => setTimeout(r, 150));
    counts.push(queryMarkers - before);
  }
  return Math.max(...counts);
}

// --- The database floor: the page's data-layer statements, replayed straight on PostgreSQL ---------

interface Captured {
  query: string;
  params: unknown[];
}

function capturingDatabase(url: string): { db: Database; captured: Captured[]; close: () => Promise<void> } {
  const client = connectOnce(url);
  const captured: Captured[] = [];
  const logger: Logger = { logQuery: (query, params) => captured.push({ query, params }) };
  const db = drizzle(client, { schema, logger }) as unknown as Database;
  return { db, captured, close: () => client.end({ timeout: 5 }) };
}

async function floorOf(sql: postgres.Sql, statements: Captured[], repeats: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    for (const s of statements) await sql.unsafe(s.query, s.params as postgres.ParameterOrJSON<never>[]);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

// --- Scenarios ---------------------------------------------------------------------------------------

interface Scenario {
  name: string;
  path: string;
  /** The lib/ calls the page makes (for the floor), given the bench clinician. */
  data: (actor: Actor) => Promise<unknown>;
}

async function main() {
  console.log(`Axis bench — ${new Date().toISOString()}`);
  console.log(`Machine: ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`Database: ${postgresConnection(databaseUrl).path ?? new URL(databaseUrl).host}${new URL(databaseUrl).pathname}`);

  // The bench database gets this checkout's migrations (indexes included) before anything is timed.
  const migrator = connectOnce(databaseUrl);
  await migrateDatabase({ db: drizzle(migrator, { schema }) as unknown as Database, target: { kind: 'postgres', url: databaseUrl }, close: () => migrator.end() });
  const [counts] = await migrator<{ patients: number; results: number; notes: number }[]>`
    select (select count(*) from patients)::int as patients, (select count(*) from results)::int as results, (select count(*) from clinical_notes)::int as notes`;
  const [clinician] = await migrator<{ id: string; name: string; email: string }[]>`select id, name, email from users where email = ${SCALE_BENCH_EMAIL}`;
  if (!clinician) throw new Error(`no ${SCALE_BENCH_EMAIL}: run npm run seed:scale first`);
  const [caseload] = await migrator<{ n: number }[]>`select count(*)::int as n from care_team_members where user_id = ${clinician.id} and removed_at is null`;
  // A typical patient of the bench clinician: one with 20 current results (the average).
  const [patient] = await migrator<{ id: string }[]>`
    select m.patient_id as id from care_team_members m
    where m.user_id = ${clinician.id} and m.removed_at is null
      and (select count(*) from results r where r.patient_id = m.patient_id and r.is_current) = 20
    order by m.patient_id limit 1`;
  if (!patient) throw new Error('the bench clinician has no patient with 20 results');
  const [family] = await migrator<{ name: string }[]>`
    select p.family_name as name from patients p join care_team_members m on m.patient_id = p.id
    where m.user_id = ${clinician.id} and m.removed_at is null order by p.id limit 1`;
  await migrator.end();
  console.log(
    `Data: ${counts?.patients.toLocaleString('en')} patients, ${counts?.results.toLocaleString('en')} results, ${counts?.notes.toLocaleString('en')} notes; ` +
      `bench login ${SCALE_BENCH_EMAIL} (caseload ${caseload?.n.toLocaleString('en')} patients)\n`,
  );

  const search = (family?.name ?? 'Chen').slice(0, 4).toLowerCase();
  const deepPage = Math.max(1, Math.ceil((caseload?.n ?? 20) / 20));
  const home = (qs: string): Scenario['data'] => async (actor) => {
    await listMyOpenTasks(actor);
    return listCaseload(actor, parseCaseloadQuery(new URLSearchParams(qs)));
  };
  const scenarios: Scenario[] = [
    { name: 'home: page 1 (last activity)', path: '/patients', data: home('') },
    { name: `home: search "${search}"`, path: `/patients?q=${encodeURIComponent(search)}`, data: home(`q=${encodeURIComponent(search)}`) },
    { name: 'home: filter AD + GI', path: '/patients?condition=atopic-dermatitis&specialty=gastroenterology', data: home('condition=atopic-dermatitis&specialty=gastroenterology') },
    { name: 'home: sort by name', path: '/patients?sort=name&dir=asc', data: home('sort=name&dir=asc') },
    { name: `home: deep page ${deepPage}`, path: `/patients?page=${deepPage}`, data: home(`page=${deepPage}`) },
    // Clinic outcomes over all 100,000 patients (issue target: p95 under 2 s), aggregates suppressed in SQL.
    ...OUTCOME_QUESTIONS.map(
      (q): Scenario => ({
        name: `outcomes: ${q.condition}${q.finding ? ` + ${q.finding}` : ''}${q.kind ? ` + ${q.kind}` : ''} (${q.instrument})`,
        path: `/outcomes?${cohortQueryToSearchParams(q).toString()}`,
        data: (actor) => cohortOutcomes(actor, q),
      }),
    ),
    {
      name: 'patient page (20 results)',
      path: `/patients/${patient.id}`,
      data: async (actor) => {
        // The record layout's emergency-access banner, then the page's one loader.
        await getLiveEmergencyAccess(actor, patient.id);
        return loadPatientRecordPage(actor, patient.id);
      },
    },
  ];

  build();
  const routes = firstLoadJs(path.join(root, DIST_DIR));
  const measured = scenarios.filter((x) => !args.only || x.name.includes(args.only));
  const throughput = !args['no-throughput'] && wrkAvailable();
  if (!args['no-throughput'] && !throughput) console.log('wrk is not installed (apt-get install -y wrk): the throughput table is skipped.');
  const floorDir = throughput ? buildFloorApp(root) : null;

  const rows: string[][] = [];
  if (measured.length > 0) {
    const server = await startServer();
    try {
      const cookie = await signIn(SCALE_BENCH_EMAIL);
      const capture = capturingDatabase(databaseUrl);
      const raw = connectOnce(databaseUrl);
      installDatabase({ db: capture.db, target: { kind: 'postgres', url: databaseUrl }, close: capture.close });
      const actor: Actor = { userId: clinician.id, role: 'clinician', name: clinician.name, email: clinician.email, specialty: 'dermatology', patientId: null, sessionId: 'bench', requestAddress: '127.0.0.1' };

      for (const s of measured) {
        const url = `${BASE}${s.path}`;
        for (let i = 0; i < 5; i++) await timedGet(url, cookie); // warm-up: JIT, plan caches, buffers
        const queries = await queriesPerRequest(url, cookie);
        const single = await latencies(url, cookie, REQUESTS, 1);
        const loaded = await latencies(url, cookie, Math.max(REQUESTS, CONCURRENCY * 5), CONCURRENCY);
        capture.captured.length = 0;
        await s.data(actor);
        const statements = [...capture.captured];
        const floor = await floorOf(raw, statements, 20);
        const ratio = percentile(single, 50) / percentile(floor, 50);
        rows.push([
          s.name,
          ms(percentile(single, 50)),
          ms(percentile(single, 95)),
          ms(percentile(loaded, 50)),
          ms(percentile(loaded, 95)),
          String(queries),
          `${ms(percentile(floor, 50))} (${statements.length})`,
          `${ratio.toFixed(1)}x`,
        ]);
        console.log(`  measured ${s.name}`);
      }
      await raw.end();
      await capture.close();
    } finally {
      await stopServer(server);
    }
  }

  const throughputRows = floorDir ? await throughputTable(floorDir, patient.id) : null;
  const browserRows = await browserTable();

  if (rows.length > 0) {
    const header = ['scenario', 'c=1 p50', 'c=1 p95', `c=${CONCURRENCY} p50`, `c=${CONCURRENCY} p95`, 'SQL/request', 'DB floor p50 (stmts)', 'app/DB'];
    console.log(`\nServer time in ms (full response, localhost), ${REQUESTS} requests at c=1 and ${Math.max(REQUESTS, CONCURRENCY * 5)} at c=${CONCURRENCY}:\n`);
    printTable([header, ...rows]);
  }
  if (throughputRows) {
    console.log(
      `\nThroughput (wrk, one thread, keep-alive): ${SECONDS} s at c=${CONCURRENCY} and ${Math.ceil(SECONDS / 2)} s at c=1 per row; ` +
        'CPU from /proc per request: the server process tree, and every PostgreSQL process:\n',
    );
    printTable(throughputRows.table);
    for (const line of throughputRows.ratios) console.log(line);
  }
  if (browserRows) {
    console.log(`\nCaseload views in Chromium (${VIEWS} per row, ${SETTLE_MS / 1000} s after each for what the page starts itself), after a warm-up; CPU from /proc per view:\n`);
    printTable(browserRows);
  }
  console.log('\nFirst-load JavaScript per route (gzipped, level 9):\n');
  printTable([['route', 'chunks', 'gzipped'], ...routes.map((r) => [r.route, String(r.files), kb(r.gzipBytes)])]);
  const largest = routes.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a), routes[0] ?? { route: '-', files: 0, gzipBytes: 0 });
  console.log(`\nLargest: ${largest.route} ${kb(largest.gzipBytes)}. Load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
}

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('the server process has no pid');
  return child.pid;
}

async function stopServer(server: ChildProcess): Promise<void> {
  server.kill('SIGTERM');
  // Let it exit, so a CPU profile (BENCH_CPU_PROF) is written and the port is free for the next server.
  await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
}

/**
 * The issue-21 table: the bare Next.js floor app (empty page, and a table of the caseload's 20 rows) and
 * Axis's caseload and patient page, under the same load generator in the same run; Axis once per
 * server process count asked (--workers).
 */
async function throughputTable(floorDir: string, patientId: string): Promise<{ table: string[][]; ratios: string[] }> {
  const table: string[][] = [
    ['page', 'processes × pool', `req/s c=${CONCURRENCY}`, 'p50', 'p95', 'p99', 'c=1 p50', 'c=1 p95', 'Node CPU ms/req', 'DB CPU ms/req', 'SQL/req', 'HTML', 'RSC'],
  ];
  const rate: Record<string, number> = {};
  const measure = async (label: string, processes: string, url: string, headers: Record<string, string>, serverPid: number, statements: string) => {
    runWrk(url, headers, CONCURRENCY, 3); // warm-up: JIT, plan caches, the connection pool
    const single = runWrk(url, headers, 1, Math.ceil(SECONDS / 2));
    const loaded = measureLoaded(url, headers, CONCURRENCY, SECONDS, serverPid);
    if (single.errors + loaded.errors > 0) throw new Error(`${label}: ${single.errors + loaded.errors} failed requests (non-2xx/3xx, timeouts or socket errors)`);
    const bytes = await pageBytes(url, headers);
    rate[`${label}@${processes}`] = loaded.requestsPerSecond;
    table.push([
      label,
      String(processes),
      loaded.requestsPerSecond.toFixed(0),
      ms(loaded.p50),
      ms(loaded.p95),
      ms(loaded.p99),
      ms(single.p50),
      ms(single.p95),
      ms(loaded.serverCpuMsPerRequest),
      ms(loaded.databaseCpuMsPerRequest),
      statements,
      kb(bytes.html),
      kb(bytes.rsc),
    ]);
    console.log(`  measured throughput: ${label} (processes × connections: ${processes})`);
  };

  const floorPort = PORT + 1;
  const floor = await startFloorServer(root, floorDir, floorPort);
  try {
    await measure('bare Next.js: empty page', '1', `http://localhost:${floorPort}/`, {}, pidOf(floor), '—');
    await measure('bare Next.js: 20-row table', '1', `http://localhost:${floorPort}/table?rows=20`, {}, pidOf(floor), '—');
  } finally {
    await stopServer(floor);
  }

  const pages = [
    ['Axis caseload /patients', '/patients'],
    ['Axis patient page', `/patients/${patientId}`],
  ] as const;
  // Statements per request from a counting server; the loaded runs use servers that write no markers.
  const statements: Record<string, string> = {};
  const counting = await startServer(1, true);
  try {
    const cookie = await signIn(SCALE_BENCH_EMAIL);
    for (const [label, pathname] of pages) {
      for (let i = 0; i < 5; i++) await timedGet(`${BASE}${pathname}`, cookie);
      statements[label] = String(await queriesPerRequest(`${BASE}${pathname}`, cookie));
    }
  } finally {
    await stopServer(counting);
  }
  for (const pool of POOLS) {
    for (const workers of WORKER_COUNTS) {
      const server = await startServer(workers, false, pool);
      try {
        const cookie = await signIn(SCALE_BENCH_EMAIL);
        for (const [label, pathname] of pages) await measure(label, `${workers} × ${pool}`, `${BASE}${pathname}`, { cookie }, pidOf(server), statements[label] ?? '—');
      } finally {
        await stopServer(server);
      }
    }
  }

  const ratios: string[] = [];
  const tableRate = rate['bare Next.js: 20-row table@1'] ?? NaN;
  for (const [key, r] of Object.entries(rate)) {
    if (!key.startsWith('Axis')) continue;
    const [label, setting] = key.split('@');
    ratios.push(`${label} (processes × connections ${setting}): the bare 20-row table serves ${(tableRate / r).toFixed(1)}x its requests per second.`);
  }
  return { table, ratios };
}

/** The browser's view of the caseload: what one page view costs the server, prefetches and all. */
async function browserTable(): Promise<string[][] | null> {
  if (VIEWS === 0) return null;
  if (!browserAvailable()) {
    console.log('Chromium is not installed (apt-get install -y chromium): the browser table is skipped.');
    return null;
  }
  const server = await startServer(1, false);
  let results: BrowserViews[];
  try {
    results = await measureBrowserViews(BASE, pidOf(server), SCALE_BENCH_EMAIL, PASSWORD, VIEWS);
  } finally {
    await stopServer(server);
  }
  console.log('  measured caseload views in Chromium');
  return [
    ['caseload view', 'documents', 'navigations (RSC)', 'prefetches', 'other requests', 'Node CPU ms/view', 'DB CPU ms/view'],
    ...results.map((r) => [r.mode, String(r.requests.document), String(r.requests.navigation), String(r.requests.prefetch), String(r.requests.other), ms(r.serverCpuMsPerView), ms(r.databaseCpuMsPerView)]),
  ];
}

function printTable(table: string[][]): void {
  const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  console.log(line(table[0] ?? []));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of table.slice(1)) console.log(line(r));
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
