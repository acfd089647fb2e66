import 'server-only';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { is, type ExtractTablesWithRelations } from 'drizzle-orm';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { mkdirSync } from 'node:fs';
import postgres from 'postgres';
import { readEnv } from '../lib/platform/env';
import { postgresConnection } from './connection-url';
import { preparingStatements } from './prepared-statements';
import { benchQueryLogger } from './query-count';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export interface DatabaseHandle {
  db: Database;
  target: DatabaseTarget;
  close(): Promise<void>;
}

/** DATABASE_URL selects a PostgreSQL server; without it, an embedded PGlite database on disk. */
export function targetFromEnv(): DatabaseTarget {
  const env = readEnv();
  return env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.PGLITE_DIR };
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'pglite') return `embedded PGlite at ${target.dataDir}`;
  const url = new URL(target.url);
  const socket = postgresConnection(target.url).path;
  return socket ? `PostgreSQL at ${socket}${url.pathname}` : `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

export interface OpenOptions {
  maxConnections?: number;
  /** PGlite only: start from this data directory (a PGlite.dumpDataDir() tarball) instead of an empty one. */
  pgliteSnapshot?: Blob;
}

export function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): DatabaseHandle {
  if (target.kind === 'postgres') {
    const connection = postgresConnection(target.url);
    const client = postgres(connection.url, {
      ...(connection.path ? { path: connection.path } : {}),
      max: options.maxConnections ?? readEnv().AXIS_DB_POOL,
      onnotice: () => {},
      // Fail fast when the server is unreachable instead of hanging a request for 30 s.
      connect_timeout: 5,
      // Close connections idle for a minute. After a server restart the pool holds no stale sockets
      // for long; postgres.js opens a fresh connection on the next query, so the app recovers by itself.
      idle_timeout: 60,
      // After a failed connect postgres.js waits before the next attempt, by default up to 20 s and
      // growing, while queued queries wait with it: during an outage requests would hang instead of
      // getting the clear "temporarily unavailable" answer. A short cap fails them within moments and
      // reconnects within a quarter second of the server's return.
      backoff: (retries: number) => Math.min(0.02 * 2 ** retries, 0.25),
    });
    // The two drivers' result types differ only in their HKT brand; queries are identical.
    const db = drizzlePostgres(preparingStatements(client), { schema, logger: benchQueryLogger() }) as unknown as Database;
    return { db, target, close: () => client.end({ timeout: 5 }) };
  }
  if (!target.dataDir.startsWith('memory://')) mkdirSync(target.dataDir, { recursive: true });
  // pg_trgm backs the caseload's name search (migration 0010); PostgreSQL ships it as a contrib module.
  const client = new PGlite(target.dataDir, { extensions: { pg_trgm }, ...(options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {}) });
  const db = drizzlePglite(client, { schema, logger: benchQueryLogger() }) as unknown as Database;
  return { db, target, close: () => client.close() };
}

// One handle per process, kept on globalThis so dev-mode module reloads do not open a second
// PGlite instance on the same directory (PGlite allows one process and one instance per directory).
const globalForDb = globalThis as unknown as { axisDb?: DatabaseHandle };

/** Whether a query runs inside an open transaction (one change, one commit) rather than on the pool. */
export function isTransaction(executor: Executor): executor is Transaction {
  return is(executor, PgTransaction);
}

export function getDb(): Database {
  if (!globalForDb.axisDb) globalForDb.axisDb = openDatabase(targetFromEnv());
  return globalForDb.axisDb.db;
}

/** Tests and scripts install their own database (a fresh one per test file). */
export function useDatabase(handle: DatabaseHandle | undefined): void {
  globalForDb.axisDb = handle;
}

export async function closeDb(): Promise<void> {
  const handle = globalForDb.axisDb;
  globalForDb.axisDb = undefined;
  await handle?.close();
}
