import type { Specialty } from '@/db/schema/enum-values';
import { clinicTimeZone } from '@/lib/platform/clinic-time';

const SPECIALTY_LABELS: Record<Specialty, string> = {
  dermatology: 'Dermatology',
  nutrition: 'Nutrition',
  gastroenterology: 'Gastroenterology',
  other: 'Other',
};

const SPECIALTY_SHORT: Record<Specialty, string> = {
  dermatology: 'Derm',
  nutrition: 'Nutr',
  gastroenterology: 'GI',
  other: 'Other',
};

export function specialtyLabel(s: Specialty | null): string {
  return s ? SPECIALTY_LABELS[s] : '';
}

export function specialtyShort(s: Specialty | null): string {
  return s ? SPECIALTY_SHORT[s] : '';
}

export const SPECIALTY_OPTIONS = (Object.keys(SPECIALTY_LABELS) as Specialty[]).map((value) => ({ value, label: SPECIALTY_LABELS[value] }));

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
// Times are shown in the clinic's one zone (lib/platform/clinic-time.ts), with the zone named, so "09:30 GMT" is
// never mistaken for the reader's own clock. Dates of care (test dates, dates of birth) are calendar
// days and stay as entered.
const timeFormats = new Map<string, { minutes: Intl.DateTimeFormat; seconds: Intl.DateTimeFormat }>();
function timeFormatsFor(timeZone: string) {
  let f = timeFormats.get(timeZone);
  if (!f) {
    const base = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' } as const;
    f = { minutes: new Intl.DateTimeFormat('en-GB', base), seconds: new Intl.DateTimeFormat('en-GB', { ...base, second: '2-digit' }) };
    timeFormats.set(timeZone, f);
  }
  return f;
}

/** "4 Mar 1987" from an ISO date or timestamp: unambiguous across locales. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
}

/** "4 Dec 2026, 09:30 GMT" in the clinic's zone. */
export function formatDateTime(iso: string, timeZone: string = clinicTimeZone()): string {
  return timeFormatsFor(timeZone).minutes.format(new Date(iso));
}

/** To the second, for the audit trail, where the order of events matters. */
export function formatTimestamp(iso: string, timeZone: string = clinicTimeZone()): string {
  return timeFormatsFor(timeZone).seconds.format(new Date(iso));
}

/** "3 days ago", computed against a `now` passed from the server so server and client render the same. */
export function formatRelative(iso: string, nowIso: string): string {
  const seconds = Math.round((new Date(nowIso).getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 30) return `${days} day${days === 1 ? '' : 's'} ago`;
  return formatDate(iso);
}

export function sexLabel(sex: string): string {
  const labels: Record<string, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' };
  // Own keys only: a stray value such as "constructor" must not reach Object.prototype.
  return Object.hasOwn(labels, sex) ? (labels[sex] ?? sex) : sex;
}
