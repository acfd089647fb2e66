import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { clinicalNotes, patients } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { amendNote, reviseDraft, saveNote, signNote } from '../../../lib/notes/mutations';
import { getNote, listNotes } from '../../../lib/notes/queries';
import { actorOf, makeClinic } from '../fixtures';
import { auditFor, rejectionOf } from '../results/inputs';
import { expectOk, linksOf, makeIntervention, notesOf, savedOk, seriesRows } from './helpers';

// A note is a series of immutable versions. Drafts may be revised by their author; signing locks the
// note; an amendment adds a signed version with a reason and keeps the original. The database itself
// refuses any change to a stored version other than retiring it.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;
let nutri: Actor;
beforeEach(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
  nutri = actorOf(c.nutritionistOnTeam);
});

describe('saveNote', () => {
  it('stores version 1 as a draft visible to the care team only, audited and touching the record', async () => {
    const [before] = await getDb().select({ at: patients.lastActivityAt }).from(patients).where(eq(patients.id, c.patient.id));
    const saved = await savedOk(nutri, c.patient.id, { body: '  Started **low-FODMAP**.  ' });
    const [row] = await seriesRows(saved.seriesId);
    expect(row).toMatchObject({ id: saved.noteId, version: 1, isCurrent: true, status: 'draft', visibility: 'care_team', signedAt: null, isAmendment: false, authorId: nutri.userId });
    expect(row?.body).toBe('  Started **low-FODMAP**.  ');
    const events = await auditFor(nutri, 'note.create', 'allowed');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ patientId: c.patient.id, entityType: 'note', entityId: saved.noteId });
    const [after] = await getDb().select({ at: patients.lastActivityAt }).from(patients).where(eq(patients.id, c.patient.id));
    expect(after && before && after.at.getTime() >= before.at.getTime()).toBe(true);
  });

  it('signs at once when asked', async () => {
    const saved = await savedOk(derm, c.patient.id, { body: 'Signed straight away.', sign: true });
    const [row] = await seriesRows(saved.seriesId);
    expect(row?.status).toBe('signed');
    expect(row?.signedAt).toBeInstanceOf(Date);
  });

  it('refuses an empty note, naming the field, and stores nothing', async () => {
    for (const body of [undefined, '', '   \n ']) {
      const outcome = await saveNote(derm, c.patient.id, { body });
      expect(outcome.ok).toBe(false);
      expect(outcome.ok ? undefined : outcome.fieldErrors?.body).toEqual(['Write the note before saving.']);
    }
    expect(await notesOf(c.patient.id)).toHaveLength(0);
  });

  it('refuses an unknown visibility instead of guessing', async () => {
    const outcome = await saveNote(derm, c.patient.id, { body: 'x', visibility: 'everyone' });
    expect(outcome.ok ? undefined : outcome.fieldErrors?.visibility).toEqual(['Choose who can see this note.']);
    expect(await notesOf(c.patient.id)).toHaveLength(0);
  });
});

describe('drafts', () => {
  it('each revision is a new version; the earlier ones stay, retired', async () => {
    const v1 = await savedOk(nutri, c.patient.id, { body: 'First draft' });
    const v2 = expectOk(await reviseDraft(nutri, { noteId: v1.noteId, expectedVersion: 1, body: 'Second draft' }));
    const v3 = expectOk(await reviseDraft(nutri, { noteId: v2.noteId, expectedVersion: 2, body: 'Third draft' }));
    expect([v2.seriesId, v3.seriesId]).toEqual([v1.seriesId, v1.seriesId]);
    const rows = await seriesRows(v1.seriesId);
    expect(rows.map((r) => [r.version, r.isCurrent, r.status, r.body])).toEqual([
      [1, false, 'draft', 'First draft'],
      [2, false, 'draft', 'Second draft'],
      [3, true, 'draft', 'Third draft'],
    ]);
    const list = await listNotes(derm, c.patient.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: v3.noteId, version: 3, versionCount: 3, status: 'draft', body: 'Third draft', authorName: c.nutritionistOnTeam.name });
    expect(await auditFor(nutri, 'note.revise', 'allowed')).toHaveLength(2);
  });

  it('only the author revises or signs a draft', async () => {
    const v1 = await savedOk(nutri, c.patient.id, { body: 'Nutritionist draft' });
    const revise = await reviseDraft(derm, { noteId: v1.noteId, expectedVersion: 1, body: 'Dermatologist edit' });
    expect(revise).toMatchObject({ ok: false });
    expect(revise.ok ? '' : revise.error).toContain(`Only the author, ${c.nutritionistOnTeam.name}`);
    const sign = await signNote(derm, { noteId: v1.noteId, expectedVersion: 1 });
    expect(sign.ok).toBe(false);
    expect((await seriesRows(v1.seriesId)).map((r) => [r.version, r.isCurrent])).toEqual([[1, true]]);
  });
});

