import 'server-only';
import type { Executor } from '@/db/client';
import { auditEvents } from '@/db/schema';
import type { UserRole } from '@/db/schema/enums';

export type AuditOutcome = 'allowed' | 'denied';

export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  patientId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  detail?: Record<string, unknown>;
}

export type AuditActor = { userId: string; role: UserRole | null; requestAddress: string | null } | null;

// Ids and details can carry whatever a forged request sent, and a refusal must be recorded anyway.
// PostgreSQL text and jsonb cannot hold NUL, so it is stored as U+FFFD; ids are capped in length.
const ENTITY_ID_MAX = 200;
const storableText = (text: string) => text.replaceAll('\u0000', '\uFFFD');
const storableDetail = (detail: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(detail, (_key, value: unknown) => (typeof value === 'string' ? storableText(value) : value))) as Record<string, unknown>;

/** Writes audit events in one statement (a caseload page audits each patient it shows). */
export async function recordAudit(executor: Executor, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await executor.insert(auditEvents).values(
    entries.map((e) => ({
      actorUserId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      requestAddress: actor?.requestAddress ?? null,
      action: e.action,
      outcome: e.outcome,
      patientId: e.patientId ?? null,
      entityType: e.entityType ?? null,
      entityId: e.entityId == null ? null : storableText(String(e.entityId)).slice(0, ENTITY_ID_MAX),
      detail: e.detail ? storableDetail(e.detail) : null,
    })),
  );
}
