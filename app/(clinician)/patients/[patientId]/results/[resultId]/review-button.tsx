'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import { markReviewedAction } from '../actions';

export function ReviewButton({ patientId, resultId }: { patientId: string; resultId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className={secondaryButtonClass}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const outcome = await markReviewedAction(patientId, resultId);
            setError(outcome.ok ? null : outcome.error);
            // The badge and the history's "reviewed by" come from the server: show them now.
            if (outcome.ok) router.refresh();
          })
        }
      >
        {pending ? 'Saving…' : 'Mark reviewed'}
      </button>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
