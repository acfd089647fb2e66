'use client';

import { useState } from 'react';
import { CHALLENGE_DAYS_MAX, CHALLENGE_DAYS_MIN, type ProtocolSchedule } from '@/lib/clinical/reintroduction/schedule';
import type { FieldErrors } from '@/lib/platform/errors';
import { inputClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { formatDate } from '@/lib/ui/format';

export interface ChallengeRow {
  food: string;
  portions: string[];
  washoutDays: string;
}

/** Portions a new row starts with: rising, in words the clinician replaces with the food's own measures. */
const DEFAULT_PORTIONS = ['Small portion (about ¼ of usual)', 'Medium portion (about ½ of usual)', 'Usual portion'];

/** The rows for these foods: what was typed for a food is kept, in its order; new foods are appended. */
export function challengeRowsFor(foods: readonly string[], rows: readonly ChallengeRow[], defaults: { challengeDays: number; washoutDays: number }): ChallengeRow[] {
  const kept = rows.filter((r) => foods.includes(r.food));
  const added = foods
    .filter((f) => !kept.some((r) => r.food === f))
    .map((food) => ({ food, portions: DEFAULT_PORTIONS.slice(0, defaults.challengeDays), washoutDays: String(defaults.washoutDays) }));
  return [...kept, ...added];
}

/**
 * The challenge order, one food at a time: drag a row (or use its Earlier/Later buttons, for keyboards and
 * phones) to change the order; set one portion per day and the washout after. Locked rows (challenges that
 * have begun) cannot move or change.
 */
export function ChallengeOrderEditor({
  rows,
  onChange,
  errors,
  preview,
  locked = [],
}: {
  rows: ChallengeRow[];
  onChange: (rows: ChallengeRow[]) => void;
  errors: FieldErrors;
  preview: ProtocolSchedule | null;
  locked?: readonly string[];
}) {
  const [dragging, setDragging] = useState<number | null>(null);
  const isLocked = (i: number) => locked.includes(rows[i]?.food ?? '');
  const move = (from: number, to: number) => {
    if (to < 0 || to >= rows.length || from === to || isLocked(from) || isLocked(to)) return;
    const next = [...rows];
    const [row] = next.splice(from, 1);
    if (row) next.splice(to, 0, row);
    onChange(next);
  };
  const update = (i: number, patch: Partial<ChallengeRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  if (rows.length === 0) {
    return <p className="text-sm text-slate-600">{errors.challenges?.[0] ?? 'Choose the foods to eliminate: each one that may come back at home gets a challenge here.'}</p>;
  }
  return (
    <section aria-labelledby="challenge-order-heading" className="space-y-2">
      <h3 id="challenge-order-heading" className="text-sm font-medium text-slate-700">
        Reintroduction order: one food at a time
      </h3>
      <p className="text-xs text-slate-600">Defaults (3 rising days, 3-day washout) are clinic settings, not guideline-fixed. Drag a food, or use Earlier and Later, to change the order.</p>
      {errors.challenges && <p className="text-xs text-red-700">{errors.challenges.join(' ')}</p>}
      <ol className="space-y-2">
        {rows.map((row, i) => {
          const planned = preview?.challenges[i];
          const rowErrors = [...(errors[`challenges.${i}.food`] ?? []), ...(errors[`challenges.${i}`] ?? [])];
          const lockedRow = isLocked(i);
          const fid = `challenge-${i}`;
          return (
            <li
              key={row.food}
              draggable={!lockedRow}
              onDragStart={() => setDragging(i)}
              onDragOver={(e) => e.preventDefault()}
              onDrop={() => {
                if (dragging !== null) move(dragging, i);
                setDragging(null);
              }}
              className={`rounded-md border p-3 ${dragging === i ? 'border-brand-600 bg-brand-50' : 'border-slate-200'} ${lockedRow ? 'bg-slate-50' : 'cursor-move'}`}
              data-testid="challenge-row"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm font-semibold">
                  {i + 1}. {row.food}
                  {planned && (
                    <span className="ml-2 font-normal text-slate-600">
                      {formatDate(planned.days[0]?.date ?? '')} – {formatDate(planned.days[planned.days.length - 1]?.date ?? '')}
                      {planned.washout ? `, washout to ${formatDate(planned.washout.to)}` : ''}
                    </span>
                  )}
                  {lockedRow && <span className="ml-2 text-xs font-normal text-slate-600">(begun: cannot change)</span>}
                </p>
                {!lockedRow && (
                  <span className="flex gap-1">
                    <button type="button" className={secondaryButtonClass} onClick={() => move(i, i - 1)} disabled={i === 0 || isLocked(i - 1)} aria-label={`Move ${row.food} earlier`}>
                      Earlier
                    </button>
                    <button type="button" className={secondaryButtonClass} onClick={() => move(i, i + 1)} disabled={i === rows.length - 1} aria-label={`Move ${row.food} later`}>
                      Later
                    </button>
                  </span>
                )}
              </div>
              {rowErrors.map((e) => (
                <p key={e} className="mt-1 text-xs text-red-700">
                  {e}
                </p>
              ))}
              <div className="mt-2 grid gap-2 sm:grid-cols-[1fr_8rem]">
                <fieldset className="space-y-1" disabled={lockedRow}>
                  <legend className="text-xs font-medium text-slate-700">Portion per day, smallest first</legend>
                  {row.portions.map((p, d) => (
                    <div key={d} className="flex items-center gap-2">
                      <label htmlFor={`${fid}-day-${d}`} className="w-12 shrink-0 text-xs text-slate-700">
                        Day {d + 1}
                      </label>
                      <input
                        id={`${fid}-day-${d}`}
                        className={inputClass}
                        value={p}
                        onChange={(e) => update(i, { portions: row.portions.map((x, k) => (k === d ? e.target.value : x)) })}
                        aria-invalid={Boolean(errors[`challenges.${i}.portions`])}
                      />
                    </div>
                  ))}
                  <span className="flex gap-1">
                    <button type="button" className={secondaryButtonClass} disabled={row.portions.length >= CHALLENGE_DAYS_MAX} onClick={() => update(i, { portions: [...row.portions, ''] })}>
                      Add a day
                    </button>
                    <button type="button" className={secondaryButtonClass} disabled={row.portions.length <= CHALLENGE_DAYS_MIN} onClick={() => update(i, { portions: row.portions.slice(0, -1) })}>
                      Remove last day
                    </button>
                  </span>
                  {errors[`challenges.${i}.portions`]?.map((e) => (
                    <p key={e} className="text-xs text-red-700">
                      {e}
                    </p>
                  ))}
                </fieldset>
                <div>
                  <label htmlFor={`${fid}-washout`} className="mb-1 block text-xs font-medium text-slate-700">
                    Washout days
                  </label>
                  <input
                    id={`${fid}-washout`}
                    type="number"
                    min={0}
                    max={14}
                    className={inputClass}
                    value={row.washoutDays}
                    disabled={lockedRow}
                    onChange={(e) => update(i, { washoutDays: e.target.value })}
                    aria-invalid={Boolean(errors[`challenges.${i}.washoutDays`])}
                  />
                  {errors[`challenges.${i}.washoutDays`]?.map((e) => (
                    <p key={e} className="mt-1 text-xs text-red-700">
                      {e}
                    </p>
                  ))}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
