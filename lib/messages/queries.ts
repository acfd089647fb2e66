import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import { careTeamMembers, conversations, messages, patients, users } from '@/db/schema';
import type { Specialty, UserRole } from '@/db/schema/enum-values';
import { activeMembershipOf, authorizePatientAccess, authorizeRole } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { recordAudit } from '@/lib/platform/audit/record';
import { conversationFor, loadTeam, markConversationRead } from './mutations';
import { latestSenderIdOf, unreadBy } from './sql';
import { checkRetract, retractableUntil, type ConversationAudience } from './rules';

// Reading secure messages. The care team (and a clinician under a live emergency grant, read-only) sees every
// conversation on the record; the patient sees only the patient conversations of their own record. Every read
// of a conversation is audited; opening one marks it read for that reader.

export interface ConversationSummary {
  id: string;
  patientId: string;
  patientName: string;
  mrn: string;
  audience: ConversationAudience;
  specialty: Specialty | null;
  subject: string;
  responsibleName: string | null;
  lastMessageAt: string;
  lastSenderRole: UserRole | null;
  unread: boolean;
  /** A patient conversation whose latest message is the patient's: the team has not answered yet. */
  awaitingTeam: boolean;
}

const responsible = alias(users, 'responsible');
const lastSender = alias(users, 'last_sender');

/** A conversation's summary columns for this reader: unread is someone else's message they have not seen. */
function summaryColumns(readerId: string) {
  return {
    id: conversations.id,
    patientId: conversations.patientId,
    givenName: patients.givenName,
    familyName: patients.familyName,
    mrn: patients.mrn,
    audience: conversations.audience,
    specialty: conversations.specialty,
    subject: conversations.subject,
    responsibleName: responsible.name,
    lastMessageAt: conversations.lastMessageAt,
    lastSenderRole: lastSender.role,
    unread: unreadBy(readerId),
  };
}

type SummaryRow = {
  id: string;
  patientId: string;
  givenName: string;
  familyName: string;
  mrn: string;
  audience: ConversationAudience;
  specialty: Specialty | null;
  subject: string;
  responsibleName: string | null;
  lastMessageAt: Date;
  lastSenderRole: UserRole | null;
  unread: boolean | string;
};

function toSummary(r: SummaryRow): ConversationSummary {
  return {
    id: r.id,
    patientId: r.patientId,
    patientName: `${r.familyName}, ${r.givenName}`,
    mrn: r.mrn,
    audience: r.audience,
    specialty: r.specialty,
    subject: r.subject,
    responsibleName: r.responsibleName,
    lastMessageAt: r.lastMessageAt.toISOString(),
    lastSenderRole: r.lastSenderRole,
    unread: r.unread === true || r.unread === 't',
    awaitingTeam: r.audience === 'patient' && r.lastSenderRole === 'patient',
  };
}

function summaryQuery(readerId: string) {
  const cols = summaryColumns(readerId);
  return getDb()
    .select(cols)
    .from(conversations)
    .innerJoin(patients, eq(patients.id, conversations.patientId))
    .leftJoin(responsible, eq(responsible.id, conversations.responsibleId))
    .leftJoin(lastSender, eq(lastSender.id, latestSenderIdOf(conversations.id)));
}

/** One record's conversations, newest activity first: all of them for the team, the patient's own for the patient. */
export async function listPatientConversations(actor: Actor, patientId: string): Promise<ConversationSummary[]> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-read', { action: 'message.list' });
  const where = actor.role === 'patient' ? and(eq(conversations.patientId, patientId), eq(conversations.audience, 'patient')) : eq(conversations.patientId, patientId);
  const rows = await summaryQuery(actor.userId).where(where).orderBy(desc(conversations.lastMessageAt), desc(conversations.id));
  return rows.map(toSummary);
}

export const INBOX_LIMIT = 100;

/**
 * The clinician's inbox: conversations on the records of their care teams, newest activity first, optionally
 * only the unread ones or those awaiting the team's reply. Each patient listed is audited as a list read, as
 * the caseload does.
 */
export async function listMyInbox(actor: Actor, filter: 'all' | 'unread' | 'awaiting' = 'all'): Promise<ConversationSummary[]> {
  const db = getDb();
  await authorizeRole(db, actor, ['clinician'], { action: 'message.inbox' });
  const mine = db.select({ patientId: careTeamMembers.patientId }).from(careTeamMembers).where(activeMembershipOf(actor.userId));
  const filtered = filter === 'unread' ? unreadBy(actor.userId) : filter === 'awaiting' ? and(eq(conversations.audience, 'patient'), eq(lastSender.role, 'patient')) : undefined;
  const rows = await summaryQuery(actor.userId)
    .where(and(inArray(conversations.patientId, mine), filtered))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(INBOX_LIMIT);
  const shown = rows.map(toSummary);
  const patientIds = [...new Set(shown.map((c) => c.patientId))];
  if (patientIds.length > 0) await recordAudit(db, actor, patientIds.map((patientId) => ({ action: 'message.list', outcome: 'allowed' as const, patientId, entityType: 'patient', entityId: patientId, detail: { via: 'inbox' } })));
  return shown;
}

/**
 * How many conversations have something this user has not read (the header's badge). A count, no patient
 * data, so it is not audited; it stays inside the user's care teams (or their own record).
 */
export async function countUnreadConversations(actor: Actor): Promise<number> {
  const db = getDb();
  const scope =
    actor.role === 'patient'
      ? and(eq(conversations.patientId, actor.patientId ?? sql`null`), eq(conversations.audience, 'patient'))
      : actor.role === 'clinician'
        ? inArray(conversations.patientId, db.select({ patientId: careTeamMembers.patientId }).from(careTeamMembers).where(activeMembershipOf(actor.userId)))
        : sql`false`;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(
      and(
        scope,
        unreadBy(actor.userId),
      ),
    );
  return Number(row?.n ?? 0);
}

