'use client';

import { useActionState } from 'react';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import type { ComposerState } from './message-composer';

/** One button acting on one message (retract), with the refusal shown beside it. */
export function MessageActionButton({ action, label, confirmText }: { action: (prev: ComposerState, form: FormData) => Promise<ComposerState>; label: string; confirmText?: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (confirmText && !window.confirm(confirmText)) e.preventDefault();
      }}
      className="inline-flex flex-wrap items-center gap-2"
    >
      <button type="submit" disabled={pending} className={`${secondaryButtonClass} py-1 text-xs`}>
        {label}
      </button>
      {state && !state.ok && (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      )}
    </form>
  );
}
