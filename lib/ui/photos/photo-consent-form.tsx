'use client';

import { useActionState } from 'react';
import { FormMessage, primaryButtonClass } from '@/lib/ui/form-controls';
import type { ComposerState } from '@/lib/ui/messages/message-composer';

const QUESTIONS = [
  ['clinicalRecord', 'Photos may be taken and kept in the clinical record'],
  ['shareWithPatient', 'Photos may be shared with the patient in the portal'],
  ['teaching', 'De-identified photos may be used for teaching'],
] as const;

/** The patient's answers, as recorded by the clinician; each saved decision is kept in the history. */
export function PhotoConsentForm({ action, current }: { action: (prev: ComposerState, form: FormData) => Promise<ComposerState>; current: Record<(typeof QUESTIONS)[number][0], boolean> | null }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      {QUESTIONS.map(([name, label]) => (
        <fieldset key={name} className="flex flex-wrap items-center gap-4 text-sm">
          <legend className="mb-1 w-full font-medium text-slate-800">{label}</legend>
          {(['yes', 'no'] as const).map((v) => (
            <label key={v} className="flex items-center gap-1.5">
              <input type="radio" name={name} value={v} defaultChecked={current ? current[name] === (v === 'yes') : false} required /> {v === 'yes' ? 'Yes' : 'No'}
            </label>
          ))}
        </fieldset>
      ))}
      <FormMessage state={state} />
      {state?.ok && (
        <p role="status" className="text-sm text-emerald-800">
          Consent recorded.
        </p>
      )}
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        Record consent
      </button>
    </form>
  );
}
