// Telling "the database is unreachable right now" apart from every other failure, so users get a
// clear, calm message during a PostgreSQL restart or outage instead of a raw error. No server-only
// import: the classification is pure and the message is shown by client components too.

export const DATABASE_UNAVAILABLE_MESSAGE = 'Axis is temporarily unavailable — please try again in a minute.';
/** For a write that failed because of an outage: what was typed is still in the form. */
export const DATABASE_UNAVAILABLE_SAVE_MESSAGE = `${DATABASE_UNAVAILABLE_MESSAGE} Your changes were not saved; they are still here to send again.`;
/** Seconds a client is told to wait before retrying (Retry-After on 503 answers). */
export const DATABASE_RETRY_AFTER_SECONDS = 30;

// Socket-level failures (Node's system error codes): nothing listening, reset, unreachable, timed out.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EAI_AGAIN']);
// postgres.js's own connection error codes.
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);
// SQLSTATE: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or
// shutting down), 57P05 idle session timeout; class 08 connection exceptions; 53300 too many connections.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '57P05', '08000', '08001', '08003', '08004', '08006', '53300']);

function isUnavailableCode(code: unknown): boolean {
  return typeof code === 'string' && (NETWORK_CODES.has(code) || DRIVER_CODES.has(code) || SQLSTATES.has(code));
}

/**
 * True when the error (or anything it wraps: drizzle puts the driver error in `cause`, Node reports
 * a refused dual-stack connect as an AggregateError of one error per address) says the database could
 * not be reached or went away mid-query. Constraint violations, syntax errors and bugs stay false.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): boolean => {
    if (!e || typeof e !== 'object' || depth > 6 || seen.has(e)) return false;
    seen.add(e);
    const candidate = e as { code?: unknown; errno?: unknown; cause?: unknown; errors?: unknown };
    if (isUnavailableCode(candidate.code)) return true;
    if (Array.isArray(candidate.errors) && candidate.errors.some((inner) => visit(inner, depth + 1))) return true;
    return visit(candidate.cause, depth + 1);
  };
  return visit(error, 0);
}

/** A short, safe label of the failure for the server log (no SQL, no parameters). */
export function describeUnavailable(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (isUnavailableCode(code)) return String(code);
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) {
      const first = inner.map((x) => (x as { code?: unknown } | null)?.code).find(isUnavailableCode);
      if (first) return String(first);
    }
  }
  return 'unknown';
}

/** The answer a route handler gives while the database is unreachable. */
export function databaseUnavailableResponse(): Response {
  return new Response(DATABASE_UNAVAILABLE_MESSAGE, {
    status: 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' },
  });
}
