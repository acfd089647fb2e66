'use client';

import { startTransition, useActionState } from 'react';
import { DateInput } from '@/lib/ui/date-input';
import { FormMessage, inputClass, primaryButtonClass } from '@/lib/ui/form-controls';
import { reportReactionAction, type ReactionActionState } from './actions';

const optionClass =
  'flex min-h-12 cursor-pointer items-start gap-3 rounded-md border border-slate-300 px-3 py-2 text-slate-900 hover:bg-slate-50 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700';

const SEVERITIES = [
  { value: 'mild', label: 'Mild', hint: 'Noticeable, but it does not stop what you are doing (for example some bloating or a little itch).' },
  { value: 'moderate', label: 'Moderate', hint: 'It bothers you and gets in the way (for example hives, a clear flare, stomach pain).' },
  { value: 'severe', label: 'Severe', hint: 'It is hard to carry on. If you have trouble breathing or swallowing, call 911 now.' },
];

/** "I reacted": what happened, how bad, and when; kept as the patient wrote it. Nothing typed is lost on an error. */
export function ReactionForm({ today }: { today: string }) {
  const [state, action, pending] = useActionState<ReactionActionState, FormData>(reportReactionAction, null);
  const errors = state && !state.ok && 'fieldErrors' in state ? (state.fieldErrors ?? {}) : {};
  if (state?.ok) {
    return (
      <div role="status" className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-4 text-base text-emerald-950">
        <p className="font-semibold">Thank you. Your care team can see your report.</p>
        <p>Stop eating the food you are testing today, and go on writing your diary. If things get worse, contact your care team.</p>
      </div>
    );
  }
  return (
    <form
      // Not the form's action prop: React resets a form after its action, and a refused report must keep what was typed.
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}
      className="space-y-4 text-base"
      aria-label="I reacted"
      noValidate
    >
      <div>
        <label htmlFor="reaction-symptom" className="mb-1 block font-semibold text-slate-900">
          What happened?
        </label>
        <input id="reaction-symptom" name="symptom" className={inputClass} maxLength={200} placeholder="e.g. itchy rash on my arms" aria-invalid={Boolean(errors.symptom)} required />
        {errors.symptom?.map((e) => (
          <p key={e} className="mt-1 text-sm text-red-700">
            {e}
          </p>
        ))}
      </div>
      <fieldset>
        <legend className="mb-2 font-semibold text-slate-900">How bad was it?</legend>
        <div className="space-y-2">
          {SEVERITIES.map((s) => (
            <label key={s.value} className={optionClass}>
              <input type="radio" name="severity" value={s.value} className="mt-1 h-5 w-5 accent-brand-700" defaultChecked={s.value === 'mild'} />
              <span>
                <span className="font-semibold">{s.label}</span>
                <span className="block text-sm text-slate-700">{s.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.severity?.map((e) => (
          <p key={e} className="mt-1 text-sm text-red-700">
            {e}
          </p>
        ))}
      </fieldset>
      <label className={`${optionClass} w-fit`}>
        <input type="checkbox" name="gutOnly" className="h-5 w-5 accent-brand-700" />
        Only gas or bloating (nothing on the skin)
      </label>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="reaction-date" className="mb-1 block font-semibold text-slate-900">
            Day
          </label>
          <DateInput id="reaction-date" name="occurredOn" defaultValue={today} invalid={Boolean(errors.occurredOn)} />
          {errors.occurredOn?.map((e) => (
            <p key={e} className="mt-1 text-sm text-red-700">
              {e}
            </p>
          ))}
        </div>
        <div>
          <label htmlFor="reaction-time" className="mb-1 block font-semibold text-slate-900">
            Time (optional)
          </label>
          <input id="reaction-time" name="occurredTime" type="time" className={inputClass} aria-invalid={Boolean(errors.occurredTime)} />
          {errors.occurredTime?.map((e) => (
            <p key={e} className="mt-1 text-sm text-red-700">
              {e}
            </p>
          ))}
        </div>
      </div>
      <div>
        <label htmlFor="reaction-notes" className="mb-1 block font-semibold text-slate-900">
          Anything else (optional)
        </label>
        <textarea id="reaction-notes" name="notes" rows={2} className={inputClass} maxLength={1000} />
      </div>
      <FormMessage state={state} />
      <button type="submit" className={`${primaryButtonClass} min-h-12 w-full text-base sm:w-auto`} disabled={pending}>
        {pending ? 'Sending…' : 'Send to my care team'}
      </button>
    </form>
  );
}
