import { sql, type SQL } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';

// Results and clinical notes share one immutability rule, so one trigger function enforces it on both
// (migration 0015); the two copies it replaced are gone.

/** postgres.js returns the rows, PGlite an object with `rows`. */
async function rowsOf<T>(query: SQL): Promise<T[]> {
  const result = (await getDb().execute(query)) as unknown;
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

describe('immutability triggers', () => {
  it('both versioned tables use the one function, row and statement triggers alike', async () => {
    const rows = await rowsOf<{ table: string; trigger: string; function: string }>(sql`
      select c.relname as "table", t.tgname as "trigger", p.proname as "function"
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
      where not t.tgisinternal and c.relname in ('results', 'clinical_notes')
      order by 1, 2`);
    expect(rows.map((r) => `${r.table}.${r.trigger} -> ${r.function}`)).toEqual([
      'clinical_notes.clinical_notes_immutable -> versioned_rows_refuse_change',
      'clinical_notes.clinical_notes_no_truncate -> versioned_rows_refuse_change',
      'results.results_immutable -> versioned_rows_refuse_change',
      'results.results_no_truncate -> versioned_rows_refuse_change',
    ]);
    const old = await rowsOf<{ n: number }>(sql`select count(*)::int as n from pg_proc where proname in ('results_refuse_change', 'clinical_notes_refuse_change')`);
    expect(old[0]?.n).toBe(0);
  });
});
