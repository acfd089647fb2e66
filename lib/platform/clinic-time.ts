// The clinic's one time zone for showing times, and unambiguous date entry. Pure and browser-safe.
//
// Zone: AXIS_CLINIC_TIME_ZONE (an IANA name such as Europe/London), else the server's own zone. The root
// layout writes it on <html data-clinic-tz>, so code in the browser formats exactly as the server did
// (no hydration mismatch, no reliance on the reader's laptop clock settings).

// Checking a zone builds an Intl formatter (~0.1 ms); every formatted time asks, so each answer is kept.
const validZones = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  let valid = validZones.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: zone });
      valid = zone.trim() !== '';
    } catch {
      valid = false;
    }
    // Bounded: the zone comes from configuration or <html>, but a caller could pass anything.
    if (validZones.size < 1000) validZones.set(zone, valid);
  }
  return valid;
}

// Building an Intl formatter is the expensive part of formatting (issue 21's profile: 4% of the caseload's
// server time went to formatters rebuilt per call), so each one is built once per zone.
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(key: string, build: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(key);
  if (!formatter) {
    formatter = build();
    if (zoneFormatters.size < 1000) zoneFormatters.set(key, formatter);
  }
  return formatter;
}

/** The zone the server runs in, when the clinic has not set one (read per call: TZ may be changed at run time). */
export function serverTimeZone(): string {
  return formatterFor(`server:${typeof process !== 'undefined' ? (process.env.TZ ?? '') : ''}`, () => Intl.DateTimeFormat()).resolvedOptions().timeZone || 'UTC';
}

/** The clinic's zone: on the server from the environment (validated at start by lib/platform/env.ts), in the browser from <html>. */
export function clinicTimeZone(): string {
  if (typeof document !== 'undefined') {
    const zone = document.documentElement.dataset.clinicTz;
    return zone && isValidTimeZone(zone) ? zone : 'UTC';
  }
  const configured = typeof process !== 'undefined' ? process.env.AXIS_CLINIC_TIME_ZONE : undefined;
  return configured && isValidTimeZone(configured) ? configured : serverTimeZone();
}

// --- Date entry ------------------------------------------------------------------------------------

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoOf(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A typed date as ISO (YYYY-MM-DD), or null. Accepts 2026-12-04 and "4 Dec 2026" / "4 December 2026";
 * refuses 04/12/2026 and 12/04/2026, which mean different days in different countries.
 */
export function parseDateEntry(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const words = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(t);
  if (words) {
    const name = (words[2] ?? '').toLowerCase();
    const month = MONTHS.findIndex((m) => name.startsWith(m) && 'january february march april may june july august september october november december'.split(' ').some((full) => full.startsWith(name)));
    return month >= 0 ? isoOf(Number(words[3]), month + 1, Number(words[1])) : null;
  }
  return null;
}

/** "Friday, 4 December 2026": how an entered date reads back, so a slip is seen before saving. */
export function describeDateEntry(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

// --- Wall-clock times in the clinic's zone -----------------------------------------------------------

/** Minutes the zone is ahead of UTC at an instant (e.g. 60 for Europe/London in summer). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(`offset:${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }))
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time ("2026-11-23T09:00") names in a zone, or null when it is not a real time.
 * A time skipped by a daylight-saving change reads as the instant just after the gap.
 */
export function wallTimeToInstant(wall: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(guess);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  // Two passes settle the offset on either side of a daylight-saving change.
  let instant = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  instant = guess - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** Today's date (YYYY-MM-DD) where the clinic is: "due today" must not flip at UTC midnight. */
export function clinicToday(now: Date = new Date()): string {
  const timeZone = clinicTimeZone();
  const parts = formatterFor(`day:${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
