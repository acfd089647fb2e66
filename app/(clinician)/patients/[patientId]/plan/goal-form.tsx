'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { GOAL_STATUS_LABELS, GOAL_STATUSES, type GoalStatus } from '@/lib/care-plans/kinds';
import type { CarePlanOutcome } from '@/lib/care-plans/mutations';
import { Field, inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { addGoalAction, updateGoalAction } from './actions';
import { ConflictNotice } from './conflict-notice';
import { DateInput } from '@/lib/ui/date-input';

export interface GoalFormValues {
  description: string;
  targetInstrument: string;
  targetValue: string;
  targetDate: string;
  status: GoalStatus;
}

type Outcome = CarePlanOutcome<{ goalId: string; version: number }>;

/** Adds a goal, or edits one at the version it was opened; a colleague's newer version is shown, never overwritten. */
export function GoalForm({
  patientId,
  instruments,
  initial,
  editing,
  onDone,
}: {
  patientId: string;
  instruments: { id: string; label: string }[];
  initial?: GoalFormValues;
  editing?: { goalId: string; version: number };
  onDone: () => void;
}) {
  const router = useRouter();
  const [values, setValues] = useState<GoalFormValues>(initial ?? { description: '', targetInstrument: '', targetValue: '', targetDate: '', status: 'active' });
  const [baseVersion, setBaseVersion] = useState(editing?.version ?? 1);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, start] = useTransition();
  const failure = outcome && !outcome.ok ? outcome : null;
  const err = (k: string) => failure?.fieldErrors?.[k];
  const set = (patch: Partial<GoalFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const idp = editing ? `goal-${editing.goalId.slice(0, 8)}` : 'goal-new';

  function submit(version = baseVersion) {
    start(async () => {
      const result = editing ? await updateGoalAction(patientId, { ...values, goalId: editing.goalId, expectedVersion: version }) : await addGoalAction(patientId, values);
      setOutcome(result);
      if (result.ok) {
        router.refresh();
        onDone();
      } else if ('conflict' in result && result.conflict) {
        // Show the colleague's version on the page; this form keeps what was typed.
        router.refresh();
      }
    });
  }

  return (
    <form
      noValidate
      aria-label={editing ? 'Edit goal' : 'Add a goal'}
      className="space-y-4 rounded-md border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {failure && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{failure.error}</p>
          {failure.conflict && (
            <ConflictNotice conflict={failure.conflict}>
              <div className="mt-2 flex gap-2">
                <button
                  type="button"
                  className={secondaryButtonClass}
                  onClick={() => {
                    const next = failure.conflict?.currentVersion ?? baseVersion;
                    setBaseVersion(next);
                    submit(next);
                  }}
                >
                  Save my edits over version {failure.conflict.currentVersion}
                </button>
              </div>
            </ConflictNotice>
          )}
        </div>
      )}
      <Field id={`${idp}-description`} label="Goal" errors={err('description')} hint="e.g. EASI below 7 by March">
        <input id={`${idp}-description`} value={values.description} onChange={(e) => set({ description: e.target.value })} className={inputClass} aria-invalid={Boolean(err('description'))} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id={`${idp}-instrument`} label="Score (optional)" errors={err('targetInstrument')}>
          <select id={`${idp}-instrument`} value={values.targetInstrument} onChange={(e) => set({ targetInstrument: e.target.value })} className={inputClass}>
            <option value="">None</option>
            {instruments.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${idp}-value`} label="Target (optional)" errors={err('targetValue')}>
          <input id={`${idp}-value`} value={values.targetValue} placeholder="below 7" onChange={(e) => set({ targetValue: e.target.value })} className={inputClass} />
        </Field>
        <Field id={`${idp}-date`} label="By (optional)" errors={err('targetDate')}>
          <DateInput id={`${idp}-date`} value={values.targetDate} onChange={(v) => set({ targetDate: v })} invalid={Boolean(err('targetDate'))} />
        </Field>
      </div>
      {editing && (
        <Field id={`${idp}-status`} label="Status" errors={err('status')}>
          <select id={`${idp}-status`} value={values.status} onChange={(e) => set({ status: e.target.value as GoalStatus })} className={inputClass}>
            {GOAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {GOAL_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div className="flex gap-2">
        <button type="submit" className={primaryButtonClass} disabled={pending}>
          {pending ? 'Saving…' : editing ? 'Save goal' : 'Add goal'}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
