import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents } from '../../../db/schema';
import { AUDIT_CSV_HEADER, exportAuditLogCsv } from '../../../lib/platform/audit/export';
import { decodeAuditCursor, parseAuditFilters, type AuditFilters } from '../../../lib/platform/audit/filters';
import { listAuditEventsForPatient, searchAuditLog, type AuditLogRow } from '../../../lib/platform/audit/queries';
import { recordAudit } from '../../../lib/platform/audit/record';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { ForbiddenError } from '../../../lib/platform/errors';
import { actorOf, makeClinic } from '../fixtures';

// The administrators' whole-log view and its CSV export: each filter narrows to exactly the events it
// names, keyset paging neither skips nor repeats (even with identical timestamps and new events
// arriving), the export is injection-safe and audited, and nobody but an active admin gets either.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let admin: Actor;
const GRANT = '4b0c9a56-8f8e-4a52-9a11-2d8c7c1f0e01';

function filters(params: Record<string, string>): AuditFilters {
  const parsed = parseAuditFilters(params);
  if (!parsed.ok) throw new Error(`bad filters ${JSON.stringify(parsed.fieldErrors)}`);
  return parsed.filters;
}

/** Every row the view shows for these filters, following the Older links to the end. */
async function allPages(f: AuditFilters, pageSize: number, between?: (page: number) => Promise<void>): Promise<AuditLogRow[]> {
  const rows: AuditLogRow[] = [];
  let cursor = null;
  for (let page = 0; page < 1000; page++) {
    const result = await searchAuditLog(admin, f, cursor, pageSize);
    rows.push(...result.rows);
    expect(result.rows.length).toBeLessThanOrEqual(pageSize);
    if (!result.nextCursor) return rows;
    cursor = decodeAuditCursor(result.nextCursor);
    await between?.(page);
  }
  throw new Error('paging did not end');
}

/** The seeded events of this file (tagged in detail), newest first, straight from the table. */
async function expected(where = sql`true`) {
  const rows = await getDb()
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(sql`${auditEvents.detail} ->> 'seed' = 'search'`, where))
    .orderBy(sql`${auditEvents.occurredAt} desc, ${auditEvents.id} desc`);
  return rows.map((r) => r.id);
}

const seeded = (rows: AuditLogRow[]) => rows.filter((r) => r.detail?.seed === 'search').map((r) => r.id);

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) throw new Error('CSV does not end with a line break');
  return rows;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

beforeAll(async () => {
  c = await makeClinic();
  admin = actorOf(c.admin);
  const db = getDb();
  const base = Date.parse('2026-03-01T08:00:00Z');
  const at = (minutes: number) => new Date(base + minutes * 60_000);
  const derm = c.dermOnTeam;
  const gastro = c.gastroOffTeam;
  // A varied, dated history: two clinicians, two patients, reads and writes, allowed and denied.
  await db.insert(auditEvents).values([
    { occurredAt: at(0), actorUserId: derm.id, actorRole: 'clinician', action: 'patient.read', outcome: 'allowed', patientId: c.patient.id, detail: { seed: 'search' } },
    { occurredAt: at(5), actorUserId: derm.id, actorRole: 'clinician', action: 'result.create', outcome: 'allowed', patientId: c.patient.id, detail: { seed: 'search' } },
    { occurredAt: at(10), actorUserId: gastro.id, actorRole: 'clinician', action: 'patient.read', outcome: 'denied', patientId: c.patient.id, detail: { seed: 'search', reason: 'not-on-care-team' } },
    {
      occurredAt: at(20),
      actorUserId: gastro.id,
      actorRole: 'clinician',
      action: 'emergency_access.grant',
      outcome: 'allowed',
      patientId: c.patient.id,
      detail: { seed: 'search', emergencyAccessId: GRANT, reasonText: '=HYPERLINK("http://evil.example","click"), really' },
    },
    { occurredAt: at(21), actorUserId: gastro.id, actorRole: 'clinician', action: 'patient.read', outcome: 'allowed', patientId: c.patient.id, detail: { seed: 'search', emergencyAccessId: GRANT } },
    { occurredAt: at(22), actorUserId: gastro.id, actorRole: 'clinician', action: 'result.list', outcome: 'allowed', patientId: c.patient.id, detail: { seed: 'search', emergencyAccessId: GRANT } },
    { occurredAt: at(23), actorUserId: gastro.id, actorRole: 'clinician', action: 'result.create', outcome: 'denied', patientId: c.patient.id, detail: { seed: 'search', emergencyAccessId: GRANT, reason: 'emergency-access-is-read-only' } },
    { occurredAt: at(30), actorUserId: derm.id, actorRole: 'clinician', action: 'result.read', outcome: 'allowed', patientId: c.otherPatient.id, entityId: '@SUM(A1)', requestAddress: '+31 20', detail: { seed: 'search' } },
    { occurredAt: at(90), actorUserId: c.admin.id, actorRole: 'admin', action: 'care_team.add', outcome: 'allowed', patientId: c.otherPatient.id, entityId: '-1', detail: { seed: 'search' } },
  ]);
  // 60 events in one statement share one microsecond timestamp: only the id breaks the tie.
  await recordAudit(
    db,
    { userId: derm.id, role: 'clinician', requestAddress: null },
    Array.from({ length: 60 }, (_, i) => ({ action: 'timeline.read', outcome: 'allowed' as const, patientId: c.patient.id, detail: { seed: 'search', i } })),
  );
  // And events microseconds apart (one statement per row, each its own transaction).
  for (let i = 0; i < 15; i++) {
    await db.insert(auditEvents).values({ actorUserId: derm.id, actorRole: 'clinician', action: 'note.read', outcome: 'allowed', patientId: c.patient.id, detail: { seed: 'search', i } });
  }
});

