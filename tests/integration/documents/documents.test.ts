import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, clinicalDocuments, documentContents } from '../../../db/schema';
import { demoPdf } from '../../../db/seed/demo-pdf';
import { setDocumentShared, uploadDocument } from '../../../lib/documents/mutations';
import { getDocument, listDocuments, listResultChoices, readDocumentContent } from '../../../lib/documents/queries';
import { requestEmergencyAccess } from '../../../lib/emergency-access/mutations';
import { correctResult } from '../../../lib/results/mutations';
import { actorOf, makeClinic } from '../fixtures';
import { recordOk, resultRow, ubtPositive } from '../results/inputs';

// Documents kept with the record: only real PDFs are stored, nothing is stored on a refusal, the team (and an
// emergency grant, read-only) sees them, the patient only shared ones, and every list, open and download is audited.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let pdf: Uint8Array;

beforeEach(async () => {
  c = await makeClinic();
  pdf ??= await demoPdf('Northfield Diagnostics: urea breath test', ['Delta over baseline 12.4', 'Positive']);
});

const meta = { category: 'lab_report', title: 'Urea breath test report', documentDate: '2025-02-01' };
const rows = () => getDb().select().from(clinicalDocuments).where(eq(clinicalDocuments.patientId, c.patient.id));
const audit = (action: string, userId: string) => getDb().select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.actorUserId, userId)));

async function attached(details: Record<string, unknown> = meta, bytes = pdf) {
  const outcome = await uploadDocument(actorOf(c.dermOnTeam), c.patient.id, { bytes, meta: details }, new Date('2026-12-07T12:00:00Z'));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome.data.documentId;
}

