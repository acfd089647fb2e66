import type { Specialty, UserRole } from '@/db/schema/enums';

/** The signed-in person on whose behalf a lib/ function runs. Built by lib/platform/auth/session.ts only. */
export interface Actor {
  userId: string;
  role: UserRole;
  name: string;
  email: string;
  specialty: Specialty | null;
  /** For patients: the record their portal account belongs to. */
  patientId: string | null;
  sessionId: string;
  /** The client address of the request, for the audit trail. */
  requestAddress: string | null;
}
