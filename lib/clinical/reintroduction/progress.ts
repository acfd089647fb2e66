// Where each challenge of a protocol stands on a date, with the diary's suggested verdict beside the
// clinician's confirmed one (DOMAIN.md §10.3). Pure: the plan page, the timeline, the portal and the PDF
// read the same rows.

import { addDays } from '@/lib/clinical/dates';
import { phaseOn, type ProtocolSchedule, type ScheduledChallenge } from './schedule';
import { DEFAULT_VERDICT_SETTINGS, suggestVerdict, type DiaryDay, type ReactionReport, type SuggestedVerdict, type Verdict, type VerdictSettings } from './verdict';

export interface ConfirmedVerdict {
  verdict: Verdict;
  suggested: Verdict | null;
  reason: string | null;
  reviewDate: string | null;
  confirmedByName: string;
  confirmedAt: string;
}

/** upcoming → in progress (challenge or washout days) → awaiting a verdict → confirmed. */
export type ChallengeStatus = 'upcoming' | 'in_progress' | 'awaiting_verdict' | 'confirmed';

export interface ChallengeProgress {
  challenge: ScheduledChallenge;
  status: ChallengeStatus;
  /** The last day the diary is read for: the last challenge day + the hours after (48 h). */
  windowEnds: string;
  /** From the diary once the diary window is over, or earlier when a reaction is already clear; null otherwise. */
  suggestion: SuggestedVerdict | null;
  confirmed: ConfirmedVerdict | null;
  /** A clinician may confirm "reacted" from the first challenge day; the others once the window is over. */
  canConfirm: { reacted: boolean; other: boolean };
}

export function challengeWindowEnds(c: ScheduledChallenge, settings: VerdictSettings = DEFAULT_VERDICT_SETTINGS): string {
  const last = c.days[c.days.length - 1]?.date ?? c.nextFree;
  return addDays(last, Math.ceil(settings.afterHours / 24));
}

export function challengeProgress(args: {
  schedule: ProtocolSchedule;
  verdicts: Readonly<Record<string, ConfirmedVerdict>>;
  diary: readonly DiaryDay[];
  reactions: readonly ReactionReport[];
  today: string;
  settings?: VerdictSettings;
}): ChallengeProgress[] {
  const settings = args.settings ?? DEFAULT_VERDICT_SETTINGS;
  return args.schedule.challenges.map((challenge) => {
    const first = challenge.days[0]?.date ?? challenge.nextFree;
    const windowEnds = challengeWindowEnds(challenge, settings);
    const begun = first <= args.today;
    const windowOver = windowEnds < args.today;
    const confirmed = args.verdicts[challenge.food] ?? null;
    const read = begun ? suggestVerdict({ challengeDays: challenge.days.map((d) => d.date), diary: args.diary, reactions: args.reactions, settings }) : null;
    // Before the window is over, days still to come read as "missed": only a reaction already clear is suggested.
    const suggestion = read && (windowOver || read.verdict === 'reacted') ? read : null;
    const status: ChallengeStatus = confirmed ? 'confirmed' : !begun ? 'upcoming' : windowOver ? 'awaiting_verdict' : 'in_progress';
    return { challenge, status, windowEnds, suggestion, confirmed, canConfirm: { reacted: begun && !confirmed, other: windowOver && !confirmed } };
  });
}

/** A diary day as the verdict reads it: the worse of itch and flare (0–10), with the patient's note as a possible confounder. */
export function diaryDayScore(entry: { itch: number | null; flare: number | null }): number | null {
  const values = [entry.itch, entry.flare].filter((v): v is number => typeof v === 'number');
  return values.length ? Math.max(...values) : null;
}

/** How a diary day is tagged: which day of the elimination, a challenge or a washout it was; null outside the protocol. */
export function diaryDayTag(schedule: ProtocolSchedule, date: string): string | null {
  const p = phaseOn(schedule, date);
  switch (p.phase) {
    case 'eliminating':
      return `Elimination day ${p.day} of ${p.of}`;
    case 'challenge':
      return `Challenge: ${p.food}, day ${p.day} of ${p.of} (${p.portion})`;
    case 'washout':
      return `Washout after ${p.food}, day ${p.day} of ${p.of}`;
    default:
      return null;
  }
}
