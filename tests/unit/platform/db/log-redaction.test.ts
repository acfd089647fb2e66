import { describe, expect, it, vi } from 'vitest';
import { installLogRedaction, redactError, redactLogArgument, REDACTED_PARAMETERS } from '@/lib/platform/db/log-redaction';

const CANARY = 'Canary-Maya-Chen-7f3a';

/** drizzle's DrizzleQueryError, as drizzle-orm/errors.js builds it. */
function drizzleError(cause: unknown): Error {
  const e = new Error(`Failed query: select * from patients where family_name ilike $1\nparams: %${CANARY}%,0c0e6a38-1111-4222-8333-444455556666`);
  Object.assign(e, { query: 'select * from patients where family_name ilike $1', params: [`%${CANARY}%`], cause });
  return e;
}

/** A postgres.js PostgresError for a bad uuid: the server's message quotes the value. */
function postgresError(): Error {
  const e = new Error(`invalid input syntax for type uuid: "${CANARY}"`);
  Object.assign(e, { name: 'PostgresError', severity: 'ERROR', code: '22P02', routine: 'string_to_uuid' });
  return e;
}

const everything = (value: unknown) => {
  const e = value as Error;
  return `${e.name} ${e.message} ${e.stack} ${JSON.stringify(value)} ${String(value)}`;
};

describe('redactError', () => {
  it('keeps the SQLSTATE, the statement with placeholders and the stack frames, never a parameter or the server message', () => {
    const redacted = redactError(drizzleError(postgresError()));
    expect(everything(redacted)).not.toContain(CANARY);
    expect(redacted.message).toContain('SQLSTATE 22P02');
    expect(redacted.message).toContain('where family_name ilike $1');
    expect(redacted.message).toContain(REDACTED_PARAMETERS);
    expect(redacted.stack).toMatch(/\n\s+at /);
    expect((redacted as { cause?: unknown }).cause).toBeUndefined();
  });

  it('names the constraint of a violation without the key values the server quotes', () => {
    const cause = Object.assign(new Error(`duplicate key value violates unique constraint "users_email_unique"`), { severity: 'ERROR', code: '23505', constraint_name: 'users_email_unique', table_name: 'users', detail: `Key (email)=(${CANARY}@x.test) already exists.` });
    const redacted = redactError(drizzleError(cause));
    expect(redacted.message).toContain('constraint users_email_unique');
    expect(everything(redacted)).not.toContain(CANARY);
  });

  it('redacts an error whose cause is a database error (a wrapper thrown by our own code)', () => {
    const wrapper = new Error('could not load the caseload', { cause: drizzleError(postgresError()) });
    expect(everything(redactError(wrapper))).not.toContain(CANARY);
  });

  it('keeps a Next.js digest so an error page id still finds its log line', () => {
    const e = Object.assign(drizzleError(postgresError()), { digest: '12345' });
    expect((redactError(e) as { digest?: string }).digest).toBe('12345');
  });

  it('returns any other error unchanged', () => {
    const plain = new TypeError('x is not a function');
    expect(redactError(plain)).toBe(plain);
  });
});

describe('redactLogArgument', () => {
  it('cuts a drizzle params line out of a string, up to the stack frames', () => {
    const text = `Error: Failed query: select 1\nparams: ${CANARY},a\nb\n    at foo (file.js:1:1)`;
    const out = String(redactLogArgument(text));
    expect(out).not.toContain(CANARY);
    expect(out).toContain('at foo (file.js:1:1)');
  });

  it('redacts an error-shaped object that is not an Error instance', () => {
    expect(everything(redactLogArgument({ query: 'select $1', params: [CANARY], code: '22P02', severity: 'ERROR' }))).not.toContain(CANARY);
  });

  it('leaves ordinary values alone', () => {
    expect(redactLogArgument('server action failed')).toBe('server action failed');
    expect(redactLogArgument(42)).toBe(42);
    const obj = { a: 1 };
    expect(redactLogArgument(obj)).toBe(obj);
  });
});

describe('installLogRedaction', () => {
  it('routes every console method through the redactor, once, and restores the originals', () => {
    const calls: unknown[][] = [];
    const fake = { error: vi.fn((...a: unknown[]) => calls.push(a)), warn: vi.fn(), log: vi.fn(), info: vi.fn(), debug: vi.fn(), trace: vi.fn() } as unknown as Console;
    const original = fake.error;
    const restore = installLogRedaction(fake);
    expect(installLogRedaction(fake)).toBe(restore);
    fake.error('page failed', drizzleError(postgresError()));
    expect(everything(calls[0]?.[1])).not.toContain(CANARY);
    expect(calls[0]?.[0]).toBe('page failed');
    restore();
    expect(fake.error).toBe(original);
  });
});
