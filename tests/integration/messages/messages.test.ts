import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, clinicianTasks, conversations, emailOutbox, messages, users } from '../../../db/schema';
import { requestEmergencyAccess } from '../../../lib/emergency-access/mutations';
import { messageToTask, replyToConversation, retractMessage, setEmailNotifications, startConversation } from '../../../lib/messages/mutations';
import { countUnreadConversations, getConversation, getConversationState, listMyInbox, listPatientConversations } from '../../../lib/messages/queries';
import { RETRACT_WINDOW_MINUTES } from '../../../lib/messages/rules';
import { listMyOpenTasks } from '../../../lib/notes/queries';
import { actorOf, addToTeam, makeClinic, makeUser } from '../fixtures';

// Secure messages: who may read and write which conversation (checked in the data layer), immutability
// (the database refuses edits and deletes), concurrency, tasks from messages, and the e-mail outbox.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
beforeEach(async () => {
  c = await makeClinic();
});

const ask = { audience: 'patient', specialty: 'nutrition', subject: 'Dairy at Christmas?', body: 'Can I have a little cheese at Christmas, or does that spoil the test?' };

async function started(actor: ReturnType<typeof actorOf>, patientId: string, input: Record<string, unknown> = ask): Promise<string> {
  const outcome = await startConversation(actor, patientId, input);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome.data.conversationId;
}

const messageRows = async (conversationId: string) => getDb().select().from(messages).where(eq(messages.conversationId, conversationId));

describe('a patient asks their care team', () => {
  it('addresses one specialty, whose lead answers by default; the team sees it unread, and the patient sees it too', async () => {
    const patient = actorOf(c.patientUser);
    const id = await started(patient, c.patient.id);
    const [row] = await getDb().select().from(conversations).where(eq(conversations.id, id));
    expect(row).toMatchObject({ audience: 'patient', specialty: 'nutrition', responsibleId: c.nutritionistOnTeam.id, createdBy: c.patientUser.id });

    const nutritionist = actorOf(c.nutritionistOnTeam);
    expect(await countUnreadConversations(nutritionist)).toBe(1);
    const [inbox] = await listMyInbox(nutritionist, 'awaiting');
    expect(inbox).toMatchObject({ id, subject: 'Dairy at Christmas?', unread: true, awaitingTeam: true, mrn: c.patient.mrn });
    // The sender has nothing unread in their own conversation.
    expect(await countUnreadConversations(patient)).toBe(0);

    const view = await getConversation(nutritionist, id);
    expect(view.messages).toMatchObject([{ senderRole: 'patient', body: ask.body, mine: false }]);
    expect(await countUnreadConversations(nutritionist)).toBe(0);
    expect(await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, c.nutritionistOnTeam.id), eq(auditEvents.action, 'message.read')))).toHaveLength(1);

    const reply = await replyToConversation(nutritionist, id, { body: 'A small amount of hard cheese is fine; note it in your diary.' });
    expect(reply.ok).toBe(true);
    expect(await countUnreadConversations(patient)).toBe(1);
    const mine = await listPatientConversations(patient, c.patient.id);
    expect(mine).toMatchObject([{ id, unread: true, awaitingTeam: false }]);
    const seen = await getConversation(patient, id);
    expect(seen.messages.map((m) => m.senderRole)).toEqual(['patient', 'clinician']);
    expect(seen.team).toEqual([]);
    expect(seen.messages.every((m) => m.taskId === null)).toBe(true);
  });

  it('refuses an empty or over-long message, a missing subject, a specialty not on the team, and a forged team conversation; nothing stored', async () => {
    const patient = actorOf(c.patientUser);
    const cases = [
      [{ ...ask, body: '   ' }, 'body', 'Write your message.'],
      [{ ...ask, body: 'x'.repeat(5001) }, 'body', 'Keep a message under 5,000 characters; send a second one if you need more.'],
      [{ ...ask, subject: '' }, 'subject', 'Give the message a subject.'],
      [{ ...ask, specialty: 'gastroenterology' }, 'specialty', 'No one in gastroenterology is on this care team. Write to the whole care team instead.'],
      [{ ...ask, audience: 'team' }, 'audience', 'Choose your care team.'],
    ] as const;
    for (const [input, field, message] of cases) {
      const outcome = await startConversation(patient, c.patient.id, input);
      expect(outcome, field).toMatchObject({ ok: false, fieldErrors: { [field]: [message] } });
    }
    expect(await getDb().select().from(conversations).where(eq(conversations.patientId, c.patient.id))).toHaveLength(0);
  });

  it('keeps HTML and script as the text typed (the page renders it as text, never markup)', async () => {
    const body = '<script>alert(1)</script><img src=x onerror=alert(2)> **bold**';
    const id = await started(actorOf(c.patientUser), c.patient.id, { ...ask, body });
    expect((await messageRows(id))[0]?.body).toBe(body);
  });
});

