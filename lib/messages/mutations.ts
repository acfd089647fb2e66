import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { careTeamMembers, clinicianTasks, conversationReads, conversations, messages, users } from '@/db/schema';
import type { Specialty } from '@/db/schema/enum-values';
import { authorizePatientAccess, authorizeRole, NO_ACCESS_MESSAGE } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { inTransaction } from '@/lib/platform/db/transaction';
import { ForbiddenError, fieldErrorsOf, type FieldErrors } from '@/lib/platform/errors';
import { specialtyLabel } from '@/lib/ui/format';
import { deliverSoon, queueMessageEmails } from './email';
import { checkRetract, recipientsOf, responsibleFor, type ConversationAudience, type TeamMember } from './rules';
import { messageTaskSchema, newConversationSchema, replySchema } from './schema';
import { isUuid } from '@/lib/platform/ids';

// Writing secure messages. Every function takes the signed-in actor and checks it here: a patient writes only
// in their own record's patient conversations ('patient-report'), a clinician only on a care team they belong
// to ('clinical-write'; an emergency grant reads but never writes). Messages are never edited or deleted.

export type MessageOutcome<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: FieldErrors };

const INVALID = 'The message needs correcting before it can be sent. Nothing was sent.';

/** The care team's clinicians, for who answers, who is told, and whom a task can go to. */
export async function loadTeam(executor: Executor, patientId: string): Promise<(TeamMember & { name: string })[]> {
  return executor
    .select({ userId: users.id, name: users.name, specialty: users.specialty, role: careTeamMembers.role, active: users.active })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.userId))
    .where(and(eq(careTeamMembers.patientId, patientId), isNull(careTeamMembers.removedAt), eq(users.role, 'clinician')));
}

async function patientUserOf(executor: Executor, patientId: string): Promise<string | null> {
  const [row] = await executor.select({ id: users.id }).from(users).where(and(eq(users.patientId, patientId), eq(users.active, true)));
  return row?.id ?? null;
}

interface ConversationFacts {
  id: string;
  patientId: string;
  audience: ConversationAudience;
  specialty: Specialty | null;
}

/**
 * The conversation an id names, for this actor: an unknown id, and a team conversation asked for by a patient,
 * are refused (and audited) exactly like another patient's, so nothing is learnt from the difference.
 */
export async function conversationFor(executor: Executor, actor: Actor, conversationId: string, action: string): Promise<ConversationFacts> {
  const [row] = isUuid(conversationId)
    ? await executor.select({ id: conversations.id, patientId: conversations.patientId, audience: conversations.audience, specialty: conversations.specialty }).from(conversations).where(eq(conversations.id, conversationId))
    : [];
  if (!row || (actor.role === 'patient' && row.audience !== 'patient')) {
    await recordAudit(getDb(), actor, [
      { action, outcome: 'denied', patientId: row?.patientId ?? null, entityType: 'conversation', entityId: conversationId.slice(0, 64), detail: { reason: row ? 'team-conversation' : 'conversation-not-found' } },
    ]);
    throw new ForbiddenError(NO_ACCESS_MESSAGE);
  }
  return row;
}

/** The write check for whoever is writing: the patient on their own record, a clinician on its care team. */
async function authorizeWrite(executor: Executor, actor: Actor, patientId: string, action: string, entityId?: string) {
  const purpose = actor.role === 'patient' ? 'patient-report' : 'clinical-write';
  await authorizePatientAccess(executor, actor, patientId, purpose, { action, entityType: entityId ? 'conversation' : 'patient', entityId, recordAllowed: false });
}

async function insertMessage(tx: Executor, actor: Actor, conversation: ConversationFacts, body: string, now: Date, team: readonly TeamMember[]): Promise<{ id: string; notified: number }> {
  const [row] = await tx.insert(messages).values({ conversationId: conversation.id, senderId: actor.userId, body, createdAt: now }).returning({ id: messages.id });
  if (!row) throw new Error('message insert returned no row');
  await tx.update(conversations).set({ lastMessageAt: now }).where(eq(conversations.id, conversation.id));
  // The sender has read everything up to their own message.
  await tx
    .insert(conversationReads)
    .values({ conversationId: conversation.id, userId: actor.userId, lastReadAt: now })
    .onConflictDoUpdate({ target: [conversationReads.conversationId, conversationReads.userId], set: { lastReadAt: now } });
  const recipients = recipientsOf({ audience: conversation.audience, specialty: conversation.specialty, senderId: actor.userId, patientUserId: await patientUserOf(tx, conversation.patientId), team });
  const notified = await queueMessageEmails(tx, recipients, conversation.id);
  return { id: row.id, notified };
}

