import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { conversations, emailOutbox, patients, users } from '../../../db/schema';
import { seedDemoClinic } from '../../../db/seed/demo-clinic';
import { listMyInbox, listPatientConversations } from '../../../lib/messages/queries';
import { listCaseload } from '../../../lib/patients/queries';
import { parseCaseloadQuery } from '../../../lib/patients/caseload-query';
import type { Actor } from '../../../lib/platform/auth/actor-types';

// The demo clinic's secure messages: an answered question from the first portal patient, one unanswered for
// two days (on the caseload and in the inbox), and a team-only conversation the patient never sees.

const NOW = new Date('2026-11-23T09:00:00.000Z');

async function actorByEmail(email: string): Promise<Actor> {
  const [u] = await getDb().select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no ${email}`);
  return { userId: u.id, role: u.role, name: u.name, email: u.email, specialty: u.specialty, patientId: u.patientId, sessionId: '00000000-0000-4000-8000-000000000000', requestAddress: null };
}

beforeAll(async () => {
  await seedDemoClinic(getDb(), NOW);
});

describe('demo messages', () => {
  it('seeds three conversations and queues no e-mail', async () => {
    expect(await getDb().select().from(conversations)).toHaveLength(3);
    expect(await getDb().select().from(emailOutbox)).toHaveLength(0);
  });

  it('the first portal patient sees their answered question; no team conversation reaches a patient', async () => {
    const rafael = await actorByEmail('rafael.moreau@patients.axis.test');
    const mine = await listPatientConversations(rafael, rafael.patientId ?? '');
    expect(mine).toMatchObject([{ subject: 'Oat milk instead of dairy?', awaitingTeam: false, audience: 'patient' }]);
  });

  it('a question unanswered for two days shows in the dermatologist’s inbox and on the caseload filter', async () => {
    const rivera = await actorByEmail('elena.rivera@axis.test');
    const awaiting = await listMyInbox(rivera, 'awaiting');
    expect(awaiting).toHaveLength(1);
    const [q] = awaiting;
    expect(q).toMatchObject({ subject: 'New spots on my chin', unread: true });
    expect(NOW.getTime() - new Date(q?.lastMessageAt ?? 0).getTime()).toBeGreaterThanOrEqual(48 * 3_600_000);
    const caseload = await listCaseload(rivera, parseCaseloadQuery({ messages: 'unanswered' }));
    expect(caseload.rows.map((r) => r.mrn)).toEqual([q?.mrn]);
    expect(caseload.rows[0]?.unansweredMessages).toBe(1);
    const [patient] = await getDb().select().from(patients).where(eq(patients.mrn, q?.mrn ?? ''));
    expect(patient).toBeDefined();
  });

  it('the team-only conversation on the featured patient is unread for the dermatologist, who asked', async () => {
    const nina = await actorByEmail('nina.patel@axis.test');
    const rivera = await actorByEmail('elena.rivera@axis.test');
    const team = (await listMyInbox(rivera)).filter((c) => c.audience === 'team');
    expect(team).toMatchObject([{ subject: 'Dairy: supervised challenge only', unread: true, mrn: 'AX-100155' }]);
    expect((await listMyInbox(nina)).find((c) => c.audience === 'team')?.unread).toBe(false);
  });
});
