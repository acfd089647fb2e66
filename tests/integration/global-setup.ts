import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';

// With DATABASE_URL, migrate once into a template database; every test file then gets its own
// clone of it (CREATE DATABASE … TEMPLATE), which is fast and fully isolated. Without it, each
// file starts an in-memory PGlite from one migrated snapshot made here (tests/integration/setup.ts):
// loading the snapshot takes a fraction of initialising and migrating a database per file.

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string | null;
    /** A migrated PGlite data directory (tarball) every file starts from, when not on PostgreSQL. */
    pgliteSnapshot: string | null;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide('templateDatabase', null);
    const handle = openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    await migrateDatabase(handle);
    const snapshot = await (handle.db as unknown as { $client: PGlite }).$client.dumpDataDir('none');
    await handle.close();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'axis-pglite-'));
    const file = path.join(dir, 'migrated.tar');
    writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()));
    project.provide('pgliteSnapshot', file);
    console.log('[integration] database: embedded PGlite (in memory, fresh per test file, from one migrated snapshot)');
    return () => rmSync(dir, { recursive: true, force: true });
  }
  project.provide('pgliteSnapshot', null);
  const name = `axis_test_tpl_${process.pid}_${Date.now()}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const templateUrl = withDatabase(url, name);
  const handle = openDatabase({ kind: 'postgres', url: templateUrl }, { maxConnections: 1 });
  await migrateDatabase(handle);
  await handle.close();
  project.provide('templateDatabase', name);
  console.log(`[integration] database: PostgreSQL, template ${name}`);

  return async () => {
    // Drop the template and any per-file clones left behind by a crashed worker.
    const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`axis_test_%_${process.pid}_%`} or datname = ${name}`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
