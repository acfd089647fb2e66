import { createHash } from 'node:crypto';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, type Database, type DatabaseHandle } from '../../../db/client';
import { careTeamMembers, conditions, patients, users } from '../../../db/schema';
import { DEMO_OUTCOMES_PATIENT_COUNT, isDemoOutcomesMrn } from '../../../db/seed/demo-outcomes';
import { DEMO_PASSWORD, DEMO_PATIENT_COUNT, DEMO_PORTAL_ACCOUNTS, DEMO_STAFF, seedDemoClinic, type SeedSummary } from '../../../db/seed/demo-clinic';
import { authenticate } from '../../../lib/platform/auth/credentials';
import { ICD10CM_SYSTEM } from '../../../lib/clinical/conditions/catalog';
import { getPortalSummary } from '../../../lib/portal/queries';
import { actorOf, openScratchDatabase } from '../fixtures';

// A fixed clock, so everything the seed derives from "now" (activity, onset dates) is reproducible too.
const NOW = new Date('2026-11-02T12:00:00.000Z');

/** Everything the seed decides, without database-generated ids, as one stable text. */
async function describeClinic(db: Database): Promise<string> {
  const staff = await db.select().from(users).orderBy(asc(users.email));
  const emailOf = new Map(staff.map((u) => [u.id, u.email]));
  const ps = await db.select().from(patients).orderBy(asc(patients.mrn));
  const cs = await db.select().from(conditions);
  const ms = await db.select().from(careTeamMembers);
  const lines = staff.map((u) => `user ${u.email} ${u.name} ${u.role} ${u.specialty} ${u.active} portal:${ps.find((p) => p.id === u.patientId)?.mrn ?? '-'}`);
  for (const p of ps) {
    const conds = cs
      .filter((c) => c.patientId === p.id)
      .map((c) => `${c.codeSystem}|${c.code}|${c.display}|${c.clinicalStatus}|${c.onsetDate}`)
      .sort();
    const team = ms
      .filter((m) => m.patientId === p.id)
      .map((m) => `${emailOf.get(m.userId)}:${m.role}:${m.removedAt ? 'removed' : 'active'}:by ${emailOf.get(m.addedBy ?? '')}`)
      .sort();
    lines.push(
      [p.mrn, p.givenName, p.familyName, p.dateOfBirth, p.sex, p.email, p.phone, p.addressLine, p.createdAt.toISOString(), p.lastActivityAt.toISOString(), conds.join(';'), team.join(';')].join(' | '),
    );
  }
  return lines.join('\n');
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

let summary: SeedSummary;

beforeAll(async () => {
  summary = await seedDemoClinic(getDb(), NOW);
});

describe('demo clinic seed', () => {
  it('reports that it seeded, with the staff and portal accounts it created', () => {
    expect(summary.seeded).toBe(true);
    expect(summary.staff).toEqual(DEMO_STAFF);
    expect(summary.portalAccounts).toHaveLength(DEMO_PORTAL_ACCOUNTS);
  });

  it('creates 6 staff: 2 dermatologists, 2 nutritionists, 1 gastroenterologist and 1 administrator', async () => {
    const rows = await getDb().select({ role: users.role, specialty: users.specialty, email: users.email, active: users.active }).from(users);
    const staff = rows.filter((u) => u.role !== 'patient');
    expect(staff).toHaveLength(6);
    const bySpecialty = (s: string) => staff.filter((u) => u.role === 'clinician' && u.specialty === s).length;
    expect(bySpecialty('dermatology')).toBe(2);
    expect(bySpecialty('nutrition')).toBe(2);
    expect(bySpecialty('gastroenterology')).toBe(1);
    expect(staff.filter((u) => u.role === 'admin')).toHaveLength(1);
    expect(staff.map((u) => u.email).sort()).toEqual(DEMO_STAFF.map((s) => s.email).sort());
    expect(rows.every((u) => u.active)).toBe(true);
  });

  it(`creates ${DEMO_PATIENT_COUNT} patients, each with a skin condition and a co-managing team`, async () => {
    expect(DEMO_PATIENT_COUNT).toBe(40);
    const all = await getDb().select().from(patients);
    // The outcome-history patients (demo-outcomes.ts) come on top, told apart by their MRNs.
    expect(all.filter((p) => isDemoOutcomesMrn(p.mrn))).toHaveLength(DEMO_OUTCOMES_PATIENT_COUNT);
    const ps = all.filter((p) => !isDemoOutcomesMrn(p.mrn));
    expect(ps).toHaveLength(40);
    expect(new Set(ps.map((p) => p.mrn)).size).toBe(40);
    expect(new Set(ps.map((p) => `${p.givenName} ${p.familyName}`)).size).toBe(40);

    const cs = await getDb().select().from(conditions);
    const team = await getDb()
      .select({ patientId: careTeamMembers.patientId, role: careTeamMembers.role, specialty: users.specialty })
      .from(careTeamMembers)
      .innerJoin(users, eq(users.id, careTeamMembers.userId));
    for (const p of ps) {
      const mine = cs.filter((c) => c.patientId === p.id);
      expect(mine.every((c) => c.codeSystem === ICD10CM_SYSTEM)).toBe(true);
      expect(mine.some((c) => c.code.startsWith('L') && c.clinicalStatus === 'active')).toBe(true);
      const members = team.filter((m) => m.patientId === p.id);
      expect(members.filter((m) => m.role === 'lead').map((m) => m.specialty)).toEqual(['dermatology']);
      expect(members.some((m) => m.specialty === 'nutrition')).toBe(true);
    }
  });

  it(`creates ${DEMO_PORTAL_ACCOUNTS} portal accounts, each linked to a different patient`, async () => {
    const portal = await getDb().select().from(users).where(eq(users.role, 'patient'));
    expect(portal.length).toBeGreaterThanOrEqual(5);
    expect(portal).toHaveLength(DEMO_PORTAL_ACCOUNTS);
    expect(new Set(portal.map((u) => u.patientId)).size).toBe(portal.length);
    expect(portal.every((u) => u.patientId !== null)).toBe(true);
    expect(portal.map((u) => u.email).sort()).toEqual(summary.portalAccounts.map((a) => a.email).sort());
  });

  it('gives every portal account a portal worth seeing: shared results and scores, a signed shared note, a current plan', async () => {
    const portal = await getDb().select().from(users).where(eq(users.role, 'patient')).orderBy(asc(users.email));
    expect(portal).toHaveLength(DEMO_PORTAL_ACCOUNTS);
    for (const account of portal) {
      const s = await getPortalSummary(actorOf(account));
      expect(s.results.length, account.email).toBeGreaterThan(0);
      expect(s.results.some((r) => r.messageToPatient), account.email).toBe(true);
      expect(s.scoreTrends.length, account.email).toBeGreaterThan(0);
      expect(s.notes.length, account.email).toBeGreaterThan(0);
      expect(s.plan.filter((p) => !p.paused).length, account.email).toBeGreaterThan(0);
    }
    // The first printed login's elimination diet says when foods come back, not "ongoing".
    const first = portal.find((u) => u.email === summary.portalAccounts[0]?.email);
    if (!first) throw new Error('no first portal account');
    const diet = (await getPortalSummary(actorOf(first))).plan.find((p) => p.kindLabel === 'Diet change');
    expect(diet?.until).toEqual({ date: '2026-12-13', basis: 'reintroduction' });
  });

  it('lets demo accounts of each kind sign in with the demo password', async () => {
    // They all share one hash; one clinician, the administrator and a portal account are enough.
    const staffEmail = (key: string) => DEMO_STAFF.find((s) => s.key === key)?.email ?? '';
    const emails = [staffEmail('derm1'), staffEmail('admin'), summary.portalAccounts[0]?.email ?? ''];
    for (const [i, email] of emails.entries()) {
      const result = await authenticate(getDb(), { email, password: DEMO_PASSWORD }, { address: `192.0.2.${100 + i}`, userAgent: null }, new Date());
      expect(result, email).toMatchObject({ ok: true, user: { email } });
    }
    expect(await authenticate(getDb(), { email: DEMO_STAFF[0]?.email, password: `${DEMO_PASSWORD}!` }, { address: '192.0.2.99', userAgent: null }, new Date())).toMatchObject({ ok: false });
  });

  it('is a no-op on a database that already has users', async () => {
    const before = await describeClinic(getDb());
    const [countBefore] = await getDb().select({ n: count() }).from(patients);
    const again = await seedDemoClinic(getDb(), new Date(NOW.getTime() + 86_400_000));
    expect(again.seeded).toBe(false);
    expect(again.portalAccounts.map((a) => a.email).sort()).toEqual(summary.portalAccounts.map((a) => a.email).sort());
    const [countAfter] = await getDb().select({ n: count() }).from(patients);
    expect(countAfter?.n).toBe(countBefore?.n);
    expect(await describeClinic(getDb())).toBe(before);
  });

  describe('determinism', () => {
    let scratch: DatabaseHandle | undefined;
    afterAll(async () => {
      await scratch?.close();
    });

    it('produces the same clinic, byte for byte, in a second fresh database', async () => {
      scratch = await openScratchDatabase();
      const second = await seedDemoClinic(scratch.db, NOW);
      expect(second.seeded).toBe(true);
      expect(second.portalAccounts).toEqual(summary.portalAccounts);

      const here = await describeClinic(getDb());
      const there = await describeClinic(scratch.db);
      expect(here.split('\n')).toHaveLength(6 + DEMO_PORTAL_ACCOUNTS + DEMO_PATIENT_COUNT + DEMO_OUTCOMES_PATIENT_COUNT);
      expect(digest(there)).toBe(digest(here));
      // On a mismatch, the line-by-line diff is more useful than two hashes.
      expect(there).toBe(here);
    });
  });
});
