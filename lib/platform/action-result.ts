import 'server-only';
import { describeUnavailable, isDatabaseUnavailable, DATABASE_UNAVAILABLE_SAVE_MESSAGE } from './db/unavailable';
import { ForbiddenError, NotFoundError } from './errors';

/**
 * Server actions return values, never throw at the form: a refused or failed write becomes a message
 * the user sees, and the unexpected is logged (not shown) so no internals leak to the browser.
 */
export async function asActionResult<R extends { ok: boolean }>(run: () => Promise<R>): Promise<R | { ok: false; error: string }> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof NotFoundError) return { ok: false, error: error.message };
    // Next's redirect()/notFound() signal by throwing; let them through.
    if (error instanceof Error && 'digest' in error && typeof error.digest === 'string' && error.digest.startsWith('NEXT_')) throw error;
    // An outage is not a bug: say so plainly (the form keeps what was typed) and log one line, not a stack.
    if (isDatabaseUnavailable(error)) {
      console.error(`server action refused: database unavailable (${describeUnavailable(error)})`);
      return { ok: false, error: DATABASE_UNAVAILABLE_SAVE_MESSAGE };
    }
    console.error('server action failed', error);
    return { ok: false, error: 'Something went wrong and nothing was saved. Please try again; if it keeps happening, contact support.' };
  }
}
