import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, clinicalPhotos, photoRenditions } from '../../../db/schema';
import { requestEmergencyAccess } from '../../../lib/emergency-access/mutations';
import { recordPhotoConsent, setPhotoShared, uploadPhoto } from '../../../lib/photos/mutations';
import { getPhotoConsent, listPhotos, readPhotoRendition } from '../../../lib/photos/queries';
import { actorOf, makeClinic } from '../fixtures';
import { recordOk } from '../results/inputs';

// Clinical photos: consent is enforced, nothing is stored on a refusal, the patient sees only their own and
// shared photos, every view is audited, and the stored renditions carry no metadata.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let jpeg: Uint8Array;

beforeEach(async () => {
  c = await makeClinic();
  jpeg ??= new Uint8Array(
    await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 210, g: 160, b: 140 } } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Amara Okonkwo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
      .toBuffer(),
  );
});

const consentAll = { clinicalRecord: 'yes', shareWithPatient: 'yes', teaching: 'no' };
const meta = { bodySite: 'elbow_flexures', takenOn: '2026-11-20', caption: 'Flare after the wheat day' };
const photoRows = () => getDb().select().from(clinicalPhotos).where(eq(clinicalPhotos.patientId, c.patient.id));

async function consented(answers: Record<string, string> = consentAll) {
  const outcome = await recordPhotoConsent(actorOf(c.dermOnTeam), c.patient.id, answers);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
}

async function uploaded(actor = actorOf(c.dermOnTeam), details: Record<string, unknown> = meta) {
  const outcome = await uploadPhoto(actor, c.patient.id, { bytes: jpeg, meta: details }, new Date('2026-12-07T12:00:00Z'));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome.data.photoId;
}

describe('consent', () => {
  it('without consent to the clinical record an upload is refused with the reason, audited, and nothing stored', async () => {
    const refused = await uploadPhoto(actorOf(c.dermOnTeam), c.patient.id, { bytes: jpeg, meta });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/has not consented to clinical photographs/) });
    await consented({ ...consentAll, clinicalRecord: 'no' });
    expect(await uploadPhoto(actorOf(c.dermOnTeam), c.patient.id, { bytes: jpeg, meta })).toMatchObject({ ok: false });
    expect(await uploadPhoto(actorOf(c.patientUser), c.patient.id, { bytes: jpeg, meta })).toMatchObject({ ok: false, error: expect.stringMatching(/Your care team has not recorded your consent/) });
    expect(await photoRows()).toHaveLength(0);
    const denied = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'photo.upload'), eq(auditEvents.outcome, 'denied'), eq(auditEvents.patientId, c.patient.id)));
    expect(denied).toHaveLength(3);
  });

  it('each decision is kept; the latest is the current one; answers are required', async () => {
    expect(await recordPhotoConsent(actorOf(c.dermOnTeam), c.patient.id, { clinicalRecord: 'yes' })).toMatchObject({ ok: false, fieldErrors: { shareWithPatient: expect.any(Array), teaching: expect.any(Array) } });
    await consented();
    await consented({ ...consentAll, shareWithPatient: 'no' });
    expect(await getPhotoConsent(actorOf(c.nutritionistOnTeam), c.patient.id)).toMatchObject({ clinicalRecord: true, shareWithPatient: false, teaching: false });
    expect(await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'photo.consent.read'), eq(auditEvents.actorUserId, c.nutritionistOnTeam.id)))).toHaveLength(1);
    await expect(recordPhotoConsent(actorOf(c.patientUser), c.patient.id, consentAll)).rejects.toThrow();
  });
});