describe('searchAuditLog filters', () => {
  it('with no filters shows everything, newest first', async () => {
    const rows = await allPages(filters({}), 50);
    expect(seeded(rows)).toEqual(await expected());
    const times = rows.map((r) => r.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('by user', async () => {
    const rows = await allPages(filters({ user: c.gastroOffTeam.id }), 50);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.actorUserId === c.gastroOffTeam.id)).toBe(true);
    expect(seeded(rows)).toEqual(await expected(eq(auditEvents.actorUserId, c.gastroOffTeam.id)));
  });

  it('by patient MRN (any case), naming the patient on each row', async () => {
    const rows = await allPages(filters({ mrn: c.otherPatient.mrn.toLowerCase() }), 50);
    expect(seeded(rows)).toEqual(await expected(eq(auditEvents.patientId, c.otherPatient.id)));
    expect(rows.every((r) => r.patientMrn === c.otherPatient.mrn)).toBe(true);
  });

  it('an MRN of nobody matches nothing and says so', async () => {
    const page = await searchAuditLog(admin, filters({ mrn: 'AX-000000-NOPE' }), null);
    expect(page).toEqual({ rows: [], nextCursor: null, unknownMrn: 'AX-000000-NOPE' });
  });

  it('by exact action, and by action prefix', async () => {
    const exact = await allPages(filters({ action: 'result.create' }), 50);
    expect(seeded(exact)).toEqual(await expected(eq(auditEvents.action, 'result.create')));
    const prefix = await allPages(filters({ action: 'result.*' }), 50);
    expect(new Set(seeded(prefix).length ? prefix.filter((r) => r.detail?.seed === 'search').map((r) => r.action) : [])).toEqual(new Set(['result.create', 'result.list', 'result.read']));
    expect(seeded(prefix)).toEqual(await expected(sql`${auditEvents.action} like 'result.%'`));
  });

  it('the action prefix treats _ and % literally', async () => {
    const rows = await allPages(filters({ action: 'result_*' }), 50);
    expect(seeded(rows)).toEqual([]);
  });

  it('by outcome', async () => {
    const denied = await allPages(filters({ outcome: 'denied' }), 50);
    expect(denied.every((r) => r.outcome === 'denied')).toBe(true);
    expect(seeded(denied)).toEqual(await expected(eq(auditEvents.outcome, 'denied')));
  });

  it('by time range, both ends inclusive to the minute', async () => {
    const rows = await allPages(filters({ from: '2026-03-01T08:10', to: '2026-03-01T08:30' }), 50);
    expect(seeded(rows)).toEqual(await expected(sql`${auditEvents.occurredAt} >= '2026-03-01T08:10:00Z' and ${auditEvents.occurredAt} < '2026-03-01T08:31:00Z'`));
    expect(seeded(rows)).toHaveLength(6);
  });

  it('emergency access only: the grant and every access under it', async () => {
    const rows = await allPages(filters({ emergency: '1' }), 50);
    expect(rows.every((r) => r.emergencyAccessId !== null)).toBe(true);
    expect(seeded(rows)).toEqual(await expected(sql`${auditEvents.detail} ? 'emergencyAccessId'`));
    expect(rows.filter((r) => r.detail?.seed === 'search').map((r) => r.action)).toEqual(['result.create', 'result.list', 'patient.read', 'emergency_access.grant']);
  });

  it('filters combine', async () => {
    const rows = await allPages(filters({ user: c.gastroOffTeam.id, outcome: 'denied', emergency: '1' }), 50);
    expect(rows.filter((r) => r.detail?.seed === 'search').map((r) => r.action)).toEqual(['result.create']);
  });
});

describe('keyset paging', () => {
  it('pages of every size list each event exactly once, in order, across identical timestamps', async () => {
    const all = await expected();
    for (const size of [1, 7, 10, 59, 60, 61]) {
      const rows = seeded(await allPages(filters({ action: 'timeline.read' }), size));
      expect(rows).toEqual(await expected(eq(auditEvents.action, 'timeline.read')));
      expect(new Set(rows).size).toBe(rows.length);
    }
    expect(seeded(await allPages(filters({}), 13))).toEqual(all);
  });

  it('events written while paging appear on top, never inside the pages being read', async () => {
    const before = await expected(eq(auditEvents.action, 'timeline.read'));
    const rows = await allPages(filters({ action: 'timeline.read' }), 8, async (page) => {
      await recordAudit(getDb(), null, [{ action: 'timeline.read', outcome: 'allowed', detail: { seed: 'search', during: page } }]);
    });
    expect(seeded(rows)).toEqual(before);
  });
});

describe('who may search the log', () => {
  it('an administrator’s search is audited with its filters', async () => {
    await searchAuditLog(admin, filters({ mrn: c.patient.mrn, outcome: 'denied' }), null);
    const [event] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, c.admin.id), eq(auditEvents.action, 'audit.search')))
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    expect(event).toMatchObject({ outcome: 'allowed', detail: { filters: { mrn: c.patient.mrn, outcome: 'denied' } } });
  });

  it('reading one patient’s trail is audited too', async () => {
    await listAuditEventsForPatient(admin, c.patient.id);
    const events = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, c.admin.id), eq(auditEvents.action, 'audit.read'), eq(auditEvents.patientId, c.patient.id)));
    expect(events.map((e) => e.outcome)).toEqual(['allowed']);
  });

  it('clinicians, patients and deactivated admins are refused, and the refusal is audited', async () => {
    for (const user of [c.dermOnTeam, c.patientUser, c.deactivatedAdmin]) {
      await expect(searchAuditLog(actorOf(user), filters({}), null)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(exportAuditLogCsv(actorOf(user), filters({}))).rejects.toBeInstanceOf(ForbiddenError);
      const events = await getDb()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actorUserId, user.id), sql`${auditEvents.action} in ('audit.search', 'audit.export')`));
      expect(events.map((e) => `${e.action}:${e.outcome}`).sort()).toEqual(['audit.export:denied', 'audit.search:denied']);
    }
  });
});

