import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { auditEvents, users } from '@/db/schema';
import { authorizePatientAccess } from '@/lib/access/guard';
import type { Actor } from '@/lib/auth/actor-types';

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
