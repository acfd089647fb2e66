import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { specialty } from './enums';
import { patients } from './patients';
import { users } from './users';

// Secure messages about one patient (lib/messages). A conversation is either between the patient and their
// care team ('patient') or among the care team only ('team', never shown to the patient). Messages are
// records: never edited or deleted (a trigger refuses it); a sender may retract one within a short window,
// which sets retracted_at once and hides the text, while the audit trail keeps the original.

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    audience: text('audience').$type<'patient' | 'team'>().notNull(),
    /** A patient conversation addressed to one specialty; null: the whole care team. */
    specialty: specialty('specialty'),
    /** Who answers by default: the lead clinician of the addressed specialty (any member may reply). */
    responsibleId: uuid('responsible_id').references(() => users.id),
    subject: text('subject').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('conversations_audience', sql`${t.audience} in ('patient', 'team')`),
    check('conversations_team_has_no_specialty', sql`${t.audience} = 'patient' or ${t.specialty} is null`),
    check('conversations_subject_length', sql`char_length(${t.subject}) between 1 and 150`),
    index('conversations_patient_idx').on(t.patientId, t.lastMessageAt),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retractedAt: timestamp('retracted_at', { withTimezone: true }),
  },
  (t) => [check('messages_body_length', sql`char_length(${t.body}) between 1 and 5000`), index('messages_conversation_idx').on(t.conversationId, t.createdAt)],
);

/** Per reader: everything in the conversation up to this instant has been seen. */
export const conversationReads = pgTable(
  'conversation_reads',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] })],
);

/**
 * "You have a new message in Axis" e-mails waiting to go out (lib/messages/email.ts). Written in the same
 * transaction as the message, so a message is never lost to a mail failure, and retried with backoff.
 * It holds no health information: only who to tell.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    conversationId: uuid('conversation_id').references(() => conversations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [index('email_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null and ${t.failedAt} is null`)],
);
