import { asc, eq } from 'drizzle-orm';
import { getDb } from '../../../db/client';
import { carePlanInterventions, clinicalNotes, clinicianTasks, noteLinks } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { saveNote, type NoteOutcome } from '../../../lib/notes/mutations';

// Small helpers the notes tests share. Not a test file: vitest collects only *.test.ts.

export async function savedOk(actor: Actor, patientId: string, input: Record<string, unknown>) {
  const outcome = await saveNote(actor, patientId, input);
  return expectOk(outcome);
}

export function expectOk(outcome: NoteOutcome) {
  if (!outcome.ok) throw new Error(`expected the note to be saved, got ${JSON.stringify(outcome)}`);
  return outcome.data;
}

export const seriesRows = (seriesId: string) => getDb().select().from(clinicalNotes).where(eq(clinicalNotes.seriesId, seriesId)).orderBy(asc(clinicalNotes.version));
export const tasksOf = (patientId: string) => getDb().select().from(clinicianTasks).where(eq(clinicianTasks.patientId, patientId)).orderBy(asc(clinicianTasks.createdAt), asc(clinicianTasks.id));
export const linksOf = (noteId: string) => getDb().select().from(noteLinks).where(eq(noteLinks.noteId, noteId));
export const notesOf = (patientId: string) => getDb().select().from(clinicalNotes).where(eq(clinicalNotes.patientId, patientId));

/** A plan item written straight into the table (the care-plan module is built separately). */
export async function makeIntervention(patientId: string, userId: string, title = 'Low-FODMAP diet, 6 weeks') {
  const [row] = await getDb()
    .insert(carePlanInterventions)
    .values({ patientId, kind: 'diet', title, ownerSpecialty: 'nutrition', ownerUserId: userId, proposedBy: userId, updatedBy: userId })
    .returning({ id: carePlanInterventions.id });
  if (!row) throw new Error('no intervention');
  return row.id;
}
