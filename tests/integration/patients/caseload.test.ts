import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, careTeamMembers, conditions, patients } from '../../../db/schema';
import { ForbiddenError } from '../../../lib/platform/errors';
import type { ConditionClinicalStatus } from '../../../db/schema/enums';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { ICD10CM_SYSTEM } from '../../../lib/clinical/conditions/catalog';
import { ageInYears, CASELOAD_SORTS, caseloadQuerySchema, DEFAULT_CASELOAD_QUERY, type CaseloadQuery } from '../../../lib/patients/caseload-query';
import { getPatientRecord, listCaseload } from '../../../lib/patients/queries';
import { actorOf, addToTeam, makePatient, makeUser } from '../fixtures';

// One caseload for the whole file: Dr Main leads 24 patients with distinct names, birth dates, MRNs
// and last-activity times, so every sort order has exactly one right answer. Names are plain ASCII
// with distinct leading letters (except the two Chens), so the order does not depend on the
// database's collation (PGlite and a C.UTF-8 or en_US PostgreSQL all agree).

interface Spec {
  given: string;
  family: string;
  codes?: { code: string; display: string; status?: ConditionClinicalStatus }[];
  /** Other specialties on the team besides Dr Main (dermatology). */
  team?: ('nutrition' | 'gastroenterology')[];
}

const SPECS: Spec[] = [
  { given: 'Amara', family: 'Okonkwo', codes: [{ code: 'L20.9', display: 'Atopic dermatitis, unspecified' }, { code: 'K63.8211', display: 'Small intestinal bacterial overgrowth, hydrogen-subtype' }], team: ['nutrition'] },
  { given: 'Peter', family: 'Adams', codes: [{ code: 'L70.0', display: 'Acne vulgaris' }] },
  { given: 'Rita', family: 'Baker', codes: [{ code: 'L20.9', display: 'Atopic dermatitis, unspecified', status: 'resolved' }], team: ['gastroenterology'] },
  { given: 'Li', family: 'Chen', codes: [{ code: 'L71.9', display: 'Rosacea, unspecified' }], team: ['nutrition'] },
  { given: 'Mei', family: 'Chen', codes: [{ code: 'K63.8219', display: 'Small intestinal bacterial overgrowth, unspecified' }] },
  { given: 'Hugo', family: 'Diaz', codes: [{ code: 'K63.89', display: 'Other specified diseases of intestine' }] },
  { given: 'Ella', family: 'Evans', team: ['nutrition', 'gastroenterology'] },
  { given: 'Sam', family: 'Fifty%Off' },
  { given: 'Tess', family: 'Gomez', codes: [{ code: 'B96.81', display: 'Helicobacter pylori as the cause of diseases classified elsewhere' }] },
  { given: 'Omar', family: 'Haddad' },
  { given: 'Yuki', family: 'Ito' },
  { given: 'Nils', family: 'Jensen', team: ['nutrition'] },
  { given: 'Ola', family: 'Kowalski' },
  { given: 'Ana', family: 'Lopez' },
  { given: 'Luc', family: 'Moreau' },
  { given: 'Eva', family: 'Novak' },
  { given: 'Ravi', family: 'Patel' },
  { given: 'Iris', family: 'Quinn' },
  { given: 'Gina', family: 'Rossi' },
  { given: 'Joao', family: 'Silva' },
  { given: 'Ken', family: 'Tanaka' },
  { given: 'Una', family: 'Under_score' },
  { given: 'Zoe', family: 'Varga' },
  { given: 'Finn', family: 'Walsh' },
];

type PatientRow = typeof patients.$inferSelect;

let main: Actor;
let mainUserId: string;
let outsider: Actor;
let nutritionist: { id: string; name: string };
const mine: PatientRow[] = [];
let notMine: PatientRow[] = [];
const BASE = Date.parse('2030-01-01T00:00:00.000Z');

/** Built through the same schema that parses the page's search params (it trims the search, for one). */
function query(overrides: Partial<CaseloadQuery> = {}): CaseloadQuery {
  return caseloadQuerySchema.parse({ ...DEFAULT_CASELOAD_QUERY, size: 50, ...overrides });
}

async function listAll(overrides: Partial<CaseloadQuery> = {}) {
  return listCaseload(main, query(overrides));
}

const namesOf = (rows: { givenName: string; familyName: string }[]) => rows.map((r) => `${r.givenName} ${r.familyName}`);

