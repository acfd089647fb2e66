import type { Specialty } from '@/db/schema/enum-values';

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
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** "4 Mar 1987" from an ISO date or timestamp: unambiguous across locales. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

const timestampFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** To the second, for the audit trail, where the order of events matters. */
export function formatTimestamp(iso: string): string {
  return timestampFormat.format(new Date(iso));
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
