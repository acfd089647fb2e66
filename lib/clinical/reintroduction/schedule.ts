// The elimination → reintroduction timetable (DOMAIN.md §10.3): eliminate for a bounded time, then
// challenge one food at a time over a few days of rising portions, with a washout back to baseline before
// the next. Calendar dates only (YYYY-MM-DD, UTC arithmetic), so month ends, leap days and daylight-saving
// changes never shift a day. Pure.

import { addDays, daysBetween } from '@/lib/clinical/dates';

/**
 * Defaults, none of them guideline-fixed (the UI says so): 4 weeks of elimination (the default);
 * 3 challenge days of rising portions, as dietitian sources describe [MEVSIBS], [JWARD] (Monash specifics
 * UNVERIFIED); a 3-day washout ("at least 2–3 days" is UNVERIFIED, one low-authority source [NTRO]).
 */
export const REINTRODUCTION_DEFAULTS = { eliminationWeeks: 4, challengeDays: 3, washoutDays: 3 } as const;

/** Bounds: an elimination always ends (harms of prolonged elimination, DOMAIN.md §10.2 [CHANG-2016], [HENRIKSEN-2000]). */
export const ELIMINATION_WEEKS_MIN = 1;
export const ELIMINATION_WEEKS_MAX = 12;
export const CHALLENGE_DAYS_MIN = 1;
export const CHALLENGE_DAYS_MAX = 7;
export const WASHOUT_DAYS_MIN = 0;
export const WASHOUT_DAYS_MAX = 14;

export interface ChallengePlan {
  food: string;
  /** One portion per challenge day, smallest first (e.g. "¼ cup milk", "½ cup", "1 cup"). */
  portions: readonly string[];
  /** Washout after the last challenge day; the default when absent. */
  washoutDays?: number;
}

export interface ChallengeDay {
  date: string;
  /** 1-based day of this food's challenge. */
  day: number;
  portion: string;
}

export interface ScheduledChallenge {
  food: string;
  /** 1-based position in the order. */
  order: number;
  days: ChallengeDay[];
  /** First and last washout day; null when there is no washout. */
  washout: { from: string; to: string } | null;
  /** The day after the washout (the next food's first day). */
  nextFree: string;
}

export interface ProtocolSchedule {
  eliminationFrom: string;
  /** Last day of elimination. */
  eliminationTo: string;
  challenges: ScheduledChallenge[];
  /** Last day of the protocol (the last washout's last day, or the last challenge day). */
  endsOn: string;
}

export interface ScheduleProblem {
  path: string;
  message: string;
}

/** Problems with a plan, in words, or none. Checked before scheduling so a bad plan is never half-made. */
export function checkPlan(plan: { eliminationWeeks: number; challenges: readonly ChallengePlan[] }): ScheduleProblem[] {
  const out: ScheduleProblem[] = [];
  if (!Number.isInteger(plan.eliminationWeeks) || plan.eliminationWeeks < ELIMINATION_WEEKS_MIN || plan.eliminationWeeks > ELIMINATION_WEEKS_MAX) {
    out.push({ path: 'eliminationWeeks', message: `Eliminate for ${ELIMINATION_WEEKS_MIN} to ${ELIMINATION_WEEKS_MAX} whole weeks: an elimination must end.` });
  }
  if (plan.challenges.length === 0) out.push({ path: 'challenges', message: 'Name at least one food to bring back.' });
  const seen = new Set<string>();
  plan.challenges.forEach((c, i) => {
    const key = c.food.trim().toLowerCase();
    if (!key) out.push({ path: `challenges.${i}.food`, message: 'Name the food.' });
    else if (seen.has(key)) out.push({ path: `challenges.${i}.food`, message: `${c.food} is already in the order: one challenge per food.` });
    seen.add(key);
    if (c.portions.length < CHALLENGE_DAYS_MIN || c.portions.length > CHALLENGE_DAYS_MAX) {
      out.push({ path: `challenges.${i}.portions`, message: `Give one portion per challenge day, ${CHALLENGE_DAYS_MIN} to ${CHALLENGE_DAYS_MAX} days.` });
    } else if (c.portions.some((p) => !p.trim())) {
      out.push({ path: `challenges.${i}.portions`, message: 'Every challenge day needs its portion.' });
    }
    const washout = c.washoutDays ?? REINTRODUCTION_DEFAULTS.washoutDays;
    if (!Number.isInteger(washout) || washout < WASHOUT_DAYS_MIN || washout > WASHOUT_DAYS_MAX) {
      out.push({ path: `challenges.${i}.washoutDays`, message: `A washout is ${WASHOUT_DAYS_MIN} to ${WASHOUT_DAYS_MAX} whole days.` });
    }
  });
  return out;
}

/**
 * The dates of every challenge, in the order given, after `eliminationWeeks` of elimination from
 * `startDate`. Throws on a plan checkPlan refuses (callers check first and show the problems).
 */