beforeAll(async () => {
  const derm = await makeUser('clinician', { specialty: 'dermatology', name: 'Dr Main' });
  mainUserId = derm.id;
  main = actorOf(derm);
  const nutr = await makeUser('clinician', { specialty: 'nutrition', name: 'Nora Nutrition' });
  nutritionist = { id: nutr.id, name: nutr.name };
  const gastro = await makeUser('clinician', { specialty: 'gastroenterology', name: 'Gus Gastro' });
  const other = await makeUser('clinician', { specialty: 'dermatology', name: 'Dr Other' });
  outsider = actorOf(other);

  for (const [i, s] of SPECS.entries()) {
    // Scrambled so no two orders coincide: birth year, MRN and activity are each a different permutation.
    const p = await makePatient({
      givenName: s.given,
      familyName: s.family,
      mrn: `CL-${String(((i * 7) % 24) * 37 + 100).padStart(4, '0')}`,
      dateOfBirth: `${1940 + ((i * 5) % 24) * 3}-0${(i % 9) + 1}-1${i % 10}`,
      lastActivityAt: new Date(BASE - ((i * 11) % 24) * 3_600_000),
      email: `${s.given.toLowerCase()}@example.com`,
      phone: `+1 555 01${String(i).padStart(2, '0')}`,
      addressLine: `${i + 1} Test Street`,
    });
    mine.push(p);
    await addToTeam(p.id, derm.id, 'lead');
    for (const specialty of s.team ?? []) await addToTeam(p.id, specialty === 'nutrition' ? nutr.id : gastro.id);
    for (const c of s.codes ?? []) {
      await getDb().insert(conditions).values({ patientId: p.id, codeSystem: ICD10CM_SYSTEM, code: c.code, display: c.display, clinicalStatus: c.status ?? 'active', onsetDate: '2024-02-03' });
    }
  }

  // Patients Dr Main must never see: another clinician's, and one Dr Main was removed from.
  const hidden = await makePatient({ givenName: 'Amara', familyName: 'Hidden', mrn: 'CL-9999' });
  await addToTeam(hidden.id, other.id, 'lead');
  const formerlyMine = await makePatient({ givenName: 'Amara', familyName: 'Former', mrn: 'CL-9998' });
  await addToTeam(formerlyMine.id, other.id, 'lead');
  await getDb().insert(careTeamMembers).values({ patientId: formerlyMine.id, userId: derm.id, role: 'member', removedAt: new Date(), removedBy: derm.id });
  notMine = [hidden, formerlyMine];

  // Baker had a nutritionist who has since been removed, so Baker must not match ?specialty=nutrition.
  const baker = mine.find((p) => p.familyName === 'Baker');
  if (!baker) throw new Error('no Baker');
  await getDb().insert(careTeamMembers).values({ patientId: baker.id, userId: nutr.id, role: 'member', removedAt: new Date(), removedBy: derm.id });
});

describe('listCaseload: who is listed', () => {
  it('lists exactly the patients whose current care team includes the clinician', async () => {
    const page = await listAll();
    expect(page.total).toBe(SPECS.length);
    expect(page.rows.map((r) => r.id).sort()).toEqual(mine.map((p) => p.id).sort());
    for (const p of notMine) expect(page.rows.map((r) => r.id)).not.toContain(p.id);

    const theirs = await listCaseload(outsider, query());
    expect(theirs.rows.map((r) => r.id).sort()).toEqual([notMine[0]?.id, notMine[1]?.id].sort());
  });

  it('shows each row’s demographics, conditions and care team', async () => {
    const page = await listAll({ q: 'Okonkwo' });
    const amara = mine[0];
    // toMatchObject: the row may grow columns (e.g. results awaiting review); these must be right.
    expect(page.rows).toMatchObject([
      {
        id: amara?.id,
        mrn: amara?.mrn,
        givenName: 'Amara',
        familyName: 'Okonkwo',
        age: ageInYears(amara?.dateOfBirth ?? ''),
        sex: 'female',
        conditions: [
          { code: 'K63.8211', display: 'Small intestinal bacterial overgrowth, hydrogen-subtype' },
          { code: 'L20.9', display: 'Atopic dermatitis, unspecified' },
        ],
        careTeam: [
          { name: 'Dr Main', specialty: 'dermatology', role: 'lead' },
          { name: 'Nora Nutrition', specialty: 'nutrition', role: 'member' },
        ],
        lastActivityAt: amara?.lastActivityAt.toISOString(),
      },
    ]);
  });
});

