import 'server-only';

/**
 * The constraint a unique violation (SQLSTATE 23505) hit, or null for any other error. drizzle wraps
 * driver errors in `cause`; postgres.js names the constraint `constraint_name`, PGlite `constraint`.
 */
export function uniqueViolationConstraint(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (candidate.code === '23505') {
      const name = candidate.constraint_name ?? candidate.constraint;
      return typeof name === 'string' ? name : '';
    }
  }
  return null;
}
