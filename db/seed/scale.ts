import type postgres from 'postgres';
import { hashPassword } from '../../lib/platform/auth/password';
import { DEMO_PASSWORD } from './demo-clinic';

// The scale clinic: a large, realistic dataset for benchmarks (docs/PERFORMANCE.md), generated inside
// PostgreSQL with set-based INSERT … SELECT over generate_series, one chunk of patients per statement,
// so 100,000 patients take minutes rather than hours. It is added on top of the demo clinic (whose
// logins keep working). Deterministic: every value is a function of the patient's number, and row ids
// are derived from it (see uuidFrom), so two runs produce the same clinic apart from random series ids.
// Result payloads (data and interpretation) are copied from the demo clinic's results, which were
// computed by the real interpretation rules (lib/<kind>/interpret.ts), so every result page renders.

/** Where seed:scale and bench go when DATABASE_URL is unset: the local server's axis_scale database. */
export const DEFAULT_SCALE_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/axis_scale';
export const SCALE_EMAIL_DOMAIN = 'scale.axis.test';
/** The bench signs in as this dermatologist: lead on about 2% of all patients (2,000 of 100,000). */
export const SCALE_BENCH_EMAIL = `derm.busy@${SCALE_EMAIL_DOMAIN}`;
export const SCALE_DERMATOLOGISTS = 60;
export const SCALE_NUTRITIONISTS = 40;
export const SCALE_GASTROENTEROLOGISTS = 20;
/** The busy dermatologist leads every patient whose number is a multiple of this. */
const BUSY_DERM_EVERY = 50;

export interface ScaleOptions {
  patients: number;
  chunk: number;
  log: (line: string) => void;
}

export interface ScaleSummary {
  patients: number;
  conditions: number;
  careTeamMembers: number;
  results: number;
  notes: number;
  interventions: number;
  seconds: number;
}

type Sql = postgres.Sql | postgres.ReservedSql;

// A valid version-4 UUID (version nibble 4, variant 8) derived from a text key, so rows generated in
// different statements can refer to one another without a lookup. zod's uuid check accepts it.
function uuidFrom(keySql: string): string {
  const h = `md5(${keySql})`;
  return `(substr(${h}, 1, 12) || '4' || substr(${h}, 14, 3) || '8' || substr(${h}, 18, 15))::uuid`;
}

const patientId = (g: string) => uuidFrom(`'axis-scale-patient-' || ${g}`);
const staffId = (key: string) => uuidFrom(`'axis-scale-staff-' || ${key}`);

const GIVEN = [
  'Amara', 'Beatriz', 'Chloe', 'Dana', 'Elif', 'Fatima', 'Grace', 'Hana', 'Ingrid', 'Julia', 'Keiko', 'Lena', 'Maya', 'Noor', 'Olivia',
  'Priya', 'Rosa', 'Sofia', 'Tara', 'Yara', 'Aaron', 'Bilal', 'Carlos', 'David', 'Emil', 'Felix', 'Gabriel', 'Hugo', 'Ivan', 'Jonas',
  'Kofi', 'Liam', 'Marco', 'Nikhil', 'Omar', 'Pavel', 'Rafael', 'Sami', 'Theo', 'Victor', 'Anika', 'Bruno', 'Clara', 'Dmitri', 'Esther',
  'Farid', 'Greta', 'Henrik', 'Isla', 'Jamal', 'Kamila', 'Lucas', 'Mei', 'Nils', 'Oskar', 'Paula', 'Ravi', 'Selin', 'Tomasz', 'Uma',
];
const FAMILY = [
  'Adeyemi', 'Andersson', 'Bauer', 'Chen', 'Costa', 'Dubois', 'Evans', 'Fischer', 'García', 'Haddad', 'Ivanova', 'Jensen', 'Kowalski',
  'Larsen', 'Moreau', 'Nakamura', 'Novak', "O'Brien", 'Petrov', 'Quinn', 'Rossi', 'Schmidt', 'Silva', 'Tanaka', 'Usman', 'Varga', 'Walsh',
  'Yilmaz', 'Zhang', 'Lindqvist', 'Abbott', 'Banerjee', 'Castillo', 'Dimitrov', 'Eriksen', 'Ferreira', 'Gonzalez', 'Hoffmann', 'Ibrahim',
  'Jovanovic', 'Kim', 'Lopez', 'Mahmoud', 'Nguyen', 'Okonkwo', 'Popescu', 'Qureshi', 'Ramirez', 'Santos', 'Takahashi', 'Ueda', 'Vargas',
  'Weber', 'Xu', 'Yamamoto', 'Zielinski', 'Achterberg', 'Brennan', 'Christensen', 'Delgado', 'Eze', 'Fontaine', 'Gallagher', 'Horvath',
  'Iqbal', 'Johansson', 'Kaur', 'Lemaire', 'Mensah', 'Nowak', 'Oyelaran', 'Pereira', 'Richter', 'Sato', 'Tran', 'Urban', 'Vasquez',
  'Wojcik', 'Yusuf', 'Zimmermann',
];
const STREETS = ['Elm Street', 'Harbour Road', 'Linden Avenue', 'Mill Lane', 'Park Row', 'Station Road', 'Willow Way', 'Church Street', 'Orchard Close'];
// [code, display] by skin group, then gut group; codes from lib/clinical/conditions/catalog.ts.
const SKIN_CODES = [
  ['L70.0', 'Acne vulgaris'],
  ['L71.9', 'Rosacea, unspecified'],
  ['L20.9', 'Atopic dermatitis, unspecified'],
  ['L40.0', 'Psoriasis vulgaris'],
  ['L50.8', 'Other urticaria (chronic urticaria)'],
] as const;
const GUT_CODES = [
  ['K63.8219', 'Small intestinal bacterial overgrowth, unspecified'],
  ['B96.81', 'Helicobacter pylori as the cause of diseases classified elsewhere'],
] as const;
const NOTE_BODIES = [
  '## Review\n\nSkin improving on current plan. Continue emollients twice daily; review in **6 weeks**.',
  '## Dietary review\n\nFood-and-symptom diary discussed. Bloating eased since reducing fermentable fibre. Plan a staged reintroduction next visit.',
  '## Follow-up\n\nFlare after stopping the topical early. Restarted; explained the taper again.\n\n- check adherence\n- repeat score at next visit',
  '## Breath test discussed\n\nResult explained to the patient. Treatment options reviewed with the nutritionist; decision at the joint clinic.',
  '## Telephone note\n\nPatient reports less itch at night and better sleep. No new symptoms. Keep current regimen.',
  '## Joint clinic\n\nDermatology and nutrition reviewed together. Agreed goals: EASI down by half in 12 weeks, regular stool pattern.',
  '## Medication review\n\nTolerating treatment. No side effects reported. Bloods not needed before the next review.',
  '## Plan\n\n1. Continue topical\n2. Probiotic trial paused\n3. Recheck symptoms in 4 weeks',
];