/**
 * Starts a conversation with its first message. A patient writes to their care team or one specialty on it;
 * a clinician writes to the patient, or starts a team-only conversation the patient never sees.
 */
export async function startConversation(actor: Actor, patientId: string, input: unknown): Promise<MessageOutcome<{ conversationId: string }>> {
  const db = getDb();
  await authorizeWrite(db, actor, patientId, 'message.conversation.create');
  const parsed = newConversationSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };
  const { audience, subject, body } = parsed.data;
  if (actor.role === 'patient' && audience !== 'patient') return { ok: false, error: 'You can write to your care team; team-only conversations are for clinicians.', fieldErrors: { audience: ['Choose your care team.'] } };
  const specialty = audience === 'patient' ? (parsed.data.specialty ?? null) : null;
  const team = await loadTeam(db, patientId);
  if (specialty && !team.some((m) => m.active && m.specialty === specialty)) {
    return { ok: false, error: INVALID, fieldErrors: { specialty: [`No one in ${specialtyLabel(specialty).toLowerCase()} is on this care team. Write to the whole care team instead.`] } };
  }
  const now = new Date();
  const conversationId = await inTransaction(async (tx) => {
    const [row] = await tx
      .insert(conversations)
      .values({ patientId, audience, specialty, responsibleId: audience === 'patient' ? responsibleFor(team, specialty) : null, subject, createdBy: actor.userId, createdAt: now, lastMessageAt: now })
      .returning({ id: conversations.id });
    if (!row) throw new Error('conversation insert returned no row');
    const message = await insertMessage(tx, actor, { id: row.id, patientId, audience, specialty }, body, now, team);
    await recordAudit(tx, actor, [
      { action: 'message.conversation.create', outcome: 'allowed', patientId, entityType: 'conversation', entityId: row.id, detail: { audience, specialty } },
      { action: 'message.send', outcome: 'allowed', patientId, entityType: 'message', entityId: message.id, detail: { conversationId: row.id, notified: message.notified } },
    ]);
    return row.id;
  });
  deliverSoon();
  return { ok: true, data: { conversationId } };
}

/** A reply in an existing conversation, by the patient (their own, patient conversations only) or a team clinician. */
export async function replyToConversation(actor: Actor, conversationId: string, input: unknown): Promise<MessageOutcome<{ messageId: string }>> {
  const db = getDb();
  const conversation = await conversationFor(db, actor, conversationId, 'message.send');
  await authorizeWrite(db, actor, conversation.patientId, 'message.send', conversation.id);
  const parsed = replySchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };
  const messageId = await inTransaction(async (tx) => {
    const message = await insertMessage(tx, actor, conversation, parsed.data.body, new Date(), await loadTeam(tx, conversation.patientId));
    await recordAudit(tx, actor, [{ action: 'message.send', outcome: 'allowed', patientId: conversation.patientId, entityType: 'message', entityId: message.id, detail: { conversationId, notified: message.notified } }]);
    return message.id;
  });
  deliverSoon();
  return { ok: true, data: { messageId } };
}

async function messageFor(actor: Actor, messageId: string, action: string) {
  const db = getDb();
  const [row] = isUuid(messageId)
    ? await db
        .select({ id: messages.id, conversationId: messages.conversationId, senderId: messages.senderId, body: messages.body, createdAt: messages.createdAt, retractedAt: messages.retractedAt })
        .from(messages)
        .where(eq(messages.id, messageId))
    : [];
  if (!row) {
    await recordAudit(db, actor, [{ action, outcome: 'denied', entityType: 'message', entityId: messageId.slice(0, 64), detail: { reason: 'message-not-found' } }]);
    throw new ForbiddenError(NO_ACCESS_MESSAGE);
  }
  const conversation = await conversationFor(db, actor, row.conversationId, action);
  return { message: row, conversation };
}

/**
 * The sender takes a message back within the window: it stays in the conversation as "retracted" (its text
 * hidden from everyone), and the audit event keeps the original text. Two retractions at once: one wins.
 */
