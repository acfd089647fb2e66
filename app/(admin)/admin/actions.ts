'use server';

import { revalidatePath } from 'next/cache';
import { asActionResult } from '@/lib/platform/action-result';
import { requireActionActor } from '@/lib/platform/action-actor';
import { FORM_UNREADABLE, isFormData, unstorableTextError } from '@/lib/platform/action-input';
import { addCareTeamMember, removeCareTeamMember } from '@/lib/care-teams/mutations';
import type { FieldErrors } from '@/lib/platform/errors';
import { createUser, setUserActive } from '@/lib/users/mutations';
import { resetUserMfa, setClinicMfaPolicy, setUserMfaRequired } from '@/lib/users/mfa';

/** What a form shows after submitting: the values come back on failure so nothing typed is lost. */
export type FormState =
  | { ok: true; data?: unknown }
  | { ok: false; error: string; fieldErrors?: FieldErrors; values?: Record<string, string> }
  | null;

function field(form: FormData, name: string): string | undefined {
  // A forged call can send anything as the form; it then reads as empty, which lib/ refuses.
  const value = isFormData(form) ? form.get(name) : null;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export async function createUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActionActor(['admin']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const values = {
    name: field(form, 'name') ?? '',
    email: field(form, 'email') ?? '',
    role: field(form, 'role') ?? '',
    specialty: field(form, 'specialty') ?? '',
    patientMrn: field(form, 'patientMrn') ?? '',
  };
  const result = await asActionResult(() =>
    createUser(actor, {
      ...values,
      specialty: values.specialty || undefined,
      patientMrn: values.patientMrn || undefined,
      password: field(form, 'password') ?? '',
    }),
  );
  if (result.ok) {
    revalidatePath('/admin');
    return result;
  }
  // The password is never sent back to the browser; it is the one field retyped after an error.
  return { ...result, values };
}

export async function setUserActiveAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActionActor(['admin']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const result = await asActionResult(() => setUserActive(actor, { userId: field(form, 'userId'), active: field(form, 'active') === 'true' }));
  if (result.ok) revalidatePath('/admin');
  return result;
}

export async function addCareTeamMemberAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActionActor(['admin']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const patientId = field(form, 'patientId') ?? '';
  const result = await asActionResult(() => addCareTeamMember(actor, { patientId, userId: field(form, 'userId'), role: field(form, 'role') }));
  if (result.ok) revalidatePath(`/admin/patients/${patientId}`);
  return result;
}

export async function removeCareTeamMemberAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActionActor(['admin']);
  if ('error' in actor) return actor;
  if (!isFormData(form)) return { ok: false, error: FORM_UNREADABLE };
  const unstorable = unstorableTextError(form);
  if (unstorable) return unstorable;
  const patientId = field(form, 'patientId') ?? '';
  const result = await asActionResult(() => removeCareTeamMember(actor, { patientId, membershipId: field(form, 'membershipId') }));
  if (result.ok) revalidatePath(`/admin/patients/${patientId}`);
  return result;
}

export async function setUserMfaRequiredAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActionActor(['admin']);
  if ('error' in actor) return actor;
  const result = await asActionResult(() => setUserMfaRequired(actor, { userId: field(form, 'userId'), required: field(form, 'required') === 'true' }));
  if (result.ok) revalidatePath('/admin');
  return result;
}

export async function resetUserMfaAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActionActor(['admin']);
  if ('error' in actor) return actor;
  const result = await asActionResult(() => resetUserMfa(actor, { userId: field(form, 'userId') }));
  if (result.ok) revalidatePath('/admin');
  return result;
}

export async function setClinicMfaPolicyAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActionActor(['admin']);
  if ('error' in actor) return actor;
  const result = await asActionResult(() => setClinicMfaPolicy(actor, { requireMfaForStaff: field(form, 'requireMfaForStaff') === 'true' }));
  if (result.ok) revalidatePath('/admin');
  return result;
}