describe('listCaseload: search', () => {
  it.each([
    ['okonkwo', ['Amara Okonkwo']],
    ['OKONK', ['Amara Okonkwo']],
    ['konk', ['Amara Okonkwo']],
    ['amara', ['Amara Okonkwo']], // not Hidden or Former: they are not on Dr Main's team
    ['Amara Okon', ['Amara Okonkwo']],
    ['okonkwo, am', ['Amara Okonkwo']],
    ['chen', ['Li Chen', 'Mei Chen']],
    ['  mei  ', ['Mei Chen']],
    ['nobody-by-this-name', []],
  ])('by name: %j', async (q, expected) => {
    const page = await listAll({ q, sort: 'name', dir: 'asc' });
    expect(namesOf(page.rows)).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it('by MRN, whole or as a prefix, in any case', async () => {
    const target = mine[5];
    if (!target) throw new Error('no patient');
    expect((await listAll({ q: target.mrn })).rows.map((r) => r.id)).toEqual([target.id]);
    expect((await listAll({ q: target.mrn.toLowerCase() })).rows.map((r) => r.id)).toEqual([target.id]);
    const prefix = target.mrn.slice(0, 5); // e.g. "CL-02"
    const expected = mine.filter((p) => p.mrn.startsWith(prefix)).map((p) => p.id).sort();
    expect(expected.length).toBeGreaterThanOrEqual(1);
    expect((await listAll({ q: prefix.toLowerCase() })).rows.map((r) => r.id).sort()).toEqual(expected);
    // Another clinician's patient is not found by MRN either.
    expect((await listAll({ q: 'CL-9999' })).rows).toEqual([]);
  });

  it('treats LIKE wildcards as literal characters', async () => {
    expect(namesOf((await listAll({ q: '%' })).rows)).toEqual(['Sam Fifty%Off']);
    expect(namesOf((await listAll({ q: '_' })).rows)).toEqual(['Una Under_score']);
    expect(namesOf((await listAll({ q: 'y%o' })).rows)).toEqual(['Sam Fifty%Off']);
    // Unescaped, "o_s" and "o%i" would both match "Rossi"; taken literally they match nothing.
    expect((await listAll({ q: 'o_s' })).rows).toEqual([]);
    expect((await listAll({ q: 'o%i' })).rows).toEqual([]);
    expect((await listAll({ q: '\\' })).rows).toEqual([]);
    expect((await listAll({ q: '%%' })).total).toBe(0);
  });
});

describe('listCaseload: filters', () => {
  it.each([
    ['atopic-dermatitis', ['Amara Okonkwo', 'Rita Baker']], // a resolved condition still counts
    ['sibo', ['Amara Okonkwo', 'Mei Chen']], // K63.89 is not SIBO
    ['rosacea', ['Li Chen']],
    ['acne', ['Peter Adams']],
    ['h-pylori', ['Tess Gomez']],
    ['psoriasis', []],
  ])('by condition group %s', async (condition, expected) => {
    const page = await listAll({ condition, sort: 'name', dir: 'asc' });
    expect(namesOf(page.rows).sort()).toEqual([...expected].sort());
    expect(page.total).toBe(expected.length);
  });

  it.each([
    ['nutrition', ['Amara Okonkwo', 'Li Chen', 'Ella Evans', 'Nils Jensen']], // not Baker: that nutritionist was removed
    ['gastroenterology', ['Rita Baker', 'Ella Evans']],
    ['dermatology', SPECS.map((s) => `${s.given} ${s.family}`)],
    ['other', []],
  ] as const)('by specialty on the team: %s', async (specialty, expected) => {
    const page = await listAll({ specialty, sort: 'name', dir: 'asc' });
    expect(namesOf(page.rows).sort()).toEqual([...expected].sort());
  });

  it('combines search, condition and specialty', async () => {
    expect(namesOf((await listAll({ q: 'chen', condition: 'rosacea', specialty: 'nutrition' })).rows)).toEqual(['Li Chen']);
    expect((await listAll({ q: 'chen', condition: 'sibo', specialty: 'nutrition' })).rows).toEqual([]);
  });
});

describe('listCaseload: sorting', () => {
  // Sorting by results to review has its own file (caseload-review.test.ts): here nobody has any.
  const expectedOrder: Record<Exclude<(typeof CASELOAD_SORTS)[number], 'awaitingReview'>, (a: PatientRow, b: PatientRow) => number> = {
    name: (a, b) => (a.familyName === b.familyName ? (a.givenName < b.givenName ? -1 : 1) : a.familyName < b.familyName ? -1 : 1),
    // Ascending age: youngest first, i.e. latest birth date first.
    age: (a, b) => (a.dateOfBirth < b.dateOfBirth ? 1 : -1),
    lastActivity: (a, b) => a.lastActivityAt.getTime() - b.lastActivityAt.getTime(),
    mrn: (a, b) => (a.mrn < b.mrn ? -1 : 1),
  };

  it('has distinct values in every sort column, so each order is unambiguous', () => {
    for (const key of ['mrn', 'dateOfBirth'] as const) expect(new Set(mine.map((p) => p[key])).size).toBe(mine.length);
    expect(new Set(mine.map((p) => p.lastActivityAt.getTime())).size).toBe(mine.length);
  });

  const orderedSorts = CASELOAD_SORTS.filter((s): s is keyof typeof expectedOrder => s !== 'awaitingReview');
  it.each(orderedSorts.flatMap((sort) => (['asc', 'desc'] as const).map((dir) => [sort, dir] as const)))('by %s %s', async (sort, dir) => {
    const page = await listAll({ sort, dir });
    const asc = [...mine].sort(expectedOrder[sort]).map((p) => p.id);
    expect(page.rows.map((r) => r.id)).toEqual(dir === 'asc' ? asc : [...asc].reverse());

    // And the visible values agree with the order.
    const ages = page.rows.map((r) => r.age);
    if (sort === 'age') expect(ages).toEqual([...ages].sort((a, b) => (dir === 'asc' ? a - b : b - a)));
    const activity = page.rows.map((r) => Date.parse(r.lastActivityAt));
    if (sort === 'lastActivity') expect(activity).toEqual([...activity].sort((a, b) => (dir === 'asc' ? a - b : b - a)));
  });

  it('defaults to most recent activity first', async () => {
    const page = await listCaseload(main, { ...DEFAULT_CASELOAD_QUERY, size: 50 });
    const times = page.rows.map((r) => Date.parse(r.lastActivityAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});

describe('listCaseload: pagination', () => {
  it('splits the caseload into pages with totals, and clamps a page beyond the end to the last', async () => {
    const all = (await listAll({ sort: 'mrn', dir: 'asc' })).rows.map((r) => r.id);
    const pages = [];
    for (const page of [1, 2, 3]) {
      const result = await listCaseload(main, query({ sort: 'mrn', dir: 'asc', size: 10, page }));
      expect(result).toMatchObject({ total: 24, pageCount: 3, page });
      pages.push(result.rows.map((r) => r.id));
    }
    expect(pages.map((p) => p.length)).toEqual([10, 10, 4]);
    expect(pages.flat()).toEqual(all);

    const beyond = await listCaseload(main, query({ sort: 'mrn', dir: 'asc', size: 10, page: 99 }));
    expect(beyond).toMatchObject({ total: 24, pageCount: 3, page: 3 });
    expect(beyond.rows.map((r) => r.id)).toEqual(pages[2]);

    const twenty = await listCaseload(main, query({ size: 20, page: 2 }));
    expect(twenty).toMatchObject({ total: 24, pageCount: 2, page: 2 });
    expect(twenty.rows).toHaveLength(4);
  });

  it('reports one empty page when nothing matches', async () => {
    const result = await listCaseload(main, query({ q: 'zzz-no-match', page: 5, size: 10 }));
    expect(result).toEqual({ total: 0, pageCount: 1, page: 1, rows: [] });
  });
});

describe('listCaseload: audit', () => {
  it('records one patient.list event per patient shown, and the view itself', async () => {
    // A caseload of its own (13 new patients), leaving Dr Main's teams as the other tests expect.
    const clinician = await makeUser('clinician', { specialty: 'other', name: 'Audit Watcher' });
    for (let i = 0; i < 13; i++) await addToTeam((await makePatient()).id, clinician.id);
    const actor = { ...actorOf(clinician), requestAddress: '192.0.2.77' };

    const page = await listCaseload(actor, query({ size: 10, page: 2, sort: 'name', dir: 'asc' }));
    expect(page.rows).toHaveLength(3);

    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.actorUserId, clinician.id));
    const listed = events.filter((e) => e.action === 'patient.list');
    expect(listed.map((e) => e.patientId).sort()).toEqual(page.rows.map((r) => r.id).sort());
    for (const e of listed) expect(e).toMatchObject({ outcome: 'allowed', entityType: 'patient', actorRole: 'clinician', requestAddress: '192.0.2.77' });
    expect(listed.map((e) => e.entityId).sort()).toEqual(page.rows.map((r) => r.id).sort());

    const views = events.filter((e) => e.action === 'caseload.view');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ outcome: 'allowed', detail: { query: expect.objectContaining({ page: 2, size: 10, sort: 'name', dir: 'asc' }) } });
    expect(events).toHaveLength(4);
  });

  it('records no patient events when the page is empty', async () => {
    const clinician = await makeUser('clinician', { specialty: 'other' });
    await listCaseload(actorOf(clinician), query());
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.actorUserId, clinician.id));
    expect(events.map((e) => e.action)).toEqual(['caseload.view']);
  });
});