function sqlTextArray(values: readonly string[]): string {
  return `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;
}

/** Adds clinicians, then patients with conditions, care teams, results and notes, in chunks. */
export async function seedScaleClinic(sql: Sql, options: ScaleOptions): Promise<ScaleSummary> {
  const started = Date.now();
  const { log } = options;
  const [{ n: existing } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from users where email like ${`%@${SCALE_EMAIL_DOMAIN}`}`;
  if (existing > 0) throw new Error(`this database already holds the scale clinic (${existing} scale clinicians); run with --reset to start again`);

  const [{ n: templates } = { n: 0 }] = await sql<{ n: number }[]>`
    select count(*)::int as n from results where is_current and coalesce(data->>'reportedBy', '') <> 'patient'`;
  if (templates === 0) throw new Error('the demo clinic has no results to copy payloads from; seed the demo clinic first');

  // Clinicians, all with the demo password (hashed once).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff: { key: string; email: string; name: string; specialty: string }[] = [
    { key: 'derm-0', email: SCALE_BENCH_EMAIL, name: 'Dr. Busy Bench (scale)', specialty: 'dermatology' },
  ];
  for (let i = 1; i < SCALE_DERMATOLOGISTS; i++) staff.push({ key: `derm-${i}`, email: `derm${i}@${SCALE_EMAIL_DOMAIN}`, name: `Dr. Dermatologist ${i} (scale)`, specialty: 'dermatology' });
  for (let i = 0; i < SCALE_NUTRITIONISTS; i++) staff.push({ key: `nutr-${i}`, email: `nutr${i}@${SCALE_EMAIL_DOMAIN}`, name: `Nutritionist ${i}, RD (scale)`, specialty: 'nutrition' });
  for (let i = 0; i < SCALE_GASTROENTEROLOGISTS; i++) staff.push({ key: `gi-${i}`, email: `gi${i}@${SCALE_EMAIL_DOMAIN}`, name: `Dr. Gastroenterologist ${i} (scale)`, specialty: 'gastroenterology' });
  for (const s of staff) {
    await sql.unsafe(
      `insert into users (id, email, name, password_hash, role, specialty) values (${staffId(`'${s.key}'`)}, $1, $2, $3, 'clinician', $4::specialty)`,
      [s.email, s.name, passwordHash, s.specialty],
    );
  }
  const [admin] = await sql<{ id: string }[]>`select id from users where role = 'admin' order by created_at limit 1`;
  log(`  ${staff.length} clinicians (bench login: ${SCALE_BENCH_EMAIL})`);

  // Payload templates: the demo clinic's current clinician-entered results, numbered.
  await sql.unsafe(`
    create temp table scale_result_templates on commit preserve rows as
    select (row_number() over (order by id) - 1)::int as idx, kind, title, summary, flag, criteria_set, loinc_code, instrument, value, data, interpretation
    from results where is_current and coalesce(data->>'reportedBy', '') <> 'patient'`);

  const lead = `case when g % ${BUSY_DERM_EVERY} = 0 then ${staffId(`'derm-0'`)} else ${staffId(`'derm-' || (1 + g % ${SCALE_DERMATOLOGISTS - 1})`)} end`;
  const nutr = staffId(`'nutr-' || (g % ${SCALE_NUTRITIONISTS})`);
  const gi = staffId(`'gi-' || (g % ${SCALE_GASTROENTEROLOGISTS})`);
  // A second dermatologist, never the lead: the offset 1 + g % 57 is never a multiple of 59.
  const extraDerm = staffId(`'derm-' || (1 + ((g % ${SCALE_DERMATOLOGISTS - 1}) + 1 + g % 57) % ${SCALE_DERMATOLOGISTS - 1})`);
  const anchor = `timestamptz '2026-11-15 17:00:00+00'`;
  // Every skin condition in every caseload (the busy dermatologist's patients are all multiples of 50).
  const skin = `(g + g / ${BUSY_DERM_EVERY}) % ${SKIN_CODES.length}`;

  const totals = { patients: 0, conditions: 0, careTeamMembers: 0, results: 0, notes: 0, interventions: 0 };
  const rowsOf = (r: { count: number }) => r.count;
  for (let from = 1; from <= options.patients; from += options.chunk) {
    const to = Math.min(options.patients, from + options.chunk - 1);
    const chunkStarted = Date.now();
    let rows = 0;
    await sql.begin(async (tx) => {
      const range = `generate_series(${from}, ${to}) as g`;
      const r1 = await tx.unsafe(`
        insert into patients (id, mrn, given_name, family_name, date_of_birth, sex, email, phone, address_line, created_at, last_activity_at)
        select ${patientId('g')}, 'SX-' || lpad(g::text, 7, '0'),
          (${sqlTextArray(GIVEN)})[1 + (g * 7) % ${GIVEN.length}],
          (${sqlTextArray(FAMILY)})[1 + (g * 13 + g / ${GIVEN.length}) % ${FAMILY.length}],
          date '1940-01-01' + ((g * 7919) % 24800),
          case when g % 5 in (0, 2, 4) then 'female' else 'male' end::administrative_sex,
          'patient' || g || '@example.com',
          '+1 555 ' || lpad(((g * 31) % 10000)::text, 4, '0'),
          (2 + g % 240) || ' ' || (${sqlTextArray(STREETS)})[1 + g % ${STREETS.length}] || ', Springfield',
          ${anchor} - interval '4 years' + make_interval(days => (g * 17) % 365),
          ${anchor} - make_interval(hours => (g * 7907) % 8760)
        from ${range}`);
      const r2 = await tx.unsafe(`
        insert into conditions (patient_id, code_system, code, display, onset_date, clinical_status)
        select ${patientId('g')}, 'http://hl7.org/fhir/sid/icd-10-cm', c.code, c.display, date '2026-01-01' - ((g * 37) % 3000), 'active'
        from ${range}
        cross join lateral (
          select (${sqlTextArray(SKIN_CODES.map((c) => c[0]))})[1 + ${skin}] as code, (${sqlTextArray(SKIN_CODES.map((c) => c[1]))})[1 + ${skin}] as display
          union all
          select (${sqlTextArray(GUT_CODES.map((c) => c[0]))})[1 + g % 3], (${sqlTextArray(GUT_CODES.map((c) => c[1]))})[1 + g % 3] where g % 3 < 2
        ) c`);
      const r3 = await tx.unsafe(`
        insert into care_team_members (patient_id, user_id, role, added_by, added_at)
        select ${patientId('g')}, m.user_id, m.role::care_team_role, $1::uuid, ${anchor} - interval '3 years'
        from ${range}
        cross join lateral (
          select ${lead} as user_id, 'lead' as role
          union all select ${nutr}, 'member'
          union all select ${gi}, 'member' where g % 3 = 0
          union all select ${extraDerm}, 'member' where g % 7 = 0
        ) m`, [admin?.id ?? null]);
      // 10–30 results a patient (20 on average), alternately entered by the lead and the nutritionist,
      // spread over the last three years.
      const r4 = await tx.unsafe(`
        insert into results (patient_id, kind, series_id, version, is_current, effective_date, title, summary, flag, criteria_set, loinc_code, instrument, value, data, interpretation, entered_by, entered_at)
        select ${patientId('g')}, t.kind, gen_random_uuid(), 1, true, (e.at at time zone 'UTC')::date, t.title, t.summary, t.flag, t.criteria_set, t.loinc_code, t.instrument, t.value, t.data, t.interpretation,
          case when k % 2 = 0 then ${lead} else ${nutr} end, e.at
        from ${range}
        cross join lateral generate_series(1, 10 + (g * 37) % 21) as k
        cross join lateral (select ${anchor} - make_interval(days => (g * 31 + k * 53) % 1095, mins => (g + k * 97) % 600) as at) e
        join scale_result_templates t on t.idx = (g * 101 + k * 7) % ${templates}`);
      // 2–8 notes a patient (5 on average), mostly signed; a few drafts and a few shared with the patient.
      const r5 = await tx.unsafe(`
        insert into clinical_notes (series_id, version, is_current, patient_id, author_id, body, visibility, status, created_at, signed_at)
        select gen_random_uuid(), 1, true, ${patientId('g')}, case when k % 2 = 0 then ${lead} else ${nutr} end,
          (${sqlTextArray(NOTE_BODIES)})[1 + (g + k) % ${NOTE_BODIES.length}],
          case when (g + k) % 11 = 0 then 'patient' else 'care_team' end::note_visibility,
          case when k = 1 and g % 10 = 0 then 'draft' else 'signed' end::note_status,
          n.at, case when k = 1 and g % 10 = 0 then null else n.at + interval '20 minutes' end
        from ${range}
        cross join lateral generate_series(1, 2 + (g * 13) % 7) as k
        cross join lateral (select ${anchor} - make_interval(days => (g * 29 + k * 71) % 1095) as at) n`);
      // 1–2 care-plan interventions a patient (kinds in turn), accepted by the lead, started over the last
      // three years; the older ones completed. What the clinic outcomes question starts from.
      const r6 = await tx.unsafe(`
        insert into care_plan_interventions (patient_id, kind, title, details, owner_specialty, owner_user_id, status, start_date, end_date, proposed_by, proposed_at, accepted_by, accepted_at, updated_by, updated_at, version)
        select ${patientId('g')}, (array['medication', 'diet', 'topical', 'probiotic']::intervention_kind[])[1 + (g + k) % 4], 'Scale intervention ' || k, '{}'::jsonb,
          'dermatology', ${lead}, case when s.start < date '2026-06-01' then 'completed' else 'active' end::intervention_status,
          s.start, case when s.start < date '2026-06-01' then s.start + 90 end,
          ${lead}, s.start - 2, ${lead}, s.start - 1, ${lead}, s.start - 1, 2
        from ${range}
        cross join lateral generate_series(1, 1 + g % 2) as k
        cross join lateral (select date '2026-11-15' - ((g * 43 + k * 211) % 1095) as start) s`);
      // The lead has reviewed colleagues' results older than 60 days; newer ones make the "To review" counts.
      await tx.unsafe(`
        insert into result_reviews (result_id, user_id, reviewed_at)
        select r.id, m.user_id, r.entered_at + interval '2 days'
        from results r
        join care_team_members m on m.patient_id = r.patient_id and m.removed_at is null and m.role = 'lead' and m.user_id <> r.entered_by
        where r.patient_id in (select ${patientId('g')} from ${range}) and r.entered_at < ${anchor} - interval '60 days'`);
      await tx.unsafe(`
        update patients p set last_activity_at = greatest(p.last_activity_at, x.at)
        from (select patient_id, max(entered_at) as at from results where patient_id in (select ${patientId('g')} from ${range}) group by patient_id) x
        where x.patient_id = p.id`);
      totals.patients += rowsOf(r1);
      totals.conditions += rowsOf(r2);
      totals.careTeamMembers += rowsOf(r3);
      totals.results += rowsOf(r4);
      totals.notes += rowsOf(r5);
      totals.interventions += rowsOf(r6);
      rows = rowsOf(r1) + rowsOf(r2) + rowsOf(r3) + rowsOf(r4) + rowsOf(r5) + rowsOf(r6);
    });
    const seconds = (Date.now() - chunkStarted) / 1000;
    const elapsed = (Date.now() - started) / 1000;
    log(
      `  patients ${to.toLocaleString('en')}/${options.patients.toLocaleString('en')}: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s ` +
        `(${Math.round(rows / seconds).toLocaleString('en')} rows/s; ${elapsed.toFixed(0)} s elapsed)`,
    );
  }
  // VACUUM sets the visibility map, without which PostgreSQL cannot answer from an index alone.
  log('  vacuuming and analyzing…');
  await sql.unsafe('vacuum (analyze) patients, conditions, care_team_members, results, result_reviews, clinical_notes, care_plan_interventions, users');
  return { ...totals, seconds: (Date.now() - started) / 1000 };
}
