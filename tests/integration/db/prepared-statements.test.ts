import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client';

// On PostgreSQL the app's statements are named prepared statements, kept per connection and reused
// (db/prepared-statements.ts); these check that against the real server, and that a statement whose
// table changed shape under it is prepared again instead of failing.

// On the server's own test database (not a migrated clone), so each test makes and drops its own table.
const url = process.env.DATABASE_URL ?? '';

function scratchTable() {
  const name = `prepared_${randomUUID().replaceAll('-', '')}`;
  return { name, table: sql.identifier(name) };
}

async function preparedCount(handle: ReturnType<typeof openDatabase>, like: string): Promise<number> {
  const rows = (await handle.db.execute(sql`select count(*)::int as n from pg_prepared_statements where statement like ${like}`)) as unknown as { n: number }[];
  return rows[0]?.n ?? 0;
}

describe.skipIf(!url)('prepared statements on PostgreSQL', () => {
  it('prepares each statement once per connection and reuses it, in and out of transactions', async () => {
    const handle = openDatabase({ kind: 'postgres', url }, { maxConnections: 1 });
    const { name, table } = scratchTable();
    try {
      await handle.db.execute(sql`create table ${table} (a int)`);
      for (let i = 0; i < 3; i++) await handle.db.execute(sql`select a from ${table} where a = ${i}`);
      expect(await preparedCount(handle, `select a from "${name}" where a = $1`)).toBe(1);
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`select a from ${table} where a = ${7}`);
        await tx.transaction(async (savepoint) => {
          await savepoint.execute(sql`select a + 1 from ${table} where a = ${8}`);
        });
      });
      expect(await preparedCount(handle, `select a%from "${name}" where a = $1`)).toBe(2);
    } finally {
      await handle.db.execute(sql`drop table if exists ${table}`);
      await handle.close();
    }
  });

  it('prepares again a statement whose table changed shape (a migration while serving)', async () => {
    const handle = openDatabase({ kind: 'postgres', url }, { maxConnections: 1 });
    const { table } = scratchTable();
    try {
      await handle.db.execute(sql`create table ${table} (a int)`);
      await handle.db.execute(sql`insert into ${table} values (1)`);
      expect(await handle.db.execute(sql`select * from ${table}`)).toEqual([{ a: 1 }]);
      await handle.db.execute(sql`alter table ${table} add column b int default 2`);
      expect(await handle.db.execute(sql`select * from ${table}`)).toEqual([{ a: 1, b: 2 }]);
    } finally {
      await handle.db.execute(sql`drop table if exists ${table}`);
      await handle.close();
    }
  });

  it('leaves statements unnamed on a connection that asks for no prepared statements (old PgBouncer)', async () => {
    const noPrepare = new URL(url);
    noPrepare.searchParams.set('prepare', 'false');
    const handle = openDatabase({ kind: 'postgres', url: noPrepare.toString() }, { maxConnections: 1 });
    const { name, table } = scratchTable();
    try {
      await handle.db.execute(sql`create table ${table} (a int)`);
      for (let i = 0; i < 2; i++) await handle.db.execute(sql`select a from ${table} where a = ${i}`);
      expect(await preparedCount(handle, `%"${name}"%`)).toBe(0);
    } finally {
      await handle.db.execute(sql`drop table if exists ${table}`);
      await handle.close();
    }
  });
});