describe('getPatientRecord', () => {
  it('returns demographics, coded conditions and the current care team', async () => {
    const amara = mine[0];
    if (!amara) throw new Error('no patient');
    // One extra inactive condition to check ordering: active conditions first, then by code.
    await getDb().insert(conditions).values({ patientId: amara.id, codeSystem: ICD10CM_SYSTEM, code: 'A00.0', display: 'Inactive thing', clinicalStatus: 'inactive' });
    // A removed member is history, not team.
    await getDb().insert(careTeamMembers).values({ patientId: amara.id, userId: (await makeUser('clinician', { name: 'Dr Gone' })).id, removedAt: new Date(), removedBy: mainUserId });

    const record = await getPatientRecord(main, amara.id);
    expect(record).toMatchObject({
      id: amara.id,
      mrn: amara.mrn,
      givenName: 'Amara',
      familyName: 'Okonkwo',
      dateOfBirth: amara.dateOfBirth,
      age: ageInYears(amara.dateOfBirth),
      sex: 'female',
      email: 'amara@example.com',
      phone: '+1 555 0100',
      addressLine: '1 Test Street',
      lastActivityAt: amara.lastActivityAt.toISOString(),
    });
    expect(record.conditions).toMatchObject([
      { id: expect.any(String), codeSystem: ICD10CM_SYSTEM, code: 'K63.8211', display: 'Small intestinal bacterial overgrowth, hydrogen-subtype', onsetDate: '2024-02-03', clinicalStatus: 'active' },
      { id: expect.any(String), codeSystem: ICD10CM_SYSTEM, code: 'L20.9', display: 'Atopic dermatitis, unspecified', onsetDate: '2024-02-03', clinicalStatus: 'active' },
      { id: expect.any(String), codeSystem: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'A00.0', display: 'Inactive thing', onsetDate: null, clinicalStatus: 'inactive' },
    ]);
    const [membership] = await getDb()
      .select()
      .from(careTeamMembers)
      .where(and(eq(careTeamMembers.patientId, amara.id), eq(careTeamMembers.userId, nutritionist.id)));
    expect(record.careTeam).toMatchObject([
      { membershipId: expect.any(String), userId: mainUserId, name: 'Dr Main', specialty: 'dermatology', role: 'lead', addedAt: expect.any(String) },
      { membershipId: membership?.id, userId: nutritionist.id, name: 'Nora Nutrition', specialty: 'nutrition', role: 'member', addedAt: membership?.addedAt.toISOString() },
    ]);
  });

  it('audits the read with actor, patient and address', async () => {
    const patient = await makePatient();
    const reader = await makeUser('clinician', { specialty: 'other' });
    await addToTeam(patient.id, reader.id);
    await getPatientRecord({ ...actorOf(reader), requestAddress: '192.0.2.55' }, patient.id);
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.actorUserId, reader.id));
    expect(events).toEqual([
      expect.objectContaining({ action: 'patient.read', outcome: 'allowed', patientId: patient.id, entityType: 'patient', entityId: patient.id, actorRole: 'clinician', requestAddress: '192.0.2.55' }),
    ]);
  });

  it('lets the care team read, and only the care team', async () => {
    const patient = mine[1];
    if (!patient) throw new Error('no patient');
    await expect(getPatientRecord(main, patient.id)).resolves.toMatchObject({ id: patient.id });
    await expect(getPatientRecord(outsider, patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    const denied = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, outsider.userId), eq(auditEvents.patientId, patient.id), eq(auditEvents.outcome, 'denied')));
    expect(denied).toEqual([expect.objectContaining({ action: 'patient.read', detail: expect.objectContaining({ reason: 'not-on-care-team' }) })]);
  });
});
