// The one rule for a calendar date in a clinical entry: YYYY-MM-DD naming a day that exists, from 1900.
// Parsed in UTC, so no time zone can shift it. Each result kind words its own messages around it.

export const EARLIEST_YEAR = 1900;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is 'YYYY-MM-DD' and names a day that exists (no 2023-02-29). */
export function isRealIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Why a string is not an acceptable YYYY-MM-DD date from 1900 on, or null when it is. */
export function isoDateProblem(s: string): string | null {
  const m = ISO_DATE.exec(s);
  if (!m) return 'Use the format YYYY-MM-DD.';
  // Year before the calendar check: Date.UTC maps years 0–99 to 1900–1999.
  if (Number(m[1]) < EARLIEST_YEAR) return `Enter a date from ${EARLIEST_YEAR} onwards.`;
  if (!isRealIsoDate(s)) return `${s} is not a real calendar date.`;
  return null;
}

function toUtcMs(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

export function addDays(iso: string, days: number): string {
  return new Date(toUtcMs(iso) + days * DAY_MS).toISOString().slice(0, 10);
}