describe('CSV export', () => {
  it('streams the filtered log in batches with no gaps or repeats, matching the view', async () => {
    const f = filters({ user: c.dermOnTeam.id });
    const csv = parseCsv(await readAll(await exportAuditLogCsv(admin, f, 7)));
    expect(csv[0]).toEqual([...AUDIT_CSV_HEADER]);
    const ids = csv.slice(1).map((row) => Number(row[0]));
    expect(ids).toEqual((await allPages(f, 50)).map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(csv.slice(1).every((row) => row.length === AUDIT_CSV_HEADER.length)).toBe(true);
  });

  it('defuses formulas and quotes what needs quoting', async () => {
    const csv = parseCsv(await readAll(await exportAuditLogCsv(admin, filters({ mrn: c.patient.mrn, emergency: '1' }))));
    const col = (name: (typeof AUDIT_CSV_HEADER)[number]) => AUDIT_CSV_HEADER.indexOf(name);
    const grant = csv.find((row) => row[col('action')] === 'emergency_access.grant');
    expect(grant?.[col('emergency_access_id')]).toBe(GRANT);
    expect(JSON.parse(grant?.[col('detail_json')] ?? '{}')).toMatchObject({ reasonText: '=HYPERLINK("http://evil.example","click"), really' });
    expect(grant?.[col('patient_mrn')]).toBe(c.patient.mrn);

    const other = parseCsv(await readAll(await exportAuditLogCsv(admin, filters({ mrn: c.otherPatient.mrn }))));
    const read = other.find((row) => row[col('action')] === 'result.read');
    expect(read?.[col('entity_id')]).toBe("'@SUM(A1)");
    expect(read?.[col('request_address')]).toBe("'+31 20");
    const add = other.find((row) => row[col('action')] === 'care_team.add');
    expect(add?.[col('entity_id')]).toBe("'-1");
    for (const row of [...csv, ...other]) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('an export of an unknown MRN is a header only', async () => {
    const csv = parseCsv(await readAll(await exportAuditLogCsv(admin, filters({ mrn: 'AX-NOBODY' }))));
    expect(csv).toEqual([[...AUDIT_CSV_HEADER]]);
  });

  it('is audited with its filters, before any row is read', async () => {
    const stream = await exportAuditLogCsv(admin, filters({ outcome: 'denied', emergency: '1' }));
    const [event] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, c.admin.id), eq(auditEvents.action, 'audit.export')))
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    expect(event).toMatchObject({ outcome: 'allowed', entityType: 'audit_log', detail: { filters: { outcome: 'denied', emergency: true } } });
    await stream.cancel();
  });
});
