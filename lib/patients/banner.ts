import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { conditions, patients, results } from '@/db/schema';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { shortConditionLabel } from '@/lib/clinical/conditions/catalog';
import { foodAllergyFlags, type FoodAllergyFlag } from '@/lib/clinical/food-panels/allergy-flags';
import { ageInYears } from './caseload-query';
import type { PatientRecord } from './queries';

/** Condition statuses a clinician treats as current (FHIR condition-clinical). */
const ACTIVE_STATUSES = new Set(['active', 'recurrence', 'relapse']);

export interface PatientBanner extends Pick<PatientRecord, 'id' | 'mrn' | 'givenName' | 'familyName' | 'dateOfBirth' | 'age' | 'sex'> {
  activeConditions: { code: string; short: string; display: string }[];
  foodAllergyFlags: FoodAllergyFlag[];
}

/**
 * Who this page is about, for the banner on every page under a patient: identity, active conditions in
 * short form, and any food allergy flag. Access-checked and audited like every read of the record.
 */
export async function getPatientBanner(actor: Actor, patientId: string): Promise<PatientBanner> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-read', { action: 'patient.banner.read' });
  const [[p], conditionRows, panels] = await Promise.all([
    db
      .select({ id: patients.id, mrn: patients.mrn, givenName: patients.givenName, familyName: patients.familyName, dateOfBirth: patients.dateOfBirth, sex: patients.sex })
      .from(patients)
      .where(eq(patients.id, patientId)),
    db
      .select({ code: conditions.code, display: conditions.display, clinicalStatus: conditions.clinicalStatus })
      .from(conditions)
      .where(eq(conditions.patientId, patientId))
      .orderBy(conditions.code),
    db
      .select({ resultId: results.id, effectiveDate: results.effectiveDate, interpretation: results.interpretation })
      .from(results)
      .where(and(eq(results.patientId, patientId), eq(results.isCurrent, true), eq(results.kind, 'food_panel'))),
  ]);
  if (!p) throw new Error(`patient ${patientId} vanished after the access check`);
  const active = new Map<string, PatientBanner['activeConditions'][number]>();
  for (const c of conditionRows) {
    if (!ACTIVE_STATUSES.has(c.clinicalStatus)) continue;
    const short = shortConditionLabel(c.code, c.display);
    // Two codes with one short form (L71.9 and L71.8 are both "Rosacea") read as one chip.
    if (!active.has(short)) active.set(short, { code: c.code, short, display: c.display });
  }
  return { ...p, age: ageInYears(p.dateOfBirth), activeConditions: [...active.values()], foodAllergyFlags: foodAllergyFlags(panels) };
}
