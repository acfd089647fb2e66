import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { emailOutbox, messages } from '../../../db/schema';
import { deliverDueEmails, NOTIFICATION_SUBJECT, RETRY_MINUTES } from '../../../lib/messages/email';
import { startConversation } from '../../../lib/messages/mutations';
import { actorOf, makeClinic } from '../fixtures';

// "You have a new message" e-mails against a real SMTP server started here (smtp-server): what arrives, that
// it carries no health information, and that a refused delivery is retried later and never loses the message.

interface Received {
  to: string[];
  raw: string;
}
const received: Received[] = [];
let refuseNext = 0;
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refuseNext > 0) {
        refuseNext--;
        const error = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number };
        error.responseCode = 450;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
beforeEach(async () => {
  c = await makeClinic();
  received.length = 0;
  refuseNext = 0;
  // Earlier tests' rows are delivered (or given up) first, so each test sees only its own.
  await getDb().update(emailOutbox).set({ failedAt: new Date() });
});

const ask = { audience: 'patient', specialty: 'nutrition', subject: 'Eczema flare after the wheat day', body: 'My arms flared after the wheat challenge. Should I stop?' };

describe('notification e-mails', () => {
  it('arrive at the recipient with a link and nothing about the patient, the subject or the text', async () => {
    const outcome = await startConversation(actorOf(c.patientUser), c.patient.id, ask);
    expect(outcome.ok).toBe(true);
    const delivered = await deliverDueEmails({ transport: transport(), baseUrl: 'https://axis.example.org' });
    expect(delivered).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.to).toEqual([c.nutritionistOnTeam.email]);
    expect(mail?.raw).toContain(`Subject: ${NOTIFICATION_SUBJECT}`);
    expect(mail?.raw).toContain('https://axis.example.org/messages');
    for (const secret of [c.patient.givenName, c.patient.familyName, c.patient.mrn, 'Eczema', 'wheat', 'flare', c.patientUser.email]) expect(mail?.raw, secret).not.toContain(secret);
    const [row] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.userId, c.nutritionistOnTeam.id));
    expect(row?.sentAt).not.toBeNull();
    // Delivering again sends nothing twice.
    expect(await deliverDueEmails({ transport: transport() })).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('a refused delivery is retried after the backoff, the message itself already safe; the patient gets the portal link', async () => {
    const outcome = await startConversation(actorOf(c.nutritionistOnTeam), c.patient.id, { ...ask, subject: 'Your next challenge' });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    expect(await getDb().select().from(messages).where(eq(messages.conversationId, outcome.data.conversationId))).toHaveLength(1);
    refuseNext = 1;
    const now = new Date();
    expect(await deliverDueEmails({ transport: transport(), now })).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [waiting] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.userId, c.patientUser.id));
    expect(waiting).toMatchObject({ attempts: 1, sentAt: null, failedAt: null });
    expect(waiting?.lastError).toMatch(/temporarily unavailable/);
    expect(waiting?.nextAttemptAt.getTime()).toBe(now.getTime() + (RETRY_MINUTES[0] ?? 0) * 60_000);
    // Not yet due: nothing is sent.
    expect(await deliverDueEmails({ transport: transport(), now })).toEqual({ sent: 0, retried: 0, failed: 0 });
    const later = new Date(now.getTime() + 2 * 60_000);
    expect(await deliverDueEmails({ transport: transport(), now: later, baseUrl: 'https://axis.example.org' })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(received[0]?.to).toEqual([c.patientUser.email]);
    expect(received[0]?.raw).toContain('https://axis.example.org/portal/messages');
  });

  it('gives up after the last retry, marking the row failed without touching the message', async () => {
    await startConversation(actorOf(c.patientUser), c.patient.id, ask);
    refuseNext = 100;
    let now = new Date();
    for (let i = 0; i <= RETRY_MINUTES.length; i++) {
      await deliverDueEmails({ transport: transport(), now });
      now = new Date(now.getTime() + 24 * 60 * 60_000);
    }
    const [row] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.userId, c.nutritionistOnTeam.id));
    expect(row).toMatchObject({ attempts: RETRY_MINUTES.length + 1, sentAt: null });
    expect(row?.failedAt).not.toBeNull();
    expect(received).toHaveLength(0);
  });
});