describe('signing locks the note', () => {
  it('sign makes a signed version; a later revision is refused and stores nothing', async () => {
    const v1 = await savedOk(derm, c.patient.id, { body: 'Ready to sign' });
    const signed = expectOk(await signNote(derm, { noteId: v1.noteId, expectedVersion: 1 }));
    expect(signed.version).toBe(2);
    const refused = await reviseDraft(derm, { noteId: signed.noteId, expectedVersion: 2, body: 'Sneaky edit' });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error).toMatch(/signed and locked.*amendment/);
    const again = await signNote(derm, { noteId: signed.noteId, expectedVersion: 2 });
    expect(again.ok).toBe(false);
    const rows = await seriesRows(v1.seriesId);
    expect(rows.map((r) => [r.version, r.isCurrent, r.status, r.body])).toEqual([
      [1, false, 'draft', 'Ready to sign'],
      [2, true, 'signed', 'Ready to sign'],
    ]);
  });

  it('an amendment adds a signed version with its reason and keeps the signed original', async () => {
    const v1 = await savedOk(derm, c.patient.id, { body: 'EASI 18. Start tacrolimus.', sign: true });
    const noReason = await amendNote(derm, { noteId: v1.noteId, expectedVersion: 1, body: 'EASI 16.', reason: ' ' });
    expect(noReason.ok ? undefined : noReason.fieldErrors?.reason).toEqual(['Say why the signed note is being amended.']);

    const amended = expectOk(await amendNote(derm, { noteId: v1.noteId, expectedVersion: 1, body: 'EASI 16. Start tacrolimus.', reason: 'EASI transcribed wrongly' }));
    const rows = await seriesRows(v1.seriesId);
    expect(rows.map((r) => [r.version, r.isCurrent, r.status, r.isAmendment, r.amendmentReason, r.body])).toEqual([
      [1, false, 'signed', false, null, 'EASI 18. Start tacrolimus.'],
      [2, true, 'signed', true, 'EASI transcribed wrongly', 'EASI 16. Start tacrolimus.'],
    ]);
    const detail = await getNote(nutri, v1.noteId);
    expect(detail.current).toMatchObject({ id: amended.noteId, isAmendment: true, amendmentReason: 'EASI transcribed wrongly' });
    expect(detail.history.map((h) => [h.version, h.body])).toEqual([
      [2, 'EASI 16. Start tacrolimus.'],
      [1, 'EASI 18. Start tacrolimus.'],
    ]);
    expect(detail.canAmend).toBe(false); // the nutritionist is not the author
    expect((await getNote(derm, v1.noteId)).canAmend).toBe(true);
    expect((await listNotes(nutri, c.patient.id))[0]).toMatchObject({ isAmendment: true, versionCount: 2 });
  });

  it('a draft cannot be amended, and only the author amends a signed note', async () => {
    const draft = await savedOk(derm, c.patient.id, { body: 'Draft' });
    const r1 = await amendNote(derm, { noteId: draft.noteId, expectedVersion: 1, body: 'x', reason: 'because' });
    expect(r1.ok ? '' : r1.error).toMatch(/still a draft/);
    const signed = await savedOk(derm, c.patient.id, { body: 'Signed', sign: true });
    const r2 = await amendNote(nutri, { noteId: signed.noteId, expectedVersion: 1, body: 'x', reason: 'because' });
    expect(r2.ok ? '' : r2.error).toContain(`Only the author, ${c.dermOnTeam.name}, can amend`);
  });
});

