import { z } from 'zod';
import { SPECIALTIES, type Specialty } from '@/db/schema/enum-values';

// The timeline's filter, as the page keeps it in the URL (shareable, and the back button restores it).
// Pure and browser-safe: the filter controls build links with it, the page parses the search params
// with it, and lib/timeline/queries.ts validates its input with the same schema.

export const TIMELINE_KINDS = ['result', 'score', 'plan', 'note', 'diary'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
export { SPECIALTIES, type Specialty };

const isoDate = z.iso.date();

/**
 * Absent or empty lists mean "no filter" (every specialty, every kind). `from`/`to` are inclusive
 * calendar dates; `until` is the "load older" cursor (inclusive): only entries on or before it.
 */
export const timelineFilterSchema = z
  .object({
    specialties: z.array(z.enum(SPECIALTIES)).optional(),
    kinds: z.array(z.enum(TIMELINE_KINDS)).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    until: isoDate.optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The start date must not be after the end date.', path: ['to'] });

export type TimelineFilter = z.infer<typeof timelineFilterSchema>;

/** The one spelling of a filter: lists deduplicated in canonical order, empty lists (no filter) dropped. */
export function normalizeTimelineFilter(filter: TimelineFilter): TimelineFilter {
  const out: TimelineFilter = {};
  const specialties = SPECIALTIES.filter((s) => filter.specialties?.includes(s));
  const kinds = TIMELINE_KINDS.filter((k) => filter.kinds?.includes(k));
  if (specialties.length > 0) out.specialties = specialties;
  if (kinds.length > 0) out.kinds = kinds;
  if (filter.from) out.from = filter.from;
  if (filter.to) out.to = filter.to;
  if (filter.until) out.until = filter.until;
  return out;
}

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

function all(params: SearchParamsInput, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const v = params[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export interface ParsedTimelineFilter {
  filter: TimelineFilter;
  /** URL values that were not understood and were left out, in words for the page. */
  ignored: string[];
}

/**
 * Reads `?specialty=…&kind=…&from=…&to=…&until=…` leniently: a shared link with a stale or mistyped
 * value still opens, without that value, and says what it ignored.
 */
export function parseTimelineFilter(params: SearchParamsInput): ParsedTimelineFilter {
  const ignored: string[] = [];
  const pickList = <T extends string>(key: string, allowed: readonly T[]): T[] => {
    const out: T[] = [];
    for (const raw of all(params, key).flatMap((v) => v.split(','))) {
      const value = raw.trim();
      if (value === '') continue;
      if ((allowed as readonly string[]).includes(value)) out.push(value as T);
      else ignored.push(`${key} "${value.slice(0, 40)}"`);
    }
    return out;
  };
  const pickDate = (key: string): string | undefined => {
    const value = all(params, key)[0]?.trim();
    if (!value) return undefined;
    if (isoDate.safeParse(value).success) return value;
    ignored.push(`${key} "${value.slice(0, 40)}"`);
    return undefined;
  };
  const raw: TimelineFilter = {
    specialties: pickList('specialty', SPECIALTIES),
    kinds: pickList('kind', TIMELINE_KINDS),
    from: pickDate('from'),
    to: pickDate('to'),
    until: pickDate('until'),
  };
  if (raw.from && raw.to && raw.from > raw.to) {
    ignored.push(`date range ${raw.from} to ${raw.to} (start after end)`);
    raw.from = undefined;
    raw.to = undefined;
  }
  return { filter: normalizeTimelineFilter(raw), ignored };
}

/** The query string for a filter (without "?"), in the normal form, so equal filters share one URL. */
export function serializeTimelineFilter(filter: TimelineFilter): string {
  const f = normalizeTimelineFilter(filter);
  const params = new URLSearchParams();
  for (const s of f.specialties ?? []) params.append('specialty', s);
  for (const k of f.kinds ?? []) params.append('kind', k);
  if (f.from) params.set('from', f.from);
  if (f.to) params.set('to', f.to);
  if (f.until) params.set('until', f.until);
  return params.toString();
}

/** The filter with one value of a list switched on or off; the cursor is reset (a new question starts at the newest). */
export function toggleInFilter(filter: TimelineFilter, key: 'specialties', value: Specialty): TimelineFilter;
export function toggleInFilter(filter: TimelineFilter, key: 'kinds', value: TimelineKind): TimelineFilter;
export function toggleInFilter(filter: TimelineFilter, key: 'specialties' | 'kinds', value: string): TimelineFilter {
  const current: string[] = filter[key] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return normalizeTimelineFilter({ ...filter, [key]: next, until: undefined });
}
