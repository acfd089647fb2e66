import 'server-only';
import { and, eq, isNotNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { clinicSecuritySettings, mfaRecoveryCodes, userMfa, users } from '@/db/schema';
import { authorizeRole } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { revokeAllSessionsOfUser } from '@/lib/platform/auth/sessions';
import { recordAudit } from '@/lib/platform/audit/record';
import { inTransaction } from '@/lib/platform/db/transaction';
import type { MutationResult } from '@/lib/platform/errors';

// Administrators decide who must use two-step sign-in and reset it for someone who lost their phone.
// They never see or set anyone's secret.

const NOT_UNDERSTOOD = 'That request was not understood. Reload the page and try again.';

export interface ClinicSecuritySettings {
  requireMfaForStaff: boolean;
}

export async function getClinicSecuritySettings(actor: Actor): Promise<ClinicSecuritySettings> {
  const db = getDb();
  await authorizeRole(db, actor, ['admin'], { action: 'clinic.security_settings_read' });
  const [row] = await db.select({ requireMfaForStaff: clinicSecuritySettings.requireMfaForStaff }).from(clinicSecuritySettings);
  return { requireMfaForStaff: row?.requireMfaForStaff ?? false };
}

const clinicPolicySchema = z.object({ requireMfaForStaff: z.boolean() });

/** Clinic-wide: every clinician and administrator must use two-step sign-in (patients are not affected). */
export async function setClinicMfaPolicy(actor: Actor, input: unknown): Promise<MutationResult> {
  await authorizeRole(getDb(), actor, ['admin'], { action: 'clinic.mfa_policy' });
  const parsed = clinicPolicySchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: NOT_UNDERSTOOD };
  const { requireMfaForStaff } = parsed.data;
  const now = new Date();
  return inTransaction(async (tx) => {
    await tx
      .insert(clinicSecuritySettings)
      .values({ id: true, requireMfaForStaff, updatedAt: now, updatedBy: actor.userId })
      .onConflictDoUpdate({ target: clinicSecuritySettings.id, set: { requireMfaForStaff, updatedAt: now, updatedBy: actor.userId } });
    await recordAudit(tx, actor, [{ action: 'clinic.mfa_policy', outcome: 'allowed', entityType: 'clinic', detail: { requireMfaForStaff } }]);
    return { ok: true as const };
  });
}

const userMfaRequiredSchema = z.object({ userId: z.uuid(), required: z.boolean() });

/** Requires (or stops requiring) two-step sign-in for one account; takes effect on its next request. */
export async function setUserMfaRequired(actor: Actor, input: unknown): Promise<MutationResult> {
  await authorizeRole(getDb(), actor, ['admin'], { action: 'user.mfa_require' });
  const parsed = userMfaRequiredSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: NOT_UNDERSTOOD };
  const { userId, required } = parsed.data;
  const now = new Date();
  return inTransaction(async (tx) => {
    const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!exists) return { ok: false as const, error: 'That account no longer exists.' };
    await tx
      .insert(userMfa)
      .values({ userId, required, updatedAt: now })
      .onConflictDoUpdate({ target: userMfa.userId, set: { required, updatedAt: now } });
    await recordAudit(tx, actor, [{ action: required ? 'user.mfa_require' : 'user.mfa_unrequire', outcome: 'allowed', entityType: 'user', entityId: userId }]);
    return { ok: true as const };
  });
}

const resetSchema = z.object({ userId: z.uuid() });

/**
 * For a lost or replaced phone: removes the account's authenticator and recovery codes and signs it
 * out everywhere. If two-step sign-in is required, the person sets it up again after their password.
 */
export async function resetUserMfa(actor: Actor, input: unknown): Promise<MutationResult> {
  await authorizeRole(getDb(), actor, ['admin'], { action: 'user.mfa_reset' });
  const parsed = resetSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: NOT_UNDERSTOOD };
  const { userId } = parsed.data;
  // Otherwise a stolen administrator session could strip its own second factor.
  if (userId === actor.userId) return { ok: false, error: 'You cannot reset your own two-step sign-in. Ask another administrator.' };
  const now = new Date();
  return inTransaction(async (tx) => {
    const [updated] = await tx
      .update(userMfa)
      .set({ secretCiphertext: null, enabledAt: null, lastUsedStep: null, pendingSecretCiphertext: null, pendingCreatedAt: null, updatedAt: now })
      .where(and(eq(userMfa.userId, userId), or(isNotNull(userMfa.enabledAt), isNotNull(userMfa.pendingSecretCiphertext))))
      .returning({ userId: userMfa.userId });
    if (!updated) {
      const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
      return exists ? { ok: false as const, error: 'Two-step sign-in is not set up for this account; there is nothing to reset.' } : { ok: false as const, error: 'That account no longer exists.' };
    }
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
    await revokeAllSessionsOfUser(tx, userId, 'mfa-reset', now);
    await recordAudit(tx, actor, [{ action: 'user.mfa_reset', outcome: 'allowed', entityType: 'user', entityId: userId }]);
    return { ok: true as const };
  });
}
