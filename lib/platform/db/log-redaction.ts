// Keeping health data out of the server log. drizzle wraps every failed statement in an error whose
// message is "Failed query: <sql>\nparams: <every parameter>", and the driver's own message can quote a
// value ('invalid input syntax for type uuid: "Maya Chen"', 'Key (email)=(…) already exists'). A search
// for a patient's name that failed would put the name in the log. What reaches the log instead: the
// SQLSTATE, the constraint/table/column names (schema, not data), and the statement with its $n
// placeholders. No server-only import: pure, so it is unit-tested without a server.

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Where a stack's frames begin (V8 format): everything above is the message, which we replace. */
const FRAMES = /\n\s+at /;
/** drizzle's message layout; a string argument may carry it already formatted. */
const PARAMS_LINE = /\nparams: [\s\S]*?(?=\n\s+at |$)/g;

export const REDACTED_PARAMETERS = '[parameters withheld from the log]';

interface DatabaseErrorParts {
  statement?: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
}

/** The database facts in an error and its causes, or null when none of them came from a database. */
function databaseParts(error: unknown): DatabaseErrorParts | null {
  const parts: DatabaseErrorParts = {};
  let found = false;
  const seen = new Set<unknown>();
  for (let e = asRecord(error), depth = 0; e && depth < 6 && !seen.has(e); e = asRecord(e.cause), depth++) {
    seen.add(e);
    // drizzle's DrizzleQueryError: `query` and `params` as own fields.
    if (typeof e.query === 'string' && 'params' in e) {
      found = true;
      parts.statement ??= e.query;
    }
    // postgres.js PostgresError / PGlite DatabaseError: a SQLSTATE code and a severity.
    if (typeof e.code === 'string' && SQLSTATE.test(e.code) && ('severity' in e || 'severity_local' in e || 'routine' in e)) {
      found = true;
      parts.code ??= e.code;
      const constraint = e.constraint_name ?? e.constraint;
      if (typeof constraint === 'string') parts.constraint ??= constraint;
      const table = e.table_name ?? e.table;
      if (typeof table === 'string') parts.table ??= table;
      const column = e.column_name ?? e.column;
      if (typeof column === 'string') parts.column ??= column;
    }
  }
  return found ? parts : null;
}

/** The message a redacted database error carries: what failed, never with which values. */
export function describeDatabaseError(parts: DatabaseErrorParts): string {
  const facts = [parts.code && `SQLSTATE ${parts.code}`, parts.constraint && `constraint ${parts.constraint}`, parts.table && `table ${parts.table}`, parts.column && `column ${parts.column}`].filter(Boolean);
  const statement = parts.statement ? `: ${parts.statement.replace(/\s+/g, ' ').slice(0, 600)}` : '';
  return `Database query failed${facts.length ? ` (${facts.join(', ')})` : ''}${statement} ${REDACTED_PARAMETERS}`;
}

function framesOf(error: Error): string {
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const at = stack.search(FRAMES);
  return at >= 0 ? stack.slice(at) : '';
}

/**
 * A copy of an error fit for the log. Database errors (or errors caused by one) become a plain Error
 * with a safe message and the original stack frames; a Next.js digest is kept so a page's error id still
 * finds its log line. Anything else is returned as it is, with any drizzle "params:" line cut out.
 */
export function redactError(error: Error): Error {
  const parts = databaseParts(error);
  if (!parts) {
    if (!error.message.includes('\nparams: ')) return error;
    const copy = new Error(error.message.replace(PARAMS_LINE, `\n${REDACTED_PARAMETERS}`));
    copy.name = error.name;
    copy.stack = `${copy.name}: ${copy.message}${framesOf(error)}`;
    return copy;
  }
  const safe = new Error(describeDatabaseError(parts));
  safe.name = 'DatabaseError';
  safe.stack = `${safe.name}: ${safe.message}${framesOf(error)}`;
  const digest = (error as { digest?: unknown }).digest;
  if (typeof digest === 'string') Object.assign(safe, { digest });
  return safe;
}

/** One console argument, redacted: errors as above, strings with any drizzle "params:" line removed. */
export function redactLogArgument(value: unknown): unknown {
  if (value instanceof Error) return redactError(value);
  if (typeof value === 'string') return value.includes('\nparams: ') ? value.replace(PARAMS_LINE, `\n${REDACTED_PARAMETERS}`) : value;
  // An error-shaped object that is not an Error instance (a serialised one, a driver error from another realm).
  const record = asRecord(value);
  const parts = record && !Array.isArray(record) ? databaseParts(record) : null;
  if (parts) {
    const safe = new Error(describeDatabaseError(parts));
    safe.name = 'DatabaseError';
    return safe;
  }
  return value;
}

const METHODS = ['error', 'warn', 'log', 'info', 'debug', 'trace'] as const;
const INSTALLED = Symbol.for('axis.logRedaction');

/**
 * Routes every console method through redactLogArgument, once per console (a second call is a no-op).
 * Returns a function that restores the originals (for tests).
 */
export function installLogRedaction(target: Console = console): () => void {
  const marked = target as Console & { [INSTALLED]?: () => void };
  const existing = marked[INSTALLED];
  if (existing) return existing;
  const originals = METHODS.map((m) => [m, target[m]] as const);
  for (const [method, original] of originals) {
    target[method] = (...args: unknown[]) => original.apply(target, args.map(redactLogArgument));
  }
  const restore = () => {
    for (const [method, original] of originals) target[method] = original;
    delete marked[INSTALLED];
  };
  marked[INSTALLED] = restore;
  return restore;
}
