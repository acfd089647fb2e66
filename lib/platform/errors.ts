import type { UserRole } from '@/db/schema/enum-values';

// Expected failures that cross the data-layer boundary. Pages and route handlers map them to a
// response in one place (lib/http.ts); everything else is a bug and is logged, never shown.

/** An audit event that could not be written yet (the refusal happened inside a transaction). */
export interface PendingAudit {
  actor: { userId: string; role: UserRole | null; requestAddress: string | null };
  entry: { action: string; outcome: 'denied'; patientId?: string | null; entityType?: string | null; entityId?: string | null; detail?: Record<string, unknown> };
}

export class ForbiddenError extends Error {
  readonly status = 403;
  /** Written by lib/platform/db/transaction.ts after the rollback, so the evidence survives it. */
  pendingAudit?: PendingAudit;
  constructor(message = 'You do not have access to this record.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends Error {
  readonly status = 404;
  constructor(message = 'Not found.') {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class UnauthenticatedError extends Error {
  readonly status = 401;
  constructor(message = 'Please sign in.') {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

export type FieldErrors = Record<string, string[] | undefined>;

/** A zod error's messages by field path ("challenges.0.food"); issues with no path under "_form". */
export function fieldErrorsOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** What every mutation returns: failures a user can cause are values shown next to the form. */
export type MutationResult<T = undefined> =
  | ({ ok: true } & (T extends undefined ? { data?: undefined } : { data: T }))
  | { ok: false; error: string; fieldErrors?: FieldErrors };
