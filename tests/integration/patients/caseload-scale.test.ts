import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, useDatabase, type DatabaseHandle } from '../../../db/client';
import { patients } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { caseloadQuerySchema, DEFAULT_CASELOAD_QUERY, type CaseloadQuery } from '../../../lib/patients/caseload-query';
import { listCaseload, patientSearchText } from '../../../lib/patients/queries';
import { actorOf, addCondition, addToTeam, makePatient, makeUser, openCountedDatabase, statementsDuring } from '../fixtures';

// What keeps the caseload fast at 100,000 patients (docs/PERFORMANCE.md): a fixed number of statements
// per page whatever the caseload's size, and a name search the trigram index can answer.

let original: DatabaseHandle | undefined;
let counted: DatabaseHandle;
let small: Actor;
let large: Actor;

function query(overrides: Partial<CaseloadQuery> = {}): CaseloadQuery {
  return caseloadQuerySchema.parse({ ...DEFAULT_CASELOAD_QUERY, ...overrides });
}

beforeAll(async () => {
  original = (globalThis as unknown as { axisDb?: DatabaseHandle }).axisDb;
  counted = await openCountedDatabase();
  useDatabase(counted);

  const a = await makeUser('clinician', { specialty: 'dermatology', name: 'Dr Small Caseload' });
  const b = await makeUser('clinician', { specialty: 'dermatology', name: 'Dr Large Caseload' });
  const nutritionist = await makeUser('clinician', { specialty: 'nutrition', name: 'Nia Nutrition' });
  small = actorOf(a);
  large = actorOf(b);
  for (let i = 0; i < 3; i++) {
    const p = await makePatient({ givenName: 'Small', familyName: `Case${i}` });
    await addToTeam(p.id, a.id, 'lead');
  }
  for (let i = 0; i < 45; i++) {
    const p = await makePatient({ givenName: i === 0 ? 'Maya' : `Given${i}`, familyName: i === 0 ? 'Chen' : `Family${i}` });
    await addToTeam(p.id, b.id, 'lead');
    await addToTeam(p.id, nutritionist.id);
    await addCondition(p.id, 'L20.9', 'Atopic dermatitis, unspecified');
    await addCondition(p.id, 'K63.8219', 'Small intestinal bacterial overgrowth, unspecified');
  }
});

afterAll(async () => {
  useDatabase(original);
  await counted?.close();
});

describe('caseload statements per page', () => {
  it('stay the same whether the page shows 3 patients or 20 of 45 (no query per row)', async () => {
    const forSmall = await statementsDuring(() => listCaseload(small, query()));
    const forLarge = await statementsDuring(() => listCaseload(large, query({ size: 20 })));
    const deepPage = await statementsDuring(() => listCaseload(large, query({ size: 20, page: 3 })));
    expect(forSmall).toBeGreaterThan(0);
    expect(forLarge).toBe(forSmall);
    expect(deepPage).toBe(forSmall);
    // Role check, the page (with total, conditions, team and review counts) and one audit insert.
    expect(forLarge).toBeLessThanOrEqual(3);
  });

  it('still shows the full conditions and team of each row from that one statement', async () => {
    const page = await listCaseload(large, query({ q: 'maya chen' }));
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({
      givenName: 'Maya',
      familyName: 'Chen',
      conditions: [
        { code: 'K63.8219', display: 'Small intestinal bacterial overgrowth, unspecified' },
        { code: 'L20.9', display: 'Atopic dermatitis, unspecified' },
      ],
      careTeam: [
        { name: 'Dr Large Caseload', specialty: 'dermatology', role: 'lead' },
        { name: 'Nia Nutrition', specialty: 'nutrition', role: 'member' },
      ],
      awaitingReview: 0,
    });
  });

  it('counts a page beyond the end once more to show the last page', async () => {
    const page = await listCaseload(large, query({ size: 20, page: 9 }));
    expect(page).toMatchObject({ page: 3, pageCount: 3, total: 45 });
    expect(page.rows).toHaveLength(5);
  });
});

describe('name search', () => {
  it.each(['chen', 'CHEN', 'aya', 'maya chen', 'Chen, Maya', 'chen, m'])('finds Maya Chen by %j', async (q) => {
    const page = await listCaseload(large, query({ q }));
    expect(page.rows.map((r) => `${r.givenName} ${r.familyName}`)).toEqual(['Maya Chen']);
  });

  it.each(['chen maya', 'chen | maya', 'Chen, Maya Chen'])('does not match across the two name orders (%j)', async (q) => {
    const page = await listCaseload(large, query({ q }));
    expect(page.rows.filter((r) => r.familyName === 'Chen')).toEqual([]);
  });

  it('is answered by the trigram index (the query and index expressions are the same)', async () => {
    const plan = await getDb().transaction(async (tx) => {
      // Forbid the sequential scan a tiny table would get, so the only way left is an index.
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute(sql`explain select ${patients.id} from ${patients} where ${patientSearchText} ilike ${'%chen%'}`);
      const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Record<string, string>[];
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toContain('patients_name_search_trgm_idx');
  });
});
