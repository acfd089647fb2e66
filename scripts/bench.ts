// `npm run bench [-- --no-build --requests 100 --concurrency 20 --only patient]`: the figures in docs/PERFORMANCE.md.
// Builds the app into .next-bench (unless --no-build and a build exists), serves it with `next start`
// on port 3200 against the scale database (DATABASE_URL, default the local axis_scale made by
// `npm run seed:scale`), signs in as the scale clinic's busiest dermatologist and prints, per scenario:
// server time p50/p95 under 1 and under N concurrent clients, SQL statements per request, the same
// data-layer statements replayed directly against PostgreSQL (the database floor) and the ratio of the
// two; then the first-load JavaScript of every route, gzipped, from the build's manifests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import type { Logger } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { useDatabase as installDatabase, type Database } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { QUERY_MARKER } from '../db/query-count';
import * as schema from '../db/schema';
import { DEFAULT_SCALE_DATABASE_URL, SCALE_BENCH_EMAIL } from '../db/seed/scale';
import { firstLoadJs } from './bench-first-load';
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
  },
});
const REQUESTS = Number(args.requests);
const CONCURRENCY = Number(args.concurrency);
const databaseUrl = process.env.DATABASE_URL || DEFAULT_SCALE_DATABASE_URL;

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
  if (args['no-build'] && existsSync(path.join(root, DIST_DIR, 'BUILD_ID'))) {
    console.log(`Using the existing build in ${DIST_DIR} (--no-build).`);
    return;
  }
  console.log(`Building into ${DIST_DIR}…`);
  // Compile, then generate: the same production build as `next build` without its type check, which
  // is `npm run typecheck`'s job and would let any unfinished file elsewhere block a measurement.
  for (const mode of ['compile', 'generate']) {
    const result = spawnSync(process.execPath, [nextBin, 'build', `--experimental-build-mode=${mode}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (result.status !== 0) throw new Error(`next build (${mode}) failed`);
  }
}

// --- Server ------------------------------------------------------------------------------------------

let queryMarkers = 0;

async function startServer(): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there on exit (summarize it with scripts/profile-top.ts).
  const profiling = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...profiling, nextBin, 'start', '-p', String(PORT)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NEXT_DIST_DIR: DIST_DIR,
      DATABASE_URL: databaseUrl,
      AXIS_BENCH: '1',
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
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString('utf8')).slice(-4000)));
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${errors}`);
    try {
      const res = await fetch(`${BASE}/sign-in`);
      if (res.status < 500) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`next start did not answer on ${BASE}:\n${errors}`);
}

/** Signs in over HTTP the way the sign-in form does, returning the session cookie header. */
async function signIn(email: string): Promise<string> {
  const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, callbackUrl: `${BASE}/patients`, json: 'true' }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`sign-in as ${email} failed (HTTP ${res.status}); seed the scale clinic first (npm run seed:scale)`);
  return `${csrfCookie}; ${session.split(';')[0]}`;
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
  const client = postgres(url, { max: 1, onnotice: () => {} });
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
  console.log(`Database: ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}`);

  // The bench database gets this checkout's migrations (indexes included) before anything is timed.
  const migrator = postgres(databaseUrl, { max: 1, onnotice: () => {} });
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

  const server = await startServer();
  const rows: string[][] = [];
  try {
    const cookie = await signIn(SCALE_BENCH_EMAIL);
    const capture = capturingDatabase(databaseUrl);
    const raw = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    installDatabase({ db: capture.db, target: { kind: 'postgres', url: databaseUrl }, close: capture.close });
    const actor: Actor = { userId: clinician.id, role: 'clinician', name: clinician.name, email: clinician.email, specialty: 'dermatology', patientId: null, sessionId: 'bench', requestAddress: '127.0.0.1' };

    for (const s of scenarios.filter((x) => !args.only || x.name.includes(args.only))) {
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
    server.kill('SIGTERM');
    // Let it exit, so a CPU profile (BENCH_CPU_PROF) is written before the numbers are printed.
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
  }

  const header = ['scenario', 'c=1 p50', 'c=1 p95', `c=${CONCURRENCY} p50`, `c=${CONCURRENCY} p95`, 'SQL/request', 'DB floor p50 (stmts)', 'app/DB'];
  console.log(`\nServer time in ms (full response, localhost), ${REQUESTS} requests at c=1 and ${Math.max(REQUESTS, CONCURRENCY * 5)} at c=${CONCURRENCY}:\n`);
  printTable([header, ...rows]);
  console.log('\nFirst-load JavaScript per route (gzipped, level 9):\n');
  printTable([['route', 'chunks', 'gzipped'], ...routes.map((r) => [r.route, String(r.files), kb(r.gzipBytes)])]);
  const largest = routes.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a), routes[0] ?? { route: '-', files: 0, gzipBytes: 0 });
  console.log(`\nLargest: ${largest.route} ${kb(largest.gzipBytes)}. Load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
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