export function scheduleProtocol(startDate: string, plan: { eliminationWeeks: number; challenges: readonly ChallengePlan[] }): ProtocolSchedule {
  const problems = checkPlan(plan);
  if (problems.length > 0) throw new RangeError(`scheduleProtocol: ${problems.map((p) => p.message).join(' ')}`);
  const eliminationTo = addDays(startDate, plan.eliminationWeeks * 7 - 1);
  let next = addDays(eliminationTo, 1);
  const challenges: ScheduledChallenge[] = plan.challenges.map((c, i) => {
    const days = c.portions.map((portion, d) => ({ date: addDays(next, d), day: d + 1, portion: portion.trim() }));
    const lastDay = days[days.length - 1]?.date ?? next;
    const washoutDays = c.washoutDays ?? REINTRODUCTION_DEFAULTS.washoutDays;
    const washout = washoutDays > 0 ? { from: addDays(lastDay, 1), to: addDays(lastDay, washoutDays) } : null;
    next = addDays(washout?.to ?? lastDay, 1);
    return { food: c.food.trim(), order: i + 1, days, washout, nextFree: next };
  });
  return { eliminationFrom: startDate, eliminationTo, challenges, endsOn: addDays(next, -1) };
}

export type ProtocolPhase =
  | { phase: 'not_started' }
  | { phase: 'eliminating'; day: number; of: number }
  | { phase: 'challenge'; food: string; day: number; of: number; portion: string }
  | { phase: 'washout'; food: string; day: number; of: number }
  | { phase: 'finished' };

/** Where the protocol stands on a date: what the patient's "Today" card says. */
export function phaseOn(schedule: ProtocolSchedule, date: string): ProtocolPhase {
  if (date < schedule.eliminationFrom) return { phase: 'not_started' };
  if (date <= schedule.eliminationTo) {
    const of = daysInclusive(schedule.eliminationFrom, schedule.eliminationTo);
    return { phase: 'eliminating', day: daysInclusive(schedule.eliminationFrom, date), of };
  }
  for (const c of schedule.challenges) {
    const today = c.days.find((d) => d.date === date);
    if (today) return { phase: 'challenge', food: c.food, day: today.day, of: c.days.length, portion: today.portion };
    if (c.washout && date >= c.washout.from && date <= c.washout.to) {
      return { phase: 'washout', food: c.food, day: daysInclusive(c.washout.from, date), of: daysInclusive(c.washout.from, c.washout.to) };
    }
  }
  return { phase: 'finished' };
}

function daysInclusive(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}

/**
 * An edit made mid-protocol (a new order, portions or washout) may only change what has not begun: every
 * challenge that started before `today` keeps its food, its dates and its portions, in its place, and an
 * elimination already over keeps its length. Otherwise the diary days already logged would be re-read
 * against a different food. Returns the problems in words, or none.
 */
export function checkScheduleEdit(before: ProtocolSchedule, after: ProtocolSchedule, today: string): ScheduleProblem[] {
  const out: ScheduleProblem[] = [];
  if (before.eliminationTo < today && after.eliminationTo !== before.eliminationTo) {
    out.push({ path: 'eliminationWeeks', message: 'The elimination has ended: its length can no longer change.' });
  }
  before.challenges.forEach((c, i) => {
    const first = c.days[0]?.date;
    if (!first || first >= today) return;
    const now = after.challenges[i];
    const same = now && now.food === c.food && now.days.length === c.days.length && now.days.every((d, j) => d.date === c.days[j]?.date && d.portion === c.days[j]?.portion);
    if (!same) out.push({ path: `challenges.${i}`, message: `The ${c.food} challenge began on ${first}: it keeps its place, days and portions.` });
  });
  return out;
}

/** The 1-based index of the challenge whose days or washout include `date`, for tagging diary days. */
export function challengeOn(schedule: ProtocolSchedule, date: string): ScheduledChallenge | null {
  return schedule.challenges.find((c) => (c.days[0]?.date ?? '') <= date && date < c.nextFree) ?? null;
}

/**
 * The schedule of a stored protocol. A protocol whose every food needs a supervised challenge has no at-home
 * challenge: it is the elimination alone (checkPlan's "at least one food" is for the form, not for this).
 */
export function protocolSchedule(p: { startDate: string; eliminationWeeks: number; challenges: readonly ChallengePlan[] }): ProtocolSchedule {
  if (p.challenges.length === 0) {
    const eliminationTo = addDays(p.startDate, p.eliminationWeeks * 7 - 1);
    return { eliminationFrom: p.startDate, eliminationTo, challenges: [], endsOn: eliminationTo };
  }
  return scheduleProtocol(p.startDate, { eliminationWeeks: p.eliminationWeeks, challenges: p.challenges });
}
