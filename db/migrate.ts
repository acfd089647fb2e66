import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import path from 'node:path';
import postgres from 'postgres';
import type { DatabaseHandle } from './client';
import { postgresConnection } from './connection-url';

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

// Arbitrary constant: the advisory-lock key that serialises migrations when several instances start.
const MIGRATION_LOCK_KEY = 7_241_991;

/** Applies the committed SQL migrations (db/migrations) that this database has not seen yet. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.target.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  // A dedicated single connection, so the session-level advisory lock covers the whole migration.
  const connection = postgresConnection(handle.target.url);
  const client = postgres(connection.url, { max: 1, onnotice: () => {}, connect_timeout: 5, ...(connection.path ? { path: connection.path } : {}) });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzle(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
