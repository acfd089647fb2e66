import 'server-only';
import { getTableColumns, sql } from 'drizzle-orm';
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
// A lone UTF-16 surrogate cannot be stored either (PostgreSQL refuses its JSON escape): also U+FFFD.
const storableText = (text: string) => text.replaceAll('\u0000', '\uFFFD').toWellFormed();
const storableDetail = (detail: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(detail, (_key, value: unknown) => (typeof value === 'string' ? storableText(value) : value))) as Record<string, unknown>;

type AuditRow = Required<Omit<typeof auditEvents.$inferInsert, 'id' | 'occurredAt'>>;

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
    await insertRows(executor, rows);
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
// Batches of up to 1,000 rows keep one statement's JSON parameter small.
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
    await insertRows(db, batch.flatMap((w) => w.rows));
    for (const w of batch) w.resolve();
  } catch (error) {
    if (batch.length === 1) {
      batch[0]?.reject(error);
      return;
    }
    // One caller's failing events must not fail the others': the statement wrote nothing, so each
    // caller's events are now written on their own.
    await Promise.all(batch.map((w) => insertRows(db, w.rows).then(() => w.resolve(), w.reject)));
  }
}

/** The columns an audit insert fills (id and occurred_at are the database's), in the table's own names and types. */
const INSERTED = ['actorUserId', 'actorRole', 'requestAddress', 'action', 'outcome', 'patientId', 'entityType', 'entityId', 'detail'] as const satisfies readonly (keyof AuditRow)[];
const auditColumns = getTableColumns(auditEvents);
const insertedNames = sql.join(INSERTED.map((key) => sql.identifier(auditColumns[key].name)), sql`, `);
const recordDefinition = sql.join(INSERTED.map((key) => sql`${sql.identifier(auditColumns[key].name)} ${sql.raw(auditColumns[key].getSQLType())}`), sql`, `);

/**
 * One statement text whatever the number of rows: the rows travel as one JSON parameter that
 * json_to_recordset turns back into rows typed by the table's own column types. With prepared
 * statements (db/prepared-statements.ts) that is one prepared statement per connection instead of one
 * per batch size, and drizzle builds one parameter instead of nine per row. A wrong value still fails.
 */
async function insertRows(executor: Executor, rows: AuditRow[]): Promise<void> {
  const records = rows.map((row) => Object.fromEntries(INSERTED.map((key) => [auditColumns[key].name, row[key]])));
  await executor.execute(sql`insert into ${auditEvents} (${insertedNames})
    select ${insertedNames} from json_to_recordset(${JSON.stringify(records)}::json) as r(${recordDefinition})`);
}
