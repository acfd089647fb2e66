// A suggested verdict for one food challenge, from the patient's diary (DOMAIN.md §10.3). No authoritative
// definition of reacted / tolerated / inconclusive exists (UNVERIFIED), so this is the heuristic DOMAIN.md
// proposes for clinician sign-off, with its thresholds as settings: always labelled "suggested", always
// confirmed or overridden by a clinician with a reason. Pure.

import { addDays } from '@/lib/clinical/dates';

export interface VerdictSettings {
  /** Days before the first challenge day that make the baseline. */
  baselineDays: number;
  /** Hours after the last challenge day still counted as the challenge (48 h in DOMAIN.md §10.3). */
  afterHours: number;
  /** A baseline whose highest and lowest day differ by more than this (0–10 scale) is unstable. */
  unstableRange: number;
  /** A day at least this far above the baseline mean (0–10 scale) counts as above baseline. */
  reactionRise: number;
  /** Days above baseline needed to call it reproducible. */
  reproducibleDays: number;
  /** Days of the challenge window that may be missing before the answer is inconclusive. */
  missedDaysAllowed: number;
}

/** Not published figures (UNVERIFIED): clinic settings, shown beside every suggestion. */
export const DEFAULT_VERDICT_SETTINGS: VerdictSettings = { baselineDays: 3, afterHours: 48, unstableRange: 3, reactionRise: 2, reproducibleDays: 2, missedDaysAllowed: 1 };

export interface DiaryDay {
  date: string;
  /** The day's symptom score on 0–10 (the worse of itch and flare), or null when not recorded. */
  score: number | null;
  /** What could explain symptoms other than the food: illness, menses, a missed challenge dose, another new food. */
  confounders: readonly string[];
}

export interface ReactionReport {
  date: string;
  severity: 'mild' | 'moderate' | 'severe';
  /** Only gas or bloating: "a mild gut reaction", not a failed challenge [JWARD]. */
  gutOnly: boolean;
}

export type Verdict = 'reacted' | 'tolerated' | 'inconclusive';

export interface SuggestedVerdict {
  verdict: Verdict;
  suggested: true;
  /** Why, in words a clinician checks before confirming. */
  reasons: string[];
  baselineMean: number | null;
  source: string;
}

/**
 * Compare the diary's baseline days with the challenge days and the 48 h after: reacted = clearly above
 * baseline and reproducible (or a moderate/severe reaction reported); tolerated = within baseline
 * variation; inconclusive = unstable or missing baseline, missed days, or confounders [MEVSIBS], [JWARD].
 */
export function suggestVerdict(args: {
  challengeDays: readonly string[];
  diary: readonly DiaryDay[];
  reactions: readonly ReactionReport[];
  settings?: VerdictSettings;
}): SuggestedVerdict {
  const s = args.settings ?? DEFAULT_VERDICT_SETTINGS;
  const source = 'MEVSIBS, JWARD';
  const days = [...args.challengeDays].sort();
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return { verdict: 'inconclusive', suggested: true, reasons: ['No challenge days were scheduled.'], baselineMean: null, source };
  const afterDays = Math.ceil(s.afterHours / 24);
  const windowDates = [...days, ...Array.from({ length: afterDays }, (_, i) => addDays(last, i + 1))];
  const baselineDates = Array.from({ length: s.baselineDays }, (_, i) => addDays(first, -(s.baselineDays - i)));
  const byDate = new Map(args.diary.map((d) => [d.date, d]));
  const inWindow = (date: string) => date >= first && date <= (windowDates[windowDates.length - 1] ?? last);

  const reasons: string[] = [];
  const serious = args.reactions.filter((r) => inWindow(r.date) && r.severity !== 'mild');
  if (serious.length > 0) {
    return {
      verdict: 'reacted',
      suggested: true,
      reasons: serious.map((r) => `A ${r.severity} reaction was reported on ${r.date}.`),
      baselineMean: null,
      source,
    };
  }

  const baselineScores = baselineDates.map((d) => byDate.get(d)?.score).filter((v): v is number => typeof v === 'number');
  if (baselineScores.length < Math.min(2, s.baselineDays)) reasons.push(`Too few baseline days recorded (${baselineScores.length} of ${s.baselineDays} before ${first}).`);
  const baselineMean = baselineScores.length > 0 ? baselineScores.reduce((a, b) => a + b, 0) / baselineScores.length : null;
  if (baselineScores.length > 0 && Math.max(...baselineScores) - Math.min(...baselineScores) > s.unstableRange) {
    reasons.push(`The baseline was unstable (scores ${Math.min(...baselineScores)} to ${Math.max(...baselineScores)}).`);
  }
  const missing = windowDates.filter((d) => typeof byDate.get(d)?.score !== 'number');
  if (missing.length > s.missedDaysAllowed) reasons.push(`${missing.length} days of the challenge and the ${s.afterHours} h after were not recorded.`);
  const confounders = [...new Set([...baselineDates, ...windowDates].flatMap((d) => byDate.get(d)?.confounders ?? []))];
  if (confounders.length > 0) reasons.push(`Something else could explain symptoms: ${confounders.join(', ')}.`);
  if (reasons.length > 0) return { verdict: 'inconclusive', suggested: true, reasons, baselineMean, source };

  const mean = baselineMean ?? 0;
  const above = windowDates.filter((d) => {
    const v = byDate.get(d)?.score;
    return typeof v === 'number' && v - mean >= s.reactionRise;
  });
  const mildGut = args.reactions.some((r) => inWindow(r.date) && r.severity === 'mild');
  if (above.length >= s.reproducibleDays) {
    return { verdict: 'reacted', suggested: true, reasons: [`${above.length} days at least ${s.reactionRise} points above the baseline (${round1(mean)}): ${above.join(', ')}.`], baselineMean: mean, source };
  }
  const tolerated = [`Scores stayed within the baseline's variation (baseline ${round1(mean)}${above.length === 1 ? `; one day above it, ${above[0]}, not repeated` : ''}).`];
  if (mildGut) tolerated.push('A mild reaction was reported: mild gas or bloating alone is a mild gut reaction, not a failed challenge.');
  return { verdict: 'tolerated', suggested: true, reasons: tolerated, baselineMean: mean, source };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
