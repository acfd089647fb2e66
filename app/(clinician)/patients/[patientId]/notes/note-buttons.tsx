'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { completeTaskAction, signNoteAction } from './actions';

export function SignButton({ patientId, noteId, version }: { patientId: string; noteId: string; version: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className={primaryButtonClass}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const outcome = await signNoteAction(patientId, { noteId, expectedVersion: version });
            setError(outcome.ok ? null : outcome.error);
            if (outcome.ok) router.push(`/patients/${patientId}/notes/${outcome.data.noteId}`);
          })
        }
      >
        {pending ? 'Signing…' : 'Sign note'}
      </button>
      {error && (
        <p role="alert" className="mt-1 max-w-xs text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** Marks a mention or task done; it leaves the assignee's "For you" list. */
export function TaskDoneButton({ taskId, label }: { taskId: string; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="shrink-0">
      <button
        type="button"
        className={secondaryButtonClass}
        disabled={pending}
        aria-label={`Done: ${label}`}
        onClick={() =>
          start(async () => {
            const outcome = await completeTaskAction(taskId);
            setError(outcome.ok ? null : outcome.error);
            if (outcome.ok) router.refresh();
          })
        }
      >
        {pending ? 'Saving…' : 'Done'}
      </button>
      {error && (
        <p role="alert" className="mt-1 max-w-xs text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
