'use client';

import { useActionState } from 'react';
import { dangerButtonClass } from '@/lib/ui/form-controls';
import { revokeOtherSessionsAction, revokeSessionAction, type AccountFormState } from '../actions';

export function RevokeSessionButton({ sessionId, device }: { sessionId: string; device: string }) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(revokeSessionAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="sessionId" value={sessionId} />
      <button type="submit" disabled={pending} className={dangerButtonClass} aria-label={`Sign out ${device}`}>
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
      {state && !state.ok && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}

export function RevokeOtherSessionsButton({ count }: { count: number }) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(revokeOtherSessionsAction, null);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(`Sign out ${count} other session${count === 1 ? '' : 's'}? This device stays signed in.`)) e.preventDefault();
      }}
    >
      <button type="submit" disabled={pending} className={dangerButtonClass}>
        {pending ? 'Signing out…' : 'Sign out all other sessions'}
      </button>
      {state && !state.ok && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
