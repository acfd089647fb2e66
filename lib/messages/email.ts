import 'server-only';
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { getDb, type Executor } from '@/db/client';
import { emailOutbox, users } from '@/db/schema';
import { readEnv } from '@/lib/platform/env';

// "You have a new message in Axis" e-mails. Rows are written to email_outbox in the same transaction as the
// message, so a message is never lost to a mail failure; delivery runs after the commit and on a timer
// (instrumentation.ts), claims due rows, and retries failures with backoff. The e-mail holds no health
// information: not the sender, the patient, the subject or the text; only that there is something to read.

/** Waits before attempts 2, 3, … (minutes); after the last, the row is marked failed (the message itself is safe). */
export const RETRY_MINUTES = [1, 5, 15, 60, 360] as const;
const CLAIM_MINUTES = 2;
const BATCH = 50;

export const NOTIFICATION_SUBJECT = 'You have a new message in Axis';

export function notificationText(link: string): string {
  return [
    'Hello,',
    '',
    'You have a new secure message in Axis. Sign in to read it:',
    link,
    '',
    'For your privacy this e-mail does not say who the message is from or what it is about.',
    'To stop these e-mails, turn them off under "Your account" in Axis.',
  ].join('\n');
}

/** Queues one notification per recipient who allows e-mail, inside the caller's transaction. */
export async function queueMessageEmails(tx: Executor, recipientIds: readonly string[], conversationId: string): Promise<number> {
  if (recipientIds.length === 0) return 0;
  const allowed = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...recipientIds]), eq(users.active, true), eq(users.emailNotifications, true)));
  if (allowed.length === 0) return 0;
  await tx.insert(emailOutbox).values(allowed.map((u) => ({ userId: u.id, conversationId })));
  return allowed.length;
}

let transport: Transporter | null = null;
function smtpTransport(): Transporter | null {
  const url = readEnv().SMTP_URL;
  if (!url) return null;
  transport ??= nodemailer.createTransport(url);
  return transport;
}

export interface DeliveryOutcome {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends the notifications that are due. Rows are claimed first (pushed CLAIM_MINUTES ahead with SKIP LOCKED),
 * so two server processes never send the same one. A failure is retried after RETRY_MINUTES; the error kept
 * is the SMTP server's answer, which names no patient.
 */
export async function deliverDueEmails(options: { now?: Date; transport?: Transporter; baseUrl?: string } = {}): Promise<DeliveryOutcome> {
  const mailer = options.transport ?? smtpTransport();
  const outcome: DeliveryOutcome = { sent: 0, retried: 0, failed: 0 };
  if (!mailer) return outcome;
  const now = options.now ?? new Date();
  const db = getDb();
  const claimed = await db.execute(sql`
    update email_outbox o set next_attempt_at = ${new Date(now.getTime() + CLAIM_MINUTES * 60_000).toISOString()}::timestamptz
    from users u
    where u.id = o.user_id and o.id in (
      select id from email_outbox
      where sent_at is null and failed_at is null and next_attempt_at <= ${now.toISOString()}::timestamptz
      order by next_attempt_at limit ${BATCH} for update skip locked)
    returning o.id, o.attempts, u.email, u.role`);
  type Claimed = { id: string; attempts: number; email: string; role: string };
  const rows = (Array.isArray(claimed) ? claimed : (claimed as { rows: unknown[] }).rows) as Claimed[];
  const env = readEnv();
  const base = (options.baseUrl ?? env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  for (const row of rows) {
    const link = `${base}${row.role === 'patient' ? '/portal/messages' : '/messages'}`;
    try {
      await mailer.sendMail({ from: env.SMTP_FROM, to: row.email, subject: NOTIFICATION_SUBJECT, text: notificationText(link) });
      await db.update(emailOutbox).set({ sentAt: new Date(), attempts: row.attempts + 1, lastError: null }).where(eq(emailOutbox.id, row.id));
      outcome.sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const wait = RETRY_MINUTES[attempts - 1];
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 300);
      if (wait === undefined) {
        await db.update(emailOutbox).set({ attempts, failedAt: now, lastError }).where(eq(emailOutbox.id, row.id));
        outcome.failed++;
      } else {
        await db.update(emailOutbox).set({ attempts, nextAttemptAt: new Date(now.getTime() + wait * 60_000), lastError }).where(eq(emailOutbox.id, row.id));
        outcome.retried++;
      }
    }
  }
  return outcome;
}

/** After a message commits: try at once, without making the sender wait or fail (the timer retries). */
export function deliverSoon(): void {
  if (!readEnv().SMTP_URL) return;
  setTimeout(() => {
    deliverDueEmails().catch((error: unknown) => console.error('Message e-mail delivery failed; it will be retried:', error instanceof Error ? error.message : error));
  }, 0).unref?.();
}

/** Pending rows for one user (tests and the account page). */
export async function pendingEmailCount(userId: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.userId, userId), isNull(emailOutbox.sentAt), isNull(emailOutbox.failedAt), lte(emailOutbox.createdAt, new Date(Date.now() + 60_000))));
  return row?.n ?? 0;
}

/** Every minute while the server runs (instrumentation.ts), when SMTP_URL is set: due and retried e-mails. */
export function startEmailDeliveryTimer(everyMs = 60_000): void {
  if (!readEnv().SMTP_URL) return;
  setInterval(() => {
    deliverDueEmails().catch((error: unknown) => console.error('Message e-mail delivery failed; it will be retried:', error instanceof Error ? error.message : error));
  }, everyMs).unref();
}
