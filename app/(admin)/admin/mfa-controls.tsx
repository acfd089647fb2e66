'use client';

import { useActionState } from 'react';
import { dangerButtonClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { resetUserMfaAction, setClinicMfaPolicyAction, setUserMfaRequiredAction, type FormState } from './actions';

function ErrorLine({ state }: { state: FormState }) {
  if (!state || state.ok) return null;
  return (
    <p role="alert" className="mt-1 text-xs text-red-700">
      {state.error}
    </p>
  );
}

export function UserMfaRequiredToggle({ userId, name, required }: { userId: string; name: string; required: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setUserMfaRequiredAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="required" value={required ? 'false' : 'true'} />
      <button type="submit" disabled={pending} className={secondaryButtonClass} aria-label={`${required ? 'Stop requiring' : 'Require'} two-step sign-in for ${name}`}>
        {pending ? 'Saving…' : required ? 'Stop requiring' : 'Require two-step'}
      </button>
      <ErrorLine state={state} />
    </form>
  );
}

export function ResetUserMfaButton({ userId, name }: { userId: string; name: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(resetUserMfaAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(`Reset two-step sign-in for ${name}? Their authenticator and recovery codes stop working and they are signed out everywhere; they set it up again at their next sign-in.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={pending} className={dangerButtonClass} aria-label={`Reset two-step sign-in for ${name}`}>
        {pending ? 'Resetting…' : 'Reset two-step'}
      </button>
      <ErrorLine state={state} />
    </form>
  );
}

export function ClinicMfaPolicyForm({ requireMfaForStaff }: { requireMfaForStaff: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setClinicMfaPolicyAction, null);
  return (
    <form action={action} className="space-y-3">
      <p className="text-sm text-slate-700" data-testid="clinic-mfa-policy">
        {requireMfaForStaff
          ? 'Every clinician and administrator must use two-step sign-in. Staff who have not set it up are sent to set it up after their password and can open nothing else until done.'
          : 'Two-step sign-in is optional for staff, unless you require it for an account below.'}
      </p>
      <input type="hidden" name="requireMfaForStaff" value={requireMfaForStaff ? 'false' : 'true'} />
      <button type="submit" disabled={pending} className={requireMfaForStaff ? secondaryButtonClass : primaryButtonClass}>
        {pending ? 'Saving…' : requireMfaForStaff ? 'Make it optional for staff' : 'Require for all staff'}
      </button>
      <ErrorLine state={state} />
    </form>
  );
}