describe('uploading', () => {
  it('stores two renditions without metadata, the details, and an audit event', async () => {
    await consented();
    const id = await uploaded();
    const [row] = await photoRows();
    expect(row).toMatchObject({ id, bodySite: 'elbow_flexures', takenOn: '2026-11-20', takenOnSource: 'entered', caption: 'Flare after the wheat day', sharedWithPatient: false, width: 900, height: 600 });
    const renditions = await getDb().select().from(photoRenditions).where(eq(photoRenditions.photoId, id));
    expect(renditions.map((r) => r.rendition).sort()).toEqual(['screen', 'thumb']);
    for (const r of renditions) {
      const m = await sharp(Buffer.from(r.bytes)).metadata();
      expect(m.exif).toBeUndefined();
      expect(Buffer.from(r.bytes).toString('latin1')).not.toContain('Amara');
    }
  });

  it('refuses a file that is not a photo, bad details and a future date, storing nothing', async () => {
    await consented();
    const script = new TextEncoder().encode('<script>alert(1)</script>');
    expect(await uploadPhoto(actorOf(c.dermOnTeam), c.patient.id, { bytes: script, meta })).toMatchObject({ ok: false, fieldErrors: { file: ['This file is not a photo Axis can read. Choose a JPEG, PNG or WebP photo.'] } });
    expect(await uploadPhoto(actorOf(c.dermOnTeam), c.patient.id, { bytes: jpeg, meta: { bodySite: 'other' } })).toMatchObject({ ok: false, fieldErrors: { bodySiteDetail: ['Describe the site.'] } });
    expect(await uploadPhoto(actorOf(c.dermOnTeam), c.patient.id, { bytes: jpeg, meta: { bodySite: 'kidney' } })).toMatchObject({ ok: false, fieldErrors: { bodySite: expect.any(Array) } });
    expect(await uploadPhoto(actorOf(c.dermOnTeam), c.patient.id, { bytes: jpeg, meta: { ...meta, takenOn: '2030-01-01' } }, new Date('2026-12-07T12:00:00Z'))).toMatchObject({ ok: false, fieldErrors: { takenOn: expect.any(Array) } });
    const otherPatientsScore = await recordOk(actorOf(c.dermOffTeam), c.otherPatient.id, 'score', { effectiveDate: '2026-11-01', instrument: 'easi', value: 10 });
    expect(await uploadPhoto(actorOf(c.dermOnTeam), c.patient.id, { bytes: jpeg, meta: { ...meta, scoreResultId: otherPatientsScore } })).toMatchObject({ ok: false, fieldErrors: { scoreResultId: expect.any(Array) } });
    expect(await photoRows()).toHaveLength(0);
  });

  it('refuses clinicians off the team, other patients and administrators, audited', async () => {
    await consented();
    for (const outsider of [c.dermOffTeam, c.otherPatientUser, c.admin]) {
      await expect(uploadPhoto(actorOf(outsider), c.patient.id, { bytes: jpeg, meta })).rejects.toThrow();
    }
    expect(await photoRows()).toHaveLength(0);
  });
});

describe('viewing', () => {
  it('the team and an emergency grant see every photo, each view audited; off-team and unknown ids are refused alike', async () => {
    await consented();
    const id = await uploaded();
    const image = await readPhotoRendition(actorOf(c.nutritionistOnTeam), id, 'thumb');
    expect(image.contentType).toBe('image/jpeg');
    expect(image.bytes.byteLength).toBeGreaterThan(500);
    const views = await getDb().select().from(auditEvents).where(and(eq(auditEvents.action, 'photo.view'), eq(auditEvents.actorUserId, c.nutritionistOnTeam.id)));
    expect(views).toHaveLength(1);
    await expect(readPhotoRendition(actorOf(c.dermOffTeam), id, 'screen')).rejects.toThrow();
    await expect(readPhotoRendition(actorOf(c.dermOnTeam), '00000000-0000-4000-8000-000000000000', 'screen')).rejects.toThrow();
    const grant = await requestEmergencyAccess(actorOf(c.gastroOffTeam), { mrn: c.patient.mrn, reasonCategory: 'urgent_care', reason: 'Seen in the emergency department; the care team cannot be reached.' });
    expect(grant.ok).toBe(true);
    expect((await readPhotoRendition(actorOf(c.gastroOffTeam), id, 'screen')).bytes.byteLength).toBeGreaterThan(500);
    await expect(setPhotoShared(actorOf(c.gastroOffTeam), id, true)).rejects.toThrow(/read-only|emergency/i);
  });

  it('the patient sees photos they sent, and the team’s only once shared and while consent allows it', async () => {
    await consented();
    const teams = await uploaded();
    const own = await uploaded(actorOf(c.patientUser), { bodySite: 'hand_left' });
    const patient = actorOf(c.patientUser);
    expect((await listPhotos(patient, c.patient.id)).map((p) => p.id)).toEqual([own]);
    await expect(readPhotoRendition(patient, teams, 'screen')).rejects.toThrow();
    expect((await readPhotoRendition(patient, own, 'thumb')).bytes.byteLength).toBeGreaterThan(0);
    expect(await setPhotoShared(actorOf(c.dermOnTeam), teams, true)).toMatchObject({ ok: true });
    expect((await listPhotos(patient, c.patient.id)).map((p) => p.id).sort()).toEqual([own, teams].sort());
    // Consent to sharing withdrawn: the shared photo disappears from the portal, and new sharing is refused.
    await consented({ ...consentAll, shareWithPatient: 'no' });
    expect((await listPhotos(patient, c.patient.id)).map((p) => p.id)).toEqual([own]);
    await expect(readPhotoRendition(patient, teams, 'thumb')).rejects.toThrow();
    expect(await setPhotoShared(actorOf(c.dermOnTeam), teams, true)).toMatchObject({ ok: false, error: expect.stringMatching(/not consented to photos being shared/) });
    await expect(listPhotos(actorOf(c.otherPatientUser), c.patient.id)).rejects.toThrow();
  });

  it('lists photos with the skin score recorded nearest each one, for comparison', async () => {
    await consented();
    await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'score', { effectiveDate: '2026-11-18', instrument: 'easi', value: 14.2 });
    await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'score', { effectiveDate: '2026-10-01', instrument: 'easi', value: 20 });
    await uploaded();
    const [photo] = await listPhotos(actorOf(c.dermOnTeam), c.patient.id);
    expect(photo?.nearestScore).toEqual({ label: 'EASI', value: 14.2, effectiveDate: '2026-11-18', daysApart: 2 });
    expect(photo?.site).toBe('Inner elbows');
  });
});

