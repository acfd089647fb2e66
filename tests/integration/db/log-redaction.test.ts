import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { patients } from '../../../db/schema';
import { redactError } from '../../../lib/platform/db/log-redaction';

// The real drivers' errors (postgres.js with DATABASE_URL, PGlite without), as drizzle throws them,
// must lose every parameter and any value the server quotes before they are logged.

const CANARY = 'Canary-Okonkwo-91c2';

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error('not an Error');
  }
  throw new Error('the statement did not fail');
}

describe('redacting real database errors', () => {
  it('a bad uuid (the server quotes the value) keeps its SQLSTATE and loses the value', async () => {
    const error = await failure(() => getDb().select().from(patients).where(sql`${patients.id} = ${CANARY}::uuid`));
    expect(`${error.message} ${String((error as { cause?: Error }).cause?.message)}`).toContain(CANARY);
    const redacted = redactError(error);
    expect(`${redacted.message}\n${redacted.stack}`).not.toContain(CANARY);
    expect(redacted.message).toContain('SQLSTATE 22P02');
  });

  it('a NUL byte in a search parameter loses the whole search text', async () => {
    const error = await failure(() => getDb().select().from(patients).where(sql`${patients.familyName} ilike ${`%${CANARY}\u0000%`}`));
    expect(error.message).toContain(CANARY);
    const redacted = redactError(error);
    expect(`${redacted.message}\n${redacted.stack}`).not.toContain(CANARY);
  });

  it('a check violation names its constraint, not the failing row the server quotes', async () => {
    const row = { mrn: `AX-${CANARY}`, givenName: CANARY, familyName: 'B', dateOfBirth: '1990-01-01', sex: 'female' as const };
    const error = await failure(() => getDb().insert(patients).values(row));
    const redacted = redactError(error);
    expect(`${redacted.message}\n${redacted.stack}`).not.toContain(CANARY);
    expect(redacted.message).toMatch(/SQLSTATE 23514, constraint patients_mrn_format/);
  });
});
