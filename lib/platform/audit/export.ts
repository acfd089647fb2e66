import 'server-only';
import { getDb } from '@/db/client';
import { authorizeRole } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from './record';
import { csvRow } from './csv';
import { describeFilters, type AuditCursor, type AuditFilters } from './filters';
import { auditLogWhere, fetchAuditLogPage, type AuditLogRow } from './queries';

export const AUDIT_CSV_HEADER = [
  'id',
  'occurred_at_utc',
  'actor_name',
  'actor_email',
  'actor_role',
  'action',
  'outcome',
  'patient_mrn',
  'patient_id',
  'entity_type',
  'entity_id',
  'request_address',
  'emergency_access_id',
  'detail_json',
] as const;

/** Rows fetched per query while streaming: memory stays flat however large the log grows. */
export const AUDIT_EXPORT_BATCH = 1000;

export function auditRowToCsv(row: AuditLogRow): string {
  return csvRow([
    row.id,
    row.occurredAt,
    row.actorName,
    row.actorEmail,
    row.actorRole,
    row.action,
    row.outcome,
    row.patientMrn,
    row.patientId,
    row.entityType,
    row.entityId,
    row.requestAddress,
    row.emergencyAccessId,
    row.detail ? JSON.stringify(row.detail) : '',
  ]);
}

/**
 * The audit log under the given filters as a CSV stream, for administrators. The export is audited
 * (with its filters) before the first byte; rows are then read in keyset batches as the client pulls.
 */
export async function exportAuditLogCsv(actor: Actor, filters: AuditFilters, batchSize = AUDIT_EXPORT_BATCH): Promise<ReadableStream<Uint8Array>> {
  const db = getDb();
  await authorizeRole(db, actor, ['admin'], { action: 'audit.export', detail: { filters: describeFilters(filters) } });
  const where = await auditLogWhere(db, filters);
  await recordAudit(db, actor, [
    { action: 'audit.export', outcome: 'allowed', entityType: 'audit_log', detail: { filters: describeFilters(filters), ...(where.ok ? {} : { unknownMrn: where.unknownMrn }) } },
  ]);

  const encoder = new TextEncoder();
  let cursor: AuditCursor | null = null;
  let headerSent = false;
  let done = !where.ok;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow(AUDIT_CSV_HEADER)));
        return;
      }
      if (done || !where.ok) {
        controller.close();
        return;
      }
      const rows = await fetchAuditLogPage(db, where.condition, cursor, batchSize);
      const last = rows.at(-1);
      if (rows.length < batchSize || !last) done = true;
      if (last) cursor = { occurredAt: last.occurredAt, id: last.id };
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(auditRowToCsv).join('')));
      else controller.close();
    },
  });
}
