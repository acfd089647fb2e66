import { randomUUID } from 'node:crypto';
import { getDb } from '../../../db/client';
import { carePlanGoals, carePlanInterventions, results } from '../../../db/schema';
import type { InterventionStatus } from '../../../db/schema/enum-values';
import { resultHandlers } from '../../../lib/results/kinds';

// Rows the portal tests need that the clinician-facing mutations do not make. Not a test file.

/** A plan item written straight into the table, in any status. */
export async function makePlanItem(patientId: string, ownerId: string, values: { title: string; status: InterventionStatus; goalId?: string; startDate?: string; endDate?: string }) {
  const [row] = await getDb()
    .insert(carePlanInterventions)
    .values({ patientId, kind: 'diet', ownerSpecialty: 'nutrition', ownerUserId: ownerId, proposedBy: ownerId, updatedBy: ownerId, statusReason: values.status === 'stopped' ? 'No longer needed' : null, ...values })
    .returning({ id: carePlanInterventions.id });
  if (!row) throw new Error('no intervention');
  return row.id;
}

export async function makeGoal(patientId: string, userId: string, description: string) {
  const [row] = await getDb().insert(carePlanGoals).values({ patientId, description, createdBy: userId, updatedBy: userId }).returning({ id: carePlanGoals.id });
  if (!row) throw new Error('no goal');
  return row.id;
}

/** A score the patient reported themself (entered by their portal account), stored as the app stores scores. */
export async function makeSelfReportedScore(patientId: string, patientUserId: string, instrument: string, value: number, effectiveDate: string) {
  const handler = resultHandlers.score;
  const input = handler.schema.parse({ effectiveDate, instrument, value }) as Record<string, unknown>;
  const d = handler.derive(input, { dateOfBirth: '1990-01-01' }); // a score's rules ignore age
  const [row] = await getDb()
    .insert(results)
    .values({
      patientId,
      kind: 'score',
      seriesId: randomUUID(),
      version: 1,
      effectiveDate: d.effectiveDate,
      title: d.title,
      summary: d.summary,
      flag: d.flag,
      criteriaSet: d.criteriaSet,
      loincCode: d.loincCode,
      instrument: d.instrument ?? instrument,
      value: d.value ?? value,
      data: input,
      interpretation: d.interpretation,
      enteredBy: patientUserId,
    })
    .returning({ id: results.id });
  if (!row) throw new Error('no score');
  return row.id;
}
