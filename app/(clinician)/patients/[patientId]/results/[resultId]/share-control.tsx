'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { dangerButtonClass, inputClass, primaryButtonClass } from '@/lib/ui/form-controls';
import { formatTimestamp } from '@/lib/ui/format';
import { shareResultAction, unshareResultAction } from './share-actions';

export interface ShareControlProps {
  patientId: string;
  resultId: string;
  shared: boolean;
  sharedAt: string | null;
  sharedByName: string | null;
  messageToPatient: string | null;
}

/** Share the result with the patient's portal, or stop sharing it. */
export function ShareControl({ patientId, resultId, shared, sharedAt, sharedByName, messageToPatient }: ShareControlProps) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const messageId = useId();
  const noteId = useId();

  const run = (action: () => ReturnType<typeof shareResultAction>) =>
    start(async () => {
      const outcome = await action();
      setError(outcome.ok ? null : (outcome.fieldErrors?.messageToPatient?.[0] ?? outcome.error));
      if (outcome.ok) {
        setMessage('');
        router.refresh();
      }
    });

  return (
    <div className="space-y-3 text-sm">
      {shared ? (
        <>
          <p className="font-medium text-emerald-800">
            Shared with the patient{sharedAt ? ` ${formatTimestamp(sharedAt)}` : ''}
            {sharedByName ? ` by ${sharedByName}` : ''}.
          </p>
          {messageToPatient && <p className="whitespace-pre-wrap rounded-md bg-slate-50 p-2 text-slate-700">“{messageToPatient}”</p>}
          <p className="text-slate-600">The patient sees this result in their portal, including later corrections, until you stop sharing it.</p>
          <button type="button" className={dangerButtonClass} disabled={pending} onClick={() => run(() => unshareResultAction(patientId, resultId))}>
            {pending ? 'Saving…' : 'Stop sharing'}
          </button>
        </>
      ) : (
        <>
          <p id={noteId} className="text-slate-600">
            Not shared. If you share it, the patient will see in their portal: the title and date, the chart, a plain-language explanation of the interpretation, and
            your message. They will not see review marks, the correction history or care-team notes.
          </p>
          <div>
            <label htmlFor={messageId} className="mb-1 block font-medium text-slate-700">
              Message to the patient (optional)
            </label>
            <textarea
              id={messageId}
              className={inputClass}
              rows={3}
              maxLength={1000}
              value={message}
              aria-describedby={noteId}
              onChange={(e) => setMessage(e.target.value)}
            />
          </div>
          <button type="button" className={primaryButtonClass} disabled={pending} onClick={() => run(() => shareResultAction(patientId, resultId, message))}>
            {pending ? 'Saving…' : 'Share with patient'}
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
