'use client';

import { Link } from '@/lib/ui/link';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useState, useTransition } from 'react';
import type { ResultKind } from '@/lib/results/result-kinds';
import type { FieldErrors } from '@/lib/platform/errors';
import type { RecordResultOutcome } from '@/lib/results/mutations';
import { Field, inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { formatTimestamp } from '@/lib/ui/format';
import { correctResultAction, recordResultAction } from './actions';

export interface CorrectionTarget {
  resultId: string;
  version: number;
}

const FieldErrorsContext = createContext<FieldErrors>({});

/** Errors for one field path ("readings.2.h2"), as returned by lib/results. */
export function useFieldErrors(path: string): string[] | undefined {
  return useContext(FieldErrorsContext)[path];
}

/** Every error under a path prefix, e.g. all of "readings.2.*", for highlighting a grid row. */
export function useFieldErrorsUnder(prefix: string): string[] {
  const all = useContext(FieldErrorsContext);
  return Object.entries(all)
    .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`))
    .flatMap(([, v]) => v ?? []);
}

/**
 * Saves a new result or a correction and shows what went wrong without losing anything typed: the
 * form's state lives in the child component and is never reset on failure. A correction also asks
 * for a reason and carries the version it was based on, so a colleague's newer version is never
 * silently overwritten.
 */
export function ResultFormShell({
  patientId,
  kind,
  correction,
  collect,
  children,
  submitLabel,
}: {
  patientId: string;
  kind: ResultKind;
  correction?: CorrectionTarget;
  /** Returns the values to send, or a message when the form itself can tell they are not ready. */
  collect: () => { values: unknown } | { problem: string };
  children: React.ReactNode;
  submitLabel: string;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<RecordResultOutcome | null>(null);
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const fieldErrors = outcome && !outcome.ok ? (outcome.fieldErrors ?? {}) : {};
  // An error summary at the top lists every problem (fields show theirs too), so none is missed.
  const formErrors = [...new Set(Object.values(fieldErrors).flatMap((v) => v ?? []))];

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const collected = collect();
    if ('problem' in collected) {
      setLocalProblem(collected.problem);
      return;
    }
    setLocalProblem(null);
    start(async () => {
      const result = correction
        ? await correctResultAction(patientId, { resultId: correction.resultId, expectedVersion: correction.version, reason, values: collected.values })
        : await recordResultAction(patientId, kind, collected.values);
      setOutcome(result);
      if (result.ok) router.push(`/patients/${patientId}/results/${result.data.resultId}`);
    });
  }

  return (
    <FieldErrorsContext.Provider value={fieldErrors}>
      <form onSubmit={submit} noValidate className="space-y-6">
        {(localProblem || (outcome && !outcome.ok)) && (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            <p>{localProblem ?? (outcome && !outcome.ok ? outcome.error : '')}</p>
            {formErrors.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {formErrors.slice(0, 12).map((e) => (
                  <li key={e}>{e}</li>
                ))}
                {formErrors.length > 12 && <li>…and {formErrors.length - 12} more.</li>}
              </ul>
            )}
            {outcome && !outcome.ok && outcome.conflict && (
              <p className="mt-2">
                Their version {outcome.conflict.version} ({formatTimestamp(outcome.conflict.enteredAt)}): <em>{outcome.conflict.summary}</em>.{' '}
                <Link href={`/patients/${patientId}`} className="font-medium underline">
                  Back to the record
                </Link>
              </p>
            )}
          </div>
        )}
        {children}
        {correction && (
          <Field id="correction-reason" label="Reason for correction" errors={fieldErrors.reason} hint="Shown in the result's history beside both versions.">
            <textarea
              id="correction-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              className={inputClass}
              aria-invalid={Boolean(fieldErrors.reason)}
              placeholder="e.g. 60-minute methane value transcribed wrongly"
            />
          </Field>
        )}
        <div className="flex items-center gap-3">
          <button type="submit" disabled={pending} className={primaryButtonClass}>
            {pending ? 'Saving…' : correction ? 'Save correction' : submitLabel}
          </button>
          <Link href={correction ? `/patients/${patientId}/results/${correction.resultId}` : `/patients/${patientId}#results`} className={secondaryButtonClass}>
            Cancel
          </Link>
        </div>
      </form>
    </FieldErrorsContext.Provider>
  );
}
