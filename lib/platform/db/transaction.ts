import 'server-only';
import { getDb, type Transaction } from '@/db/client';
import { recordAudit } from '@/lib/platform/audit/record';
import { ForbiddenError } from '@/lib/platform/errors';

/**
 * Runs work in one transaction. If an access check inside it refuses, the transaction rolls back and
 * the refusal's audit event is written afterwards, so denials are never lost with the rollback.
 */
export async function inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  const db = getDb();
  try {
    return await db.transaction(work);
  } catch (error) {
    if (error instanceof ForbiddenError && error.pendingAudit) {
      const { actor, entry } = error.pendingAudit;
      error.pendingAudit = undefined;
      await recordAudit(db, actor, [entry]);
    }
    throw error;
  }
}
