import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../db/client';
import { clinicalPhotos } from '../../../db/schema';
import { recordPhotoConsent } from '../../../lib/photos/mutations';
import { setSessionActor } from './action-harness';
import { actorOf, makeClinic } from '../fixtures';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('@/lib/platform/auth/session', async (importOriginal) => (await import('../access/action-harness')).sessionModuleMock(importOriginal));

const clinicianActions = await import('../../../app/(clinician)/patients/[patientId]/photos/actions');
const portalActions = await import('../../../app/(portal)/portal/photos/actions');

// The photo upload and make-a-task actions refuse text PostgreSQL cannot store (a NUL, which only a forged request sends) with
// the clear message every other action gives, before anything is processed or stored.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
beforeEach(async () => {
  c = await makeClinic();
  const consent = await recordPhotoConsent(actorOf(c.dermOnTeam), c.patient.id, { clinicalRecord: 'yes', shareWithPatient: 'yes', teaching: 'no' });
  if (!consent.ok) throw new Error('no consent');
});

async function form(fields: Record<string, string>): Promise<FormData> {
  const f = new FormData();
  const jpeg = await sharp({ create: { width: 200, height: 150, channels: 3, background: '#c9a' } }).jpeg().toBuffer();
  f.set('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'a.jpg');
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe('photo upload actions', () => {
  it('refuse a NUL in a text field with the clear message, storing nothing; the same form without it is saved', async () => {
    setSessionActor(actorOf(c.dermOnTeam));
    expect(await clinicianActions.uploadPhotoAction(c.patient.id, null, await form({ bodySite: 'chin', caption: 'flare\u0000' }))).toMatchObject({ ok: false, error: expect.stringMatching(/NUL character/) });
    setSessionActor(actorOf(c.patientUser));
    expect(await portalActions.uploadMyPhotoAction(null, await form({ bodySite: 'other', bodySiteDetail: 'wrist\u0000' }))).toMatchObject({ ok: false, error: expect.stringMatching(/NUL character/) });
    expect(await getDb().select().from(clinicalPhotos).where(eq(clinicalPhotos.patientId, c.patient.id))).toHaveLength(0);
    expect(await portalActions.uploadMyPhotoAction(null, await form({ bodySite: 'other', bodySiteDetail: 'wrist' }))).toMatchObject({ ok: true });
  });
});

describe('make-a-task action', () => {
  it('refuses a NUL in the task description with the clear message, storing nothing', async () => {
    const { startConversation } = await import('../../../lib/messages/mutations');
    const { getConversation } = await import('../../../lib/messages/queries');
    const messagesActions = await import('../../../app/(clinician)/patients/[patientId]/messages/actions');
    const { clinicianTasks } = await import('../../../db/schema');
    const started = await startConversation(actorOf(c.patientUser), c.patient.id, { audience: 'patient', specialty: '', subject: 'Cream', body: 'Twice a day?' });
    if (!started.ok) throw new Error('no conversation');
    const messageId = (await getConversation(actorOf(c.dermOnTeam), started.data.conversationId)).messages[0]?.id ?? '';
    setSessionActor(actorOf(c.dermOnTeam));
    const f = new FormData();
    f.set('assigneeId', c.dermOnTeam.id);
    f.set('description', 'Call back\u0000');
    expect(await messagesActions.messageToTaskAction(messageId, null, f)).toMatchObject({ ok: false, error: expect.stringMatching(/NUL character/) });
    expect(await getDb().select().from(clinicianTasks).where(eq(clinicianTasks.patientId, c.patient.id))).toHaveLength(0);
  });
});

describe('document upload action', () => {
  it('refuses a NUL in the title with the clear message, storing nothing; without it the PDF is attached', async () => {
    const { demoPdf } = await import('../../../db/seed/demo-pdf');
    const documentsActions = await import('../../../app/(clinician)/patients/[patientId]/documents/actions');
    const { clinicalDocuments } = await import('../../../db/schema');
    const pdf = await demoPdf('Calprotectin report', ['40 µg/g']);
    const pdfForm = (title: string) => {
      const f = new FormData();
      f.set('file', new Blob([pdf as BlobPart], { type: 'application/pdf' }), 'report.pdf');
      f.set('category', 'lab_report');
      f.set('title', title);
      return f;
    };
    setSessionActor(actorOf(c.dermOnTeam));
    expect(await documentsActions.uploadDocumentAction(c.patient.id, null, pdfForm('Report\u0000'))).toMatchObject({ ok: false, error: expect.stringMatching(/NUL character/) });
    expect(await getDb().select().from(clinicalDocuments).where(eq(clinicalDocuments.patientId, c.patient.id))).toHaveLength(0);
    expect(await documentsActions.uploadDocumentAction(c.patient.id, null, pdfForm('Report'))).toMatchObject({ ok: true });
  });
});
