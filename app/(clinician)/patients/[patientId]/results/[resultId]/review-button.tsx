'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { markReviewedAction } from '../actions';

const COMMENT_MAX = 1000;

/**
 * Review as a flow: an optional comment, then "Mark reviewed" (stay here, the status updates at the
 * top) or "Mark reviewed and go to next" (the next result of this patient awaiting your review, or the
 * record's review queue when none is left). What was typed stays if saving fails.
 */
export function ReviewPanel({ patientId, resultId, othersAwaiting }: { patientId: string; resultId: string; othersAwaiting: number }) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (goNext: boolean) =>
    start(async () => {
      const outcome = await markReviewedAction(patientId, resultId, { comment });
      if (!outcome.ok) {
        setError(outcome.fieldErrors?.comment?.[0] ?? outcome.error);
        return;
      }
      setError(null);
      if (goNext) router.push(outcome.data.nextResultId ? `/patients/${patientId}/results/${outcome.data.nextResultId}` : `/patients/${patientId}#review-queue`);
      else router.refresh();
    });
  return (
    <section aria-labelledby={`${id}-title`} className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="review-panel">
      <h2 id={`${id}-title`} className="text-sm font-semibold text-amber-950">
        Awaiting your review{othersAwaiting > 0 ? ` · ${othersAwaiting} more for this patient after this one` : ''}
      </h2>
      <label htmlFor={`${id}-comment`} className="mt-2 block text-xs font-medium text-slate-800">
        Comment (optional)
      </label>
      <textarea
        id={`${id}-comment`}
        rows={2}
        maxLength={COMMENT_MAX}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder="e.g. Discussed with the patient; repeat in 3 months"
        className={inputClass}
        aria-invalid={Boolean(error) || undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className={secondaryButtonClass} disabled={pending} onClick={() => submit(false)}>
          {pending ? 'Saving…' : 'Mark reviewed'}
        </button>
        <button type="button" className={primaryButtonClass} disabled={pending} onClick={() => submit(true)}>
          {othersAwaiting > 0 ? 'Mark reviewed and go to next' : 'Mark reviewed and back to the record'}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
