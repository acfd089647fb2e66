import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { patients } from '@/db/schema';
import { authorizePatientAccess, authorizeRole } from '@/lib/access/guard';
import type { Actor } from '@/lib/auth/actor-types';
import { ForbiddenError } from '@/lib/errors';
import type { Specialty } from '@/db/schema/enum-values';
import { loadCareTeams } from '@/lib/patients/queries';

export interface PortalHome {
  givenName: string;
  familyName: string;
  careTeam: { name: string; specialty: Specialty | null }[];
}

/** A patient's own portal home. Only the patient's own record is ever read: the id comes from the account. */
export async function getPortalHome(actor: Actor): Promise<PortalHome> {
  const db = getDb();
  await authorizeRole(db, actor, ['patient'], { action: 'portal.home.read' });
  if (!actor.patientId) throw new ForbiddenError('This account is not linked to a patient record.');
  await authorizePatientAccess(db, actor, actor.patientId, 'clinical-read', { action: 'portal.home.read' });
  const [p] = await db.select({ givenName: patients.givenName, familyName: patients.familyName }).from(patients).where(eq(patients.id, actor.patientId));
  if (!p) throw new ForbiddenError();
  const team = (await loadCareTeams(db, [actor.patientId])).get(actor.patientId) ?? [];
  return { ...p, careTeam: team.map((m) => ({ name: m.name, specialty: m.specialty })) };
}
