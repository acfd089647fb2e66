import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { patients, userMfa, users } from '@/db/schema';
import type { Specialty, UserRole } from '@/db/schema/enums';
import { authorizeRole } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  specialty: Specialty | null;
  patientMrn: string | null;
  active: boolean;
  createdAt: string;
  /** Two-step sign-in set up, and whether an administrator requires it for this account. */
  mfaEnrolled: boolean;
  mfaRequired: boolean;
}

/** Accounts, for administrators. No clinical data. */
export async function listUsers(actor: Actor): Promise<UserSummary[]> {
  const db = getDb();
  await authorizeRole(db, actor, ['admin'], { action: 'user.list', recordAllowed: true });
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      specialty: users.specialty,
      patientMrn: patients.mrn,
      active: users.active,
      createdAt: users.createdAt,
      mfaEnabledAt: userMfa.enabledAt,
      mfaRequired: userMfa.required,
    })
    .from(users)
    .leftJoin(patients, eq(patients.id, users.patientId))
    .leftJoin(userMfa, eq(userMfa.userId, users.id))
    .orderBy(asc(users.role), asc(users.name));
  return rows.map(({ mfaEnabledAt, mfaRequired, ...r }) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    mfaEnrolled: mfaEnabledAt !== null,
    mfaRequired: mfaRequired ?? false,
  }));
}
