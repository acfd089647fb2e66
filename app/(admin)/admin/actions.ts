'use server';

import { revalidatePath } from 'next/cache';
import { asActionResult } from '@/lib/action-result';
import { requireActor } from '@/lib/auth/session';
import { addCareTeamMember, removeCareTeamMember } from '@/lib/care-teams/mutations';
import type { FieldErrors } from '@/lib/errors';
import { createUser, setUserActive } from '@/lib/users/mutations';

/** What a form shows after submitting: the values come back on failure so nothing typed is lost. */
export type FormState =
  | { ok: true; data?: unknown }
  | { ok: false; error: string; fieldErrors?: FieldErrors; values?: Record<string, string> }
  | null;

function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export async function createUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(['admin']);
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
  const actor = await requireActor(['admin']);
  const result = await asActionResult(() => setUserActive(actor, { userId: field(form, 'userId'), active: field(form, 'active') === 'true' }));
  if (result.ok) revalidatePath('/admin');
  return result;
}

export async function addCareTeamMemberAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(['admin']);
  const patientId = field(form, 'patientId') ?? '';
  const result = await asActionResult(() => addCareTeamMember(actor, { patientId, userId: field(form, 'userId'), role: field(form, 'role') }));
  if (result.ok) revalidatePath(`/admin/patients/${patientId}`);
  return result;
}

export async function removeCareTeamMemberAction(_prev: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor(['admin']);
  const patientId = field(form, 'patientId') ?? '';
  const result = await asActionResult(() => removeCareTeamMember(actor, { patientId, membershipId: field(form, 'membershipId') }));
  if (result.ok) revalidatePath(`/admin/patients/${patientId}`);
  return result;
}