describe('who may read and write', () => {
  it('a team conversation is never shown to the patient, and asking for it is refused like a foreign one', async () => {
    const id = await started(actorOf(c.dermOnTeam), c.patient.id, { audience: 'team', subject: 'Plan change', body: 'Shall we stop the dairy elimination early?' });
    expect(await listPatientConversations(actorOf(c.patientUser), c.patient.id)).toEqual([]);
    await expect(getConversation(actorOf(c.patientUser), id)).rejects.toThrow(/does not exist, or you are not on its care team/);
    await expect(replyToConversation(actorOf(c.patientUser), id, { body: 'Hello?' })).rejects.toThrow();
    expect(await countUnreadConversations(actorOf(c.patientUser))).toBe(0);
    expect(await countUnreadConversations(actorOf(c.nutritionistOnTeam))).toBe(1);
    expect((await messageRows(id)).length).toBe(1);
  });

  it('refuses another patient, a clinician off the team and an administrator, audited, storing nothing', async () => {
    const id = await started(actorOf(c.patientUser), c.patient.id);
    for (const outsider of [c.otherPatientUser, c.dermOffTeam, c.admin]) {
      await expect(getConversation(actorOf(outsider), id)).rejects.toThrow();
      await expect(replyToConversation(actorOf(outsider), id, { body: 'Not mine to answer' })).rejects.toThrow();
      await expect(startConversation(actorOf(outsider), c.patient.id, ask)).rejects.toThrow();
      const denied = await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, outsider.id), eq(auditEvents.outcome, 'denied')));
      expect(denied.length, outsider.email).toBeGreaterThanOrEqual(3);
    }
    await expect(getConversation(actorOf(c.dermOnTeam), 'not-a-uuid')).rejects.toThrow();
    expect((await messageRows(id)).length).toBe(1);
    expect(await listMyInbox(actorOf(c.dermOffTeam))).toEqual([]);
  });

  it('emergency access reads the conversation but cannot reply', async () => {
    const id = await started(actorOf(c.patientUser), c.patient.id);
    const grant = await requestEmergencyAccess(actorOf(c.gastroOffTeam), { mrn: c.patient.mrn, reasonCategory: 'urgent_care', reason: 'Seen in the emergency department tonight; the care team cannot be reached.' });
    expect(grant.ok).toBe(true);
    const view = await getConversation(actorOf(c.gastroOffTeam), id);
    expect(view).toMatchObject({ canReply: false });
    await expect(replyToConversation(actorOf(c.gastroOffTeam), id, { body: 'Seen in ED.' })).rejects.toThrow(/read-only|emergency/i);
  });

  it('the polling endpoint counts messages for readers and refuses everyone else', async () => {
    const id = await started(actorOf(c.patientUser), c.patient.id);
    expect(await getConversationState(actorOf(c.patientUser), id)).toEqual({ messages: 1, retracted: 0 });
    await expect(getConversationState(actorOf(c.otherPatientUser), id)).rejects.toThrow();
  });
});

describe('messages are records', () => {
  it('the database refuses an edit or a delete, whoever asks', async () => {
    const id = await started(actorOf(c.patientUser), c.patient.id);
    const [m] = await messageRows(id);
    const refusal = async (work: Promise<unknown>) => {
      try {
        await work;
      } catch (error) {
        const e = error as Error & { cause?: Error };
        return `${e.message} ${e.cause?.message ?? ''}`;
      }
      return 'not refused';
    };
    const where = eq(messages.id, m?.id ?? '');
    expect(await refusal(getDb().update(messages).set({ body: 'edited' }).where(where))).toMatch(/messages are records: UPDATE is not allowed/);
    // A retraction that also rewrites the text is not a retraction.
    expect(await refusal(getDb().update(messages).set({ body: 'edited', retractedAt: new Date() }).where(where))).toMatch(/messages are records/);
    expect(await refusal(getDb().delete(messages).where(where))).toMatch(/messages are records: DELETE is not allowed/);
    expect((await messageRows(id))[0]?.body).toBe(ask.body);
  });

  it('the sender may retract within the window: the text is hidden, the marker stays, the audit keeps the original', async () => {
    const patient = actorOf(c.patientUser);
    const id = await started(patient, c.patient.id);
    const [m] = await messageRows(id);
    const messageId = m?.id ?? '';
    expect(await retractMessage(actorOf(c.nutritionistOnTeam), messageId)).toMatchObject({ ok: false, error: 'Only the sender can retract a message.' });
    const late = new Date((m?.createdAt ?? new Date()).getTime() + (RETRACT_WINDOW_MINUTES * 60 + 1) * 1000);
    expect(await retractMessage(patient, messageId, late)).toMatchObject({ ok: false, error: expect.stringMatching(/first 5 minutes/) });
    // Two retractions at once: one wins, the other is told.
    const outcomes = await Promise.all([retractMessage(patient, messageId), retractMessage(patient, messageId)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ error: 'This message was already retracted.' });
    const view = await getConversation(actorOf(c.nutritionistOnTeam), id);
    expect(view.messages[0]).toMatchObject({ body: null });
    expect(view.messages[0]?.retractedAt).not.toBeNull();
    const [audit] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'message.retract'), eq(auditEvents.outcome, 'allowed'), eq(auditEvents.entityId, messageId)));
    expect(audit?.detail).toMatchObject({ originalBody: ask.body });
    expect((await messageRows(id))[0]?.body).toBe(ask.body);
  });

  it('two replies at the same moment are both kept, in order', async () => {
    const id = await started(actorOf(c.patientUser), c.patient.id);
    const [a, b] = await Promise.all([
      replyToConversation(actorOf(c.nutritionistOnTeam), id, { body: 'Reply from the nutritionist' }),
      replyToConversation(actorOf(c.dermOnTeam), id, { body: 'Reply from the dermatologist' }),
    ]);
    expect(a?.ok && b?.ok).toBe(true);
    expect((await messageRows(id)).map((m) => m.body).sort()).toEqual([ask.body, 'Reply from the dermatologist', 'Reply from the nutritionist'].sort());
  });
});

