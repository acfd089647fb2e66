import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { conversationReads, conversations, messages } from '@/db/schema';

// SQL pieces that several reads of conversations share (the inbox, the header badge, the caseload), so
// "unread" and "latest sender" mean the same everywhere.

/** The sender of a conversation's latest message (messages_conversation_idx). */
export function latestSenderIdOf(conversationId: SQL | AnyPgColumn): SQL<string | null> {
  return sql<string | null>`(select m.sender_id from ${messages} m where m.conversation_id = ${conversationId} order by m.created_at desc, m.id desc limit 1)`;
}

/** The conversation holds a message from someone else newer than this reader's last visit. */
export function unreadBy(readerId: string): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${messages} m where m.conversation_id = ${conversations.id} and m.sender_id <> ${readerId}
    and m.created_at > coalesce((select r.last_read_at from ${conversationReads} r where r.conversation_id = ${conversations.id} and r.user_id = ${readerId}), '-infinity'::timestamptz))`;
}
