'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { parseTimelineFilter, serializeTimelineFilter, type TimelineFilter } from '@/lib/timeline/filter';
import { SPECIALTIES, TIMELINE_KINDS, TIMELINE_KIND_LABELS } from '@/lib/timeline/kinds';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import { specialtyLabel } from '@/lib/ui/format';
import { DateInput } from '@/lib/ui/date-input';

/**
 * Specialty and kind checkboxes and a date range, kept in the URL. Without JavaScript it is a plain GET
 * form; with it, ticking a box navigates at once (a history entry, so Back undoes it).
 */
export function TimelineFilters({ filter }: { filter: TimelineFilter }) {
  const router = useRouter();
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  // Ticks show at once; the page re-mounts this component (keyed by the filter) when the URL changes.
  const [specialties, setSpecialties] = useState<string[]>(filter.specialties ?? []);
  const [kinds, setKinds] = useState<string[]>(filter.kinds ?? []);

  const go = (next: { specialties: string[]; kinds: string[] }) => {
    if (!form.current) return;
    const params = new URLSearchParams();
    for (const s of next.specialties) params.append('specialty', s);
    for (const k of next.kinds) params.append('kind', k);
    for (const [key, value] of new FormData(form.current)) if ((key === 'from' || key === 'to') && typeof value === 'string') params.append(key, value);
    // Through the parser, so the URL is always the one canonical spelling of the filter.
    const query = serializeTimelineFilter(parseTimelineFilter(params).filter);
    startTransition(() => router.push(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  };
  const toggleSpecialty = (value: string) => {
    const next = specialties.includes(value) ? specialties.filter((v) => v !== value) : [...specialties, value];
    setSpecialties(next);
    go({ specialties: next, kinds });
  };
  const toggleKind = (value: string) => {
    const next = kinds.includes(value) ? kinds.filter((v) => v !== value) : [...kinds, value];
    setKinds(next);
    go({ specialties, kinds: next });
  };

  return (
    <form
      ref={form}
      method="get"
      onSubmit={(e) => {
        e.preventDefault();
        go({ specialties, kinds });
      }}
      aria-label="Filter the timeline"
      aria-busy={pending}
      className="flex flex-wrap items-end gap-x-8 gap-y-4 text-sm"
    >
      <fieldset>
        <legend className="mb-1 font-medium text-slate-700">Specialty</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {SPECIALTIES.map((s) => (
            <label key={s} className="flex items-center gap-1.5">
              <input type="checkbox" name="specialty" value={s} checked={specialties.includes(s)} onChange={() => toggleSpecialty(s)} />
              {specialtyLabel(s)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="mb-1 font-medium text-slate-700">Show</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {TIMELINE_KINDS.map((k) => (
            <label key={k} className="flex items-center gap-1.5">
              <input type="checkbox" name="kind" value={k} checked={kinds.includes(k)} onChange={() => toggleKind(k)} />
              {TIMELINE_KIND_LABELS[k]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="flex flex-wrap items-end gap-2">
        <legend className="mb-1 font-medium text-slate-700">Dates</legend>
        <label className="flex flex-col text-xs text-slate-600">
          From
          <DateInput name="from" defaultValue={filter.from ?? ''} className="w-36 rounded-md border border-slate-300 px-2 py-1 text-sm" />
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          To
          <DateInput name="to" defaultValue={filter.to ?? ''} className="w-36 rounded-md border border-slate-300 px-2 py-1 text-sm" />
        </label>
        <button type="submit" className={secondaryButtonClass}>
          Apply
        </button>
      </fieldset>
      <p className="w-full text-xs text-slate-500">
        No box ticked means all. {pending && <span role="status">Updating…</span>}
      </p>
    </form>
  );
}
