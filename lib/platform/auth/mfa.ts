import 'server-only';
import { and, count, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Executor } from '@/db/client';
import { clinicSecuritySettings, mfaRecoveryCodes, userMfa, users } from '@/db/schema';
import { USER_ROLES } from '@/db/schema/enums';
import { authorizeRole } from '@/lib/platform/access/guard';
import { recordAudit } from '@/lib/platform/audit/record';
import { readEnv } from '@/lib/platform/env';
import type { MutationResult } from '@/lib/platform/errors';
import type { Actor } from './actor-types';
import { decryptTotpSecret, deriveMfaKey, encryptTotpSecret } from './mfa-crypto';
import { isMfaRequired } from './session-policy';
import { checkSignInThrottle, recordSignInAttempt } from './throttle';
import { describeWait } from './throttle-policy';
import { revokeOtherSessionsOfUser } from './sessions';
import { checkTotpCode, hashRecoveryCode, isWellFormedRecoveryCode, looksLikeTotpCode, newRecoveryCodes, newTotpSecret, totpUri } from './totp';

let cachedKey: { secret: string; key: Buffer } | undefined;

/** The key TOTP secrets are encrypted with (lib/platform/auth/mfa-crypto.ts), derived from NEXTAUTH_SECRET. */
function mfaKey(): Buffer {
  const secret = readEnv().NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET must be set for two-step sign-in (it protects the stored TOTP secrets).');
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: deriveMfaKey(secret) };
  return cachedKey.key;
}

export const MFA_WRONG_CODE_MESSAGE =
  'That code did not match. Enter the current 6-digit code from your authenticator app (check that your phone sets its time automatically), or one of your recovery codes.';

export type SecondFactorCheck =
  | { ok: true; method: 'totp' }
  | { ok: true; method: 'recovery-code'; recoveryCodesLeft: number }
  | { ok: false; reason: 'not-enrolled' | 'malformed' | 'wrong' | 'replayed' };

export async function isMfaEnrolled(executor: Executor, userId: string): Promise<boolean> {
  const [row] = await executor.select({ enabledAt: userMfa.enabledAt }).from(userMfa).where(eq(userMfa.userId, userId));
  return Boolean(row?.enabledAt);
}

/**
 * Verifies a TOTP code or a recovery code for sign-in. Both are consumed by a conditional update, so
 * two requests racing with the same code cannot both succeed.
 */
export async function verifySecondFactor(executor: Executor, userId: string, code: string, now: Date): Promise<SecondFactorCheck> {
  const [row] = await executor
    .select({ secretCiphertext: userMfa.secretCiphertext, lastUsedStep: userMfa.lastUsedStep })
    .from(userMfa)
    .where(eq(userMfa.userId, userId));
  if (!row?.secretCiphertext) return { ok: false, reason: 'not-enrolled' };

  if (looksLikeTotpCode(code)) {
    const secret = decryptTotpSecret(row.secretCiphertext, mfaKey(), userId);
    const check = checkTotpCode(secret, code, now, row.lastUsedStep);
    if (!check.ok) return check;
    const [consumed] = await executor
      .update(userMfa)
      .set({ lastUsedStep: check.step })
      .where(and(eq(userMfa.userId, userId), or(isNull(userMfa.lastUsedStep), lt(userMfa.lastUsedStep, check.step))))
      .returning({ userId: userMfa.userId });
    return consumed ? { ok: true, method: 'totp' } : { ok: false, reason: 'replayed' };
  }

  if (!isWellFormedRecoveryCode(code)) return { ok: false, reason: 'malformed' };
  const [used] = await executor
    .update(mfaRecoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(mfaRecoveryCodes.userId, userId), eq(mfaRecoveryCodes.codeHash, hashRecoveryCode(code)), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id });
  if (!used) return { ok: false, reason: 'wrong' };
  return { ok: true, method: 'recovery-code', recoveryCodesLeft: await unusedRecoveryCodes(executor, userId) };
}

