'use client';

import { Link } from '@/lib/ui/link';
import { useActionState, useEffect, useRef, useState } from 'react';
import { QUESTIONNAIRES, describeTotal, type QuestionnaireId } from '@/lib/questionnaires/definitions';
import { FormMessage, inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { submitQuestionnaireAction, type QuestionnaireActionState } from '../actions';
import { DateInput } from '@/lib/ui/date-input';

/**
 * One question per fieldset, each a group of native radio buttons: Tab moves between questions, the
 * arrow keys move between answers and Space chooses one, and screen readers announce the question as
 * the group's name. Every answer is a large target (the whole row is its label).
 */
export function QuestionnaireForm({ instrument, today }: { instrument: QuestionnaireId; today: string }) {
  const def = QUESTIONNAIRES[instrument];
  const [state, formAction, pending] = useActionState<QuestionnaireActionState, FormData>(submitQuestionnaireAction.bind(null, instrument), null);
  const [answered, setAnswered] = useState<Record<string, string>>({});
  const resultRef = useRef<HTMLDivElement>(null);
  const count = def.items.filter((i) => answered[i.id]).length;

  useEffect(() => {
    if (state?.ok) resultRef.current?.focus();
  }, [state]);

  if (state?.ok) {
    const { total, max } = state.data;
    return (
      <div ref={resultRef} tabIndex={-1} role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-5 outline-none" data-testid="questionnaire-result">
        <h2 className="text-xl font-semibold text-emerald-900">Thank you — your answers were sent to your care team</h2>
        <p className="mt-3 text-lg text-slate-900">
          Your {def.label} score is <strong>{total}</strong> out of {max}.
        </p>
        <p className="mt-1 text-slate-800">
          This means <strong>{describeTotal(instrument, total)}</strong>.
        </p>
        <p className="mt-3 text-sm text-slate-700">Your care team will look at it with your other results. If you feel much worse, contact your clinic.</p>
        <Link href="/portal/questionnaires" className={`${secondaryButtonClass} mt-4 inline-block`}>
          Back to questionnaires
        </Link>
      </div>
    );
  }

  const fieldErrors = state && !state.ok && 'fieldErrors' in state ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <div className="sticky top-0 z-10 -mx-1 bg-slate-50/95 px-1 py-2">
        <label htmlFor="progress" className="text-sm font-medium text-slate-700">
          {count} of {def.items.length} questions answered
        </label>
        <progress id="progress" max={def.items.length} value={count} className="mt-1 block h-2 w-full accent-brand-700" />
      </div>
      <FormMessage state={state} />
      {def.items.map((item, index) => {
        const legendId = `${item.id}-legend`;
        const errors = fieldErrors[`answers.${item.id}`];
        const dayHeading = item.day !== undefined && def.items[index - 1]?.day !== item.day;
        return (
          <div key={item.id}>
            {dayHeading && <h2 className="mb-2 mt-6 text-lg font-semibold text-slate-900">Day {item.day} of 7</h2>}
            <fieldset className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-describedby={errors ? `${item.id}-error` : item.hint ? `${item.id}-hint` : undefined} aria-invalid={errors ? true : undefined}>
              <legend id={legendId} className="float-left mb-3 w-full text-base font-semibold text-slate-900">
                <span className="mr-1 text-slate-600">{index + 1}.</span> {item.text}
              </legend>
              {item.hint && (
                <p id={`${item.id}-hint`} className="clear-both mb-3 text-sm text-slate-600">
                  {item.hint}
                </p>
              )}
              <div className="clear-both grid gap-2">
                {item.options.map((option) => {
                  const id = `${item.id}-${option.value}`;
                  return (
                    <label
                      key={option.value}
                      htmlFor={id}
                      className="flex min-h-12 cursor-pointer items-center gap-3 rounded-md border border-slate-300 px-3 py-2 text-base text-slate-900 hover:bg-slate-50 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700"
                    >
                      <input
                        id={id}
                        type="radio"
                        name={`answer:${item.id}`}
                        value={option.value}
                        required
                        className="h-5 w-5 shrink-0 accent-brand-700"
                        onChange={() => setAnswered((a) => ({ ...a, [item.id]: option.value }))}
                      />
                      <span>
                        {option.label}
                        {option.hint && <span className="block text-sm text-slate-600">{option.hint}</span>}
                      </span>
                    </label>
                  );
                })}
              </div>
              {errors?.map((e) => (
                <p key={e} id={`${item.id}-error`} className="mt-2 text-sm font-medium text-red-700">
                  {e}
                </p>
              ))}
            </fieldset>
          </div>
        );
      })}
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <label htmlFor="effectiveDate" className="mb-1 block text-sm font-medium text-slate-700">
          {instrument === 'uas7' ? 'The last of the 7 days (usually today)' : 'Date you are answering for (usually today)'}
        </label>
        <DateInput id="effectiveDate" name="effectiveDate" defaultValue={today} required className={`${inputClass} max-w-xs`} invalid={Boolean(fieldErrors.effectiveDate)} />
        {fieldErrors.effectiveDate?.map((e) => (
          <p key={e} className="mt-1 text-sm text-red-700">
            {e}
          </p>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={`${primaryButtonClass} min-h-12 px-6 text-base`} disabled={pending}>
          {pending ? 'Sending…' : 'Send my answers'}
        </button>
        {count < def.items.length && <p className="text-sm text-slate-600">Please answer every question before sending.</p>}
      </div>
    </form>
  );
}
