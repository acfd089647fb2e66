import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { users } from '@/db/schema';
import type { UserRole } from '@/db/schema/enums';
import { recordAudit } from '@/lib/audit/record';
import { verifyPassword } from './password';
import { createSession } from './sessions';
import { checkSignInThrottle, recordSignInAttempt } from './throttle';
import { describeWait } from './throttle-policy';

// One message for a wrong password, an unknown email and a deactivated account, so the form never
// tells a stranger which accounts exist or are active.
export const SIGN_IN_FAILED_MESSAGE =
  'That email and password did not match an active account. Check both and try again; if your account was deactivated, ask your clinic administrator.';

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(3).max(254),
  password: z.string().min(1).max(1024),
});

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type SignInResult =
  | { ok: true; user: { id: string; name: string; email: string; role: UserRole }; sessionId: string }
  | { ok: false; reason: 'invalid' | 'throttled'; message: string };

export async function authenticate(
  executor: Executor,
  input: unknown,
  context: { address: string | null; userAgent: string | null },
  now: Date = new Date(),
): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', message: SIGN_IN_FAILED_MESSAGE };
  const { email, password } = parsed.data;
  // Check, verify and record under one per-account lock: otherwise parallel guesses all pass the
  // throttle check before any failure is recorded, and the limit means nothing.
  return executor.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:${email}`}))`);
    return attemptSignIn(tx, email, password, context, now);
  });
}

async function attemptSignIn(
  executor: Executor,
  email: string,
  password: string,
  context: { address: string | null; userAgent: string | null },
  now: Date,
): Promise<SignInResult> {
  const address = context.address ?? 'unknown';

  const verdict = await checkSignInThrottle(executor, email, address, now);
  if (!verdict.allowed) {
    return {
      ok: false,
      reason: 'throttled',
      message: `Too many unsuccessful sign-in attempts. For your security, please wait ${describeWait(verdict.retryAfterSeconds)} before trying again.`,
    };
  }

  const [user] = await executor
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  const passwordMatches = await verifyPassword(user?.passwordHash ?? null, password);
  const succeeded = Boolean(user && user.active && passwordMatches);
  await recordSignInAttempt(executor, email, address, succeeded, now);

  if (!user || !succeeded) {
    if (user) {
      await recordAudit(executor, { userId: user.id, role: user.role, requestAddress: context.address }, [
        { action: 'auth.sign_in', outcome: 'denied', entityType: 'user', entityId: user.id, detail: { reason: user.active ? 'wrong-password' : 'inactive-account' } },
      ]);
    }
    return { ok: false, reason: 'invalid', message: SIGN_IN_FAILED_MESSAGE };
  }

  const sessionId = await createSession(executor, user.id, context, now);
  await recordAudit(executor, { userId: user.id, role: user.role, requestAddress: context.address }, [
    { action: 'auth.sign_in', outcome: 'allowed', entityType: 'session', entityId: sessionId },
  ]);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role }, sessionId };
}
