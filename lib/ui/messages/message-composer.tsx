'use client';

import { useActionState, useState } from 'react';
import type { FieldErrors } from '@/lib/platform/errors';
import { Field, FormMessage, inputClass, primaryButtonClass } from '@/lib/ui/form-controls';

export type ComposerState = { ok: true; data?: unknown } | { ok: false; error: string; fieldErrors?: FieldErrors } | null;

/**
 * Writing a message: a reply (body only) or a new conversation (recipient, subject, body). The fields are
 * controlled, so a refused send keeps everything typed; a sent one clears them.
 */
export function MessageComposer({
  action,
  recipients,
  withSubject,
  submitLabel,
  bodyLabel,
  maxLength,
}: {
  action: (prev: ComposerState, form: FormData) => Promise<ComposerState>;
  /** For a new conversation: who it is addressed to (value, label); the first is the default. */
  recipients?: { value: string; label: string }[];
  withSubject?: boolean;
  submitLabel: string;
  bodyLabel: string;
  maxLength: number;
}) {
  const [to, setTo] = useState(recipients?.[0]?.value ?? '');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [state, formAction, pending] = useActionState(async (prev: ComposerState, form: FormData) => {
    const result = await action(prev, form);
    if (result?.ok) {
      setSubject('');
      setBody('');
    }
    return result;
  }, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-3">
      {recipients && (
        <Field id="message-to" label="To" errors={errors.audience ?? errors.specialty}>
          <select id="message-to" name="to" value={to} onChange={(e) => setTo(e.target.value)} className={inputClass}>
            {recipients.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
      )}
      {withSubject && (
        <Field id="message-subject" label="Subject" errors={errors.subject}>
          <input id="message-subject" name="subject" value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={200} className={inputClass} aria-invalid={Boolean(errors.subject)} />
        </Field>
      )}
      <Field id="message-body" label={bodyLabel} errors={errors.body} hint={`Up to ${maxLength.toLocaleString('en-US')} characters.`}>
        <textarea id="message-body" name="body" rows={5} value={body} onChange={(e) => setBody(e.target.value)} className={inputClass} aria-invalid={Boolean(errors.body)} />
      </Field>
      <FormMessage state={state} />
      {state?.ok && (
        <p role="status" className="text-sm text-emerald-800">
          Sent.
        </p>
      )}
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Sending…' : submitLabel}
      </button>
    </form>
  );
}