async function unusedRecoveryCodes(executor: Executor, userId: string): Promise<number> {
  const [row] = await executor
    .select({ n: count() })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export interface MfaOverview {
  enrolled: boolean;
  enabledAt: string | null;
  required: boolean;
  /** Why it is required, for the page to say. */
  requiredBy: 'administrator' | 'clinic' | null;
  recoveryCodesLeft: number;
  /** Enrolment started and not yet confirmed: what the authenticator app needs. */
  pending: { secret: string; uri: string } | null;
}

/** The signed-in person's own two-step sign-in state (never anyone else's). */
export async function getMfaOverview(actor: Actor): Promise<MfaOverview> {
  const db = getDb();
  await authorizeRole(db, actor, USER_ROLES, { action: 'auth.mfa_read' });
  const [row] = await db
    .select({
      role: users.role,
      enabledAt: userMfa.enabledAt,
      requiredForUser: sql<boolean>`coalesce(${userMfa.required}, false)`,
      pendingSecretCiphertext: userMfa.pendingSecretCiphertext,
      clinicRequiresStaff: sql<boolean>`coalesce((select ${clinicSecuritySettings.requireMfaForStaff} from ${clinicSecuritySettings} limit 1), false)`,
    })
    .from(users)
    .leftJoin(userMfa, eq(userMfa.userId, users.id))
    .where(eq(users.id, actor.userId));
  if (!row) throw new Error('signed-in user not found');
  const required = isMfaRequired(row);
  const pendingSecret = row.pendingSecretCiphertext ? decryptTotpSecret(row.pendingSecretCiphertext, mfaKey(), actor.userId) : null;
  return {
    enrolled: Boolean(row.enabledAt),
    enabledAt: row.enabledAt?.toISOString() ?? null,
    required,
    requiredBy: !required ? null : row.requiredForUser ? 'administrator' : 'clinic',
    recoveryCodesLeft: row.enabledAt ? await unusedRecoveryCodes(db, actor.userId) : 0,
    pending: !row.enabledAt && pendingSecret ? { secret: pendingSecret, uri: totpUri(pendingSecret, actor.email) } : null,
  };
}

/** Starts (or restarts) enrolment with a fresh secret; nothing changes for sign-in until confirmed. */
export async function beginMfaEnrolment(actor: Actor, now: Date = new Date()): Promise<MutationResult> {
  const db = getDb();
  await authorizeRole(db, actor, USER_ROLES, { action: 'auth.mfa_enrolment_start' });
  if (await isMfaEnrolled(db, actor.userId)) return { ok: false, error: 'Two-step sign-in is already set up for your account.' };
  const ciphertext = encryptTotpSecret(newTotpSecret(), mfaKey(), actor.userId);
  await db.transaction(async (tx) => {
    await tx
      .insert(userMfa)
      .values({ userId: actor.userId, pendingSecretCiphertext: ciphertext, pendingCreatedAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: userMfa.userId, set: { pendingSecretCiphertext: ciphertext, pendingCreatedAt: now, updatedAt: now } });
    await recordAudit(tx, actor, [{ action: 'auth.mfa_enrolment_start', outcome: 'allowed', entityType: 'user', entityId: actor.userId }]);
  });
  return { ok: true };
}

const codeSchema = z.object({ code: z.string().trim().min(1, 'Enter the 6-digit code from your authenticator app.').max(64) });

/**
 * Confirms enrolment with a current code from the app: the secret becomes the account's, ten new
 * recovery codes are made (returned once, stored only as hashes), and the person's other sessions,
 * begun without the second factor, are signed out.
 */
export async function confirmMfaEnrolment(actor: Actor, input: unknown, now: Date = new Date()): Promise<MutationResult<{ recoveryCodes: string[] }>> {
  const db = getDb();
  await authorizeRole(db, actor, USER_ROLES, { action: 'auth.mfa_enrol' });
  const parsed = codeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'Enter the 6-digit code from your authenticator app.', fieldErrors: { code: ['Enter the 6-digit code from your authenticator app.'] } };
  const [row] = await db
    .select({ enabledAt: userMfa.enabledAt, pendingSecretCiphertext: userMfa.pendingSecretCiphertext })
    .from(userMfa)
    .where(eq(userMfa.userId, actor.userId));
  if (row?.enabledAt) return { ok: false, error: 'Two-step sign-in is already set up for your account.' };
  if (!row?.pendingSecretCiphertext) return { ok: false, error: 'Set-up was not started or was reset. Start again with “Set up two-step sign-in”.' };

  const secret = decryptTotpSecret(row.pendingSecretCiphertext, mfaKey(), actor.userId);
  const check = checkTotpCode(secret, parsed.data.code, now, null);
  if (!check.ok) {
    await recordAudit(db, actor, [{ action: 'auth.mfa_enrol', outcome: 'denied', entityType: 'user', entityId: actor.userId, detail: { reason: check.reason } }]);
    const message = 'That code did not match. Enter the 6-digit code your authenticator app shows now for Axis; if it keeps failing, check that your phone sets its time automatically.';
    return { ok: false, error: message, fieldErrors: { code: [message] } };
  }

  const recoveryCodes = newRecoveryCodes();
  const enrolled = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(userMfa)
      .set({ secretCiphertext: row.pendingSecretCiphertext, enabledAt: now, lastUsedStep: check.step, pendingSecretCiphertext: null, pendingCreatedAt: null, updatedAt: now })
      // Only the secret this code was checked against: a restart in another tab meanwhile wins.
      .where(and(eq(userMfa.userId, actor.userId), isNull(userMfa.enabledAt), eq(userMfa.pendingSecretCiphertext, row.pendingSecretCiphertext ?? '')))
      .returning({ userId: userMfa.userId });
    if (!updated) return false;
    await replaceRecoveryCodes(tx, actor.userId, recoveryCodes, now);
    await revokeOtherSessionsOfUser(tx, actor.userId, actor.sessionId, 'mfa-enrolled', now);
    await recordAudit(tx, actor, [{ action: 'auth.mfa_enrol', outcome: 'allowed', entityType: 'user', entityId: actor.userId }]);
    return true;
  });
  if (!enrolled) return { ok: false, error: 'Set-up changed in another window. Reload this page and start again.' };
  return { ok: true, data: { recoveryCodes } };
}

