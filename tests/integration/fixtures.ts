import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { inject, vi } from 'vitest';
import { getDb, openDatabase, type DatabaseHandle, type DatabaseTarget } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { QUERY_MARKER } from '../../db/query-count';
import { auditEvents, careTeamMembers, conditions, patients, users } from '../../db/schema';
import type { Specialty, UserRole } from '../../db/schema/enums';
import type { Actor } from '../../lib/platform/auth/actor-types';
import { hashPassword } from '../../lib/platform/auth/password';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function makePatient(overrides: Partial<typeof patients.$inferInsert> = {}) {
  const n = unique().toUpperCase();
  const [row] = await getDb()
    .insert(patients)
    .values({ mrn: `T-${n}`.slice(0, 20), givenName: 'Test', familyName: `Patient${n}`, dateOfBirth: '1980-05-17', sex: 'female', ...overrides })
    .returning();
  if (!row) throw new Error('no patient');
  return row;
}

export async function makeUser(role: UserRole, options: { specialty?: Specialty; patientId?: string; active?: boolean; name?: string; email?: string } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const active = options.active ?? true;
  const [row] = await getDb()
    .insert(users)
    .values({
      name: options.name ?? `${role} ${unique()}`,
      email: options.email ?? `${role}.${unique()}@axis.test`,
      role,
      specialty: role === 'clinician' ? (options.specialty ?? 'dermatology') : null,
      patientId: role === 'patient' ? (options.patientId ?? null) : null,
      passwordHash: await passwordHash,
      active,
      deactivatedAt: active ? null : new Date(),
    })
    .returning();
  if (!row) throw new Error('no user');
  return row;
}

export async function addToTeam(patientId: string, userId: string, role: 'lead' | 'member' = 'member') {
  await getDb().insert(careTeamMembers).values({ patientId, userId, role });
}

export async function addCondition(patientId: string, code: string, display: string) {
  await getDb().insert(conditions).values({ patientId, codeSystem: 'http://hl7.org/fhir/sid/icd-10-cm', code, display });
}

export function actorOf(user: typeof users.$inferSelect): Actor {
  return {
    userId: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    specialty: user.specialty,
    patientId: user.patientId,
    sessionId: '00000000-0000-4000-8000-000000000000',
    requestAddress: '203.0.113.7',
  };
}

/**
 * A small clinic covering every access case: a patient with a dermatologist and a nutritionist on
 * the team, a dermatologist off it, a gastroenterologist off it, the patient's portal account, a
 * second patient with their own portal account, an administrator, and a deactivated clinician who
 * is still listed on the team.
 */
export async function makeClinic() {
  const patient = await makePatient({ givenName: 'Amara', familyName: 'Okonkwo' });
  const otherPatient = await makePatient({ givenName: 'Bruno', familyName: 'Lindgren' });
  const dermOnTeam = await makeUser('clinician', { specialty: 'dermatology', name: 'Dr On Team' });
  const nutritionistOnTeam = await makeUser('clinician', { specialty: 'nutrition' });
  const dermOffTeam = await makeUser('clinician', { specialty: 'dermatology', name: 'Dr Off Team' });
  const gastroOffTeam = await makeUser('clinician', { specialty: 'gastroenterology' });
  const deactivatedClinician = await makeUser('clinician', { specialty: 'nutrition', active: false });
  const patientUser = await makeUser('patient', { patientId: patient.id });
  const otherPatientUser = await makeUser('patient', { patientId: otherPatient.id });
  const admin = await makeUser('admin');
  const deactivatedAdmin = await makeUser('admin', { active: false });
  await addToTeam(patient.id, dermOnTeam.id, 'lead');
  await addToTeam(patient.id, nutritionistOnTeam.id);
  await addToTeam(patient.id, deactivatedClinician.id);
  await addToTeam(otherPatient.id, dermOffTeam.id, 'lead');
  await addCondition(patient.id, 'L20.9', 'Atopic dermatitis, unspecified');
  await addCondition(patient.id, 'K63.8211', 'Small intestinal bacterial overgrowth, hydrogen-subtype');
  return { patient, otherPatient, dermOnTeam, nutritionistOnTeam, dermOffTeam, gastroOffTeam, deactivatedClinician, patientUser, otherPatientUser, admin, deactivatedAdmin };
}

export async function auditEventsBy(userId: string) {
  return getDb().select().from(auditEvents).where(eq(auditEvents.actorUserId, userId));
}

/**
 * The target of the database setup.ts installed for this test file, so a test can open a second,
 * independent handle on the same database (another "app instance"). Only PostgreSQL allows that;
 * an in-memory PGlite database belongs to one handle, so for it this returns null.
 */
export function secondInstanceTarget(): DatabaseTarget | null {
  const target = (globalThis as unknown as { axisDb?: DatabaseHandle }).axisDb?.target;
  return target?.kind === 'postgres' ? target : null;
}

/**
 * A fresh, migrated in-memory PGlite database, independent of the one installed by setup.ts: from the
 * run's migrated snapshot when there is one (global-setup.ts).
 */
export async function openScratchDatabase(): Promise<DatabaseHandle> {
  const snapshot = inject('pgliteSnapshot');
  if (snapshot) return openDatabase({ kind: 'pglite', dataDir: 'memory://' }, { pgliteSnapshot: new Blob([readFileSync(snapshot)]) });
  const handle = openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrateDatabase(handle);
  return handle;
}

/**
 * A handle on the test file's database (PostgreSQL: a second instance; PGlite: a scratch database) whose
 * statements print the AXIS_BENCH query marker, for counting with statementsDuring(). The logger is only
 * installed when a handle is opened, hence the variable around the open.
 */
export async function openCountedDatabase(): Promise<DatabaseHandle> {
  process.env.AXIS_BENCH = '1';
  try {
    const target = secondInstanceTarget();
    return target ? openDatabase(target, { maxConnections: 5 }) : await openScratchDatabase();
  } finally {
    delete process.env.AXIS_BENCH;
  }
}

/** Statements the data layer sent while `work` ran, counted by the AXIS_BENCH query markers. */
export async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await work();
    return write.mock.calls.filter((call) => call[0] === `${QUERY_MARKER}\n`).length;
  } finally {
    write.mockRestore();
  }
}
