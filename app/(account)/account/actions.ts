'use server';

import { revalidatePath } from 'next/cache';
import { requireActionActor } from '@/lib/platform/action-actor';
import { formText } from '@/lib/platform/action-input';
import { asActionResult } from '@/lib/platform/action-result';
import { beginMfaEnrolment, confirmMfaEnrolment, regenerateRecoveryCodes } from '@/lib/platform/auth/mfa';
import { requireEnrolmentActor } from '@/lib/platform/auth/session';
import { revokeOtherOwnSessions, revokeOwnSession } from '@/lib/platform/auth/sessions';
import { setEmailNotifications } from '@/lib/messages/mutations';
import type { FieldErrors } from '@/lib/platform/errors';

export type AccountFormState = { ok: true; data?: unknown } | { ok: false; error: string; fieldErrors?: FieldErrors } | null;
export type RecoveryCodesState = { ok: true; data: { recoveryCodes: string[] } } | { ok: false; error: string; fieldErrors?: FieldErrors } | null;

// A forged call can send anything as the form; it then reads as empty, which lib/ refuses.
const field = formText;

export async function revokeSessionAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const actor = await requireActionActor();
  if ('error' in actor) return actor;
  const result = await asActionResult(() => revokeOwnSession(actor, { sessionId: field(form, 'sessionId') }));
  if (result.ok) revalidatePath('/account/sessions');
  return result;
}

export async function revokeOtherSessionsAction(_prev: AccountFormState, _form: FormData): Promise<AccountFormState> {
  const actor = await requireActionActor();
  if ('error' in actor) return actor;
  const result = await asActionResult(() => revokeOtherOwnSessions(actor));
  if (result.ok) revalidatePath('/account/sessions');
  return result;
}

// The two-step sign-in actions accept a session held back until enrolment: setting it up is what
// such a session is for.
export async function beginMfaEnrolmentAction(_prev: AccountFormState, _form: FormData): Promise<AccountFormState> {
  const { actor } = await requireEnrolmentActor();
  const result = await asActionResult(() => beginMfaEnrolment(actor));
  if (result.ok) revalidatePath('/account/security');
  return result;
}

// No revalidation on success: the recovery codes live only in this response, shown once.
export async function confirmMfaEnrolmentAction(_prev: RecoveryCodesState, form: FormData): Promise<RecoveryCodesState> {
  const { actor } = await requireEnrolmentActor();
  return asActionResult(() => confirmMfaEnrolment(actor, { code: field(form, 'code') }));
}

export async function regenerateRecoveryCodesAction(_prev: RecoveryCodesState, form: FormData): Promise<RecoveryCodesState> {
  const actor = await requireActionActor();
  if ('error' in actor) return actor;
  return asActionResult(() => regenerateRecoveryCodes(actor, { code: field(form, 'code') }));
}

export async function setEmailNotificationsAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const actor = await requireActionActor();
  if ('error' in actor) return actor;
  const choice = field(form, 'emailNotifications');
  const result = await asActionResult(() => setEmailNotifications(actor, choice === 'on' ? true : choice === 'off' ? false : choice));
  if (result.ok) revalidatePath('/account/notifications');
  return result;
}
