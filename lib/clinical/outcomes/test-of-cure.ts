// Test of cure after H. pylori eradication therapy, and retests after SIBO/IMO treatment. DOMAIN.md §11.
// Pure and browser-safe.

import { addDays, daysBetween } from '@/lib/clinical/dates';
import { PPI_WINDOW_DAYS, TEST_OF_CURE_MIN_DAYS_AFTER_THERAPY } from '@/lib/clinical/h-pylori/options';

// The two intervals are the H. pylori rules' own (lib/clinical/h-pylori/options.ts), so the result's
// interpretation and the schedule cannot drift apart:
// - TEST_OF_CURE_MIN_DAYS_AFTER_THERAPY: ≥ 4 weeks after therapy ends [ACG-HP-2024] via [CFU-ACG]; Maastricht V
//   the same [M5-VENDOR].
// - PPI_WINDOW_DAYS: PPI stopped 2 weeks before the test [CFU-ACG], [M3-GUT] (another summary says 1–2 weeks
//   [GUANG-ACG]; 2 weeks is the conservative default). Antibiotic and bismuth washouts are UNVERIFIED for
//   scheduling, so not used here.

/** Methods that can confirm cure: urea breath test or stool antigen, never serology [ACG-HP-2024] via [CFU-ACG]. */
export const TEST_OF_CURE_METHODS = ['urea_breath_test', 'stool_antigen'] as const;

export interface TestOfCureSchedule {
  /** The earliest valid test date. */
  dueFrom: string;
  /** Which rule set it: "therapy" (end + 28 days) or "ppi" (last PPI + 14 days). */
  setBy: 'therapy' | 'ppi';
  /** In words, for the card and the task. */
  explanation: string;
}

/**
 * Earliest valid test of cure = max(end of therapy + 28 days, last PPI dose + 14 days) (DOMAIN.md §11, app
 * scheduling rule). A PPI is part of every eradication regimen, so without a later last dose it is taken to
 * have stopped when the therapy did.
 */
export function testOfCureSchedule(therapyEndDate: string, ppiLastDoseDate: string | null, formatDate: (iso: string) => string = (iso) => iso): TestOfCureSchedule {
  const afterTherapy = addDays(therapyEndDate, TEST_OF_CURE_MIN_DAYS_AFTER_THERAPY);
  const lastPpi = ppiLastDoseDate !== null && ppiLastDoseDate > therapyEndDate ? ppiLastDoseDate : therapyEndDate;
  const afterPpi = addDays(lastPpi, PPI_WINDOW_DAYS);
  if (afterPpi > afterTherapy) {
    return { dueFrom: afterPpi, setBy: 'ppi', explanation: `14 days after the last PPI dose (${formatDate(lastPpi)}), which is later than 4 weeks after therapy ended (${formatDate(therapyEndDate)}).` };
  }
  return { dueFrom: afterTherapy, setBy: 'therapy', explanation: `4 weeks after therapy ended (${formatDate(therapyEndDate)}), with any PPI stopped 2 weeks before.` };
}

export type FollowUpState = 'scheduled' | 'due' | 'overdue';

/**
 * Where a follow-up test stands on `today`: not yet valid, due, or overdue (more than `overdueAfterDays`
 * past the date it became due; a clinic setting, not a published figure).
 */
export function followUpState(dueFrom: string, today: string, overdueAfterDays: number): FollowUpState {
  if (today < dueFrom) return 'scheduled';
  return daysBetween(dueFrom, today) > overdueAfterDays ? 'overdue' : 'due';
}

export interface TestValidity {
  valid: boolean;
  /** Why not, in words; null when valid. */
  reason: string | null;
}

/** Whether an H. pylori test can count as the test of cure for a therapy with this schedule. */
export function testOfCureValidity(test: { effectiveDate: string; method: string }, schedule: TestOfCureSchedule, formatDate: (iso: string) => string = (iso) => iso): TestValidity {
  if (!(TEST_OF_CURE_METHODS as readonly string[]).includes(test.method)) {
    return { valid: false, reason: 'Only a urea breath test or a stool antigen test can confirm cure (serology stays positive after cure).' };
  }
  if (test.effectiveDate < schedule.dueFrom) {
    const early = daysBetween(test.effectiveDate, schedule.dueFrom);
    return { valid: false, reason: `Taken ${early} ${early === 1 ? 'day' : 'days'} before the earliest valid date (${formatDate(schedule.dueFrom)}): ${schedule.explanation} A negative this early may be false.` };
  }
  return { valid: true, reason: null };
}
