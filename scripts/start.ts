// `npm start`: build if the sources changed, migrate, seed on first run, serve, print the demo logins.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeTarget, openDatabase, targetFromEnv } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { formatDemoLogins, seedDemoClinic } from '../db/seed/demo-clinic';
import { chooseWorkers } from './workers';

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
const distDir = process.env.NEXT_DIST_DIR || '.next';
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

function ensureSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  // A fresh clone gets its own random signing key, kept beside the embedded database.
  const file = path.join(root, '.data', 'nextauth-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

const SOURCE_ENTRIES = ['app', 'lib', 'db', 'public', 'next.config.js', 'proxy.ts', 'instrumentation.ts', 'instrumentation-client.ts', 'package-lock.json', 'tsconfig.json', 'postcss.config.mjs'];

function sourceHash(): string {
  const hash = createHash('sha256');
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p).sort()) visit(path.join(p, entry));
    } else {
      hash.update(path.relative(root, p));
      hash.update(readFileSync(p));
    }
  };
  for (const entry of SOURCE_ENTRIES) visit(path.join(root, entry));
  return hash.digest('hex');
}

function buildIfNeeded(): void {
  const marker = path.join(root, distDir, 'axis-source-hash');
  const current = sourceHash();
  if (existsSync(path.join(root, distDir, 'BUILD_ID')) && existsSync(marker) && readFileSync(marker, 'utf8') === current) {
    console.log('Build is up to date.');
    return;
  }
  console.log('Building the app (first run or sources changed)…');
  const result = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
  writeFileSync(marker, current);
}

async function prepareDatabase(): Promise<string> {
  const handle = openDatabase(targetFromEnv(), { maxConnections: 1 });
  try {
    console.log(`Database: ${describeTarget(handle.target)}`);
    await migrateDatabase(handle);
    const summary = await seedDemoClinic(handle.db);
    if (summary.seeded) console.log('Seeded the demo clinic (first run).');
    return formatDemoLogins(summary);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Could not prepare the database (${describeTarget(handle.target)}): ${message}`);
    if (handle.target.kind === 'postgres') console.error('Is the PostgreSQL server running, and does the database in DATABASE_URL exist?');
    process.exit(1);
  } finally {
    await handle.close();
  }
}

async function waitUntilServing(url: string, child: ReturnType<typeof spawn>): Promise<boolean> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main() {
  // AXIS_WORKERS: several server processes on one port (PostgreSQL only; scripts/workers.ts).
  const choice = chooseWorkers(process.env.AXIS_WORKERS, targetFromEnv().kind === 'postgres', os.availableParallelism());
  if (!choice.ok) {
    console.error(choice.message);
    process.exit(2);
  }
  if (choice.note) console.log(choice.note);
  const secret = ensureSecret();
  buildIfNeeded();
  const logins = await prepareDatabase();

  const baseUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  // AXIS_SERVER_LOG: also keep the server's output in a file (the browser tests read it to prove that
  // no health data reaches the log).
  const logFile = process.env.AXIS_SERVER_LOG;
  const command = choice.workers > 1 ? [path.join(root, 'scripts', 'next-cluster.mjs'), String(choice.workers), '-p', String(port)] : [nextBin, 'start', '-p', String(port)];
  if (choice.workers > 1) console.log(`Serving with ${choice.workers} server processes (AXIS_WORKERS).`);
  const child = spawn(process.execPath, command, {
    stdio: logFile ? ['inherit', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: baseUrl, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (logFile) {
    mkdirSync(path.dirname(path.resolve(logFile)), { recursive: true });
    const file = createWriteStream(logFile, { flags: 'w' });
    child.stdout?.on('data', (chunk: Buffer) => (process.stdout.write(chunk), file.write(chunk)));
    child.stderr?.on('data', (chunk: Buffer) => (process.stderr.write(chunk), file.write(chunk)));
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));

  if (await waitUntilServing(`http://localhost:${port}/sign-in`, child)) {
    console.log(`\nAxis is running at ${baseUrl}\n\n${logins}\n`);
  }
}

void main();
