// Pure helpers for the outcomes chart: dates as epoch days (the chart's linear x axis, no date adapter
// needed). Each intervention's response is lib/clinical/outcomes/response.ts, the rule the record uses.

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