describe('concurrent revisions', () => {
  it('ten saves based on the same version: exactly one wins, the others are told who changed it', async () => {
    const v1 = await savedOk(nutri, c.patient.id, { body: 'Draft' });
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => reviseDraft(nutri, { noteId: v1.noteId, expectedVersion: 1, body: `Attempt ${i}` })));
    const winners = outcomes.filter((o) => o.ok);
    expect(winners).toHaveLength(1);
    for (const o of outcomes.filter((x) => !x.ok)) {
      if (o.ok) continue;
      expect(o.error).toContain(`${c.nutritionistOnTeam.name} changed this note since you opened it (now version 2`);
      expect(o.error).toMatch(/not saved/);
      expect(o.conflict).toMatchObject({ version: 2, status: 'draft', changedByName: c.nutritionistOnTeam.name });
    }
    const rows = await seriesRows(v1.seriesId);
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.isCurrent)).toHaveLength(1);
    expect(await auditFor(nutri, 'note.revise', 'allowed')).toHaveLength(1);
  });

  it('ten amendments of the same signed version: one wins', async () => {
    const v1 = await savedOk(derm, c.patient.id, { body: 'Signed', sign: true });
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => amendNote(derm, { noteId: v1.noteId, expectedVersion: 1, body: `Amended ${i}`, reason: `Reason ${i}` })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(await seriesRows(v1.seriesId)).toHaveLength(2);
  });
});

describe('the database keeps notes immutable', () => {
  it('refuses UPDATE of any note column, DELETE and TRUNCATE, whatever the app does', async () => {
    const db = getDb();
    const v1 = await savedOk(derm, c.patient.id, { body: 'Original', sign: true });
    expect(await rejectionOf(db.execute(sql`update clinical_notes set body = 'tampered' where id = ${v1.noteId}`))).toMatch(/immutable/);
    expect(await rejectionOf(db.execute(sql`update clinical_notes set visibility = 'patient'`))).toMatch(/immutable/);
    expect(await rejectionOf(db.execute(sql`update clinical_notes set is_current = false, body = 'x' where id = ${v1.noteId}`))).toMatch(/immutable/);
    expect(await rejectionOf(db.execute(sql`update clinical_notes set signed_at = null, status = 'draft' where id = ${v1.noteId}`))).toMatch(/immutable/);
    expect(await rejectionOf(db.execute(sql`delete from clinical_notes where id = ${v1.noteId}`))).toMatch(/never deleted/);
    expect(await rejectionOf(db.execute(sql`truncate clinical_notes cascade`))).toMatch(/never deleted/);
    const [row] = await db.select().from(clinicalNotes).where(eq(clinicalNotes.id, v1.noteId));
    expect(row).toMatchObject({ body: 'Original', status: 'signed', isCurrent: true });
  });

  it('refuses to bring a retired version back or change note links', async () => {
    const db = getDb();
    const interventionId = await makeIntervention(c.patient.id, nutri.userId);
    const v1 = await savedOk(derm, c.patient.id, { body: 'Draft', links: [{ targetType: 'intervention', targetId: interventionId }] });
    expectOk(await reviseDraft(derm, { noteId: v1.noteId, expectedVersion: 1, body: 'Draft 2' }));
    expect(await rejectionOf(db.execute(sql`update clinical_notes set is_current = true where id = ${v1.noteId}`))).toMatch(/immutable/);
    expect(await rejectionOf(db.execute(sql`delete from note_links where note_id = ${v1.noteId}`))).toMatch(/append-only/);
    expect(await rejectionOf(db.execute(sql`update note_links set target_type = 'result' where note_id = ${v1.noteId}`))).toMatch(/append-only/);
    expect(await linksOf(v1.noteId)).toHaveLength(1);
  });
});
