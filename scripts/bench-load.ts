// `npm run bench:load`: 100 signed-in clinicians browse and write over real HTTP against a production
// build, then PostgreSQL is stopped for ~10 s mid-run and started again. Prints throughput, latency
// per phase and per request kind, status counts, how the outage looked to users, how long recovery
// took and whether any acknowledged write was lost. Exits non-zero when a target is missed.
//
// It never touches the main PostgreSQL cluster (port 5432): it creates and controls its own cluster
// `15 axisload` on port 5433 (pg_createcluster / pg_ctlcluster, run as root or postgres), its own
// build directory (.next-load) and port (3300), so it cannot collide with the e2e suite.
//
// Settings (environment): BENCH_USERS (100), BENCH_STEADY_S (60), BENCH_OUTAGE_S (10),
// BENCH_RECOVERY_S (20), BENCH_THINK_MS (500, mean pause between one clinician's requests), BENCH_PORT (3300), BENCH_PG_PORT (5433), BENCH_KEEP_CLUSTER=1 to leave the
// cluster running afterwards.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { asc, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { careTeamMembers, patients, results, users } from '../db/schema';
import { DEMO_PASSWORD, seedDemoClinic } from '../db/seed/demo-clinic';
import { hashPassword } from '../lib/platform/auth/password';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../lib/platform/db/unavailable';

const root = process.cwd();
const USERS = Number(process.env.BENCH_USERS ?? 100);
const STEADY_S = Number(process.env.BENCH_STEADY_S ?? 60);
const OUTAGE_S = Number(process.env.BENCH_OUTAGE_S ?? 10);
const RECOVERY_S = Number(process.env.BENCH_RECOVERY_S ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 5433);
const PG_VERSION = '15';
const CLUSTER = 'axisload';
const DIST_DIR = '.next-load';
const DB_NAME = 'axis_load';
const BASE = `http://localhost:${PORT}`;
const ADMIN_URL = `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`;
const DB_URL = `postgres://postgres@127.0.0.1:${PG_PORT}/${DB_NAME}`;
const PATIENTS_PER_CLINICIAN = 6;
const REQUEST_TIMEOUT_MS = 30_000;
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 500);
const RECOVERY_TARGET_S = 30;
const APP_LOG = 'test-results/bench-load-app.log';

if (PG_PORT === 5432) throw new Error('BENCH_PG_PORT must not be 5432: that is the shared main cluster.');

// ---------------------------------------------------------------------------------------------
// The dedicated cluster

