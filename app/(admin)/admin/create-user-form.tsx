'use client';

import { useActionState, useState } from 'react';
import { PASSWORD_MIN_LENGTH } from '@/lib/platform/auth/password-rules';
import { Field, FormMessage, inputClass, primaryButtonClass } from '@/lib/ui/form-controls';
import { createUserAction, type FormState } from './actions';

export function CreateUserForm({ specialtyOptions }: { specialtyOptions: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createUserAction, null);
  const [role, setRole] = useState('clinician');
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  // React resets an action form after submitting; on failure it resets to these, i.e. what was typed.
  const typed = state && !state.ok ? (state.values ?? {}) : {};

  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage state={state} />
      {state?.ok && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Account created.
        </p>
      )}
      <Field id="new-name" label="Full name" errors={errors.name}>
        <input id="new-name" name="name" defaultValue={typed.name} className={inputClass} aria-invalid={Boolean(errors.name)} autoComplete="off" />
      </Field>
      <Field id="new-email" label="Email" errors={errors.email}>
        <input id="new-email" name="email" type="email" defaultValue={typed.email} className={inputClass} aria-invalid={Boolean(errors.email)} autoComplete="off" />
      </Field>
      <Field id="new-role" label="Role" errors={errors.role}>
        <select id="new-role" name="role" value={role} onChange={(e) => setRole(e.target.value)} className={inputClass}>
          <option value="clinician">Clinician</option>
          <option value="patient">Patient (portal)</option>
          <option value="admin">Administrator</option>
        </select>
      </Field>
      {role === 'clinician' && (
        <Field id="new-specialty" label="Specialty" errors={errors.specialty}>
          <select id="new-specialty" name="specialty" defaultValue={typed.specialty ?? ''} className={inputClass} aria-invalid={Boolean(errors.specialty)}>
            <option value="" disabled>
              Choose…
            </option>
            {specialtyOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      )}
      {role === 'patient' && (
        <Field id="new-mrn" label="Patient MRN" errors={errors.patientMrn} hint="The record this portal account will see.">
          <input id="new-mrn" name="patientMrn" defaultValue={typed.patientMrn} className={inputClass} aria-invalid={Boolean(errors.patientMrn)} placeholder="AX-100001" />
        </Field>
      )}
      <Field id="new-password" label="Initial password" errors={errors.password} hint={`At least ${PASSWORD_MIN_LENGTH} characters. Share it securely.`}>
        <input id="new-password" name="password" type="password" className={inputClass} aria-invalid={Boolean(errors.password)} autoComplete="new-password" />
      </Field>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Creating…' : 'Create account'}
      </button>
    </form>
  );
}
