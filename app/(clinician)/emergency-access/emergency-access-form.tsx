'use client';

import { useActionState } from 'react';
import { Field, FormMessage, inputClass, primaryButtonClass } from '@/lib/ui/form-controls';
import { requestEmergencyAccessAction, type EmergencyAccessFormState } from './actions';

export function EmergencyAccessForm({
  patientId,
  reasonOptions,
  minLength,
  maxLength,
}: {
  patientId: string | null;
  reasonOptions: { value: string; label: string }[];
  minLength: number;
  maxLength: number;
}) {
  const [state, action, pending] = useActionState<EmergencyAccessFormState, FormData>(requestEmergencyAccessAction, null);
  const errors = state?.fieldErrors ?? {};
  // React resets an action form after submitting; on failure it resets to what was typed.
  const typed = state?.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {patientId ? (
        <>
          <input type="hidden" name="patientId" value={patientId} />
          <p className="text-sm text-slate-700">For the patient record you followed a link to.</p>
          {errors.patientId?.map((e) => (
            <p key={e} className="text-xs text-red-700">
              {e}
            </p>
          ))}
        </>
      ) : (
        <Field id="emergency-mrn" label="Patient MRN" errors={errors.mrn} hint="Exactly as on the patient’s documents, e.g. AX-100155. There is no search here.">
          <input
            id="emergency-mrn"
            name="mrn"
            defaultValue={typed.mrn}
            className={`${inputClass} font-mono uppercase`}
            aria-invalid={Boolean(errors.mrn)}
            aria-describedby={errors.mrn ? 'emergency-mrn-error' : undefined}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
      )}
      <Field id="emergency-category" label="Reason category" errors={errors.reasonCategory}>
        <select
          // Remounted when the returned choice changes: React does not re-apply a select's defaultValue.
          key={typed.reasonCategory ?? ''}
          id="emergency-category"
          name="reasonCategory"
          defaultValue={typed.reasonCategory ?? ''}
          className={inputClass}
          aria-invalid={Boolean(errors.reasonCategory)}
          aria-describedby={errors.reasonCategory ? 'emergency-category-error' : undefined}
        >
          <option value="" disabled>
            Choose…
          </option>
          {reasonOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="emergency-reason"
        label="Reason"
        errors={errors.reason}
        hint={`At least ${minLength} characters. The care team will read this: say what is happening and why it cannot wait for them.`}
      >
        <textarea
          id="emergency-reason"
          name="reason"
          rows={4}
          maxLength={maxLength}
          defaultValue={typed.reason}
          className={inputClass}
          aria-invalid={Boolean(errors.reason)}
          aria-describedby={errors.reason ? 'emergency-reason-error' : undefined}
        />
      </Field>
      <button type="submit" disabled={pending} className={`${primaryButtonClass} bg-red-700 hover:bg-red-800`}>
        {pending ? 'Opening…' : 'Break the glass and open the record'}
      </button>
    </form>
  );
}