function run(cmd: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function clusterStatus(): 'missing' | 'online' | 'down' {
  const r = run('pg_lsclusters', ['--no-header']);
  for (const line of r.out.split('\n')) {
    const [version, name, port, status] = line.trim().split(/\s+/);
    if (version === PG_VERSION && name === CLUSTER) {
      if (Number(port) !== PG_PORT) throw new Error(`cluster ${PG_VERSION}/${CLUSTER} listens on ${port}, expected ${PG_PORT}`);
      return status === 'online' ? 'online' : 'down';
    }
  }
  return 'missing';
}

function pgctlArgs(action: 'start' | 'stop'): string[] {
  // Only ever this cluster, by version and name; `-m fast` terminates sessions like a real restart.
  return action === 'stop' ? [PG_VERSION, CLUSTER, 'stop', '-m', 'fast'] : [PG_VERSION, CLUSTER, 'start'];
}

function pgctl(action: 'start' | 'stop'): void {
  const r = run('pg_ctlcluster', pgctlArgs(action));
  if (r.status !== 0) throw new Error(`pg_ctlcluster ${pgctlArgs(action).join(' ')} failed: ${r.out.trim()}`);
}

/** The same, without blocking the event loop: the load keeps running (and being timed) meanwhile. */
async function pgctlAsync(action: 'start' | 'stop'): Promise<void> {
  await promisify(execFile)('pg_ctlcluster', pgctlArgs(action));
}

function ensureCluster(): void {
  if (clusterStatus() === 'missing') {
    console.log(`Creating PostgreSQL cluster ${PG_VERSION}/${CLUSTER} on port ${PG_PORT}…`);
    // Trust on 127.0.0.1 only, like the development cluster: the bench connects without a password.
    const r = run('pg_createcluster', [PG_VERSION, CLUSTER, '--port', String(PG_PORT), '--', '--auth-host=trust', '--auth-local=peer']);
    if (r.status !== 0) throw new Error(`pg_createcluster failed: ${r.out.trim()}`);
  }
  if (clusterStatus() !== 'online') pgctl('start');
}

// ---------------------------------------------------------------------------------------------
// Database: fresh, migrated, demo clinic plus the bench clinicians

interface BenchClinician {
  email: string;
  patientIds: string[];
}
interface Fixture {
  /** Chen, Maya (AX-100155), on Dr. Rivera's team: the browser probe's patient. */
  chenId: string;
  clinicians: BenchClinician[];
  resultsByPatient: Map<string, string[]>;
}

async function prepareDatabase(): Promise<Fixture> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
  await admin.unsafe(`create database "${DB_NAME}"`);
  await admin.end();

  const handle = openDatabase({ kind: 'postgres', url: DB_URL }, { maxConnections: 2 });
  try {
    await migrateDatabase(handle);
    await seedDemoClinic(handle.db);
    const db = handle.db;
    const [adminUser] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
    if (!adminUser) throw new Error('demo clinic has no administrator');
    const allPatients = await db.select({ id: patients.id }).from(patients).orderBy(asc(patients.mrn));
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const specialties = ['dermatology', 'nutrition', 'gastroenterology'] as const;
    const clinicians: BenchClinician[] = [];
    await db.transaction(async (tx) => {
      for (let i = 0; i < USERS; i++) {
        const n = String(i + 1).padStart(3, '0');
        const email = `bench.clinician.${n}@axis.test`;
        const [row] = await tx
          .insert(users)
          .values({ name: `Bench Clinician ${n}`, email, role: 'clinician', specialty: specialties[i % specialties.length], passwordHash })
          .returning({ id: users.id });
        if (!row) throw new Error('user insert returned no row');
        // Overlapping caseloads, so clinicians write to the same records concurrently.
        const patientIds = Array.from({ length: PATIENTS_PER_CLINICIAN }, (_, k) => allPatients[(i * 3 + k) % allPatients.length]?.id).filter((id): id is string => !!id);
        await tx.insert(careTeamMembers).values(patientIds.map((patientId) => ({ patientId, userId: row.id, role: 'member' as const, addedBy: adminUser.id })));
        clinicians.push({ email, patientIds });
      }
    });
    const resultRows = await db.select({ id: results.id, patientId: results.patientId }).from(results).where(eq(results.isCurrent, true));
    const resultsByPatient = new Map<string, string[]>();
    for (const r of resultRows) resultsByPatient.set(r.patientId, [...(resultsByPatient.get(r.patientId) ?? []), r.id]);
    const [chen] = await db.select({ id: patients.id }).from(patients).where(eq(patients.mrn, 'AX-100155'));
    if (!chen) throw new Error('demo clinic has no Chen, Maya (AX-100155)');
    return { chenId: chen.id, clinicians, resultsByPatient };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The app: `npm start`'s own path (build if sources changed, migrate, serve) on its own dir and port

function startApp(): ChildProcess {
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--conditions=react-server', 'scripts/start.ts'], {
    cwd: root,
    detached: true, // its own process group, so stopping it also stops `next start`
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: DB_URL,
      NEXT_DIST_DIR: DIST_DIR,
      PORT: String(PORT),
      NEXTAUTH_URL: BASE,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'bench-load-only-secret-not-for-production-0123456789',
      NEXT_TELEMETRY_DISABLED: '1',
      AXIS_BUILD_SKIP_TYPECHECK: '1',
    },
  });
  let tail = '';
  // The whole server log, for explaining a failure afterwards.
  mkdirSync(path.join(root, 'test-results'), { recursive: true });
  const log = createWriteStream(path.join(root, APP_LOG));
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-20_000);
    log.write(`${new Date().toISOString()} ${chunk.toString()}`);
  };
  child.stdout?.on('data', (c: Buffer) => {
    keep(c);
    const text = c.toString();
    if (/Building|Compiled|Build is up to date|Database:|Route|error/i.test(text)) process.stdout.write(text.split('\n').filter((l) => /Building|Compiled|up to date|Database:|failed|error/i.test(l)).map((l) => `  [app] ${l}\n`).join(''));
  });
  child.stderr?.on('data', (c: Buffer) => {
    keep(c);
    for (const line of c.toString().split('\n')) if (line.trim() && appErrors.length < 2000) appErrors.push(line.trim());
  });
  (child as ChildProcess & { logTail?: () => string }).logTail = () => tail;
  return child;
}