export async function retractMessage(actor: Actor, messageId: string, now = new Date()): Promise<MessageOutcome<{ messageId: string }>> {
  const db = getDb();
  const { message, conversation } = await messageFor(actor, messageId, 'message.retract');
  await authorizeWrite(db, actor, conversation.patientId, 'message.retract', conversation.id);
  const check = checkRetract(message, actor.userId, now);
  if (!check.ok) return { ok: false, error: check.reason };
  return inTransaction(async (tx) => {
    const updated = await tx
      .update(messages)
      .set({ retractedAt: now })
      .where(and(eq(messages.id, messageId), isNull(messages.retractedAt)))
      .returning({ id: messages.id });
    if (updated.length === 0) return { ok: false as const, error: 'This message was already retracted.' };
    await recordAudit(tx, actor, [{ action: 'message.retract', outcome: 'allowed', patientId: conversation.patientId, entityType: 'message', entityId: messageId, detail: { conversationId: conversation.id, originalBody: message.body } }]);
    return { ok: true as const, data: { messageId } };
  });
}

/** A clinician turns a message into a task for someone on the care team (themself by default). */
export async function messageToTask(actor: Actor, messageId: string, input: unknown): Promise<MessageOutcome<{ taskId: string }>> {
  const db = getDb();
  const { message, conversation } = await messageFor(actor, messageId, 'message.task');
  await authorizePatientAccess(db, actor, conversation.patientId, 'clinical-write', { action: 'message.task', entityType: 'message', entityId: messageId, recordAllowed: false });
  const parsed = messageTaskSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'The task needs correcting. Nothing was saved.', fieldErrors: fieldErrorsOf(parsed.error) };
  if (message.retractedAt) return { ok: false, error: 'This message was retracted by its sender, so it cannot become a task.' };
  const team = await loadTeam(db, conversation.patientId);
  if (!team.some((m) => m.active && m.userId === parsed.data.assigneeId)) return { ok: false, error: 'Choose someone on the care team.', fieldErrors: { assigneeId: ['Choose someone on the care team.'] } };
  const excerpt = message.body.replace(/\s+/g, ' ').trim();
  const description = parsed.data.description ?? `Answer the message: “${excerpt.length > 160 ? `${excerpt.slice(0, 157)}…` : excerpt}”`;
  return inTransaction(async (tx) => {
    const [task] = await tx
      .insert(clinicianTasks)
      .values({ patientId: conversation.patientId, kind: 'task', assigneeId: parsed.data.assigneeId, description, createdBy: actor.userId, messageId })
      .returning({ id: clinicianTasks.id });
    if (!task) throw new Error('task insert returned no row');
    await recordAudit(tx, actor, [{ action: 'message.task', outcome: 'allowed', patientId: conversation.patientId, entityType: 'task', entityId: task.id, detail: { messageId, assigneeId: parsed.data.assigneeId } }]);
    return { ok: true as const, data: { taskId: task.id } };
  });
}

/** Marks everything in the conversation up to now as read by this user (after an authorized read). */
export async function markConversationRead(executor: Executor, userId: string, conversationId: string, at: Date): Promise<void> {
  await executor
    .insert(conversationReads)
    .values({ conversationId, userId, lastReadAt: at })
    .onConflictDoUpdate({ target: [conversationReads.conversationId, conversationReads.userId], set: { lastReadAt: sql`greatest(${conversationReads.lastReadAt}, excluded.last_read_at)` } });
}

/** The user's own choice about "you have a new message" e-mails. */
export async function setEmailNotifications(actor: Actor, enabled: unknown): Promise<MessageOutcome<{ enabled: boolean }>> {
  // Only a live account changes its own settings (a deactivated one is refused, and the refusal audited).
  await authorizeRole(getDb(), actor, ['clinician', 'patient', 'admin'], { action: 'account.email_notifications', entityType: 'user', entityId: actor.userId });
  if (typeof enabled !== 'boolean') return { ok: false, error: 'Choose on or off.' };
  await inTransaction(async (tx) => {
    await tx.update(users).set({ emailNotifications: enabled }).where(eq(users.id, actor.userId));
    await recordAudit(tx, actor, [{ action: 'account.email_notifications', outcome: 'allowed', entityType: 'user', entityId: actor.userId, detail: { enabled } }]);
  });
  return { ok: true, data: { enabled } };
}
