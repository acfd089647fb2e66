'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { BRISTOL_TYPES, DIARY_CONFOUNDERS, MAX_MEALS } from '@/lib/diary/schema';
import { FormMessage, inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { addDiaryEntryAction, type DiaryActionState } from './actions';
import { DateInput } from '@/lib/ui/date-input';

const optionClass =
  'flex min-h-12 cursor-pointer items-center gap-3 rounded-md border border-slate-300 px-3 py-2 text-slate-900 hover:bg-slate-50 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700';

let nextMealKey = 1;

/** A 0–10 scale as radio buttons (keyboard: arrows), with words at both ends and "not recorded". */
function Scale({ name, legend, low, high, errors }: { name: string; legend: string; low: string; high: string; errors?: string[] }) {
  return (
    <fieldset aria-describedby={`${name}-anchors`}>
      <legend className="text-base font-semibold text-slate-900">{legend}</legend>
      <p id={`${name}-anchors`} className="mb-2 text-sm text-slate-600">
        0 = {low}, 10 = {high}
      </p>
      <label className={`${optionClass} mb-2 w-fit pr-5`}>
        <input type="radio" name={name} value="" defaultChecked className="h-5 w-5 accent-brand-700" />
        Not recorded
      </label>
      <div className="grid grid-cols-6 gap-2 sm:grid-cols-11">
        {Array.from({ length: 11 }, (_, n) => (
          <label key={n} className={`${optionClass} justify-center px-1 sm:flex-col sm:gap-1`}>
            <input type="radio" name={name} value={String(n)} className="h-5 w-5 accent-brand-700" aria-label={`${n}${n === 0 ? ` (${low})` : n === 10 ? ` (${high})` : ''}`} />
            <span aria-hidden>{n}</span>
          </label>
        ))}
      </div>
      {errors?.map((e) => (
        <p key={e} className="mt-1 text-sm text-red-700">
          {e}
        </p>
      ))}
    </fieldset>
  );
}

/** Meal rows the patient can add and remove; each row's fields are labelled with its number. */
function MealsField({ errors }: { errors: string[] }) {
  const [meals, setMeals] = useState<number[]>([0]);
  return (
    <fieldset>
      <legend className="text-base font-semibold text-slate-900">Meals and drinks</legend>
      <p className="mb-2 text-sm text-slate-600">What you ate or drank, and roughly when (the time is optional).</p>
      <ol className="space-y-3">
        {meals.map((key, i) => (
          <li key={key} className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 p-3">
            <div className="w-36">
              <label htmlFor={`meal-time-${key}`} className="mb-1 block text-sm font-medium text-slate-700">
                Meal {i + 1} time
              </label>
              <input id={`meal-time-${key}`} name="meal_time" type="time" className={inputClass} />
            </div>
            <div className="min-w-48 flex-1">
              <label htmlFor={`meal-desc-${key}`} className="mb-1 block text-sm font-medium text-slate-700">
                Meal {i + 1}: what you had
              </label>
              <input id={`meal-desc-${key}`} name="meal_description" type="text" maxLength={500} className={inputClass} />
            </div>
            {meals.length > 1 && (
              <button type="button" className={`${secondaryButtonClass} min-h-10`} onClick={() => setMeals((m) => m.filter((k) => k !== key))}>
                Remove meal {i + 1}
              </button>
            )}
          </li>
        ))}
      </ol>
      {meals.length < MAX_MEALS && (
        <button
          type="button"
          className={`${secondaryButtonClass} mt-3 min-h-10`}
          onClick={() => {
            const key = nextMealKey++;
            flushSync(() => setMeals((m) => [...m, key]));
            document.getElementById(`meal-desc-${key}`)?.focus();
          }}
        >
          + Add another meal
        </button>
      )}
      {errors.map((e) => (
        <p key={e} className="mt-1 text-sm text-red-700">
          {e}
        </p>
      ))}
    </fieldset>
  );
}

export function DiaryForm({ today }: { today: string }) {
  const [state, formAction, pending] = useActionState<DiaryActionState, FormData>(addDiaryEntryAction, null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  // A fresh form (and meal list) after each save; the saved entry appears in the list beside it.
  const formKey = state?.ok ? state.data.entryId : 'new';

  useEffect(() => {
    if (state?.ok) statusRef.current?.focus();
  }, [state]);

  const fieldErrors = state && !state.ok && 'fieldErrors' in state ? (state.fieldErrors ?? {}) : {};
  const mealErrors = Object.entries(fieldErrors).filter(([k]) => k.startsWith('meals')).flatMap(([, v]) => v ?? []);
  return (
    <div>
      {state?.ok && (
        <p ref={statusRef} tabIndex={-1} role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900 outline-none">
          Saved. Your care team can see this entry.
        </p>
      )}
      <form key={formKey} action={formAction} className="space-y-6" noValidate>
        <FormMessage state={state} />
        <div>
          <label htmlFor="entryDate" className="mb-1 block text-base font-semibold text-slate-900">
            Date
          </label>
          <DateInput id="entryDate" name="entryDate" defaultValue={today} required className={`${inputClass} max-w-xs`} />
          {fieldErrors.entryDate?.map((e) => (
            <p key={e} className="mt-1 text-sm text-red-700">
              {e}
            </p>
          ))}
        </div>

        <MealsField errors={mealErrors} />

        <fieldset>
          <legend className="text-base font-semibold text-slate-900">Stool (poo) type</legend>
          <p className="mb-2 text-sm text-slate-600">Pick the type that looks most like your stool today (the Bristol Stool Form Scale).</p>
          <div className="grid gap-2">
            <label className={optionClass}>
              <input type="radio" name="stoolForm" value="" defaultChecked className="h-5 w-5 shrink-0 accent-brand-700" />
              Not recorded
            </label>
            {BRISTOL_TYPES.map((t) => (
              <label key={t.type} className={optionClass}>
                <input type="radio" name="stoolForm" value={String(t.type)} className="h-5 w-5 shrink-0 accent-brand-700" />
                <span>
                  <span className="font-medium">{t.label}</span> — {t.description}
                </span>
              </label>
            ))}
          </div>
          {fieldErrors.stoolForm?.map((e) => (
            <p key={e} className="mt-1 text-sm text-red-700">
              {e}
            </p>
          ))}
        </fieldset>

        <Scale name="itch" legend="How itchy was your skin today?" low="not itchy at all" high="the worst itch you can imagine" errors={fieldErrors.itch} />
        <Scale name="flare" legend="How bad was your skin flare today?" low="no flare" high="the worst flare you can imagine" errors={fieldErrors.flare} />

        <fieldset>
          <legend className="text-base font-semibold text-slate-900">Anything today that could also affect your skin or gut? (optional)</legend>
          <p className="mb-2 text-sm text-slate-600">Your care team uses this when reading a food test: a day like this is not held against the food.</p>
          <div className="grid gap-2 sm:grid-cols-2">
            {DIARY_CONFOUNDERS.map((c) => (
              <label key={c.id} className={optionClass}>
                <input type="checkbox" name="confounder" value={c.id} className="h-5 w-5 shrink-0 accent-brand-700" />
                {c.label}
              </label>
            ))}
          </div>
          {fieldErrors.confounders?.map((e) => (
            <p key={e} className="mt-1 text-sm text-red-700">
              {e}
            </p>
          ))}
        </fieldset>

        <div>
          <label htmlFor="notes" className="mb-1 block text-base font-semibold text-slate-900">
            Anything else? (optional)
          </label>
          <textarea id="notes" name="notes" rows={3} maxLength={2000} className={inputClass} />
        </div>

        <button type="submit" className={`${primaryButtonClass} min-h-12 px-6 text-base`} disabled={pending}>
          {pending ? 'Saving…' : 'Save diary entry'}
        </button>
      </form>
    </div>
  );
}