function stopApp(child: ChildProcess): void {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

async function waitUntilServing(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15 * 60_000; // a cold build on a busy 2-core machine takes minutes
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${(child as ChildProcess & { logTail?: () => string }).logTail?.() ?? ''}`);
    try {
      const res = await fetch(`${BASE}/sign-in`, { redirect: 'manual' });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(1000);
  }
  throw new Error('the app did not start in time');
}

// ---------------------------------------------------------------------------------------------
// HTTP as a browser does it: a cookie jar per clinician, next-auth sign-in, server actions

class Session {
  private cookies = new Map<string, string>();
  constructor(readonly email: string) {}
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', this.cookieHeader());
    const response = await fetch(`${BASE}${pathname}`, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    this.absorb(response);
    return response;
  }
  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith('next-auth.session-token'));
  }
}

async function signIn(email: string): Promise<Session> {
  const session = new Session(email);
  const csrf = (await (await session.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken: csrf.csrfToken, email, password: DEMO_PASSWORD, callbackUrl: `${BASE}/patients`, json: 'true' });
  const res = await session.fetch('/api/auth/callback/credentials', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  await res.arrayBuffer();
  if (!session.hasSession()) throw new Error(`sign-in failed for ${email} (HTTP ${res.status})`);
  return session;
}

/** The id Next gave saveNoteAction in this build (server-reference manifest, keyed by action id). */
function saveNoteActionId(): string {
  const manifest = JSON.parse(readFileSync(path.join(root, DIST_DIR, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    const inNotes = entry.filename?.includes('notes/actions') ?? Object.keys(entry.workers).some((w) => w.includes('/notes/'));
    if (entry.exportedName === 'saveNoteAction' && inNotes) return id;
  }
  throw new Error('saveNoteAction not found in the server-reference manifest');
}

// ---------------------------------------------------------------------------------------------
// The load

type Phase = 'steady' | 'outage' | 'recovery';
type Kind = 'caseload' | 'record' | 'result' | 'timeline' | 'write-note';
type Verdict = 'ok' | 'unavailable' | 'other';

interface Sample {
  phase: Phase;
  kind: Kind;
  status: number; // 0 = network error or timeout
  ms: number;
  verdict: Verdict;
  sentAt: number;
  doneAt: number;
}

const samples: Sample[] = [];
/** The app's stderr (its server log), summarised at the end. */
const appErrors: string[] = [];
/** A few failed answers, kept to explain a missed target (status, kind, start of the body). */
const failureExcerpts: string[] = [];
function noteFailure(kind: Kind, status: number, text: string): void {
  if (failureExcerpts.length < 12) failureExcerpts.push(`${new Date().toISOString().slice(11, 23)} ${kind} ${status}: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
}
const acknowledgedNotes: string[] = [];
let phase: Phase = 'steady';
let running = true;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const SEARCHES = ['', 'a', 'e', 'ch', 'AX-1001', 'ma', 'son'];
const SORTS = ['lastActivity', 'name', 'age', 'mrn'];

// What must never reach a user: stack frames, SQL, driver error names.
const LEAK = /Failed query|\bat async\b|PostgresError|ECONNREFUSED|CONNECTION_CLOSED|select "|node_modules/;

function classifyPage(status: number, text: string): Verdict {
  if (LEAK.test(text)) return 'other';
  if (text.includes(DATABASE_UNAVAILABLE_MESSAGE)) return 'unavailable';
  if (status === 503) return 'unavailable';
  // A page whose server render failed: Next answers 500 with its error document, which renders
  // app/error.tsx ("Axis is temporarily unavailable — please try again in a minute", Try again) in the
  // browser. The text lives in the client bundle, so the browser probe below checks it on screen.
  if (status === 500 && text.includes('id="__next_error__"')) return 'unavailable';
  return status === 200 ? 'ok' : 'other';
}

async function one(session: Session, clinician: BenchClinician, fixture: Fixture, actionId: string): Promise<void> {
  const patientId = pick(clinician.patientIds);
  const roll = Math.random();
  const kind: Kind = roll < 0.25 ? 'caseload' : roll < 0.5 ? 'record' : roll < 0.65 ? 'result' : roll < 0.8 ? 'timeline' : 'write-note';
  const sentAt = Date.now();
  let status = 0;
  let verdict: Verdict = 'other';
  try {
    if (kind === 'write-note') {
      const marker = randomUUID();
      const args = [patientId, { body: `Load test note ${marker}: reviewed diary and scores; continue plan.`, visibility: 'care_team', links: [], tasks: [], sign: false }];
      const res = await session.fetch(`/patients/${patientId}/notes/new`, {
        method: 'POST',
        headers: { 'Next-Action': actionId, Accept: 'text/x-component', 'Content-Type': 'text/plain;charset=UTF-8', Origin: BASE },
        body: JSON.stringify(args),
      });
      status = res.status;
      const text = await res.text();
      const noteId = /"ok":true,"data":\{"noteId":"([0-9a-f-]{36})"/.exec(text)?.[1];
      if (status === 200 && noteId) {
        acknowledgedNotes.push(noteId);
        verdict = 'ok';
      } else {
        verdict = text.includes(DATABASE_UNAVAILABLE_MESSAGE) ? 'unavailable' : 'other';
        if (verdict === 'other') noteFailure(kind, status, text);
      }
    } else {
      let url: string;
      if (kind === 'caseload') {
        const params = new URLSearchParams({ sort: pick(SORTS), dir: pick(['asc', 'desc']) });
        const q = pick(SEARCHES);
        if (q) params.set('q', q);
        url = `/patients?${params}`;
      } else if (kind === 'record') url = `/patients/${patientId}`;
      else if (kind === 'timeline') url = `/patients/${patientId}/timeline`;
      else {
        const resultIds = fixture.resultsByPatient.get(patientId);
        url = resultIds?.length ? `/patients/${patientId}/results/${pick(resultIds)}` : `/patients/${patientId}`;
      }
      const res = await session.fetch(url);
      status = res.status;
      const text = await res.text();
      verdict = classifyPage(status, text);
      if (verdict === 'other') noteFailure(kind, status, text);
    }
  } catch (error) {
    status = 0;
    verdict = 'other';
    noteFailure(kind, 0, error instanceof Error ? error.message : String(error));
  }
  const doneAt = Date.now();
  // An answer belongs to the phase in which it arrived: what users saw while the database was down
  // includes the requests that were already running when it stopped.
  samples.push({ phase, kind, status, ms: doneAt - sentAt, verdict, sentAt, doneAt });
}

async function virtualClinician(session: Session, clinician: BenchClinician, fixture: Fixture, actionId: string): Promise<void> {
  await sleep(Math.random() * 1000); // spread the first wave
  while (running) {
    await one(session, clinician, fixture, actionId);
    // "Think time" between clicks: far shorter than a real clinician's, so 100 of them are a stress test.
    await sleep(THINK_MS * (0.5 + Math.random()));
  }
}

// ---------------------------------------------------------------------------------------------
// The browser probe: what one clinician actually sees in Chromium during the outage (the text of the
// error page is rendered by app/error.tsx on the client, so plain HTTP cannot read it).

const BROWSER = process.env.BENCH_BROWSER !== '0';
const probeChecks: { name: string; ok: boolean; detail: string }[] = [];

function check(name: string, ok: boolean, detail = ''): void {
  probeChecks.push({ name, ok, detail });
  console.log(`  [browser] ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

class BrowserProbe {
  private constructor(
    private readonly browser: Browser,
    private readonly notePage: Page,
    private readonly recordPage: Page,
    private readonly chenId: string,
    private readonly typed: string,
  ) {}

  static async open(chenId: string): Promise<BrowserProbe> {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const context = await browser.newContext({ baseURL: BASE });
    context.setDefaultTimeout(20_000);
    const notePage = await context.newPage();
    await notePage.goto('/sign-in');
    await notePage.getByLabel('Email').fill('elena.rivera@axis.test');
    await notePage.getByLabel('Password').fill(DEMO_PASSWORD);
    await notePage.getByRole('button', { name: 'Sign in' }).click();
    await notePage.waitForURL(/\/patients$/, { timeout: 60_000 });
    await notePage.goto(`/patients/${chenId}/notes/new`, { timeout: 60_000 });
    const typed = `Outage probe ${randomUUID()}: typed before the database stopped; must survive a failed save.`;
    await notePage.getByLabel('Note (Markdown)').fill(typed);
    const recordPage = await context.newPage();
    await recordPage.goto(`/patients/${chenId}`, { timeout: 60_000 });
    return new BrowserProbe(browser, notePage, recordPage, chenId, typed);
  }

  async duringOutage(): Promise<void> {
    await Promise.all([
      (async () => {
        await this.notePage.getByRole('button', { name: 'Save draft' }).click();
        const shown = await this.notePage.getByText(DATABASE_UNAVAILABLE_MESSAGE).first().waitFor({ timeout: 8000 }).then(() => true, () => false);
        const kept = (await this.notePage.getByLabel('Note (Markdown)').inputValue()) === this.typed;
        await this.notePage.screenshot({ path: 'test-results/screenshots/bench-outage-note-save.png', fullPage: true });
        check('saving a note during the outage shows "temporarily unavailable"', shown);
        check('the typed note is still in the editor after the failed save', kept);
      })(),
      (async () => {
        await this.recordPage.reload({ timeout: 8000 }).catch(() => {});
        const shown = await this.recordPage.getByRole('heading', { name: DATABASE_UNAVAILABLE_MESSAGE }).waitFor({ timeout: 8000 }).then(() => true, () => false);
        const retry = await this.recordPage.getByRole('button', { name: 'Try again' }).isVisible();
        const text = await this.recordPage.locator('body').innerText();
        await this.recordPage.screenshot({ path: 'test-results/screenshots/bench-outage-record.png', fullPage: true });
        check('opening a record during the outage shows the error page with "Try again"', shown && retry);
        check('the error page leaks no SQL or stack', !LEAK.test(text));
      })(),
    ]);
  }

  async afterRecovery(databaseBackAt: number): Promise<void> {
    let recovered = false;
    // Under this load a page takes seconds to render: each retry waits long enough for one to arrive.
    for (let i = 0; i < 5 && !recovered; i++) {
      await this.recordPage.getByRole('button', { name: 'Try again' }).click({ timeout: 3000 }).catch(() => {});
      recovered = await this.recordPage.getByRole('heading', { level: 1, name: 'Chen, Maya' }).waitFor({ timeout: 10_000 }).then(() => true, () => false);
    }
    check('"Try again" on the error page brings the record back', recovered, `${((Date.now() - databaseBackAt) / 1000).toFixed(1)} s after the database returned`);
    await this.notePage.getByRole('button', { name: 'Save draft' }).click();
    const saved = await this.notePage.waitForURL(new RegExp(`/patients/${this.chenId}/notes/[0-9a-f-]{36}$`), { timeout: 30_000 }).then(() => true, () => false);
    if (saved) acknowledgedNotes.push(this.notePage.url().split('/').pop() ?? '');
    check('saving the same typed note again after recovery succeeds', saved);
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Figures

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function row(label: string, list: Sample[], seconds: number): string {
  const ms = list.map((s) => s.ms).sort((a, b) => a - b);
  const rps = seconds > 0 ? (list.length / seconds).toFixed(1) : '-';
  return `${label.padEnd(22)} ${String(list.length).padStart(7)} ${rps.padStart(8)} ${percentile(ms, 50).toFixed(0).padStart(7)} ${percentile(ms, 95).toFixed(0).padStart(7)} ${percentile(ms, 99).toFixed(0).padStart(7)}`;
}

function statusCounts(list: Sample[]): string {
  const counts = new Map<number, number>();
  for (const s of list) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k === 0 ? 'network-error' : k}:${v}`).join('  ');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  console.log(`bench:load: ${USERS} clinicians, steady ${STEADY_S} s, outage ${OUTAGE_S} s, recovery ${RECOVERY_S} s; PostgreSQL ${PG_VERSION}/${CLUSTER} on ${PG_PORT}, app on ${PORT} (${DIST_DIR})`);
  ensureCluster();
  console.log('Preparing a fresh database (migrate, demo clinic, bench clinicians)…');
  const fixture = await prepareDatabase();

  const app = startApp();
  const stop = () => stopApp(app);
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      stop();
      if (clusterStatus() === 'down') pgctl('start');
      process.exit(130);
    });
  let outageStartedAt = 0;
  let databaseBackAt = 0;
  try {
    await waitUntilServing(app);
    const actionId = saveNoteActionId();
    console.log(`App is serving. saveNoteAction id ${actionId.slice(0, 12)}…; signing in ${USERS} clinicians over HTTP…`);

    const sessions: Session[] = [];
    const signInStarted = Date.now();
    for (let i = 0; i < fixture.clinicians.length; i += 10) {
      sessions.push(...(await Promise.all(fixture.clinicians.slice(i, i + 10).map((c) => signIn(c.email)))));
    }
    console.log(`Signed in ${sessions.length} clinicians in ${((Date.now() - signInStarted) / 1000).toFixed(1)} s. Steady state for ${STEADY_S} s…`);

    const probe = BROWSER ? await BrowserProbe.open(fixture.chenId) : null;
    const loadStartedAt = Date.now();
    const workers = sessions.map((s, i) => virtualClinician(s, fixture.clinicians[i] as BenchClinician, fixture, actionId));
    await sleep(STEADY_S * 1000);

    console.log(`Stopping PostgreSQL ${PG_VERSION}/${CLUSTER} for ${OUTAGE_S} s…`);
    phase = 'outage';
    outageStartedAt = Date.now();
    await pgctlAsync('stop');
    const stoppedAt = Date.now();
    const probing = probe?.duringOutage();
    await sleep(OUTAGE_S * 1000);
    await probing;
    try {
      await pgctlAsync('start');
    } finally {
      databaseBackAt = Date.now();
    }
    phase = 'recovery';
    console.log(`PostgreSQL is back (down ${((databaseBackAt - stoppedAt) / 1000).toFixed(1)} s; ${((databaseBackAt - outageStartedAt) / 1000).toFixed(1)} s from the stop command). Recovery for ${RECOVERY_S} s…`);
    const probingAfter = probe?.afterRecovery(databaseBackAt);
    await sleep(RECOVERY_S * 1000);
    running = false;
    await Promise.all(workers);
    await probingAfter;
    await probe?.close();
    const loadEndedAt = Date.now();

    // ----- verification: every acknowledged write is in the database
    const db = postgres(DB_URL, { max: 1, onnotice: () => {} });
    let found = 0;
    for (let i = 0; i < acknowledgedNotes.length; i += 1000) {
      const chunk = acknowledgedNotes.slice(i, i + 1000);
      const [r] = await db<{ n: string }[]>`select count(*)::text as n from clinical_notes where id = any(${chunk}::uuid[])`;
      found += Number(r?.n ?? 0);
    }
    await db.end();

    // ----- figures
    const steady = samples.filter((s) => s.phase === 'steady');
    const outage = samples.filter((s) => s.phase === 'outage');
    const recovery = samples.filter((s) => s.phase === 'recovery');
    const outageSeconds = (databaseBackAt - outageStartedAt) / 1000;
    const recoverySeconds = (loadEndedAt - databaseBackAt) / 1000;
    const steadySeconds = (outageStartedAt - loadStartedAt) / 1000;
    const firstOk = recovery.filter((s) => s.verdict === 'ok' && s.sentAt >= databaseBackAt).sort((a, b) => a.doneAt - b.doneAt)[0];
    const recoveredAfter = firstOk ? (firstOk.doneAt - databaseBackAt) / 1000 : NaN;
    // Back to normal: from the last failed answer to a request sent after the database returned.
    const lastFailure = recovery.filter((s) => s.verdict !== 'ok').sort((a, b) => b.doneAt - a.doneAt)[0];
    const fullyRecoveredAfter = lastFailure ? Math.max(0, (lastFailure.doneAt - databaseBackAt) / 1000) : 0;

    const header = `${'phase / kind'.padEnd(22)} ${'count'.padStart(7)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`;
    console.log(`\n${header}\n${'-'.repeat(header.length)}`);
    for (const [label, list, secs] of [
      ['steady', steady, steadySeconds],
      ['outage', outage, outageSeconds],
      ['recovery', recovery, recoverySeconds],
    ] as const) {
      console.log(row(label, list, secs));
      for (const kind of ['caseload', 'record', 'result', 'timeline', 'write-note'] as const) {
        const ofKind = list.filter((s) => s.kind === kind);
        if (ofKind.length) console.log(row(`  ${kind}`, ofKind, secs));
      }
    }
    const steady5xx = steady.filter((s) => s.status >= 500 || s.status === 0).length;
    const steadyOther = steady.filter((s) => s.verdict !== 'ok').length;
    const outageClear = outage.filter((s) => s.verdict === 'unavailable').length;
    const outageOk = outage.filter((s) => s.verdict === 'ok').length;
    const outageOther = outage.filter((s) => s.verdict === 'other');
    const recoveryOther = recovery.filter((s) => s.verdict === 'other' && s.sentAt >= databaseBackAt + RECOVERY_TARGET_S * 1000).length;
    console.log(`\nstatus counts  steady:   ${statusCounts(steady)}`);
    console.log(`               outage:   ${statusCounts(outage)}`);
    console.log(`               recovery: ${statusCounts(recovery)}`);
    console.log(`\nsteady state: ${steady5xx} answers 5xx or failed (target 0); ${steadyOther} not OK in all`);
    console.log(`outage: ${outage.length} answers: ${outageClear} the clear "temporarily unavailable" (503 / error page / action message), ${outageOk} served OK, ${outageOther.length} anything else (target 0)${outageOther.length ? ` — e.g. ${outageOther.slice(0, 5).map((s) => `${s.kind}:${s.status}`).join(', ')}` : ''}`);
    const lateFailures = recovery.filter((s) => s.verdict !== 'ok').map((s) => `${s.kind} ${s.status} sent ${((s.sentAt - databaseBackAt) / 1000).toFixed(1)} s, answered ${((s.doneAt - databaseBackAt) / 1000).toFixed(1)} s after the database returned`);
    if (lateFailures.length) console.log(`failed answers after the database returned:\n  ${lateFailures.slice(0, 10).join('\n  ')}`);
    console.log(`recovery: first successful answer ${recoveredAfter.toFixed(1)} s after the database returned; last failure ${fullyRecoveredAfter.toFixed(1)} s after (target ≤ ${RECOVERY_TARGET_S} s)`);
    console.log(`writes: ${acknowledgedNotes.length} acknowledged, ${found} found in the database, ${acknowledgedNotes.length - found} lost (target 0)`);

    const missed: string[] = [];
    if (steady5xx > 0) missed.push(`${steady5xx} 5xx/failed answers in steady state`);
    if (outageOther.length > 0) missed.push(`${outageOther.length} unclear answers during the outage`);
    if (!(recoveredAfter <= RECOVERY_TARGET_S)) missed.push('the app did not serve successfully again in time');
    if (recoveryOther > 0) missed.push(`${recoveryOther} failures more than ${RECOVERY_TARGET_S} s after the database returned`);
    if (found !== acknowledgedNotes.length) missed.push(`${acknowledgedNotes.length - found} acknowledged writes missing`);
    if (steady.length === 0 || acknowledgedNotes.length === 0) missed.push('no load was generated');
    const failedChecks = probeChecks.filter((c) => !c.ok);
    if (failedChecks.length) missed.push(`browser checks failed: ${failedChecks.map((c) => c.name).join('; ')}`);
    for (const [label, list] of [
      ['steady', steady],
      ['outage', outage],
      ['recovery', recovery],
    ] as const) {
      const v = (x: Verdict) => list.filter((s) => s.verdict === x).length;
      console.log(`verdicts ${label.padEnd(9)} ok ${v('ok')}, clear unavailable ${v('unavailable')}, other ${v('other')}`);
    }
    if (failureExcerpts.length) console.log(`\nunclear answers (first ${failureExcerpts.length}):\n  ${failureExcerpts.join('\n  ')}`);
    const distinct = new Map<string, number>();
    for (const line of appErrors) {
      const key = line.replace(/[0-9a-f-]{36}/g, '<id>').replace(/\d+/g, 'N').slice(0, 140);
      distinct.set(key, (distinct.get(key) ?? 0) + 1);
    }
    if (distinct.size) console.log(`\napp server log (full log in ${APP_LOG}), most frequent stderr lines:\n  ${[...distinct].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, n]) => `${n}× ${k}`).join('\n  ')}`);
    console.log(missed.length ? `\nTARGETS MISSED: ${missed.join('; ')}` : '\nAll targets met.');
    return missed.length ? 1 : 0;
  } finally {
    running = false;
    stop();
    if (clusterStatus() === 'down' && outageStartedAt && !databaseBackAt) pgctl('start');
    if (!process.env.BENCH_KEEP_CLUSTER && clusterStatus() === 'online') pgctl('stop');
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
