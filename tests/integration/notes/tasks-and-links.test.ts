import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { careTeamMembers } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { removeCareTeamMember } from '../../../lib/care-teams/mutations';
import { ForbiddenError } from '../../../lib/platform/errors';
import { amendNote, completeTask, reviseDraft, saveNote } from '../../../lib/notes/mutations';
import { getNote, listMyOpenTasks, listNotes } from '../../../lib/notes/queries';
import { correctResult } from '../../../lib/results/mutations';
import { actorOf, addToTeam, makeClinic, makeUser } from '../fixtures';
import { auditFor, recordOk, scoreInput } from '../results/inputs';
import { expectOk, linksOf, makeIntervention, notesOf, savedOk, tasksOf } from './helpers';

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;
let nutri: Actor;
beforeEach(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
  nutri = actorOf(c.nutritionistOnTeam);
});

describe('mentions and tasks', () => {
  it('a mention creates a task for the colleague, shown on their home page until done', async () => {
    const saved = await savedOk(nutri, c.patient.id, { body: 'Started low-FODMAP.\n@Dr On Team please check the rash', sign: true });
    const tasks = await tasksOf(c.patient.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'mention', assigneeId: derm.userId, createdBy: nutri.userId, noteId: saved.noteId, doneAt: null, description: '@Dr On Team please check the rash' });

    const open = await listMyOpenTasks(derm);
    expect(open).toEqual([
      expect.objectContaining({ kind: 'mention', patientId: c.patient.id, patientName: 'Okonkwo, Amara', fromName: c.nutritionistOnTeam.name, noteId: saved.noteId }),
    ]);
    const listed = await auditFor(derm, 'task.list', 'allowed');
    expect(listed).toHaveLength(1);
    expect(listed[0]?.patientId).toBe(c.patient.id);

    expect(await completeTask(derm, tasks[0]?.id ?? '')).toEqual({ ok: true });
    expect(await listMyOpenTasks(derm)).toEqual([]);
    expect(await auditFor(derm, 'task.complete', 'allowed')).toHaveLength(1);
    const [done] = await tasksOf(c.patient.id);
    expect(done?.doneBy).toBe(derm.userId);
    // Completing twice is harmless.
    expect(await completeTask(derm, tasks[0]?.id ?? '')).toEqual({ ok: true });
    expect(await auditFor(derm, 'task.complete', 'allowed')).toHaveLength(1);
  });

  it('an explicit task replaces the mention for the same colleague; self-mentions create nothing', async () => {
    await savedOk(nutri, c.patient.id, {
      body: '@Dr On Team and me, @' + c.nutritionistOnTeam.name.split(' ')[0],
      tasks: [{ assigneeId: derm.userId, description: '  review diet before next derm visit ' }],
    });
    const tasks = await tasksOf(c.patient.id);
    expect(tasks.map((t) => [t.kind, t.assigneeId, t.description])).toEqual([['task', derm.userId, 'review diet before next derm visit']]);
  });

  it('revising a draft does not mention the same colleague twice', async () => {
    const v1 = await savedOk(nutri, c.patient.id, { body: '@Dr On Team first' });
    expectOk(await reviseDraft(nutri, { noteId: v1.noteId, expectedVersion: 1, body: '@Dr On Team first, edited' }));
    expect(await tasksOf(c.patient.id)).toHaveLength(1);
  });

  it('refuses a mention of someone not on the team, saying who, and stores nothing', async () => {
    const outcome = await saveNote(nutri, c.patient.id, { body: 'Ask @Dr Off Team and @xyz' });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.fieldErrors?.body).toEqual([
      '@Dr Off is not on this care team. Mention a colleague on the team, or remove the @.',
      '@xyz is not on this care team. Mention a colleague on the team, or remove the @.',
    ]);
    expect(await notesOf(c.patient.id)).toHaveLength(0);
  });

  it('an amendment keeps a mention of a colleague who has since left the team, but refuses a new unknown one', async () => {
    const colleague = await makeUser('clinician', { specialty: 'gastroenterology', name: 'Gia Stro' });
    await addToTeam(c.patient.id, colleague.id);
    const v1 = await savedOk(nutri, c.patient.id, { body: '@Gia Stro breath test?', sign: true });
    const [m] = await getDb().select().from(careTeamMembers).where(eq(careTeamMembers.userId, colleague.id));
    expect((await removeCareTeamMember(actorOf(c.admin), { patientId: c.patient.id, membershipId: m?.id })).ok).toBe(true);
    expectOk(await amendNote(nutri, { noteId: v1.noteId, expectedVersion: 1, body: '@Gia Stro breath test? Booked for Monday.', reason: 'Added the date' }));
    const refused = await amendNote(nutri, { noteId: v1.noteId, expectedVersion: 2, body: '@Gia Stro and @xyz', reason: 'Loop in xyz' });
    expect(refused.ok ? [] : refused.fieldErrors?.body).toEqual(['@xyz is not on this care team. Mention a colleague on the team, or remove the @.']);
  });

  it('refuses a task for a colleague off the team or deactivated', async () => {
    for (const assignee of [c.dermOffTeam, c.deactivatedClinician, c.patientUser]) {
      const outcome = await saveNote(nutri, c.patient.id, { body: 'Note', tasks: [{ assigneeId: assignee.id, description: 'Do something' }] });
      expect(outcome.ok ? undefined : outcome.fieldErrors?.['tasks.0.assigneeId']).toEqual(['Tasks can be given only to colleagues on this patient’s care team.']);
    }
    expect(await notesOf(c.patient.id)).toHaveLength(0);
    expect(await tasksOf(c.patient.id)).toHaveLength(0);
  });

  it('only the assignee completes a task; others are refused and audited', async () => {
    await savedOk(nutri, c.patient.id, { body: 'Note', tasks: [{ assigneeId: derm.userId, description: 'Review diet' }] });
    const [task] = await tasksOf(c.patient.id);
    const taskId = task?.id ?? '';
    expect(await completeTask(nutri, taskId)).toEqual({ ok: false, error: 'Only the colleague this was assigned to can mark it done.' });
    expect((await auditFor(nutri, 'task.complete', 'denied'))[0]?.detail).toMatchObject({ reason: 'not-assignee' });
    await expect(completeTask(actorOf(c.dermOffTeam), taskId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(completeTask(actorOf(c.admin), taskId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(completeTask(derm, 'nonsense')).rejects.toBeInstanceOf(ForbiddenError);
    expect((await tasksOf(c.patient.id))[0]?.doneAt).toBeNull();
    expect(await listMyOpenTasks(derm)).toHaveLength(1);
  });

  it('a clinician removed from the team no longer sees the patient’s tasks', async () => {
    const colleague = await makeUser('clinician', { specialty: 'gastroenterology', name: 'Gia Stro' });
    await addToTeam(c.patient.id, colleague.id);
    await savedOk(nutri, c.patient.id, { body: '@Gia Stro breath test?' });
    expect(await listMyOpenTasks(actorOf(colleague))).toHaveLength(1);
    const [m] = await getDb().select().from(careTeamMembers).where(eq(careTeamMembers.userId, colleague.id));
    expect((await removeCareTeamMember(actorOf(c.admin), { patientId: c.patient.id, membershipId: m?.id })).ok).toBe(true);
    expect(await listMyOpenTasks(actorOf(colleague))).toEqual([]);
  });

  it('the home list is for clinicians only', async () => {
    await expect(listMyOpenTasks(actorOf(c.admin))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listMyOpenTasks(actorOf(c.patientUser))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('the note shows its tasks and who did them', async () => {
    const saved = await savedOk(nutri, c.patient.id, { body: 'Note', tasks: [{ assigneeId: derm.userId, description: 'Review diet' }] });
    const [task] = await tasksOf(c.patient.id);
    await completeTask(derm, task?.id ?? '');
    const detail = await getNote(nutri, saved.noteId);
    expect(detail.tasks).toEqual([expect.objectContaining({ kind: 'task', assigneeName: c.dermOnTeam.name, description: 'Review diet', createdByName: c.nutritionistOnTeam.name, doneByName: c.dermOnTeam.name })]);
  });

  it('an amendment mentioning a new colleague notifies them', async () => {
    const v1 = await savedOk(derm, c.patient.id, { body: 'Signed', sign: true });
    expectOk(await amendNote(derm, { noteId: v1.noteId, expectedVersion: 1, body: 'Signed. @' + c.nutritionistOnTeam.name.split(' ')[0] + ' FYI', reason: 'Loop in nutrition' }));
    expect((await tasksOf(c.patient.id)).map((t) => [t.kind, t.assigneeId])).toEqual([['mention', nutri.userId]]);
  });
});

describe('tags to results and plan items', () => {
  it('tags this patient’s results (by series, so a correction keeps the tag) and plan items', async () => {
    const resultId = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
    const interventionId = await makeIntervention(c.patient.id, nutri.userId);
    const saved = await savedOk(nutri, c.patient.id, {
      body: 'Tagged',
      links: [
        { targetType: 'result', targetId: resultId },
        { targetType: 'intervention', targetId: interventionId },
        { targetType: 'result', targetId: resultId },
      ],
    });
    const links = await linksOf(saved.noteId);
    expect(links).toHaveLength(2);
    const fix = await correctResult(derm, { resultId, expectedVersion: 1, reason: 'Typo in EASI', values: scoreInput('easi', 8.2, '2025-01-05') });
    expect(fix.ok).toBe(true);
    const [note] = await listNotes(derm, c.patient.id);
    expect(note?.links.map((l) => [l.targetType, l.label])).toEqual([
      ['intervention', 'Low-FODMAP diet, 6 weeks'],
      ['result', expect.stringMatching(/EASI.*5 Jan 2025/)],
    ]);
  });

  it('refuses a result or plan item from another patient, and stores nothing', async () => {
    const foreignResult = await recordOk(actorOf(c.dermOffTeam), c.otherPatient.id, 'score', scoreInput('easi', 5, '2025-01-05'));
    const foreignIntervention = await makeIntervention(c.otherPatient.id, c.dermOffTeam.id, 'Other patient’s diet');
    const outcome = await saveNote(nutri, c.patient.id, {
      body: 'Tagged wrongly',
      links: [
        { targetType: 'result', targetId: foreignResult },
        { targetType: 'intervention', targetId: foreignIntervention },
        { targetType: 'result', targetId: '00000000-0000-4000-8000-000000000000' },
      ],
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.fieldErrors?.['links.0.targetId']).toEqual(['This result is not on this patient’s record. Remove the tag.']);
    expect(outcome.fieldErrors?.['links.1.targetId']).toEqual(['This plan item is not on this patient’s care plan. Remove the tag.']);
    expect(outcome.fieldErrors?.['links.2.targetId']).toHaveLength(1);
    expect(await notesOf(c.patient.id)).toHaveLength(0);
  });

  it('refuses a tag of an unknown kind', async () => {
    const outcome = await saveNote(nutri, c.patient.id, { body: 'x', links: [{ targetType: 'patient', targetId: c.patient.id }] });
    expect(outcome.ok ? undefined : outcome.fieldErrors?.['links.0.targetType']).toHaveLength(1);
  });

  it('signing and amending keep the tags unless the amendment changes them', async () => {
    const interventionId = await makeIntervention(c.patient.id, nutri.userId);
    const v1 = await savedOk(nutri, c.patient.id, { body: 'Tagged', links: [{ targetType: 'intervention', targetId: interventionId }], sign: true });
    const v2 = expectOk(await amendNote(nutri, { noteId: v1.noteId, expectedVersion: 1, body: 'Tagged, amended', reason: 'More detail' }));
    expect(await linksOf(v2.noteId)).toHaveLength(1);
    const v3 = expectOk(await amendNote(nutri, { noteId: v1.noteId, expectedVersion: 2, body: 'Untagged', reason: 'Wrong tag', links: [] }));
    expect(await linksOf(v3.noteId)).toHaveLength(0);
    expect(await linksOf(v1.noteId)).toHaveLength(1);
  });
});
