import 'server-only';
import type { UserRole } from '@/db/schema/enum-values';
import type { Actor } from './auth/actor-types';
import { requireActor } from './auth/session';
import { DATABASE_UNAVAILABLE_SAVE_MESSAGE, describeUnavailable, isDatabaseUnavailable } from './db/unavailable';

/**
 * requireActor for server actions. Resolving the session reads the database, and it runs before the
 * write's own asActionResult: during an outage it would throw past the form, and the error page would
 * replace what the user typed. Here the outage becomes the same result value a failed write returns.
 * Redirects (signed out, wrong role) still throw, as Next expects.
 */
export async function requireActionActor(roles?: readonly UserRole[]): Promise<Actor | { ok: false; error: string }> {
  try {
    return await requireActor(roles);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error(`server action refused: database unavailable (${describeUnavailable(error)})`);
    return { ok: false, error: DATABASE_UNAVAILABLE_SAVE_MESSAGE };
  }
}