export interface MessageView {
  id: string;
  senderName: string;
  senderRole: UserRole;
  senderSpecialty: Specialty | null;
  mine: boolean;
  /** Null once retracted: the text is not sent to the page at all. */
  body: string | null;
  sentAt: string;
  retractedAt: string | null;
  /** Until when the reader (the sender) may still retract it; null when they may not. */
  retractableUntil: string | null;
  taskId: string | null;
}

export interface ConversationView {
  id: string;
  patientId: string;
  audience: ConversationAudience;
  specialty: Specialty | null;
  subject: string;
  responsibleName: string | null;
  messages: MessageView[];
  /** The care team, for "make a task" (clinicians only; empty for the patient). */
  team: { id: string; name: string; specialty: Specialty | null }[];
  /** Whether this reader may write here (an emergency grant reads only). */
  canReply: boolean;
  /** The counts the open page polls against (getConversationState), as this read saw them. */
  state: { messages: number; retracted: number };
}

/** One conversation with its messages, oldest first; audited, and marked read for this reader. */
export async function getConversation(actor: Actor, conversationId: string, now = new Date()): Promise<ConversationView> {
  const db = getDb();
  const conversation = await conversationFor(db, actor, conversationId, 'message.read');
  const grant = await authorizePatientAccess(db, actor, conversation.patientId, 'clinical-read', { action: 'message.read', entityType: 'conversation', entityId: conversationId });
  const [head] = await db
    .select({ subject: conversations.subject, responsibleName: responsible.name })
    .from(conversations)
    .leftJoin(responsible, eq(responsible.id, conversations.responsibleId))
    .where(eq(conversations.id, conversationId));
  const rows = await db
    .select({
      id: messages.id,
      senderId: messages.senderId,
      senderName: users.name,
      senderRole: users.role,
      senderSpecialty: users.specialty,
      body: messages.body,
      createdAt: messages.createdAt,
      retractedAt: messages.retractedAt,
      taskId: sql<string | null>`(select t.id from clinician_tasks t where t.message_id = ${messages.id} order by t.created_at limit 1)`,
    })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.senderId))
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  await markConversationRead(db, actor.userId, conversationId, now);
  const isClinician = actor.role === 'clinician';
  const team = isClinician
    ? (await loadTeam(db, conversation.patientId))
        .filter((m) => m.active)
        .map((m) => ({ id: m.userId, name: m.name, specialty: m.specialty }))
        .sort((a, b) => a.name.localeCompare(b.name))
    : [];
  return {
    id: conversation.id,
    patientId: conversation.patientId,
    audience: conversation.audience,
    specialty: conversation.specialty,
    subject: head?.subject ?? '',
    responsibleName: head?.responsibleName ?? null,
    messages: rows.map((m) => ({
      id: m.id,
      senderName: m.senderName,
      senderRole: m.senderRole,
      senderSpecialty: m.senderSpecialty,
      mine: m.senderId === actor.userId,
      body: m.retractedAt ? null : m.body,
      sentAt: m.createdAt.toISOString(),
      retractedAt: m.retractedAt?.toISOString() ?? null,
      retractableUntil: checkRetract(m, actor.userId, now).ok ? retractableUntil(m.createdAt).toISOString() : null,
      // A patient never sees the team's working tasks.
      taskId: isClinician ? m.taskId : null,
    })),
    team,
    canReply: !grant.emergencyAccessId,
    state: { messages: rows.length, retracted: rows.filter((m) => m.retractedAt).length },
  };
}

/**
 * What a conversation open in the browser polls: how many messages and retractions it has. Access is checked
 * (a denial is audited) but an allowed poll is not: it reads no message, and the page it triggers is.
 */
export async function getConversationState(actor: Actor, conversationId: string): Promise<{ messages: number; retracted: number }> {
  const db = getDb();
  const conversation = await conversationFor(db, actor, conversationId, 'message.poll');
  await authorizePatientAccess(db, actor, conversation.patientId, 'clinical-read', { action: 'message.poll', entityType: 'conversation', entityId: conversationId, recordAllowed: false });
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`, retracted: sql<number>`count(${messages.retractedAt})::int` })
    .from(messages)
    .where(eq(messages.conversationId, conversationId));
  return { messages: Number(row?.n ?? 0), retracted: Number(row?.retracted ?? 0) };
}

/**
 * What a new conversation may be addressed to on this record: the specialties on its care team, and whether
 * the patient has a portal account to read a reply. Checked and audited like any read of the record.
 */
export async function getComposeOptions(actor: Actor, patientId: string): Promise<{ specialties: Specialty[]; patientHasPortal: boolean }> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'clinical-read', { action: 'message.compose' });
  const team = await loadTeam(db, patientId);
  const specialties = [...new Set(team.filter((m) => m.active && m.specialty).map((m) => m.specialty as Specialty))].sort();
  const [portal] = await db.select({ id: users.id }).from(users).where(and(eq(users.patientId, patientId), eq(users.active, true)));
  return { specialties, patientHasPortal: Boolean(portal) };
}

/** The signed-in user's own e-mail setting and the address it goes to. */
export async function getEmailNotificationSetting(actor: Actor): Promise<{ enabled: boolean; email: string }> {
  const [row] = await getDb().select({ enabled: users.emailNotifications, email: users.email }).from(users).where(eq(users.id, actor.userId));
  return { enabled: row?.enabled ?? false, email: row?.email ?? actor.email };
}
