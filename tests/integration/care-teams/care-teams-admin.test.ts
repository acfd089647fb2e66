import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, careTeamMembers, patients } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { addCareTeamMember, removeCareTeamMember } from '../../../lib/care-teams/mutations';
import { getCareTeamForAdministration, listPatientsForAdministration } from '../../../lib/care-teams/queries';
import { ForbiddenError } from '../../../lib/platform/errors';
import { actorOf, addCondition, makeClinic, makePatient, makeUser } from '../fixtures';

type Clinic = Awaited<ReturnType<typeof makeClinic>>;

async function activeMemberships(patientId: string) {
  const rows = await getDb().select().from(careTeamMembers).where(eq(careTeamMembers.patientId, patientId));
  return rows.filter((r) => r.removedAt === null);
}

async function membership(patientId: string, userId: string) {
  const rows = await getDb()
    .select()
    .from(careTeamMembers)
    .where(and(eq(careTeamMembers.patientId, patientId), eq(careTeamMembers.userId, userId)));
  return rows;
}

async function events(actor: Actor, action: string) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, action)))
    .orderBy(auditEvents.id);
}

async function lastActivity(patientId: string) {
  const [row] = await getDb().select({ at: patients.lastActivityAt }).from(patients).where(eq(patients.id, patientId));
  return row?.at.getTime() ?? 0;
}

const refusers: [string, (c: Clinic) => Actor][] = [
  ['a clinician on the team', (c) => actorOf(c.dermOnTeam)],
  ['a clinician off the team', (c) => actorOf(c.gastroOffTeam)],
  ['the patient', (c) => actorOf(c.patientUser)],
  ['a deactivated administrator', (c) => actorOf(c.deactivatedAdmin)],
];

