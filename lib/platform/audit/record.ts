import 'server-only';
import { isTransaction, type Executor } from '@/db/client';
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

type AuditRow = typeof auditEvents.$inferInsert;

function rowsFor(actor: AuditActor, entries: AuditEntry[]): AuditRow[] {
  return entries.map((e) => ({
    actorUserId: actor?.userId ?? null,
    actorRole: actor?.role ?? null,
    requestAddress: actor?.requestAddress ?? null,
    action: e.action,
    outcome: e.outcome,
    patientId: e.patientId ?? null,
    entityType: e.entityType ?? null,
    entityId: e.entityId == null ? null : storableText(String(e.entityId)).slice(0, ENTITY_ID_MAX),
    detail: e.detail ? storableDetail(e.detail) : null,
  }));
}

/**
 * Writes audit events; the caller's promise settles only once they are committed, so nothing is shown
 * unaudited. Inside a transaction they are written there (one change, one commit). Outside one, events
 * from every caller in the same turn of the event loop share one insert (group commit): the record's
 * layout and page, or twenty concurrent requests, cost one statement instead of one each (issue 21).
 */
export async function recordAudit(executor: Executor, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = rowsFor(actor, entries);
  if (isTransaction(executor)) {
    await executor.insert(auditEvents).values(rows);
    return;
  }
  await commitWithOthers(executor, rows);
}

interface Waiting {
  rows: AuditRow[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Events waiting for the next flush, per database handle (tests swap handles between files). */
const waitingFor = new Map<Executor, Waiting[]>();
// 10 parameters a row: batches of up to 1,000 rows stay far below PostgreSQL's 65,535 per statement.
// One caller's events always go in one statement, whatever their number, as they did alone.
const ROWS_PER_INSERT = 1000;

function commitWithOthers(db: Executor, rows: AuditRow[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let waiting = waitingFor.get(db);
    if (!waiting) {
      waiting = [];
      waitingFor.set(db, waiting);
      setImmediate(() => void flush(db));
    }
    waiting.push({ rows, resolve, reject });
  });
}

async function flush(db: Executor): Promise<void> {
  const waiting = waitingFor.get(db) ?? [];
  waitingFor.delete(db);
  const batches: Waiting[][] = [];
  let size = Infinity;
  for (const w of waiting) {
    if (size + w.rows.length > ROWS_PER_INSERT) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1]?.push(w);
    size += w.rows.length;
  }
  await Promise.all(batches.map((batch) => commitBatch(db, batch)));
}

async function commitBatch(db: Executor, batch: Waiting[]): Promise<void> {
  try {
    await db.insert(auditEvents).values(batch.flatMap((w) => w.rows));
    for (const w of batch) w.resolve();
  } catch (error) {
    if (batch.length === 1) {
      batch[0]?.reject(error);
      return;
    }
    // One caller's failing events must not fail the others': the statement wrote nothing, so each
    // caller's events are now written on their own.
    await Promise.all(batch.map((w) => db.insert(auditEvents).values(w.rows).then(() => w.resolve(), w.reject)));
  }
}
