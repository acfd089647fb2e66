// The protocol in the patient's words: what to eat or avoid today, which challenge day it is and the
// portion, and where each food stands. Pure, from the view lib/reintroduction/queries.ts builds.
import { addDays } from '@/lib/clinical/dates';
import type { ChallengeProgress } from '@/lib/clinical/reintroduction/progress';
import type { ProtocolPhase, ProtocolSchedule } from '@/lib/clinical/reintroduction/schedule';

export interface TodayForPatient {
  headline: string;
  detail: string;
  /** Foods still left out today. */
  avoid: string[];
  /** Foods the care team confirmed are back in the diet. */
  backIn: string[];
  /** Foods kept out: a reaction, an unclear answer (with the review date), or an allergist's supervised challenge. */
  keptOut: { food: string; why: string }[];
  /** The next step, e.g. "Next: Wheat from 14 Dec". */
  next: string | null;
}

export function todayForPatient(
  p: { phaseToday: ProtocolPhase; schedule: ProtocolSchedule; challenges: ChallengeProgress[]; supervisedOnly: { food: string }[]; foods: string[]; today: string },
  formatDate: (iso: string) => string,
): TodayForPatient {
  const backIn = p.challenges.filter((c) => c.confirmed?.verdict === 'tolerated').map((c) => c.challenge.food);
  const keptOut = [
    ...p.challenges
      .filter((c) => c.confirmed && c.confirmed.verdict !== 'tolerated')
      .map((c) => ({
        food: c.challenge.food,
        why: `${c.confirmed?.verdict === 'reacted' ? 'you reacted to it' : 'the answer was not clear'}${c.confirmed?.reviewDate ? `; your team will look at it again on ${formatDate(c.confirmed.reviewDate)}` : ''}`,
      })),
    ...p.supervisedOnly.map((s) => ({ food: s.food, why: 'it must only be tried at an allergy clinic, under supervision. Do not try it at home.' })),
  ];
  const phase = p.phaseToday;
  const challengeFood = phase.phase === 'challenge' ? phase.food : null;
  // Everything not confirmed back, except today's challenge food, stays out.
  const avoid = p.foods.filter((f) => !backIn.includes(f) && f !== challengeFood && !keptOut.some((k) => k.food === f));
  const upcoming = p.schedule.challenges.find((c) => (c.days[0]?.date ?? '') > p.today);
  const next = upcoming ? `Next: ${upcoming.food} from ${formatDate(upcoming.days[0]?.date ?? '')}.` : null;
  switch (phase.phase) {
    case 'not_started':
      return { headline: `Your plan starts on ${formatDate(p.schedule.eliminationFrom)}`, detail: 'Until then, eat as usual.', avoid: [], backIn, keptOut, next };
    case 'eliminating':
      return {
        headline: `Day ${phase.day} of ${phase.of} without these foods`,
        detail: `Leave out the foods below and anything made with them until ${formatDate(p.schedule.eliminationTo)}. Keep writing your diary every day, so your team can compare.`,
        avoid,
        backIn,
        keptOut,
        next,
      };
    case 'challenge':
      return {
        headline: `Test day ${phase.day} of ${phase.of}: ${phase.food}`,
        detail: `Today, eat ${phase.portion}. Keep everything else the same, and write in your diary how your skin and gut feel. If you react, tap “I reacted” and stop eating ${phase.food}.`,
        avoid,
        backIn,
        keptOut,
        next,
      };
    case 'washout':
      return {
        headline: `Rest day ${phase.day} of ${phase.of} after ${phase.food}`,
        detail: `Go back to leaving out ${phase.food} and the foods below while your body settles. Keep writing your diary.`,
        avoid: [...new Set([phase.food, ...avoid])],
        backIn,
        keptOut,
        next,
      };
    case 'finished':
      if (p.challenges.every((c) => c.confirmed)) {
        return { headline: 'Your food reintroduction is complete', detail: 'Your care team has looked at every food. Here is what comes back and what stays out.', avoid, backIn, keptOut, next: null };
      }
      return {
        headline: 'You have tried every food in your plan',
        detail: 'Your care team will look at your diary and tell you which foods can come back. Until they do, keep leaving out the foods below.',
        avoid,
        backIn,
        keptOut,
        next: null,
      };
  }
}

/**
 * The protocol as lines of plain text for the PDF summary: the foods, the dates, each food's tests and the
 * team's answer, foods kept for an allergist, and the skin score over the same dates when it may be shown.
 */
export function protocolSummaryLines(
  p: {
    foods: string[];
    supervisor: { name: string };
    schedule: ProtocolSchedule;
    challenges: ChallengeProgress[];
    supervisedOnly: { food: string }[];
    scoreStrip: { label: string; points: { effectiveDate: string; value: number }[] } | null;
  },
  formatDate: (iso: string) => string,
): string[] {
  const lines = [
    `Foods: ${p.foods.join(', ')}. Supervised by ${p.supervisor.name}.`,
    `Left out from ${formatDate(p.schedule.eliminationFrom)} to ${formatDate(p.schedule.eliminationTo)}, then one food at a time.`,
  ];
  for (const c of p.challenges) {
    const days = c.challenge.days;
    const first = days[0]?.date;
    const last = days[days.length - 1]?.date;
    const tested = first && last ? `tested ${formatDate(first)} to ${formatDate(last)} (${days.map((d) => d.portion).join(', then ')})` : 'not tested';
    const v = c.confirmed;
    const answer = v
      ? `your team's answer: ${v.verdict}, ${v.verdict === 'tolerated' ? 'back in your diet' : `stays out for now${v.reviewDate ? ` (looked at again on ${formatDate(v.reviewDate)})` : ''}`}`
      : 'no answer from your team yet';
    lines.push(`• ${c.challenge.food}: ${tested}; ${answer}.`);
  }
  for (const s of p.supervisedOnly) lines.push(`• ${s.food}: stays out; it must only be tried at an allergy clinic, under supervision.`);
  if (p.scoreStrip) lines.push(`${p.scoreStrip.label} over the same dates: ${p.scoreStrip.points.map((x) => `${formatDate(x.effectiveDate)}: ${x.value}`).join('; ')}.`);
  return lines;
}

/**
 * The skin score the patient may see (their shared or self-reported series) over a protocol's dates, two weeks
 * either side: the series with most points in that range, or null.
 */
export function visibleScoreStrip(
  schedule: ProtocolSchedule,
  trends: readonly { label: string; points: readonly { effectiveDate: string; value: number }[] }[],
): { label: string; points: { effectiveDate: string; value: number }[] } | null {
  const from = addDays(schedule.eliminationFrom, -14);
  const to = addDays(schedule.endsOn, 14);
  let best: { label: string; points: { effectiveDate: string; value: number }[] } | null = null;
  for (const t of trends) {
    const points = t.points.filter((p) => p.effectiveDate >= from && p.effectiveDate <= to).map((p) => ({ effectiveDate: p.effectiveDate, value: p.value }));
    if (points.length > (best?.points.length ?? 0)) best = { label: t.label, points };
  }
  return best;
}