describe('addCareTeamMember', () => {
  it('lets an administrator add a clinician, recording who added them, and audits it', async () => {
    const c = await makeClinic();
    const admin = actorOf(c.admin);
    const before = await lastActivity(c.patient.id);
    expect(await addCareTeamMember(admin, { patientId: c.patient.id, userId: c.gastroOffTeam.id, role: 'member' })).toEqual({ ok: true });

    const [row] = await membership(c.patient.id, c.gastroOffTeam.id);
    expect(row).toMatchObject({ role: 'member', addedBy: c.admin.id, removedAt: null, removedBy: null });
    expect(await lastActivity(c.patient.id)).toBeGreaterThanOrEqual(before);

    expect(await events(admin, 'care_team.add')).toEqual([
      expect.objectContaining({ outcome: 'allowed', patientId: c.patient.id, entityType: 'care_team_member', entityId: row?.id, requestAddress: admin.requestAddress, detail: { userId: c.gastroOffTeam.id, role: 'member' } }),
    ]);
  });

  it('adds as lead when asked, and as member by default', async () => {
    const c = await makeClinic();
    expect(await addCareTeamMember(actorOf(c.admin), { patientId: c.otherPatient.id, userId: c.dermOnTeam.id, role: 'lead' })).toEqual({ ok: true });
    expect(await addCareTeamMember(actorOf(c.admin), { patientId: c.otherPatient.id, userId: c.nutritionistOnTeam.id })).toEqual({ ok: true });
    expect((await membership(c.otherPatient.id, c.dermOnTeam.id))[0]?.role).toBe('lead');
    expect((await membership(c.otherPatient.id, c.nutritionistOnTeam.id))[0]?.role).toBe('member');
  });

  it('answers a duplicate membership with a message and leaves one membership', async () => {
    const c = await makeClinic();
    const admin = actorOf(c.admin);
    const result = await addCareTeamMember(admin, { patientId: c.patient.id, userId: c.dermOnTeam.id, role: 'member' });
    expect(result).toEqual({ ok: false, error: `${c.dermOnTeam.name} is already on this care team.` });
    const rows = await membership(c.patient.id, c.dermOnTeam.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.role).toBe('lead'); // unchanged
    expect(await events(admin, 'care_team.add')).toHaveLength(0);
  });

  it('allows a removed clinician to be added back, keeping the old membership as history', async () => {
    const c = await makeClinic();
    const admin = actorOf(c.admin);
    const [old] = await membership(c.patient.id, c.nutritionistOnTeam.id);
    expect((await removeCareTeamMember(admin, { patientId: c.patient.id, membershipId: old?.id })).ok).toBe(true);
    expect(await addCareTeamMember(admin, { patientId: c.patient.id, userId: c.nutritionistOnTeam.id })).toEqual({ ok: true });
    const rows = await membership(c.patient.id, c.nutritionistOnTeam.id);
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.removedAt === null)).toHaveLength(1);
  });

  it.each([
    ['a patient account', (c: Clinic) => c.patientUser.id, 'Only clinicians can join a care team.'],
    ['an administrator', (c: Clinic) => c.admin.id, 'Only clinicians can join a care team.'],
    ['an account that does not exist', () => '7a0c9a51-0000-4000-8000-00000000beef', 'Only clinicians can join a care team.'],
  ])('refuses to add %s', async (_label, userId, message) => {
    const c = await makeClinic();
    const before = await activeMemberships(c.patient.id);
    expect(await addCareTeamMember(actorOf(c.admin), { patientId: c.patient.id, userId: userId(c) })).toEqual({ ok: false, error: message });
    expect(await activeMemberships(c.patient.id)).toHaveLength(before.length);
  });

  it('refuses to add a deactivated clinician, naming them', async () => {
    const c = await makeClinic();
    const inactive = await makeUser('clinician', { specialty: 'gastroenterology', active: false, name: 'Dr Dormant' });
    const result = await addCareTeamMember(actorOf(c.admin), { patientId: c.patient.id, userId: inactive.id });
    expect(result).toEqual({ ok: false, error: 'Dr Dormant’s account is deactivated; reactivate it first.' });
    expect(await membership(c.patient.id, inactive.id)).toHaveLength(0);
  });

  it('answers a malformed request with field errors', async () => {
    const c = await makeClinic();
    const result = await addCareTeamMember(actorOf(c.admin), { patientId: c.patient.id, userId: 'nobody' });
    expect(result).toMatchObject({ ok: false, fieldErrors: { userId: ['Choose a clinician.'] } });
    expect(await addCareTeamMember(actorOf(c.admin), { patientId: c.patient.id, userId: c.gastroOffTeam.id, role: 'boss' })).toMatchObject({ ok: false, fieldErrors: { role: expect.any(Array) } });
  });

  it('refuses a patient that does not exist, and audits it', async () => {
    const c = await makeClinic();
    const admin = actorOf(c.admin);
    const ghost = '7a0c9a51-0000-4000-8000-00000000f00d';
    await expect(addCareTeamMember(admin, { patientId: ghost, userId: c.gastroOffTeam.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await events(admin, 'care_team.add')).toEqual([expect.objectContaining({ outcome: 'denied', patientId: ghost, detail: expect.objectContaining({ reason: 'patient-not-found' }) })]);
  });

  it.each(refusers)('refuses %s and audits the denial', async (_label, who) => {
    const c = await makeClinic();
    const actor = who(c);
    await expect(addCareTeamMember(actor, { patientId: c.patient.id, userId: c.gastroOffTeam.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await membership(c.patient.id, c.gastroOffTeam.id)).toHaveLength(0);
    const denied = await events(actor, 'care_team.add');
    expect(denied).toEqual([
      expect.objectContaining({ outcome: 'denied', patientId: c.patient.id, entityType: 'user', entityId: c.gastroOffTeam.id, requestAddress: actor.requestAddress }),
    ]);
    expect(denied[0]?.detail?.reason).toMatch(/^(admin-only|inactive-account)$/);
  });
});

describe('removeCareTeamMember', () => {
  it('stamps the membership as removed (keeping it as history) and audits it', async () => {
    const c = await makeClinic();
    const admin = actorOf(c.admin);
    const [m] = await membership(c.patient.id, c.nutritionistOnTeam.id);
    expect(await removeCareTeamMember(admin, { patientId: c.patient.id, membershipId: m?.id })).toEqual({ ok: true });

    const [row] = await membership(c.patient.id, c.nutritionistOnTeam.id);
    expect(row).toMatchObject({ id: m?.id, removedBy: c.admin.id });
    expect(row?.removedAt).toBeInstanceOf(Date);
    expect(await events(admin, 'care_team.remove')).toEqual([
      expect.objectContaining({ outcome: 'allowed', patientId: c.patient.id, entityType: 'care_team_member', entityId: m?.id, detail: { userId: c.nutritionistOnTeam.id } }),
    ]);

    // A second removal finds nothing to remove.
    const again = await removeCareTeamMember(admin, { patientId: c.patient.id, membershipId: m?.id });
    expect(again).toEqual({ ok: false, error: expect.stringContaining('no longer on this care team') });
    expect(await events(admin, 'care_team.remove')).toHaveLength(1);
  });

  it('does not remove a membership through another patient’s id', async () => {
    const c = await makeClinic();
    const [m] = await membership(c.patient.id, c.dermOnTeam.id);
    const result = await removeCareTeamMember(actorOf(c.admin), { patientId: c.otherPatient.id, membershipId: m?.id });
    expect(result.ok).toBe(false);
    expect((await membership(c.patient.id, c.dermOnTeam.id))[0]?.removedAt).toBeNull();
  });

  it('answers a malformed request with a message', async () => {
    const c = await makeClinic();
    expect(await removeCareTeamMember(actorOf(c.admin), { patientId: c.patient.id, membershipId: 'x' })).toMatchObject({ ok: false, error: expect.any(String) });
  });

  it.each(refusers)('refuses %s and audits the denial', async (_label, who) => {
    const c = await makeClinic();
    const actor = who(c);
    const [m] = await membership(c.patient.id, c.nutritionistOnTeam.id);
    await expect(removeCareTeamMember(actor, { patientId: c.patient.id, membershipId: m?.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await membership(c.patient.id, c.nutritionistOnTeam.id))[0]?.removedAt).toBeNull();
    expect(await events(actor, 'care_team.remove')).toEqual([
      expect.objectContaining({ outcome: 'denied', patientId: c.patient.id, entityType: 'care_team_member', entityId: m?.id }),
    ]);
  });
});

// Codes and displays of the conditions makeClinic() records, none of which an administrator may see.
const CLINICAL_STRINGS = ['L20.9', 'K63.8211', 'Atopic dermatitis', 'bacterial overgrowth', 'icd-10', 'conditions', '1980-05-17'];

describe('administration views carry no clinical data', () => {
  it('listPatientsForAdministration: names, MRNs and team sizes only, and each row is audited', async () => {
    const c = await makeClinic();
    const admin = { ...actorOf(c.admin), requestAddress: '192.0.2.150' };
    // Every makeClinic() patient is an Okonkwo; the MRN is unique.
    const result = await listPatientsForAdministration(admin, { q: c.patient.mrn });
    expect(result).toMatchObject({ total: 1, page: 1, pageCount: 1 });
    // Three active memberships (one of them a deactivated clinician, still listed on the team).
    expect(result.rows).toEqual([{ id: c.patient.id, mrn: c.patient.mrn, name: `${c.patient.familyName}, ${c.patient.givenName}`, teamSize: 3 }]);
    const text = JSON.stringify(result);
    for (const s of CLINICAL_STRINGS) expect(text).not.toContain(s);

    expect(await events(admin, 'care_team.patient_list')).toEqual([
      expect.objectContaining({ outcome: 'allowed', patientId: c.patient.id, entityType: 'patient', entityId: c.patient.id, requestAddress: '192.0.2.150' }),
    ]);
  });

  it('listPatientsForAdministration: searches by name and MRN, pages by 25', async () => {
    const c = await makeClinic();
    const admin = actorOf(c.admin);
    const byMrn = await listPatientsForAdministration(admin, { q: c.otherPatient.mrn.toLowerCase() });
    expect(byMrn.rows.map((r) => r.id)).toEqual([c.otherPatient.id]);
    expect((await listPatientsForAdministration(admin, { q: '%' })).rows).toEqual([]);

    const all = await listPatientsForAdministration(admin, {});
    expect(all.rows.length).toBe(Math.min(all.total, 25));
    expect(all.pageCount).toBe(Math.max(1, Math.ceil(all.total / 25)));
    for (const row of all.rows) expect(Object.keys(row).sort()).toEqual(['id', 'mrn', 'name', 'teamSize']);
    const beyond = await listPatientsForAdministration(admin, { page: 10_000 });
    expect(beyond.page).toBe(all.pageCount);
  });

  it('getCareTeamForAdministration: the patient’s name and MRN, the team, and candidates; no conditions', async () => {
    const c = await makeClinic();
    await addCondition(c.patient.id, 'L40.0', 'Psoriasis vulgaris');
    const admin = actorOf(c.admin);
    const view = await getCareTeamForAdministration(admin, c.patient.id);

    expect(view.patient).toEqual({ id: c.patient.id, mrn: c.patient.mrn, name: `${c.patient.familyName}, ${c.patient.givenName}` });
    expect(Object.keys(view).sort()).toEqual(['candidates', 'members', 'patient']);
    expect(view.members.map((m) => m.userId).sort()).toEqual([c.dermOnTeam.id, c.nutritionistOnTeam.id, c.deactivatedClinician.id].sort());
    expect(view.members.find((m) => m.userId === c.dermOnTeam.id)).toMatchObject({ role: 'lead', specialty: 'dermatology', name: c.dermOnTeam.name });

    // Candidates: active clinicians not on the team. Never patients, administrators or inactive clinicians.
    const candidateIds = view.candidates.map((x) => x.id);
    expect(candidateIds).toEqual(expect.arrayContaining([c.dermOffTeam.id, c.gastroOffTeam.id]));
    for (const id of [c.dermOnTeam.id, c.nutritionistOnTeam.id, c.deactivatedClinician.id, c.patientUser.id, c.admin.id]) expect(candidateIds).not.toContain(id);

    const text = JSON.stringify(view);
    for (const s of [...CLINICAL_STRINGS, 'L40.0', 'Psoriasis']) expect(text).not.toContain(s);

    expect(await events(admin, 'care_team.read')).toEqual([expect.objectContaining({ outcome: 'allowed', patientId: c.patient.id })]);
  });

  it.each(refusers)('getCareTeamForAdministration refuses %s and audits it', async (_label, who) => {
    const c = await makeClinic();
    const actor = who(c);
    await expect(getCareTeamForAdministration(actor, c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await events(actor, 'care_team.read')).toEqual([expect.objectContaining({ outcome: 'denied', patientId: c.patient.id })]);
  });

  it('listPatientsForAdministration refuses clinicians and patients, and audits it', async () => {
    const c = await makeClinic();
    for (const actor of [actorOf(c.dermOnTeam), actorOf(c.patientUser)]) {
      await expect(listPatientsForAdministration(actor, {})).rejects.toBeInstanceOf(ForbiddenError);
      expect(await events(actor, 'care_team.patient_list')).toEqual([expect.objectContaining({ outcome: 'denied' })]);
    }
  });

  it('an unrelated patient keeps its own team', async () => {
    const c = await makeClinic();
    const lone = await makePatient();
    expect((await getCareTeamForAdministration(actorOf(c.admin), lone.id)).members).toEqual([]);
  });
});
