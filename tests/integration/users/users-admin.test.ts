import argon2 from 'argon2';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, users } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { authenticate } from '../../../lib/platform/auth/credentials';
import { ForbiddenError } from '../../../lib/platform/errors';
import { createUser, setUserActive } from '../../../lib/users/mutations';
import { listUsers } from '../../../lib/users/queries';
import { actorOf, makePatient, makeUser } from '../fixtures';

const PASSWORD = 'a long enough passphrase';
let admin: Actor;
let clinician: Actor;
let patientActor: Actor;
let emailCounter = 0;
const newEmail = (prefix = 'new') => `${prefix}.${++emailCounter}.${Date.now().toString(36)}@axis.test`;

beforeAll(async () => {
  admin = actorOf(await makeUser('admin', { name: 'Ada Admin' }));
  clinician = actorOf(await makeUser('clinician', { specialty: 'dermatology' }));
  patientActor = actorOf(await makeUser('patient', { patientId: (await makePatient()).id }));
});

async function userCount() {
  const [row] = await getDb().select({ n: count() }).from(users);
  return row?.n ?? 0;
}

async function userByEmail(email: string) {
  const [row] = await getDb().select().from(users).where(eq(users.email, email));
  return row;
}

async function denials(actor: Actor, action: string) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, action), eq(auditEvents.outcome, 'denied')));
}

