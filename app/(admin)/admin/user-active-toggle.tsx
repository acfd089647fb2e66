'use client';

import { useActionState } from 'react';
import { dangerButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { setUserActiveAction, type FormState } from './actions';

export function UserActiveToggle({ userId, name, active }: { userId: string; name: string; active: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setUserActiveAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (active && !window.confirm(`Deactivate ${name}? They will be signed out everywhere and cannot sign in until reactivated.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? 'false' : 'true'} />
      <button type="submit" disabled={pending} className={active ? dangerButtonClass : secondaryButtonClass} aria-label={`${active ? 'Deactivate' : 'Reactivate'} ${name}`}>
        {pending ? 'Saving…' : active ? 'Deactivate' : 'Reactivate'}
      </button>
      {state && !state.ok && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
