import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { users } from '@/db/schema';
import type { UserRole } from '@/db/schema/enums';
import { recordAudit } from '@/lib/platform/audit/record';
import { isMfaEnrolled, MFA_WRONG_CODE_MESSAGE, verifySecondFactor } from './mfa';
import { verifyPassword } from './password';
import { createSession } from './sessions';
import { checkSignInThrottle, recordSignInAttempt } from './throttle';
import { describeWait } from './throttle-policy';

// One message for a wrong password, an unknown email and a deactivated account, so the form never
// tells a stranger which accounts exist or are active.
export const SIGN_IN_FAILED_MESSAGE =
  'That email and password did not match an active account. Check both and try again; if your account was deactivated, ask your clinic administrator.';

/** What authorize() throws so the form asks for the code; the user never sees this text. */
export const MFA_CODE_REQUIRED = 'mfa-code-required';

export const MFA_CODE_REPLAYED_MESSAGE = 'That code was already used to sign in. Wait for the next code in your authenticator app and enter it.';

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(3).max(254),
  password: z.string().min(1).max(1024),
  // The second step: a 6-digit TOTP code or a recovery code. Empty means "not asked yet".
  code: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
});

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type SignInResult =
  | { ok: true; user: { id: string; name: string; email: string; role: UserRole }; sessionId: string }
  | { ok: false; reason: 'invalid' | 'throttled' | 'invalid-code'; message: string }
  /** The password was right and the account uses two-step sign-in: ask for the code. No session yet. */
  | { ok: false; reason: 'code-required'; message: typeof MFA_CODE_REQUIRED };

export async function authenticate(
  executor: Executor,
  input: unknown,
  context: { address: string | null; userAgent: string | null },
  now: Date = new Date(),
): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', message: SIGN_IN_FAILED_MESSAGE };
  const { email, password, code } = parsed.data;
  // Check, verify and record under one per-account lock: otherwise parallel guesses all pass the
  // throttle check before any failure is recorded, and the limit means nothing.
  return executor.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:${email}`}))`);
    return attemptSignIn(tx, email, password, code, context, now);
  });
}

async function attemptSignIn(
  executor: Executor,
  email: string,
  password: string,
  code: string | undefined,
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
  const auditAs = user ? { userId: user.id, role: user.role, requestAddress: context.address } : null;

  if (!user || !user.active || !passwordMatches) {
    await recordSignInAttempt(executor, email, address, false, now);
    if (user) {
      await recordAudit(executor, auditAs, [
        { action: 'auth.sign_in', outcome: 'denied', entityType: 'user', entityId: user.id, detail: { reason: user.active ? 'wrong-password' : 'inactive-account' } },
      ]);
    }
    return { ok: false, reason: 'invalid', message: SIGN_IN_FAILED_MESSAGE };
  }

  let secondFactor: Record<string, unknown> | undefined;
  if (await isMfaEnrolled(executor, user.id)) {
    // The password step records no attempt: a failure would slow every honest two-step sign-in, and a
    // success would clear the failure count an attacker guessing codes has built up.
    if (!code) return { ok: false, reason: 'code-required', message: MFA_CODE_REQUIRED };
    const check = await verifySecondFactor(executor, user.id, code, now);
    if (!check.ok) {
      // Wrong codes count in the same throttle as wrong passwords.
      await recordSignInAttempt(executor, email, address, false, now);
      await recordAudit(executor, auditAs, [
        { action: 'auth.sign_in', outcome: 'denied', entityType: 'user', entityId: user.id, detail: { reason: check.reason === 'replayed' ? 'replayed-code' : 'wrong-code' } },
      ]);
      return { ok: false, reason: 'invalid-code', message: check.reason === 'replayed' ? MFA_CODE_REPLAYED_MESSAGE : MFA_WRONG_CODE_MESSAGE };
    }
    secondFactor = check.method === 'totp' ? { secondFactor: 'totp' } : { secondFactor: 'recovery-code', recoveryCodesLeft: check.recoveryCodesLeft };
  }

  await recordSignInAttempt(executor, email, address, true, now);
  const sessionId = await createSession(executor, user.id, context, now);
  await recordAudit(executor, auditAs, [{ action: 'auth.sign_in', outcome: 'allowed', entityType: 'session', entityId: sessionId, detail: secondFactor }]);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role }, sessionId };
}
