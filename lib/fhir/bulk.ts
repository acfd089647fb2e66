import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Resource } from '@medplum/fhirtypes';
import { getDb } from '@/db/client';
import { careTeamMembers, patients } from '@/db/schema';
import { activeMembershipOf, authorizeRole } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { ForbiddenError } from '@/lib/platform/errors';
import { exportPatientBundle } from './queries';

// FHIR Bulk Data style $export: every patient the clinician may see (their care-team memberships), as
// NDJSON, one resource per line, streamed patient by patient so memory stays flat however large the
// caseload. Each patient's record is read through exportPatientBundle, which checks care-team access and
// audits that patient's export, exactly as a single download does; the export itself is audited too.
// Shared resources (Practitioners) are written once.

/** Resource types the export can be limited to with `_type` (what a patient bundle contains). */
export const BULK_EXPORT_TYPES = ['Patient', 'Condition', 'Practitioner', 'CareTeam', 'Goal', 'CarePlan', 'NutritionOrder', 'Observation', 'DiagnosticReport', 'DocumentReference'] as const;
export type BulkExportType = (typeof BULK_EXPORT_TYPES)[number];

/** The `_type` parameter as a list of types, or a message naming what is not one. */
export function parseBulkTypes(raw: string | null): { ok: true; types: BulkExportType[] | null } | { ok: false; error: string } {
  if (raw === null || raw.trim() === '') return { ok: true, types: null };
  const asked = raw.split(',').map((t) => t.trim()).filter(Boolean);
  const unknown = asked.filter((t) => !(BULK_EXPORT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0 || asked.length > BULK_EXPORT_TYPES.length * 2) {
    return { ok: false, error: `_type may list only ${BULK_EXPORT_TYPES.join(', ')}; not ${unknown.slice(0, 5).map((t) => JSON.stringify(t.slice(0, 40))).join(', ') || 'that many'}.` };
  }
  return { ok: true, types: [...new Set(asked)] as BulkExportType[] };
}

/**
 * The NDJSON lines (each ending in a newline) of every patient on the clinician's care teams. Role and
 * account are checked before the first line; a patient whose access lapses mid-export is skipped (and its
 * refusal audited by exportPatientBundle), never exported.
 */
export async function* bulkExportLines(actor: Actor, types: readonly BulkExportType[] | null, now = new Date()): AsyncGenerator<string> {
  const db = getDb();
  await authorizeRole(db, actor, ['clinician'], { action: 'fhir.bulk_export', detail: { types } });
  const rows = await db
    .select({ id: patients.id })
    .from(careTeamMembers)
    .innerJoin(patients, eq(patients.id, careTeamMembers.patientId))
    .where(activeMembershipOf(actor.userId))
    .orderBy(asc(patients.mrn));
  await recordAudit(db, actor, [{ action: 'fhir.bulk_export', outcome: 'allowed', detail: { patients: rows.length, types } }]);
  const written = new Set<string>();
  for (const { id } of rows) {
    let resources: Resource[];
    try {
      const { bundle } = await exportPatientBundle(actor, id, now);
      resources = (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
    } catch (error) {
      if (error instanceof ForbiddenError) continue;
      throw error;
    }
    for (const resource of resources) {
      if (types && !(types as readonly string[]).includes(resource.resourceType)) continue;
      const key = `${resource.resourceType}/${resource.id ?? ''}`;
      if (written.has(key)) continue;
      written.add(key);
      yield `${JSON.stringify(resource)}\n`;
    }
  }
}