describe('a message becomes a task', () => {
  it('assigned to someone on the team, linked to the message, audited; refused for the patient and for an outsider as assignee', async () => {
    const id = await started(actorOf(c.patientUser), c.patient.id);
    const [m] = await messageRows(id);
    const messageId = m?.id ?? '';
    const made = await messageToTask(actorOf(c.nutritionistOnTeam), messageId, { assigneeId: c.dermOnTeam.id });
    if (!made.ok) throw new Error(JSON.stringify(made));
    const [task] = await getDb().select().from(clinicianTasks).where(eq(clinicianTasks.id, made.data.taskId));
    expect(task).toMatchObject({ patientId: c.patient.id, assigneeId: c.dermOnTeam.id, messageId, kind: 'task', doneAt: null });
    expect(task?.description).toMatch(/^Answer the message: “Can I have a little cheese/);
    expect((await getConversation(actorOf(c.dermOnTeam), id)).messages[0]?.taskId).toBe(made.data.taskId);
    // On the assignee's home page, linking back to the conversation.
    expect((await listMyOpenTasks(actorOf(c.dermOnTeam))).find((t) => t.id === made.data.taskId)).toMatchObject({ conversationId: id, noteId: null });
    expect(await messageToTask(actorOf(c.nutritionistOnTeam), messageId, { assigneeId: c.dermOffTeam.id })).toMatchObject({ ok: false, fieldErrors: { assigneeId: ['Choose someone on the care team.'] } });
    await expect(messageToTask(actorOf(c.patientUser), messageId, { assigneeId: c.dermOnTeam.id })).rejects.toThrow();
  });
});

describe('e-mail notifications', () => {
  it('queue one notification per recipient who allows e-mail, in the same transaction as the message', async () => {
    await started(actorOf(c.patientUser), c.patient.id);
    const queued = await getDb().select({ userId: emailOutbox.userId }).from(emailOutbox).innerJoin(users, eq(users.id, emailOutbox.userId)).where(eq(users.patientId, c.patient.id));
    expect(queued).toEqual([]);
    const rows = await getDb().select().from(emailOutbox).where(eq(emailOutbox.userId, c.nutritionistOnTeam.id));
    expect(rows).toHaveLength(1);
    // Addressed to nutrition: the dermatologist is not e-mailed; the deactivated nutritionist never is.
    expect(await getDb().select().from(emailOutbox).where(eq(emailOutbox.userId, c.dermOnTeam.id))).toHaveLength(0);
    expect(await getDb().select().from(emailOutbox).where(eq(emailOutbox.userId, c.deactivatedClinician.id))).toHaveLength(0);
  });

  it('respect a user’s opt-out', async () => {
    expect(await setEmailNotifications(actorOf(c.nutritionistOnTeam), false)).toMatchObject({ ok: true });
    await started(actorOf(c.patientUser), c.patient.id);
    expect(await getDb().select().from(emailOutbox).where(eq(emailOutbox.userId, c.nutritionistOnTeam.id))).toHaveLength(0);
    expect(await setEmailNotifications(actorOf(c.nutritionistOnTeam), 'no')).toMatchObject({ ok: false });
  });

  it('a second nutritionist joining the team is told too; the team lead answers when no specialty is addressed', async () => {
    const second = await makeUser('clinician', { specialty: 'nutrition' });
    await addToTeam(c.patient.id, second.id);
    const id = await started(actorOf(c.patientUser), c.patient.id, { ...ask, specialty: '' });
    const [row] = await getDb().select().from(conversations).where(eq(conversations.id, id));
    expect(row).toMatchObject({ specialty: null, responsibleId: c.dermOnTeam.id });
    const told = await getDb().select({ userId: emailOutbox.userId }).from(emailOutbox).where(eq(emailOutbox.conversationId, id));
    expect(told.map((t) => t.userId).sort()).toEqual([c.dermOnTeam.id, c.nutritionistOnTeam.id, second.id].sort());
  });
});
