import { sql } from 'drizzle-orm';
import { createServer } from 'node:net';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { openDatabase } from '../../../db/client';
import { asActionResult } from '../../../lib/platform/action-result';
import { DATABASE_UNAVAILABLE_SAVE_MESSAGE, isDatabaseUnavailable } from '../../../lib/platform/db/unavailable';

// Real driver errors, not hand-made ones: what postgres.js and drizzle actually throw when nothing
// listens, and (on PostgreSQL) when the server terminates the session the way a shutdown does.

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => consoleError.mockRestore());

/** A local port with nothing listening: bind, read the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('database outage mapping with the real drivers', () => {
  it('a stopped server (connection refused) is classified as unavailable, and an action says so', async () => {
    const port = await closedPort();
    const handle = openDatabase({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/axis` }, { maxConnections: 1 });
    try {
      const error = await handle.db.execute(sql`select 1`).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      expect(isDatabaseUnavailable(error)).toBe(true);
      const result = await asActionResult(async () => {
        await handle.db.execute(sql`select 1`);
        return { ok: true as const };
      });
      expect(result).toEqual({ ok: false, error: DATABASE_UNAVAILABLE_SAVE_MESSAGE });
    } finally {
      await handle.close();
    }
  });

  it('a query error that is not an outage stays a bug (generic message)', async () => {
    const handle = openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      const error = await handle.db.execute(sql`select * from no_such_table`).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      expect(isDatabaseUnavailable(error)).toBe(false);
    } finally {
      await handle.close();
    }
  });

  it.skipIf(!process.env.DATABASE_URL)('PostgreSQL: a terminated session (57P01, as in a fast shutdown) is unavailable, and the next query reconnects by itself', async () => {
    const url = process.env.DATABASE_URL ?? '';
    const handle = openDatabase({ kind: 'postgres', url }, { maxConnections: 1 });
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const [first] = (await handle.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[];
      expect(first?.pid).toBeGreaterThan(0);
      // Terminate the app's connection while a query runs on it, as `pg_ctl stop -m fast` does.
      const running = handle.db.execute(sql`select pg_sleep(5)`).then(
        () => null,
        (e: unknown) => e,
      );
      await new Promise((r) => setTimeout(r, 300));
      await admin`select pg_terminate_backend(${first?.pid ?? 0})`;
      const error = await running;
      expect(error).not.toBeNull();
      expect(isDatabaseUnavailable(error)).toBe(true);
      // postgres.js opens a new connection once it has seen the old socket close: the app recovers
      // without a restart. A query sent in the instant before the close is noticed may still fail.
      let after: { pid: number } | undefined;
      for (let attempt = 0; attempt < 10 && !after; attempt++) {
        try {
          [after] = (await handle.db.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[];
        } catch (retryError) {
          expect(isDatabaseUnavailable(retryError)).toBe(true);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      expect(after?.pid).toBeGreaterThan(0);
      expect(after?.pid).not.toBe(first?.pid);
    } finally {
      await admin.end();
      await handle.close();
    }
  });
});