describe('createUser', () => {
  it('creates a clinician with a normalised email and an argon2id hash of the password', async () => {
    const email = newEmail('Clin');
    const result = await createUser(admin, { name: '  Dr Nova Reyes ', email: `  ${email.toUpperCase()}  `, role: 'clinician', specialty: 'nutrition', password: PASSWORD });
    expect(result).toEqual({ ok: true, data: { userId: expect.any(String) } });
    if (!result.ok) throw new Error('unreachable');

    const row = await userByEmail(email.toLowerCase());
    expect(row).toMatchObject({ id: result.data.userId, name: 'Dr Nova Reyes', role: 'clinician', specialty: 'nutrition', patientId: null, active: true, deactivatedAt: null });
    // Hashed with argon2id, never stored as typed.
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$(?=[^$]*m=\d+)(?=[^$]*t=\d+)(?=[^$]*p=\d+)[mtp=\d,]+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(row?.passwordHash).not.toContain(PASSWORD);
    expect(await argon2.verify(row?.passwordHash ?? '', PASSWORD)).toBe(true);
    expect(await argon2.verify(row?.passwordHash ?? '', `${PASSWORD}x`)).toBe(false);

    // The new account can sign in.
    const signIn = await authenticate(getDb(), { email, password: PASSWORD }, { address: '192.0.2.200', userAgent: null }, new Date());
    expect(signIn).toMatchObject({ ok: true, user: { id: result.data.userId, role: 'clinician' } });

    const [event] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'user.create'), eq(auditEvents.entityId, result.data.userId)));
    expect(event).toMatchObject({ outcome: 'allowed', actorUserId: admin.userId, actorRole: 'admin', entityType: 'user', requestAddress: admin.requestAddress, detail: { role: 'clinician' } });
  });

  it('salts every hash: the same password twice gives two different hashes', async () => {
    const a = newEmail();
    const b = newEmail();
    await createUser(admin, { name: 'Twin One', email: a, role: 'admin', password: PASSWORD });
    await createUser(admin, { name: 'Twin Two', email: b, role: 'admin', password: PASSWORD });
    const [rowA, rowB] = [await userByEmail(a), await userByEmail(b)];
    expect(rowA?.passwordHash).toBeDefined();
    expect(rowA?.passwordHash).not.toBe(rowB?.passwordHash);
  });

  it('stores no specialty for an administrator even when one is sent', async () => {
    const email = newEmail();
    expect((await createUser(admin, { name: 'Admin Two', email, role: 'admin', specialty: 'dermatology', password: PASSWORD })).ok).toBe(true);
    expect((await userByEmail(email))?.specialty).toBeNull();
  });

  it('links a portal account to the patient by MRN, one account per patient', async () => {
    const patient = await makePatient();
    const email = newEmail('portal');
    const result = await createUser(admin, { name: 'Pat Portal', email, role: 'patient', patientMrn: ` ${patient.mrn.toLowerCase()} `, password: PASSWORD });
    expect(result.ok).toBe(true);
    expect(await userByEmail(email)).toMatchObject({ role: 'patient', patientId: patient.id, specialty: null });

    const second = await createUser(admin, { name: 'Pat Again', email: newEmail('portal'), role: 'patient', patientMrn: patient.mrn, password: PASSWORD });
    expect(second).toEqual({ ok: false, error: expect.any(String), fieldErrors: { patientMrn: ['This patient already has a portal account.'] } });

    const unknown = await createUser(admin, { name: 'Pat Nobody', email: newEmail('portal'), role: 'patient', patientMrn: 'NO-SUCH-MRN', password: PASSWORD });
    expect(unknown).toEqual({ ok: false, error: expect.any(String), fieldErrors: { patientMrn: ['No patient has this MRN.'] } });
  });

  it('returns validation errors as values, field by field, and creates nothing', async () => {
    const before = await userCount();

    const empty = await createUser(admin, {});
    expect(empty.ok).toBe(false);
    if (empty.ok) throw new Error('unreachable');
    expect(empty.error).toBe('Please correct the highlighted fields.');
    expect(Object.keys(empty.fieldErrors ?? {}).sort()).toEqual(['email', 'name', 'password', 'role']);

    const bad = await createUser(admin, { name: 'X', email: 'not-an-email', role: 'wizard', password: 'short' });
    if (bad.ok) throw new Error('expected a refusal');
    expect(bad.fieldErrors).toMatchObject({
      name: ['Enter the person’s full name.'],
      email: ['Enter a valid email address.'],
      role: ['Choose a role.'],
      password: ['Use at least 12 characters.'],
    });

    const tooLong = await createUser(admin, { name: 'Long Password', email: newEmail(), role: 'admin', password: 'x'.repeat(257) });
    if (tooLong.ok) throw new Error('expected a refusal');
    expect(tooLong.fieldErrors).toEqual({ password: ['Use at most 256 characters.'] });

    // Not an object at all.
    expect(await createUser(admin, null)).toMatchObject({ ok: false, error: 'Please correct the highlighted fields.' });

    expect(await userCount()).toBe(before);
  });

  it('requires a specialty for a clinician and an MRN for a patient', async () => {
    const before = await userCount();
    const noSpecialty = await createUser(admin, { name: 'Dr No Specialty', email: newEmail(), role: 'clinician', password: PASSWORD });
    expect(noSpecialty).toEqual({ ok: false, error: 'Please correct the highlighted fields.', fieldErrors: { specialty: ['Choose the clinician’s specialty.'] } });

    const badSpecialty = await createUser(admin, { name: 'Dr Astrology', email: newEmail(), role: 'clinician', specialty: 'astrology', password: PASSWORD });
    if (badSpecialty.ok) throw new Error('expected a refusal');
    expect(Object.keys(badSpecialty.fieldErrors ?? {})).toContain('specialty');

    const noMrn = await createUser(admin, { name: 'Pat Without Record', email: newEmail(), role: 'patient', password: PASSWORD });
    expect(noMrn).toEqual({ ok: false, error: 'Please correct the highlighted fields.', fieldErrors: { patientMrn: ['Enter the MRN of the patient this portal account belongs to.'] } });
    expect(await userCount()).toBe(before);
  });

  it('refuses a duplicate email clearly, whatever its case', async () => {
    const email = newEmail('dup');
    expect((await createUser(admin, { name: 'First Holder', email, role: 'admin', password: PASSWORD })).ok).toBe(true);
    const hash = (await userByEmail(email))?.passwordHash;

    for (const variant of [email, email.toUpperCase(), `  ${email} `]) {
      const again = await createUser(admin, { name: 'Second Holder', email: variant, role: 'clinician', specialty: 'nutrition', password: 'another long passphrase' });
      expect(again).toEqual({ ok: false, error: 'Please correct the highlighted fields.', fieldErrors: { email: ['An account with this email already exists.'] } });
    }
    const rows = await getDb().select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
    // The existing account is untouched.
    expect(rows[0]).toMatchObject({ name: 'First Holder', role: 'admin', passwordHash: hash });
  });

  it('answers two admins creating the same email at once with one account and one clear message', async () => {
    const email = newEmail('race');
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, (_, i) => createUser(admin, { name: `Racer ${i}`, email, role: 'clinician', specialty: 'nutrition', password: PASSWORD })),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    for (const lost of outcomes.filter((o) => !o.ok)) {
      expect(lost).toEqual({ ok: false, error: 'Please correct the highlighted fields.', fieldErrors: { email: ['An account with this email already exists.'] } });
    }
    expect(await getDb().select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });

  it.each([
    ['a clinician', () => clinician],
    ['a patient', () => patientActor],
  ])('refuses %s, audits the denial and creates nothing', async (_label, who) => {
    const actor = who();
    const email = newEmail('sneaky');
    await expect(createUser(actor, { name: 'Sneaky Admin', email, role: 'admin', password: PASSWORD })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await userByEmail(email)).toBeUndefined();
    const denied = await denials(actor, 'user.create');
    expect(denied.length).toBeGreaterThanOrEqual(1);
    expect(denied.at(-1)).toMatchObject({ requestAddress: actor.requestAddress, detail: { reason: 'admin-only' } });
  });

  it('refuses a deactivated administrator', async () => {
    const former = actorOf(await makeUser('admin', { active: false }));
    await expect(createUser(former, { name: 'Ghost Account', email: newEmail(), role: 'admin', password: PASSWORD })).rejects.toThrow('Your account has been deactivated.');
    expect((await denials(former, 'user.create'))[0]?.detail).toMatchObject({ reason: 'inactive-account' });
  });
});

