'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import type { ComposerState } from '@/lib/ui/messages/message-composer';

/** Share a document with the patient's portal, or stop sharing it; says what happened either way. */
export function DocumentShareButton({ shared, action }: { shared: boolean; action: (prev: ComposerState, form: FormData) => Promise<ComposerState> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-1">
      <button
        type="button"
        className={secondaryButtonClass}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const form = new FormData();
            form.set('shared', shared ? 'no' : 'yes');
            try {
              const outcome = await action(null, form);
              setError(outcome?.ok ? null : (outcome?.error ?? 'Not saved.'));
              if (outcome?.ok) router.refresh();
            } catch {
              setError('The connection failed; nothing changed. Try again.');
            }
          })
        }
      >
        {pending ? 'Saving…' : shared ? 'Stop sharing with the patient' : 'Share with the patient'}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
