// Pure helpers for the outcomes chart and its text alternative: dates as epoch days (the chart's
// linear x axis, no date adapter needed), and the score at the start and end of each intervention.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for an ISO date (UTC), the x value of the outcomes chart. */
export function epochDay(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate.slice(0, 10)}T00:00:00.000Z`) / DAY_MS);
}

export function isoFromEpochDay(day: number): string {
  return new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10);
}

/** First days of months between two epoch days (inclusive), thinned to at most `maxTicks` evenly spaced. */
export function monthTicks(fromDay: number, toDay: number, maxTicks = 8): number[] {
  const ticks: number[] = [];
  const start = new Date(fromDay * DAY_MS);
  const y = start.getUTCFullYear();
  let m = start.getUTCMonth() + (start.getUTCDate() === 1 ? 0 : 1);
  for (;;) {
    const day = Math.round(Date.UTC(y, m, 1) / DAY_MS);
    if (day > toDay) break;
    ticks.push(day);
    m += 1;
  }
  if (ticks.length <= maxTicks) return ticks;
  const step = Math.ceil(ticks.length / maxTicks);
  return ticks.filter((_, i) => i % step === 0);
}

export interface DatedValue {
  effectiveDate: string;
  value: number;
}

export interface PeriodOutcome<P extends DatedValue> {
  /** The last value recorded on or before the start (the baseline), or null. */
  atStart: P | null;
  /** The last value recorded after the start and on or before the end (or the latest, when ongoing), or null. */
  atEnd: P | null;
}

/** Baseline and end-of-period values for one intervention, from points sorted oldest first. */
export function outcomeOverPeriod<P extends DatedValue>(points: readonly P[], startDate: string, endDate: string | null): PeriodOutcome<P> {
  let atStart: P | null = null;
  let atEnd: P | null = null;
  for (const p of points) {
    if (p.effectiveDate <= startDate) atStart = p;
    else if (endDate === null || p.effectiveDate <= endDate) atEnd = p;
  }
  return { atStart, atEnd };
}
