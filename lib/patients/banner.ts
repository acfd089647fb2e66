import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { conditions, patients, results } from '@/db/schema';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { shortConditionLabel } from '@/lib/clinical/conditions/catalog';
import { foodAllergyFlags, type FoodAllergyFlag, type StoredFoodPanel } from '@/lib/clinical/food-panels/allergy-flags';
import { ageInYears } from './caseload-query';
import { patientIdentityColumns, type PatientRecord } from './queries';

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
  // One statement: identity, with the conditions and the current food panels as JSON beside it.
  const [p] = await db
    .select({
      ...patientIdentityColumns,
      conditions: sql<{ code: string; display: string; clinicalStatus: string }[]>`coalesce((
        select json_agg(json_build_object('code', c.code, 'display', c.display, 'clinicalStatus', c.clinical_status) order by c.code)
        from ${conditions} c where c.patient_id = ${patientId}), '[]'::json)`,
      foodPanels: sql<StoredFoodPanel[]>`coalesce((
        select json_agg(json_build_object('resultId', r.id, 'effectiveDate', r.effective_date, 'interpretation', r.interpretation))
        from ${results} r where r.patient_id = ${patientId} and r.is_current and r.kind = 'food_panel'), '[]'::json)`,
    })
    .from(patients)
    .where(eq(patients.id, patientId));
  if (!p) throw new Error(`patient ${patientId} vanished after the access check`);
  const active = new Map<string, PatientBanner['activeConditions'][number]>();
  for (const c of p.conditions) {
    if (!ACTIVE_STATUSES.has(c.clinicalStatus)) continue;
    const short = shortConditionLabel(c.code, c.display);
    // Two codes with one short form (L71.9 and L71.8 are both "Rosacea") read as one chip.
    if (!active.has(short)) active.set(short, { code: c.code, short, display: c.display });
  }
  const { conditions: _conditions, foodPanels, ...identity } = p;
  return { ...identity, age: ageInYears(p.dateOfBirth), activeConditions: [...active.values()], foodAllergyFlags: foodAllergyFlags(foodPanels) };
}
