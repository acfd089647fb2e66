import { eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, useDatabase, type DatabaseHandle } from '../../../db/client';
import { auditEvents } from '../../../db/schema';
import { recordAudit, type AuditEntry } from '../../../lib/platform/audit/record';
import { actorOf, makePatient, makeUser } from '../fixtures';
import { openCountedDatabase, statementsDuring } from '../fixtures';

// recordAudit outside a transaction shares one insert among the callers of one event-loop turn (issue 21),
// and must keep what one insert per caller gave: each caller's promise settles only once its own events
// are committed, one caller's failure is theirs alone, and inside a transaction events stay in it.

let original: DatabaseHandle | undefined;
let counted: DatabaseHandle;

beforeAll(async () => {
  original = (globalThis as unknown as { axisDb?: DatabaseHandle }).axisDb;
  counted = await openCountedDatabase();
  useDatabase(counted);
});

afterAll(async () => {
  useDatabase(original);
  await counted.close();
});

const tag = (name: string) => `test.group-commit.${name}.${Math.random().toString(36).slice(2, 8)}`;
const entry = (action: string, entityId = 'x'): AuditEntry => ({ action, outcome: 'allowed', entityType: 'test', entityId });

async function actionsStored(actions: string[]): Promise<string[]> {
  const rows = await getDb().select({ action: auditEvents.action }).from(auditEvents).where(inArray(auditEvents.action, actions));
  return rows.map((r) => r.action).sort();
}

describe('audit group commit', () => {
  it('writes the events of concurrent callers in one statement, each committed when its caller resumes', async () => {
    const actions = [tag('a'), tag('b'), tag('c')];
    let seenByEach: string[][] = [];
    const statements = await statementsDuring(async () => {
      seenByEach = await Promise.all(
        actions.map(async (action) => {
          await recordAudit(getDb(), null, [entry(action)]);
          // Resumed: its own event must already be readable.
          return actionsStored([action]);
        }),
      );
    });
    expect(seenByEach).toEqual(actions.map((a) => [a]));
    // One insert for the three, then the three reads above.
    expect(statements).toBe(1 + actions.length);
    expect(await actionsStored(actions)).toEqual([...actions].sort());
  });

  it('keeps one caller’s many events in one statement and splits only between callers past 1,000 rows', async () => {
    const big = tag('big');
    const small = tag('small');
    const statements = await statementsDuring(() =>
      Promise.all([
        recordAudit(
          getDb(),
          null,
          Array.from({ length: 1200 }, (_, i) => entry(big, String(i))),
        ),
        recordAudit(getDb(), null, [entry(small)]),
      ]),
    );
    expect(statements).toBe(2);
    const rows = await getDb().select({ action: auditEvents.action }).from(auditEvents).where(like(auditEvents.action, `${big}%`));
    expect(rows).toHaveLength(1200);
    expect(await actionsStored([small])).toEqual([small]);
  });

  it('fails only the caller whose events cannot be stored; the others are written', async () => {
    const good = [tag('good1'), tag('good2')];
    const outcomes = await Promise.allSettled([
      recordAudit(getDb(), null, [entry(good[0] ?? '')]),
      // NOT NULL on action: this caller's insert fails in the database.
      recordAudit(getDb(), null, [{ ...entry('x'), action: null as unknown as string }]),
      recordAudit(getDb(), null, [entry(good[1] ?? '')]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await actionsStored(good)).toEqual([...good].sort());
  });

  it('writes inside a transaction, so a rollback takes the events with it', async () => {
    const action = tag('rolled-back');
    await getDb()
      .transaction(async (tx) => {
        await recordAudit(tx, null, [entry(action)]);
        expect((await tx.select({ action: auditEvents.action }).from(auditEvents).where(inArray(auditEvents.action, [action]))).length).toBe(1);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await actionsStored([action])).toEqual([]);
  });

  it('does not hold a lone caller: a sequence of awaited writes is one statement each', async () => {
    const actions = [tag('s1'), tag('s2')];
    const statements = await statementsDuring(async () => {
      for (const action of actions) await recordAudit(getDb(), null, [entry(action)]);
    });
    expect(statements).toBe(2);
    expect(await actionsStored(actions)).toEqual([...actions].sort());
  });

  it('stores every column as given, whatever the batch, and hostile text as U+FFFD instead of failing', async () => {
    const user = await makeUser('clinician', { specialty: 'nutrition' });
    const patient = await makePatient();
    const actor = { ...actorOf(user), requestAddress: '203.0.113.9' };
    const action = tag('columns');
    const detail = { query: { q: 'before\u0000after', lone: 'lone \uDFFF surrogate', nested: [1, true, null, 'é'] } };
    await Promise.all([
      recordAudit(getDb(), actor, [{ action, outcome: 'denied', patientId: patient.id, entityType: 'note', entityId: 'id\u0000with \uD800 junk', detail }]),
      recordAudit(getDb(), null, [entry(tag('other'))]),
    ]);
    const [row] = await getDb().select().from(auditEvents).where(eq(auditEvents.action, action));
    expect(row).toMatchObject({
      actorUserId: user.id,
      actorRole: 'clinician',
      requestAddress: '203.0.113.9',
      outcome: 'denied',
      patientId: patient.id,
      entityType: 'note',
      entityId: 'id\uFFFDwith \uFFFD junk',
      detail: { query: { q: 'before\uFFFDafter', lone: 'lone \uFFFD surrogate', nested: [1, true, null, 'é'] } },
    });
    expect(row?.occurredAt).toBeInstanceOf(Date);
  });
});