describe('attaching', () => {
  it('keeps the PDF byte for byte, with its hash, and audits the upload', async () => {
    const id = await attached();
    const [row] = await rows();
    expect(row).toMatchObject({ id, category: 'lab_report', title: 'Urea breath test report', documentDate: '2025-02-01', origin: 'upload', byteSize: pdf.byteLength, sharedWithPatient: false });
    expect(row?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [content] = await getDb().select().from(documentContents).where(eq(documentContents.documentId, id));
    expect(Buffer.from(content?.bytes ?? []).equals(Buffer.from(pdf))).toBe(true);
    expect(await audit('document.upload', c.dermOnTeam.id)).toMatchObject([{ outcome: 'allowed', entityId: id }]);
  });

  it('refuses a script renamed .pdf, an incomplete PDF, bad details and a future date, storing nothing', async () => {
    const contentsBefore = (await getDb().select({ id: documentContents.documentId }).from(documentContents)).length;
    const script = new TextEncoder().encode('<script>fetch("/api/fhir/$export")</script>');
    expect(await uploadDocument(actorOf(c.dermOnTeam), c.patient.id, { bytes: script, meta })).toMatchObject({ ok: false, error: expect.stringMatching(/not a PDF/), fieldErrors: { file: expect.any(Array) } });
    expect(await uploadDocument(actorOf(c.dermOnTeam), c.patient.id, { bytes: pdf.subarray(0, 200), meta })).toMatchObject({ ok: false, error: expect.stringMatching(/incomplete/) });
    expect(await uploadDocument(actorOf(c.dermOnTeam), c.patient.id, { bytes: pdf, meta: { ...meta, category: 'x-ray', title: '' } })).toMatchObject({ ok: false, fieldErrors: { category: expect.any(Array), title: expect.any(Array) } });
    expect(await uploadDocument(actorOf(c.dermOnTeam), c.patient.id, { bytes: pdf, meta: { ...meta, documentDate: '2099-01-01' } })).toMatchObject({ ok: false, fieldErrors: { documentDate: expect.any(Array) } });
    expect(await rows()).toHaveLength(0);
    expect(await getDb().select({ id: documentContents.documentId }).from(documentContents)).toHaveLength(contentsBefore);
    expect(await audit('document.upload', c.dermOnTeam.id)).toMatchObject([{ outcome: 'denied' }, { outcome: 'denied' }]);
  });

  it('refuses the same PDF twice on one record, naming the copy already there', async () => {
    await attached();
    expect(await uploadDocument(actorOf(c.nutritionistOnTeam), c.patient.id, { bytes: pdf, meta: { ...meta, title: 'Again' } })).toMatchObject({ ok: false, error: expect.stringMatching(/already on the record as “Urea breath test report”/) });
    expect(await rows()).toHaveLength(1);
  });

  it('attaches to a result by series, so the report stays with it after a correction; another patient’s result is refused', async () => {
    const resultId = await recordOk(actorOf(c.dermOnTeam), c.patient.id, 'h_pylori', ubtPositive());
    const seriesId = (await resultRow(resultId)).seriesId;
    expect((await listResultChoices(actorOf(c.dermOnTeam), c.patient.id)).map((r) => r.seriesId)).toEqual([seriesId]);
    const id = await attached({ category: 'lab_report', title: 'UBT report', resultSeriesId: seriesId });
    // No date given: the result's own date, not the upload day.
    expect((await rows())[0]?.documentDate).toBe(ubtPositive().effectiveDate);
    expect((await listDocuments(actorOf(c.nutritionistOnTeam), c.patient.id, { resultSeriesId: seriesId })).map((d) => ({ id: d.id, result: d.result?.id }))).toEqual([{ id, result: resultId }]);
    const corrected = await correctResult(actorOf(c.dermOnTeam), { resultId, expectedVersion: 1, reason: 'Transcription error in the reading', values: { ...ubtPositive(), notes: 'Corrected' } });
    if (!corrected.ok) throw new Error(JSON.stringify(corrected));
    const [after] = await listDocuments(actorOf(c.nutritionistOnTeam), c.patient.id, { resultSeriesId: seriesId });
    expect(after?.result?.id).toBe(corrected.data.resultId);
    expect(after?.result?.id).not.toBe(resultId);
    const otherResult = await recordOk(actorOf(c.dermOffTeam), c.otherPatient.id, 'h_pylori', ubtPositive());
    const otherSeries = (await resultRow(otherResult)).seriesId;
    expect(await uploadDocument(actorOf(c.dermOnTeam), c.patient.id, { bytes: await demoPdf('Other', ['x']), meta: { ...meta, resultSeriesId: otherSeries } })).toMatchObject({ ok: false, fieldErrors: { resultSeriesId: expect.any(Array) } });
  });

  it('refuses outsiders, patients, and writes under an emergency grant', async () => {
    await expect(uploadDocument(actorOf(c.dermOffTeam), c.patient.id, { bytes: pdf, meta })).rejects.toThrow();
    await expect(uploadDocument(actorOf(c.patientUser), c.patient.id, { bytes: pdf, meta })).rejects.toThrow();
    await expect(uploadDocument(actorOf(c.admin), c.patient.id, { bytes: pdf, meta })).rejects.toThrow();
    const grant = await requestEmergencyAccess(actorOf(c.gastroOffTeam), { mrn: c.patient.mrn, reasonCategory: 'urgent_care', reason: 'Seen in the emergency department; the care team cannot be reached.' });
    expect(grant.ok).toBe(true);
    await expect(uploadDocument(actorOf(c.gastroOffTeam), c.patient.id, { bytes: pdf, meta })).rejects.toThrow(/read-only|emergency/i);
    expect(await rows()).toHaveLength(0);
  });
});

describe('reading', () => {
  it('the team and an emergency grant open and download, each read audited; outsiders and unknown ids are refused alike', async () => {
    const id = await attached();
    const opened = await readDocumentContent(actorOf(c.nutritionistOnTeam), id, 'view');
    expect(Buffer.from(opened.bytes).equals(Buffer.from(pdf))).toBe(true);
    await readDocumentContent(actorOf(c.nutritionistOnTeam), id, 'download');
    expect(await audit('document.view', c.nutritionistOnTeam.id)).toHaveLength(1);
    expect(await audit('document.download', c.nutritionistOnTeam.id)).toHaveLength(1);
    await expect(readDocumentContent(actorOf(c.dermOffTeam), id, 'view')).rejects.toThrow();
    await expect(readDocumentContent(actorOf(c.dermOnTeam), '00000000-0000-4000-8000-000000000000', 'view')).rejects.toThrow();
    await expect(getDocument(actorOf(c.dermOnTeam), 'not-a-uuid')).rejects.toThrow();
    expect((await audit('document.view', c.dermOffTeam.id)).map((e) => e.outcome)).toEqual(['denied']);
    expect((await audit('document.view', c.dermOnTeam.id)).map((e) => e.outcome)).toEqual(['denied']);
    await expect(readDocumentContent(actorOf(c.admin), id, 'view')).rejects.toThrow();
    const grant = await requestEmergencyAccess(actorOf(c.gastroOffTeam), { mrn: c.patient.mrn, reasonCategory: 'urgent_care', reason: 'Seen in the emergency department; the care team cannot be reached.' });
    expect(grant.ok).toBe(true);
    expect((await readDocumentContent(actorOf(c.gastroOffTeam), id, 'view')).bytes.byteLength).toBe(pdf.byteLength);
    await expect(setDocumentShared(actorOf(c.gastroOffTeam), id, true)).rejects.toThrow(/read-only|emergency/i);
  });

  it('the patient sees a document only while it is shared with them; another patient never', async () => {
    const id = await attached();
    const patient = actorOf(c.patientUser);
    expect(await listDocuments(patient, c.patient.id)).toEqual([]);
    await expect(readDocumentContent(patient, id, 'view')).rejects.toThrow();
    await expect(getDocument(patient, id)).rejects.toThrow();
    expect(await setDocumentShared(actorOf(c.dermOnTeam), id, true)).toEqual({ ok: true, data: { documentId: id } });
    expect((await listDocuments(patient, c.patient.id)).map((d) => d.id)).toEqual([id]);
    expect((await getDocument(patient, id)).title).toBe('Urea breath test report');
    expect((await readDocumentContent(patient, id, 'download')).bytes.byteLength).toBe(pdf.byteLength);
    await expect(readDocumentContent(actorOf(c.otherPatientUser), id, 'view')).rejects.toThrow();
    await expect(listDocuments(actorOf(c.otherPatientUser), c.patient.id)).rejects.toThrow();
    await setDocumentShared(actorOf(c.dermOnTeam), id, false);
    await expect(readDocumentContent(patient, id, 'view')).rejects.toThrow();
    const patientReads = await audit('document.view', c.patientUser.id);
    expect(patientReads.map((e) => e.outcome)).toEqual(['denied', 'denied']);
    expect(await audit('document.share', c.dermOnTeam.id)).toHaveLength(1);
    expect(await audit('document.unshare', c.dermOnTeam.id)).toHaveLength(1);
  });
});
