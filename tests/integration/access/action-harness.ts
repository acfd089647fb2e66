import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb } from '../../../db/client';
import type { UserRole } from '../../../db/schema/enums';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import type { MatrixActor } from '../../support/access-matrix';
import { actorOf, addToTeam, makeClinic, makePatient, makeUser } from '../fixtures';

// Shared by the server-action matrix and the action fuzz tests. Not a test file.
//
// The test files mock '@/lib/auth/session' with sessionModuleMock() below: requireActor behaves as
// the real one does (redirect to sign-in without a session, to the actor's home for another role's
// action) but the actor comes from setSessionActor instead of a cookie. next/cache is mocked because
// revalidatePath needs Next's request store.

interface SessionState {
  actor: Actor | null;
}
const state = ((globalThis as { axisMatrixSession?: SessionState }).axisMatrixSession ??= { actor: null });

export function setSessionActor(actor: Actor | null) {
  state.actor = actor;
}

/** The body of vi.mock('@/lib/platform/auth/session', …): the real module with the actor lookup replaced. */
export async function sessionModuleMock(importOriginal: () => Promise<unknown>) {
  const real = (await importOriginal()) as typeof import('../../../lib/platform/auth/session');
  const { redirect } = await import('next/navigation');
  const current = () => (globalThis as { axisMatrixSession?: SessionState }).axisMatrixSession?.actor ?? null;
  return {
    ...real,
    getActor: async () => current(),
    // The two-step sign-in set-up page's own check: any signed-in person (enrolment is not simulated).
    requireEnrolmentActor: async () => {
      const actor = current();
      if (!actor) return redirect('/sign-in');
      return { actor, enrolmentRequired: false };
    },
    requireActor: async (roles?: readonly UserRole[]) => {
      const actor = current();
      if (!actor) return redirect('/sign-in');
      if (roles && !roles.includes(actor.role)) return redirect(real.homePathFor(actor.role));
      return actor;
    },
  };
}

/** Where a thrown Next redirect points, or null if the error is not a redirect. */
export function redirectTargetOf(error: unknown): string | null {
  if (!(error instanceof Error) || !('digest' in error) || typeof error.digest !== 'string') return null;
  const [kind, , target] = error.digest.split(';');
  return kind === 'NEXT_REDIRECT' ? (target ?? null) : null;
}

export type ActionClinic = Awaited<ReturnType<typeof makeActionClinic>>;

/** makeClinic plus the actors it lacks: a gastroenterologist on the team and a deactivated portal account. */
export async function makeActionClinic() {
  const c = await makeClinic();
  const gastroOnTeam = await makeUser('clinician', { specialty: 'gastroenterology' });
  await addToTeam(c.patient.id, gastroOnTeam.id);
  // One portal account per patient, so the deactivated one belongs to a third patient.
  const thirdPatient = await makePatient({ givenName: 'Carmen', familyName: 'Ibarra' });
  const deactivatedPatientUser = await makeUser('patient', { patientId: thirdPatient.id, active: false });
  return { ...c, gastroOnTeam, deactivatedPatientUser };
}

/**
 * The signed-in user for a matrix actor. "deactivated" is a deactivated account of the role the
 * action needs (a deactivated clinician still listed on the care team, for clinician actions), so
 * only the data layer's own check can stop it.
 */
export function userFor(kind: MatrixActor, c: ActionClinic, role: UserRole) {
  switch (kind) {
    case 'anonymous':
      return null;
    case 'patientSelf':
      return c.patientUser;
    case 'patientOther':
      return c.otherPatientUser;
    case 'dermOnTeam':
      return c.dermOnTeam;
    case 'nutritionistOnTeam':
      return c.nutritionistOnTeam;
    case 'gastroOnTeam':
      return c.gastroOnTeam;
    case 'clinicianOffTeam':
      return c.dermOffTeam;
    case 'admin':
      return c.admin;
    case 'deactivated':
      return role === 'clinician' ? c.deactivatedClinician : role === 'admin' ? c.deactivatedAdmin : c.deactivatedPatientUser;
  }
}

export function matrixActorOf(kind: MatrixActor, c: ActionClinic, role: UserRole): Actor | null {
  const user = userFor(kind, c, role);
  return user ? actorOf(user) : null;
}

let tableNames: string[] | undefined;

/** Rows of a raw query on either driver (postgres.js returns an array, PGlite an object with rows). */
async function rowsOf<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await getDb().execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Per table (except the audit log, which refusals are meant to add to, and drizzle's bookkeeping): the
 * row count and the newest row version's transaction id. Any insert or update writes a row version with
 * a newer xmin and any delete lowers the count, so equal fingerprints mean nothing was stored, changed
 * or deleted. One query, so the fuzz tests can afford it on every run.
 */
export async function dataFingerprint(): Promise<Record<string, string>> {
  tableNames ??= (await rowsOf<{ name: string }>(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`))
    .map((r) => r.name)
    .filter((n) => n !== 'audit_events' && !n.startsWith('__drizzle'));
  const query = tableNames.map((name) => `select '${name}' as name, count(*)::int as n, coalesce(max(xmin::text::bigint), 0)::text as newest from "${name}"`).join(' union all ');
  const rows = await rowsOf<{ name: string; n: number; newest: string }>(sql.raw(query));
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.newest}`]));
}

/** The tables whose digest differs between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
}

export async function deniedAuditCount(userId: string): Promise<number> {
  const rows = await rowsOf<{ n: number }>(sql`select count(*)::int as n from audit_events where actor_user_id = ${userId} and outcome = 'denied'`);
  return rows[0]?.n ?? 0;
}

/** What a user may see of a failure: no stack trace, no SQL, no file path, no driver internals. */
export function expectNoInternals(value: unknown) {
  // The admin forms hand back what was typed (minus the password) so nothing is lost; that echo is
  // the user's own text, not a leak.
  const shown = value && typeof value === 'object' ? { ...(value as Record<string, unknown>), values: undefined } : value;
  const text = JSON.stringify(shown) ?? '';
  expect(text).not.toMatch(/\n\s+at\s|at [\w.<>]+ \(|node_modules|\/work\/|\.tsx?:\d+|\b(select|insert|update|delete)\b[^"]{0,80}\b(from|into|set)\b|syntax error|violates|constraint|relation "|ECONN|PGlite|postgres/i);
}
