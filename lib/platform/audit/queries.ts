import 'server-only';
import { and, desc, eq, gte, like, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { auditEvents, patients, users } from '@/db/schema';
import { authorizePatientAccess, authorizeRole } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { escapeLike } from '@/lib/patients/caseload-query';
import { describeFilters, encodeAuditCursor, type AuditCursor, type AuditFilters } from './filters';

export interface AuditEventView {
  id: number;
  occurredAt: string;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  outcome: 'allowed' | 'denied';
  entityType: string | null;
  entityId: string | null;
  requestAddress: string | null;
  detail: Record<string, unknown> | null;
}

const AUDIT_PAGE_SIZE = 50;
const pageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);

/** A patient's audit trail, newest first, for administrators. Reading it is itself audited. */
export async function listAuditEventsForPatient(
  actor: Actor,
  patientId: string,
  requestedPage: unknown = 1,
): Promise<{ events: AuditEventView[]; page: number; hasMore: boolean }> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'audit-read', { action: 'audit.read' });
  const page = pageSchema.parse(requestedPage);
  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      actorName: users.name,
      actorRole: sql<string | null>`${auditEvents.actorRole}::text`,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      requestAddress: auditEvents.requestAddress,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(eq(auditEvents.patientId, patientId))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  return {
    page,
    hasMore: rows.length > AUDIT_PAGE_SIZE,
    events: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })),
  };
}

export interface AuditLogRow {
  id: number;
  /** Microsecond precision, UTC, as the database holds it (also the keyset cursor). */
  occurredAt: string;
  actorUserId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  outcome: 'allowed' | 'denied';
  patientId: string | null;
  patientMrn: string | null;
  entityType: string | null;
  entityId: string | null;
  requestAddress: string | null;
  emergencyAccessId: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditLogPage {
  rows: AuditLogRow[];
  /** The cursor for the next (older) page, or null at the oldest event. */
  nextCursor: string | null;
  /** Set when the MRN filter matched no patient (the page is then empty). */
  unknownMrn: string | null;
}

export const AUDIT_LOG_PAGE_SIZE = 50;

/**
 * The whole audit log for administrators, filtered, newest first, one keyset page at a time (no
 * OFFSET: the table only grows). Reading it is itself audited, with the filters used.
 */
export async function searchAuditLog(actor: Actor, filters: AuditFilters, cursor: AuditCursor | null, pageSize = AUDIT_LOG_PAGE_SIZE): Promise<AuditLogPage> {
  const db = getDb();
  await authorizeRole(db, actor, ['admin'], {
    action: 'audit.search',
    detail: { filters: describeFilters(filters), ...(cursor ? { page: 'older' } : {}) },
    recordAllowed: true,
  });
  const where = await auditLogWhere(db, filters);
  if (!where.ok) return { rows: [], nextCursor: null, unknownMrn: where.unknownMrn };
  const rows = await fetchAuditLogPage(db, where.condition, cursor, pageSize + 1);
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > pageSize && last ? encodeAuditCursor({ occurredAt: last.occurredAt, id: last.id }) : null,
    unknownMrn: null,
  };
}

/** The filters as SQL. An MRN that names no patient matches nothing (reported, not an error). */
export async function auditLogWhere(
  executor: Executor,
  filters: AuditFilters,
): Promise<{ ok: true; condition: SQL | undefined } | { ok: false; unknownMrn: string }> {
  const conditions: SQL[] = [];
  if (filters.mrn) {
    const [patient] = await executor.select({ id: patients.id }).from(patients).where(eq(patients.mrn, filters.mrn));
    if (!patient) return { ok: false, unknownMrn: filters.mrn };
    conditions.push(eq(auditEvents.patientId, patient.id));
  }
  if (filters.user) conditions.push(eq(auditEvents.actorUserId, filters.user));
  if (filters.action) {
    conditions.push(
      filters.action.endsWith('*') ? like(auditEvents.action, `${escapeLike(filters.action.slice(0, -1))}%`) : eq(auditEvents.action, filters.action),
    );
  }
  if (filters.outcome) conditions.push(eq(auditEvents.outcome, filters.outcome));
  if (filters.from) conditions.push(gte(auditEvents.occurredAt, filters.from));
  // "To" names a minute on the form; the whole of that minute is included.
  if (filters.to) conditions.push(lt(auditEvents.occurredAt, new Date(filters.to.getTime() + 60_000)));
  // Every read under a grant, and the grant itself, carry detail.emergencyAccessId (lib/platform/access/guard.ts).
  if (filters.emergency) conditions.push(sql`${auditEvents.detail} ->> 'emergencyAccessId' is not null`);
  return { ok: true, condition: conditions.length > 0 ? and(...conditions) : undefined };
}

/** One keyset page, newest first: rows strictly older than the cursor by (occurred_at, id). */
export async function fetchAuditLogPage(executor: Executor, condition: SQL | undefined, cursor: AuditCursor | null, limit: number): Promise<AuditLogRow[]> {
  const before = cursor ? sql`(${auditEvents.occurredAt}, ${auditEvents.id}) < (${cursor.occurredAt}::timestamptz, ${cursor.id}::bigint)` : undefined;
  const rows = await executor
    .select({
      id: auditEvents.id,
      occurredAt: sql<string>`to_char(${auditEvents.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      actorUserId: auditEvents.actorUserId,
      actorName: users.name,
      actorEmail: users.email,
      actorRole: sql<string | null>`${auditEvents.actorRole}::text`,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      patientId: auditEvents.patientId,
      patientMrn: patients.mrn,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      requestAddress: auditEvents.requestAddress,
      emergencyAccessId: sql<string | null>`${auditEvents.detail} ->> 'emergencyAccessId'`,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(patients, eq(patients.id, auditEvents.patientId))
    .where(and(condition, before))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(limit);
  return rows;
}
