// Playwright's web server: the real `npm start` path (build if needed, migrate, seed, next start),
// on its own port and a fresh database, so the browser tests never touch a developer's data.
import { rmSync } from 'node:fs';
import postgres from 'postgres';
import { E2E_CLINIC_TIME_ZONE, E2E_SERVER_LOG } from './server-log';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

async function freshDatabase(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = '.data/e2e';
    rmSync(dir, { recursive: true, force: true });
    process.env.PGLITE_DIR = dir;
    console.log('[e2e] database: fresh embedded PGlite at .data/e2e');
    return;
  }
  const name = 'axis_e2e';
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  process.env.DATABASE_URL = u.toString();
  console.log('[e2e] database: fresh PostgreSQL database axis_e2e');
}

async function main() {
  await freshDatabase();
  process.env.PORT = String(E2E_PORT);
  process.env.NEXTAUTH_URL = `http://localhost:${E2E_PORT}`;
  process.env.AXIS_SERVER_LOG ??= E2E_SERVER_LOG;
  // A clinic away from UTC, so the browser tests prove times are shown in the clinic's zone (tests/e2e/dates.spec.ts).
  process.env.AXIS_CLINIC_TIME_ZONE ??= E2E_CLINIC_TIME_ZONE;
  process.env.NEXTAUTH_SECRET ??= 'e2e-only-secret-not-for-production-use-0123456789';
  await import('../../scripts/start');
}

void main();
