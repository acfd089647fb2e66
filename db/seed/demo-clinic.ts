import { count } from 'drizzle-orm';
import type { Database } from '../client';
import { careTeamMembers, conditions, patients, users } from '../schema';
import type { AdministrativeSex, ConditionClinicalStatus, Specialty } from '../schema/enums';
import { hashPassword } from '../../lib/platform/auth/password';
import { CONDITION_GROUPS, ICD10CM_SYSTEM, type ConditionGroup } from '../../lib/clinical/conditions/catalog';
import { seedDemoCarePlans } from './demo-care-plans';
import { seedDemoOutcomes } from './demo-outcomes';
import { seedDemoPortal } from './demo-portal';
import { seedDemoReintroduction } from './demo-reintroduction';
import { clinicToday } from '../../lib/platform/clinic-time';
import { DEMO_RESULTS_FEATURED_MRN, seedDemoResults, type DemoResultsPatient } from './demo-results';
import { seedDemoMessages } from './demo-messages';
import { seedDemoPhotos } from './demo-photos';
import { seedDemoDocuments } from './demo-documents';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, STREETS } from './names';
import { createRandom } from './random';

// The demo clinic: deterministic (fixed seed), so tests and screenshots can rely on it.
export const DEMO_SEED = 20_261_123;
export const DEMO_PASSWORD = 'axis-demo-clinic';
export const DEMO_PATIENT_COUNT = 40;
export const DEMO_PORTAL_ACCOUNTS = 8;

export interface DemoStaff {
  key: string;
  name: string;
  email: string;
  role: 'clinician' | 'admin';
  specialty: Specialty | null;
}

export const DEMO_STAFF: DemoStaff[] = [
  { key: 'derm1', name: 'Dr. Elena Rivera', email: 'elena.rivera@axis.test', role: 'clinician', specialty: 'dermatology' },
  { key: 'derm2', name: 'Dr. Samuel Okafor', email: 'samuel.okafor@axis.test', role: 'clinician', specialty: 'dermatology' },
  { key: 'nutr1', name: 'Nina Patel, RD', email: 'nina.patel@axis.test', role: 'clinician', specialty: 'nutrition' },
  { key: 'nutr2', name: 'Tomas Berg, RD', email: 'tomas.berg@axis.test', role: 'clinician', specialty: 'nutrition' },
  { key: 'gastro', name: 'Dr. Kenji Sato', email: 'kenji.sato@axis.test', role: 'clinician', specialty: 'gastroenterology' },
  { key: 'admin', name: 'Alex Morgan', email: 'admin@axis.test', role: 'admin', specialty: null },
];


const SKIN_KEYS = ['acne', 'rosacea', 'atopic-dermatitis', 'psoriasis', 'urticaria'] as const;
const GUT_KEYS = ['sibo', 'h-pylori'] as const;