describe('setUserActive', () => {
  it('deactivates and reactivates an account, auditing each change once', async () => {
    const target = await makeUser('clinician', { specialty: 'nutrition' });
    expect(await setUserActive(admin, { userId: target.id, active: false })).toEqual({ ok: true });
    const off = await userByEmail(target.email);
    expect(off).toMatchObject({ active: false });
    expect(off?.deactivatedAt).toBeInstanceOf(Date);

    // Repeating is harmless and not audited again.
    expect(await setUserActive(admin, { userId: target.id, active: false })).toEqual({ ok: true });

    expect(await setUserActive(admin, { userId: target.id, active: true })).toEqual({ ok: true });
    expect(await userByEmail(target.email)).toMatchObject({ active: true, deactivatedAt: null });

    const events = await getDb().select().from(auditEvents).where(and(eq(auditEvents.entityType, 'user'), eq(auditEvents.entityId, target.id))).orderBy(auditEvents.id);
    expect(events.map((e) => [e.action, e.outcome, e.actorUserId])).toEqual([
      ['user.deactivate', 'allowed', admin.userId],
      ['user.reactivate', 'allowed', admin.userId],
    ]);
  });

  it('a deactivated account cannot sign in; a reactivated one can', async () => {
    const target = await makeUser('clinician');
    const attempt = () => authenticate(getDb(), { email: target.email, password: 'correct horse battery staple' }, { address: '192.0.2.201', userAgent: null }, new Date());
    await setUserActive(admin, { userId: target.id, active: false });
    expect((await attempt()).ok).toBe(false);
    await setUserActive(admin, { userId: target.id, active: true });
    expect((await attempt()).ok).toBe(true);
  });

  it('refuses to let an administrator deactivate themself', async () => {
    const self = await makeUser('admin');
    const result = await setUserActive(actorOf(self), { userId: self.id, active: false });
    expect(result).toEqual({ ok: false, error: expect.stringContaining('cannot deactivate your own account') });
    expect((await userByEmail(self.email))?.active).toBe(true);
  });

  it('answers an unknown account or a malformed request with a message', async () => {
    expect(await setUserActive(admin, { userId: '0d3f6e0a-0000-4000-8000-000000000001', active: false })).toEqual({ ok: false, error: 'That account no longer exists.' });
    expect(await setUserActive(admin, { userId: 'not-a-uuid', active: false })).toMatchObject({ ok: false });
    expect(await setUserActive(admin, { userId: clinician.userId, active: 'no' })).toMatchObject({ ok: false });
    expect((await userByEmail(clinician.email))?.active).toBe(true);
  });

  it.each([
    ['a clinician', () => clinician],
    ['a patient', () => patientActor],
  ])('refuses %s, audits the denial and changes nothing', async (_label, who) => {
    const actor = who();
    const target = await makeUser('clinician');
    await expect(setUserActive(actor, { userId: target.id, active: false })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await userByEmail(target.email))?.active).toBe(true);
    const denied = await denials(actor, 'user.set_active');
    expect(denied.length).toBeGreaterThanOrEqual(1);
    expect(denied.at(-1)).toMatchObject({ actorRole: actor.role, requestAddress: actor.requestAddress, detail: { reason: 'admin-only' } });
  });
});

describe('listUsers', () => {
  it('lists every account for an administrator, without password hashes, and audits the listing', async () => {
    const patient = await makePatient();
    const portal = await makeUser('patient', { patientId: patient.id, name: 'Zed Portal' });
    const list = await listUsers(admin);

    expect(list).toHaveLength(await userCount());
    const portalRow = list.find((u) => u.id === portal.id);
    expect(portalRow).toEqual({ id: portal.id, name: 'Zed Portal', email: portal.email, role: 'patient', specialty: null, patientMrn: patient.mrn, active: true, createdAt: expect.any(String), mfaEnrolled: false, mfaRequired: false });
    for (const u of list) expect(Object.keys(u)).not.toContain('passwordHash');
    expect(JSON.stringify(list)).not.toContain('$argon2');

    // Ordered by role (enum order: clinician, patient, admin), then name.
    const roleRank = { clinician: 0, patient: 1, admin: 2 } as const;
    const ranks = list.map((u) => roleRank[u.role]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks)).toEqual(new Set([0, 1, 2]));

    const listed = await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, admin.userId), eq(auditEvents.action, 'user.list')));
    expect(listed).toEqual([expect.objectContaining({ outcome: 'allowed' })]);
  });

  it.each([
    ['a clinician', () => clinician],
    ['a patient', () => patientActor],
  ])('refuses %s and audits the denial', async (_label, who) => {
    const actor = who();
    await expect(listUsers(actor)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await denials(actor, 'user.list')).length).toBeGreaterThanOrEqual(1);
  });
});
