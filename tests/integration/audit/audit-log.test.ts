import { and, count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents } from '../../../db/schema';
import { listAuditEventsForPatient } from '../../../lib/platform/audit/queries';
import { recordAudit } from '../../../lib/platform/audit/record';
import { addCareTeamMember } from '../../../lib/care-teams/mutations';
import { ForbiddenError } from '../../../lib/platform/errors';
import { getPatientRecord } from '../../../lib/patients/queries';
import { actorOf, makeClinic, makePatient } from '../fixtures';

/** The error's own message or, when the driver wraps it (drizzle's "Failed query: …"), its cause's. */
function fullMessage(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  while (e instanceof Error) {
    parts.push(e.message);
    e = e.cause;
  }
  return parts.join(' | ');
}

async function expectRefused(run: () => Promise<unknown>, operation: 'UPDATE' | 'DELETE' | 'TRUNCATE') {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `${operation} on audit_events should fail`).toBeInstanceOf(Error);
  expect(fullMessage(error)).toContain(`audit_events is append-only: ${operation} is not allowed`);
}

async function snapshot() {
  return getDb().select().from(auditEvents).orderBy(auditEvents.id);
}

describe('audit_events is append-only in the database', () => {
  beforeAll(async () => {
    // Row triggers only fire on rows, so make sure there are some.
    await recordAudit(getDb(), null, [
      { action: 'test.one', outcome: 'allowed' },
      { action: 'test.two', outcome: 'denied', detail: { reason: 'x' } },
    ]);
  });

  it('refuses UPDATE through raw SQL, and changes nothing', async () => {
    const before = await snapshot();
    await expectRefused(() => getDb().execute(sql`update audit_events set action = 'rewritten'`), 'UPDATE');
    await expectRefused(() => getDb().execute(sql`update audit_events set outcome = 'allowed' where action = 'test.two'`), 'UPDATE');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses DELETE through raw SQL, and changes nothing', async () => {
    const before = await snapshot();
    await expectRefused(() => getDb().execute(sql`delete from audit_events`), 'DELETE');
    await expectRefused(() => getDb().execute(sql`delete from audit_events where action = 'test.one'`), 'DELETE');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses TRUNCATE', async () => {
    const before = await snapshot();
    await expectRefused(() => getDb().execute(sql`truncate audit_events`), 'TRUNCATE');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses changes made through the query builder and inside a transaction too', async () => {
    const before = await snapshot();
    await expectRefused(() => getDb().update(auditEvents).set({ action: 'rewritten' }).where(eq(auditEvents.action, 'test.one')), 'UPDATE');
    await expectRefused(
      () =>
        getDb().transaction(async (tx) => {
          await tx.delete(auditEvents).where(eq(auditEvents.action, 'test.one'));
        }),
      'DELETE',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('still accepts new events', async () => {
    const [before] = await getDb().select({ n: count() }).from(auditEvents);
    await recordAudit(getDb(), null, [{ action: 'test.three', outcome: 'allowed' }]);
    const [after] = await getDb().select({ n: count() }).from(auditEvents);
    expect((after?.n ?? 0) - (before?.n ?? 0)).toBe(1);
  });
});

describe('listAuditEventsForPatient', () => {
  it('shows an administrator the patient’s trail, newest first, with actor, action, outcome and address', async () => {
    const c = await makeClinic();
    const derm = { ...actorOf(c.dermOnTeam), requestAddress: '192.0.2.1' };
    const stranger = { ...actorOf(c.dermOffTeam), requestAddress: '192.0.2.2' };
    const admin = { ...actorOf(c.admin), requestAddress: '192.0.2.3' };

    await getPatientRecord(derm, c.patient.id);
    await expect(getPatientRecord(stranger, c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await addCareTeamMember(admin, { patientId: c.patient.id, userId: c.gastroOffTeam.id })).ok).toBe(true);
    // Another patient's events stay out of this trail.
    await getPatientRecord(actorOf(c.dermOffTeam), c.otherPatient.id);

    const { events, page, hasMore } = await listAuditEventsForPatient(admin, c.patient.id);
    expect(page).toBe(1);
    expect(hasMore).toBe(false);
    expect(events.map((e) => [e.action, e.outcome, e.actorName, e.actorRole, e.requestAddress])).toEqual([
      // Reading the trail is itself audited, before the trail is read.
      ['audit.read', 'allowed', c.admin.name, 'admin', '192.0.2.3'],
      ['care_team.add', 'allowed', c.admin.name, 'admin', '192.0.2.3'],
      ['patient.read', 'denied', 'Dr Off Team', 'clinician', '192.0.2.2'],
      ['patient.read', 'allowed', 'Dr On Team', 'clinician', '192.0.2.1'],
    ]);
    expect(events[2]?.detail).toMatchObject({ reason: 'not-on-care-team' });
    expect(events[1]).toMatchObject({ entityType: 'care_team_member', detail: { userId: c.gastroOffTeam.id, role: 'member' } });

    const times = events.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('keeps events about an account that no longer resolves to a user (no name, still listed)', async () => {
    const c = await makeClinic();
    await recordAudit(getDb(), { userId: '11111111-2222-4333-8444-555555555555', role: 'clinician', requestAddress: '192.0.2.9' }, [
      { action: 'patient.read', outcome: 'denied', patientId: c.patient.id, detail: { reason: 'unknown-account' } },
    ]);
    const { events } = await listAuditEventsForPatient(actorOf(c.admin), c.patient.id);
    expect(events[1]).toMatchObject({ action: 'patient.read', outcome: 'denied', actorName: null, actorRole: 'clinician', requestAddress: '192.0.2.9' });
  });

  it('pages by 50, newest first', async () => {
    const c = await makeClinic();
    const patient = await makePatient();
    const admin = actorOf(c.admin);
    // 59 events here, plus the audit.read of each listing.
    await recordAudit(
      getDb(),
      actorOf(c.dermOnTeam),
      Array.from({ length: 59 }, (_, i) => ({ action: `test.event.${i}`, outcome: 'allowed' as const, patientId: patient.id })),
    );
    const first = await listAuditEventsForPatient(admin, patient.id, 1);
    expect(first.events).toHaveLength(50);
    expect(first.hasMore).toBe(true);
    expect(first.events[0]?.action).toBe('audit.read');
    const second = await listAuditEventsForPatient(admin, patient.id, '2');
    expect(second.page).toBe(2);
    expect(second.hasMore).toBe(false);
    // 61 events by now (59 + two reads); page 2 holds the oldest 11, ending with the first written.
    expect(second.events).toHaveLength(11);
    expect(second.events.at(-1)?.action).toBe('test.event.0');
    // Between the two pages every event written here was shown. (Each listing adds its own
    // audit.read at the top, so page 2 starts one event earlier than page 1 ended.)
    const shown = new Set([...first.events, ...second.events].map((e) => e.action));
    for (let i = 0; i < 59; i++) expect(shown).toContain(`test.event.${i}`);

    // A nonsense page falls back to the first.
    expect((await listAuditEventsForPatient(admin, patient.id, 'nonsense')).page).toBe(1);
  });

  it.each([
    ['a clinician on the care team', 'dermOnTeam'],
    ['the patient themself', 'patientUser'],
    ['a deactivated administrator', 'deactivatedAdmin'],
  ] as const)('refuses %s, and audits the refusal', async (_label, key) => {
    const c = await makeClinic();
    const actor = { ...actorOf(c[key]), requestAddress: '192.0.2.44' };
    await expect(listAuditEventsForPatient(actor, c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    const denied = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, 'audit.read')));
    expect(denied).toEqual([expect.objectContaining({ outcome: 'denied', patientId: c.patient.id, requestAddress: '192.0.2.44' })]);
  });
});