async function replaceRecoveryCodes(executor: Executor, userId: string, codes: string[], now: Date): Promise<void> {
  await executor.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await executor.insert(mfaRecoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: now })));
}

/** New recovery codes (the old ones stop working), after proving possession with a current TOTP code. */
export async function regenerateRecoveryCodes(actor: Actor, input: unknown, now: Date = new Date()): Promise<MutationResult<{ recoveryCodes: string[] }>> {
  await authorizeRole(getDb(), actor, USER_ROLES, { action: 'auth.mfa_recovery_codes_regenerate' });
  const parsed = codeSchema.safeParse(input);
  if (!parsed.success || !looksLikeTotpCode(parsed.data.code)) {
    const message = 'Enter the current 6-digit code from your authenticator app.';
    return { ok: false, error: message, fieldErrors: { code: [message] } };
  }
  const db = getDb();
  const address = actor.requestAddress ?? 'unknown';
  return db.transaction(async (tx) => {
    // Wrong codes here count in the sign-in throttle too: otherwise a stolen session could guess
    // codes without limit and walk away with fresh recovery codes.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:${actor.email}`}))`);
    const verdict = await checkSignInThrottle(tx, actor.email, address, now);
    if (!verdict.allowed) {
      return { ok: false as const, error: `Too many wrong codes. For your security, please wait ${describeWait(verdict.retryAfterSeconds)} before trying again.` };
    }
    const check = await verifySecondFactor(tx, actor.userId, parsed.data.code, now);
    if (!check.ok) {
      if (check.reason === 'not-enrolled') return { ok: false as const, error: 'Two-step sign-in is not set up for your account.' };
      await recordSignInAttempt(tx, actor.email, address, false, now);
      await recordAudit(tx, actor, [{ action: 'auth.mfa_recovery_codes_regenerate', outcome: 'denied', entityType: 'user', entityId: actor.userId, detail: { reason: check.reason } }]);
      const message = check.reason === 'replayed' ? 'That code was already used. Wait for the next code in your app and enter it.' : 'That code did not match. Enter the current 6-digit code from your authenticator app.';
      return { ok: false as const, error: message, fieldErrors: { code: [message] } };
    }
    const recoveryCodes = newRecoveryCodes();
    await replaceRecoveryCodes(tx, actor.userId, recoveryCodes, now);
    await recordAudit(tx, actor, [{ action: 'auth.mfa_recovery_codes_regenerate', outcome: 'allowed', entityType: 'user', entityId: actor.userId }]);
    return { ok: true as const, data: { recoveryCodes } };
  });
}