describe('linking a photo to a visit note', () => {
  it('links to a signed note (kept through an amendment) or the uploader’s own draft; never another patient’s note, another’s draft, or by the patient', async () => {
    const { amendNote, saveNote, signNote } = await import('../../../lib/notes/mutations');
    const { listNoteChoices } = await import('../../../lib/photos/queries');
    await consented();
    const derm = actorOf(c.dermOnTeam);
    const draft = await saveNote(derm, c.patient.id, { body: 'Elbow flare, photographed today.' });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    const draftSeries = draft.data.seriesId;
    // Another clinician's draft is not offered, and cannot be linked.
    expect((await listNoteChoices(actorOf(c.nutritionistOnTeam), c.patient.id)).map((n) => n.seriesId)).toEqual([]);
    expect(await uploadPhoto(actorOf(c.nutritionistOnTeam), c.patient.id, { bytes: jpeg, meta: { ...meta, noteSeriesId: draftSeries } })).toMatchObject({ ok: false, fieldErrors: { noteSeriesId: expect.any(Array) } });
    expect(await listNoteChoices(derm, c.patient.id)).toMatchObject([{ seriesId: draftSeries, draft: true, excerpt: 'Elbow flare, photographed today.' }]);
    const linked = await uploaded(derm, { ...meta, noteSeriesId: draftSeries });

    const signed = await signNote(derm, { noteId: draft.data.noteId, expectedVersion: 1 });
    if (!signed.ok) throw new Error(JSON.stringify(signed));
    const amended = await amendNote(derm, { noteId: signed.data.noteId, expectedVersion: signed.data.version, body: 'Elbow flare, photographed; EASI 12.', reason: 'Score added' });
    if (!amended.ok) throw new Error(JSON.stringify(amended));
    const [view] = await listPhotos(actorOf(c.nutritionistOnTeam), c.patient.id, { noteSeriesId: draftSeries });
    expect(view).toMatchObject({ id: linked, note: { id: amended.data.noteId } });
    expect(amended.data.noteId).not.toBe(draft.data.noteId);
    // The patient sees the photo (once shared) but not the note link, and cannot link photos to notes.
    await setPhotoShared(derm, linked, true);
    expect((await listPhotos(actorOf(c.patientUser), c.patient.id)).find((p) => p.id === linked)?.note).toBeNull();
    expect(await uploadPhoto(actorOf(c.patientUser), c.patient.id, { bytes: jpeg, meta: { bodySite: 'chin', noteSeriesId: draftSeries } })).toMatchObject({ ok: false, fieldErrors: { noteSeriesId: expect.any(Array) } });

    const other = await saveNote(actorOf(c.dermOffTeam), c.otherPatient.id, { body: 'Other record' });
    if (!other.ok) throw new Error('no note');
    const otherSeries = other.data.seriesId;
    expect(await uploadPhoto(derm, c.patient.id, { bytes: jpeg, meta: { ...meta, noteSeriesId: otherSeries } })).toMatchObject({ ok: false, fieldErrors: { noteSeriesId: expect.any(Array) } });
  });
});
