import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';

// With DATABASE_URL, migrate once into a template database; every test file then gets its own
// clone of it (CREATE DATABASE … TEMPLATE), which is fast and fully isolated. Without it, each
// file migrates its own in-memory PGlite (tests/integration/setup.ts).

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string | null;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide('templateDatabase', null);
    console.log('[integration] database: embedded PGlite (in memory, fresh per test file)');
    return;
  }
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