function group(key: string): ConditionGroup {
  const g = CONDITION_GROUPS.find((c) => c.key === key);
  if (!g) throw new Error(`unknown condition group ${key}`);
  return g;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export interface SeedSummary {
  seeded: boolean;
  staff: DemoStaff[];
  portalAccounts: { name: string; email: string }[];
}

/** Seeds the demo clinic into an empty database; leaves a database that has users untouched. */
export async function seedDemoClinic(db: Database, now: Date = new Date()): Promise<SeedSummary> {
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return { seeded: false, staff: DEMO_STAFF, portalAccounts: await listPortalAccounts(db) };

  const rand = createRandom(DEMO_SEED);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const portalAccounts: { name: string; email: string }[] = [];

  await db.transaction(async (tx) => {
    const staffIds = new Map<string, string>();
    for (const s of DEMO_STAFF) {
      const [row] = await tx
        .insert(users)
        .values({ name: s.name, email: s.email, role: s.role, specialty: s.specialty, passwordHash, createdAt: now })
        .returning({ id: users.id });
      if (!row) throw new Error('staff insert returned no row');
      staffIds.set(s.key, row.id);
    }
    const staff = (key: string) => {
      const id = staffIds.get(key);
      if (!id) throw new Error(`no staff ${key}`);
      return id;
    };
    const adminId = staff('admin');
    const forResults: DemoResultsPatient[] = [];

    const usedNames = new Set<string>();
    for (let i = 0; i < DEMO_PATIENT_COUNT; i++) {
      const sex: AdministrativeSex = rand.chance(0.58) ? 'female' : 'male';
      let givenName: string;
      let familyName: string;
      do {
        givenName = rand.pick(sex === 'female' ? GIVEN_FEMALE : GIVEN_MALE);
        familyName = rand.pick(FAMILY);
      } while (usedNames.has(`${givenName} ${familyName}`));
      usedNames.add(`${givenName} ${familyName}`);

      const birthYear = rand.int(1956, 2007);
      const dob = `${birthYear}-${String(rand.int(1, 12)).padStart(2, '0')}-${String(rand.int(1, 28)).padStart(2, '0')}`;
      const mrn = `AX-${String(100_001 + i * 7).padStart(6, '0')}`;
      const hoursAgo = rand.int(1, 24 * 60);
      const [patient] = await tx
        .insert(patients)
        .values({
          mrn,
          givenName,
          familyName,
          dateOfBirth: dob,
          sex,
          email: `${givenName}.${familyName}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.com',
          phone: `+1 555 01${String(rand.int(0, 99)).padStart(2, '0')}`,
          addressLine: `${rand.int(2, 240)} ${rand.pick(STREETS)}, Springfield`,
          createdAt: new Date(now.getTime() - (hoursAgo + rand.int(200, 4000)) * 3_600_000),
          lastActivityAt: new Date(now.getTime() - hoursAgo * 3_600_000),
        })
        .returning({ id: patients.id, lastActivityAt: patients.lastActivityAt });
      if (!patient) throw new Error('patient insert returned no row');

      // Every patient has one skin condition; most also have a gut finding, the reason they are co-managed.
      const skin = group(SKIN_KEYS[i % SKIN_KEYS.length] ?? 'acne');
      const chosen: { g: ConditionGroup; status: ConditionClinicalStatus }[] = [{ g: skin, status: 'active' }];
      if (rand.chance(0.55)) chosen.push({ g: group('sibo'), status: rand.chance(0.8) ? 'active' : 'resolved' });
      if (rand.chance(0.3)) chosen.push({ g: group(GUT_KEYS[1]), status: rand.chance(0.6) ? 'active' : 'resolved' });
      if (rand.chance(0.12)) chosen.push({ g: group(rand.pick(SKIN_KEYS.filter((k) => k !== skin.key))), status: 'inactive' });
      const resultsPatient: DemoResultsPatient = { id: patient.id, mrn, dateOfBirth: dob, lastActivityAt: patient.lastActivityAt, conditions: [], team: [], hasPortalAccount: i < DEMO_PORTAL_ACCOUNTS };
      forResults.push(resultsPatient);
      for (const { g, status } of chosen) {
        const code = rand.pick(g.codes);
        resultsPatient.conditions.push({ key: g.key, code: code.code, status });
        const onset = new Date(now.getTime() - rand.int(60, 3650) * 86_400_000);
        await tx.insert(conditions).values({
          patientId: patient.id,
          codeSystem: ICD10CM_SYSTEM,
          code: code.code,
          display: code.display,
          onsetDate: isoDate(onset),
          clinicalStatus: status,
          recordedAt: now,
        });
      }

      // Teams: a dermatologist leads, a nutritionist co-manages, the gastroenterologist joins when the
      // gut finding needs one. Dr. Rivera carries the larger share, as a senior consultant would.
      const derm = i % 3 === 2 ? 'derm2' : 'derm1';
      const nutr = i % 2 === 0 ? 'nutr1' : 'nutr2';
      const team: { key: string; role: 'lead' | 'member' }[] = [
        { key: derm, role: 'lead' },
        { key: nutr, role: 'member' },
      ];
      if (chosen.some((c) => c.g.key === 'h-pylori') || rand.chance(0.2)) team.push({ key: 'gastro', role: 'member' });
      for (const m of team) {
        resultsPatient.team.push({ key: m.key, userId: staff(m.key), specialty: DEMO_STAFF.find((s) => s.key === m.key)?.specialty ?? null, role: m.role });
        await tx.insert(careTeamMembers).values({ patientId: patient.id, userId: staff(m.key), role: m.role, addedBy: adminId, addedAt: now });
      }

      if (i < DEMO_PORTAL_ACCOUNTS) {
        const email = `${givenName}.${familyName}`.toLowerCase().replace(/[^a-z.]/g, '') + '@patients.axis.test';
        await tx.insert(users).values({ name: `${givenName} ${familyName}`, email, role: 'patient', patientId: patient.id, passwordHash, createdAt: now });
        portalAccounts.push({ name: `${givenName} ${familyName}`, email });
      }
    }

    // Results use their own fixed seed and absolute dates, so they never shift the clinic above.
    await seedDemoResults(tx, forResults);
    // Care plans for a few patients, dated to line up with their results (fixed dates, fixed ids).
    await seedDemoCarePlans(tx, forResults);
    // What the portal accounts see on first sign-in (shared results, a signed shared note) and notes on Maya Chen.
    await seedDemoPortal(tx, forResults, DEMO_RESULTS_FEATURED_MRN);
    // Elimination → reintroduction protocols in each phase, dated from today so the phases are live.
    await seedDemoReintroduction(tx, forResults, DEMO_RESULTS_FEATURED_MRN, clinicToday(now));
    // Secure messages: an answered question, one unanswered for two days, a team-only conversation.
    await seedDemoMessages(tx, forResults, DEMO_RESULTS_FEATURED_MRN, now);
    // Generated lesion photos for two patients over time (consent recorded), for the photo pages.
    await seedDemoPhotos(tx, forResults, DEMO_RESULTS_FEATURED_MRN, now);
    // A lab's PDF report attached to a result (shared with one portal patient) and a referral letter.
    await seedDemoDocuments(tx, forResults, DEMO_RESULTS_FEATURED_MRN, now);
    // Patients whose care has run its course, so the Outcomes page has real numbers on a fresh clone.
    await seedDemoOutcomes(
      tx,
      {
        derm: [{ id: staff('derm1'), specialty: 'dermatology' }, { id: staff('derm2'), specialty: 'dermatology' }],
        nutr: [{ id: staff('nutr1'), specialty: 'nutrition' }, { id: staff('nutr2'), specialty: 'nutrition' }],
        adminId,
      },
      usedNames,
      now,
    );
  });
  return { seeded: true, staff: DEMO_STAFF, portalAccounts };
}

async function listPortalAccounts(db: Database) {
  const rows = await db.select({ name: users.name, email: users.email, role: users.role }).from(users);
  return rows.filter((r) => r.role === 'patient').map(({ name, email }) => ({ name, email }));
}

export function formatDemoLogins(summary: SeedSummary): string {
  const lines = [
    'Demo logins (password for every account: ' + DEMO_PASSWORD + ')',
    ...summary.staff.map((s) => `  ${s.email.padEnd(34)} ${s.role === 'admin' ? 'administrator' : s.specialty}  ${s.name}`),
    ...summary.portalAccounts.slice(0, 3).map((p) => `  ${p.email.padEnd(34)} patient portal  ${p.name}`),
  ];
  if (summary.portalAccounts.length > 3) lines.push(`  … and ${summary.portalAccounts.length - 3} more patient portal accounts`);
  return lines.join('\n');
}
