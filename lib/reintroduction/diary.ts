import 'server-only';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { challengeReactions, diaryEntries } from '@/db/schema';
import { addDays } from '@/lib/clinical/dates';
import { diaryDayScore } from '@/lib/clinical/reintroduction/progress';
import { confounderClinicalLabel } from '@/lib/diary/schema';
import type { ProtocolSchedule } from '@/lib/clinical/reintroduction/schedule';
import { DEFAULT_VERDICT_SETTINGS, type DiaryDay, type ReactionReport } from '@/lib/clinical/reintroduction/verdict';

// What the verdict rule reads for one protocol: the diary's days from the last baseline days before the first
// challenge to 48 h after the last, one score a day (the worst entry of the day), and the patient's "I reacted"
// reports. Callers have already checked access and audited the read.

export interface ReactionRow {
  id: string;
  occurredOn: string;
  occurredTime: string | null;
  symptom: string;
  severity: 'mild' | 'moderate' | 'severe';
  gutOnly: boolean;
  notes: string | null;
  reportedAt: string;
}

export async function protocolDiaryAndReactions(
  executor: Executor,
  patientId: string,
  protocolId: string,
  schedule: ProtocolSchedule,
): Promise<{ diary: DiaryDay[]; reactions: ReactionReport[]; reactionRows: ReactionRow[] }> {
  const from = addDays(schedule.eliminationTo, -DEFAULT_VERDICT_SETTINGS.baselineDays - 7);
  const to = addDays(schedule.endsOn, Math.ceil(DEFAULT_VERDICT_SETTINGS.afterHours / 24) + 1);
  const [entries, reactionRows] = await Promise.all([
    executor
      .select({ entryDate: diaryEntries.entryDate, itch: diaryEntries.itch, flare: diaryEntries.flare, confounders: diaryEntries.confounders })
      .from(diaryEntries)
      .where(and(eq(diaryEntries.patientId, patientId), gte(diaryEntries.entryDate, from), lte(diaryEntries.entryDate, to))),
    executor.select().from(challengeReactions).where(eq(challengeReactions.protocolId, protocolId)).orderBy(asc(challengeReactions.occurredOn), asc(challengeReactions.reportedAt)),
  ]);
  const byDate = new Map<string, { score: number | null; confounders: Set<string> }>();
  for (const e of entries) {
    const score = diaryDayScore(e);
    const day = byDate.get(e.entryDate) ?? { score: null, confounders: new Set<string>() };
    if (score !== null) day.score = Math.max(score, day.score ?? -Infinity);
    for (const c of e.confounders) day.confounders.add(confounderClinicalLabel(c));
    byDate.set(e.entryDate, day);
  }
  return {
    diary: [...byDate.entries()].map(([date, d]) => ({ date, score: d.score, confounders: [...d.confounders] })),
    reactions: reactionRows.map((r) => ({ date: r.occurredOn, severity: r.severity, gutOnly: r.gutOnly })),
    reactionRows: reactionRows.map((r) => ({
      id: r.id,
      occurredOn: r.occurredOn,
      occurredTime: r.occurredTime,
      symptom: r.symptom,
      severity: r.severity,
      gutOnly: r.gutOnly,
      notes: r.notes,
      reportedAt: r.reportedAt.toISOString(),
    })),
  };
}
