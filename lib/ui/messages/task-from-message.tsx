'use client';

import { useActionState, useId } from 'react';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import type { ComposerState } from './message-composer';

/** "Make a task": who on the care team it is for (the reader by default). */
export function TaskFromMessage({ action, team, defaultAssignee }: { action: (prev: ComposerState, form: FormData) => Promise<ComposerState>; team: { id: string; name: string }[]; defaultAssignee: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  if (state?.ok) {
    return (
      <p role="status" className="text-xs text-emerald-800">
        Task created.
      </p>
    );
  }
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2 text-xs">
      <label htmlFor={id} className="text-slate-700">
        Make a task for
      </label>
      <select id={id} name="assigneeId" defaultValue={defaultAssignee} className="rounded-md border border-slate-300 px-2 py-1 text-xs">
        {team.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className={`${secondaryButtonClass} py-1 text-xs`}>
        Make task
      </button>
      {state && !state.ok && (
        <span role="alert" className="text-red-700">
          {state.error}
        </span>
      )}
    </form>
  );
}
