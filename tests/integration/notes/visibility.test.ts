import { beforeAll, describe, expect, it } from 'vitest';
import { NO_ACCESS_MESSAGE } from '../../../lib/platform/access/guard';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { ForbiddenError } from '../../../lib/platform/errors';
import { amendNote, reviseDraft, saveNote, signNote } from '../../../lib/notes/mutations';
import { getNote, listInterventionsForNotes, listNoteColleagues, listNotes, listSharedNotesForPatient } from '../../../lib/notes/queries';
import { actorOf, makeClinic } from '../fixtures';
import { auditFor } from '../results/inputs';
import { expectOk, notesOf, savedOk } from './helpers';

// Who sees which note. The care team sees every current note (drafts included) through 'team-read';
// the patient sees, on their own record only, the signed notes the team chose to share. Everyone else
// is refused, and the refusal is audited.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;
let nutri: Actor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
  nutri = actorOf(c.nutritionistOnTeam);
  ids.teamSigned = (await savedOk(derm, c.patient.id, { body: 'Team only, signed', sign: true })).noteId;
  ids.sharedDraft = (await savedOk(derm, c.patient.id, { body: 'Shared but still a draft', visibility: 'patient' })).noteId;
  const shared = await savedOk(nutri, c.patient.id, { body: 'Your diet plan: **low-FODMAP** for 6 weeks.', visibility: 'patient', sign: true });
  ids.sharedSigned = shared.noteId;
  // A note shared and later amended: the patient sees the amendment only, never the superseded text.
  const toAmend = await savedOk(derm, c.patient.id, { body: 'Apply cream twice daily.', visibility: 'patient', sign: true });
  ids.amended = expectOk(await amendNote(derm, { noteId: toAmend.noteId, expectedVersion: 1, body: 'Apply cream once daily.', reason: 'Dose was wrong' })).noteId;
  // Shared, then amended back to the care team only: no longer shown to the patient.
  const unshared = await savedOk(derm, c.patient.id, { body: 'Shared by mistake', visibility: 'patient', sign: true });
  expectOk(await amendNote(derm, { noteId: unshared.noteId, expectedVersion: 1, body: 'Shared by mistake', reason: 'Not meant for the patient', visibility: 'care_team' }));
  // A draft shared, then signed: visible once signed.
  const later = await savedOk(nutri, c.patient.id, { body: 'Signed later', visibility: 'patient' });
  ids.signedLater = expectOk(await signNote(nutri, { noteId: later.noteId, expectedVersion: 1 })).noteId;
  // The other patient's shared, signed note.
  ids.otherPatients = (await savedOk(actorOf(c.dermOffTeam), c.otherPatient.id, { body: 'Someone else', visibility: 'patient', sign: true })).noteId;
});

describe('listSharedNotesForPatient', () => {
  it('shows the patient only signed, current notes shared with them, on their own record', async () => {
    const notes = await listSharedNotesForPatient(actorOf(c.patientUser), c.patient.id);
    expect(notes.map((n) => n.body).sort()).toEqual(['Apply cream once daily.', 'Signed later', 'Your diet plan: **low-FODMAP** for 6 weeks.']);
    expect(notes.find((n) => n.id === ids.amended)).toMatchObject({ isAmendment: true, authorName: c.dermOnTeam.name });
    expect(notes.every((n) => !Number.isNaN(Date.parse(n.signedAt)))).toBe(true);
    expect(await auditFor(actorOf(c.patientUser), 'note.shared.list', 'allowed')).toHaveLength(1);
  });

  it('never shows a patient another patient’s notes, and audits the attempt', async () => {
    const other = actorOf(c.otherPatientUser);
    await expect(listSharedNotesForPatient(other, c.patient.id)).rejects.toThrow(NO_ACCESS_MESSAGE);
    const denied = await auditFor(other, 'note.shared.list', 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ patientId: c.patient.id, detail: { reason: 'not-own-record' } });
    // Their own record shows their own shared note only.
    expect((await listSharedNotesForPatient(other, c.otherPatient.id)).map((n) => n.id)).toEqual([ids.otherPatients]);
  });

  it('refuses administrators and clinicians off the team', async () => {
    await expect(listSharedNotesForPatient(actorOf(c.admin), c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listSharedNotesForPatient(actorOf(c.dermOffTeam), c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('the care team’s view', () => {
  it('lists every current note, drafts and care-team notes included, with author and visibility', async () => {
    const notes = await listNotes(nutri, c.patient.id);
    expect(notes).toHaveLength(6);
    expect(notes.find((n) => n.id === ids.sharedDraft)).toMatchObject({ status: 'draft', visibility: 'patient', authorName: c.dermOnTeam.name, authorSpecialty: 'dermatology' });
    expect(notes.find((n) => n.id === ids.teamSigned)).toMatchObject({ status: 'signed', visibility: 'care_team', versionCount: 1 });
    // Newest first.
    const started = notes.map((n) => n.startedAt);
    expect([...started].sort().reverse()).toEqual(started);
    expect(await auditFor(nutri, 'note.list', 'allowed')).toHaveLength(1);
  });

  const refused: [string, (cl: Clinic) => Actor, string][] = [
    ['a clinician off the team', (cl) => actorOf(cl.dermOffTeam), 'not-on-care-team'],
    ['the patient (the team’s working view is not the portal)', (cl) => actorOf(cl.patientUser), 'care-team-only'],
    ['an administrator', (cl) => actorOf(cl.admin), 'admin-reads-no-clinical-data'],
    ['a deactivated clinician still listed on the team', (cl) => actorOf(cl.deactivatedClinician), 'inactive-account'],
  ];

  it.each(refused)('refuses %s, audits the refusal, and reveals nothing', async (_label, who, reason) => {
    const actor = who(c);
    for (const [action, call] of [
      ['note.list', () => listNotes(actor, c.patient.id)],
      ['note.read', () => getNote(actor, ids.sharedSigned ?? '')],
      ['note.colleagues.read', () => listNoteColleagues(actor, c.patient.id)],
      ['care_plan.intervention.list', () => listInterventionsForNotes(actor, c.patient.id)],
    ] as const) {
      const before = (await auditFor(actor, action, 'denied')).length;
      const error = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, action).toBeInstanceOf(ForbiddenError);
      const denied = (await auditFor(actor, action, 'denied')).slice(before);
      expect(denied, action).toHaveLength(1);
      expect(denied[0]?.detail?.reason, action).toBe(reason);
      expect(denied[0]?.requestAddress).toBe('203.0.113.7');
    }
    expect(await auditFor(actor, 'note.list', 'allowed')).toHaveLength(0);
  });

  it.each(refused)('refuses writes by %s and stores nothing', async (_label, who) => {
    const actor = who(c);
    const before = (await notesOf(c.patient.id)).length;
    await expect(saveNote(actor, c.patient.id, { body: 'Intruder' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(reviseDraft(actor, { noteId: ids.sharedDraft, expectedVersion: 1, body: 'Intruder' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(amendNote(actor, { noteId: ids.sharedSigned, expectedVersion: 1, body: 'Intruder', reason: 'Intruding' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await notesOf(c.patient.id)).toHaveLength(before);
    expect((await auditFor(actor, 'note.create', 'denied')).length).toBeGreaterThanOrEqual(1);
  });

  it('an unknown or garbage note id is refused like a foreign one, and audited', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "'; drop table clinical_notes; --"]) {
      await expect(getNote(derm, id)).rejects.toThrow(NO_ACCESS_MESSAGE);
    }
    expect(await auditFor(derm, 'note.read', 'denied')).toHaveLength(3);
  });
});
