import 'server-only';
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { diaryEntries } from '@/db/schema';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { diaryDayTag } from '@/lib/clinical/reintroduction/progress';
import { runningScheduleFor } from '@/lib/reintroduction/queries';

export interface DiaryEntry {
  id: string;
  entryDate: string;
  meals: { time?: string; description: string }[];
  stoolForm: number | null;
  itch: number | null;
  flare: number | null;
  notes: string | null;
  /** What else could explain the day's symptoms (DIARY_CONFOUNDERS ids). */
  confounders: string[];
  submittedAt: string;
  /** Always true: only patients write the diary. Kept explicit so every view marks it. */
  patientReported: true;
  /** The elimination protocol day it falls on ("Challenge: Dairy, day 2 of 3 (½ cup milk)"), tagged automatically. */
  challengeTag: string | null;
}

const rangeSchema = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional(), limit: z.number().int().min(1).max(500).optional() });

/**
 * Diary entries of one patient, newest day first, inclusive dates. The care team reads them ('team-read');
 * the patient reads their own ('clinical-read' on their own record). Audited either way.
 */
export async function listDiaryEntries(actor: Actor, patientId: string, range: { from?: string; to?: string; limit?: number } = {}): Promise<DiaryEntry[]> {
  const db = getDb();
  const purpose = actor.role === 'patient' ? 'clinical-read' : 'team-read';
  await authorizePatientAccess(db, actor, patientId, purpose, { action: 'diary.list' });
  const r = rangeSchema.parse(range);
  const where: SQL[] = [eq(diaryEntries.patientId, patientId)];
  if (r.from) where.push(gte(diaryEntries.entryDate, r.from));
  if (r.to) where.push(lte(diaryEntries.entryDate, r.to));
  const [rows, schedule] = await Promise.all([
    db
      .select()
      .from(diaryEntries)
      .where(and(...where))
      .orderBy(desc(diaryEntries.entryDate), desc(diaryEntries.submittedAt))
      .limit(r.limit ?? 200),
    runningScheduleFor(db, patientId),
  ]);
  return rows.map((e) => ({
    id: e.id,
    entryDate: e.entryDate,
    meals: e.meals,
    stoolForm: e.stoolForm,
    itch: e.itch,
    flare: e.flare,
    notes: e.notes,
    confounders: e.confounders,
    submittedAt: e.submittedAt.toISOString(),
    patientReported: true,
    challengeTag: schedule ? diaryDayTag(schedule, e.entryDate) : null,
  }));
}

/** The calendar date `days` before today (UTC), for "the last 14 days". */
export function daysAgo(days: number, now = new Date()): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}
