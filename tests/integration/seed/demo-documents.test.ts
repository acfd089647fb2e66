import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { clinicalDocuments, documentContents, patients, results } from '../../../db/schema';
import { seedDemoClinic } from '../../../db/seed/demo-clinic';
import { checkPdf } from '../../../lib/documents/pdf';

// The demo clinic's generated PDFs: a lab report attached to a result for the first portal patient (shared with
// him) and for Maya Chen (not shared), and a referral letter for Maya Chen; each a real PDF, stored as an upload is.

const NOW = new Date('2026-11-23T09:00:00.000Z');

beforeAll(async () => {
  await seedDemoClinic(getDb(), NOW);
});

describe('demo documents', () => {
  it('attaches a lab report to a current result of each patient, and a referral letter for Maya Chen', async () => {
    const rows = await getDb().select({ mrn: patients.mrn, d: clinicalDocuments }).from(clinicalDocuments).innerJoin(patients, eq(patients.id, clinicalDocuments.patientId));
    const of = (mrn: string) => rows.filter((r) => r.mrn === mrn).map((r) => `${r.d.category} shared=${r.d.sharedWithPatient} result=${r.d.resultSeriesId !== null}`).sort();
    expect(of('AX-100001')).toEqual(['lab_report shared=true result=true']);
    expect(of('AX-100155')).toEqual(['lab_report shared=false result=true', 'referral_letter shared=false result=false']);
    for (const { d } of rows.filter((r) => r.d.resultSeriesId)) {
      const [result] = await getDb().select().from(results).where(and(eq(results.seriesId, d.resultSeriesId as string), eq(results.isCurrent, true), eq(results.patientId, d.patientId)));
      expect(result?.effectiveDate).toBe(d.documentDate);
    }
  });

  it('stores real PDFs whose size and hash match the row', async () => {
    const rows = await getDb().select({ d: clinicalDocuments, bytes: documentContents.bytes }).from(clinicalDocuments).innerJoin(documentContents, eq(documentContents.documentId, clinicalDocuments.id));
    expect(rows).toHaveLength(3);
    for (const { d, bytes } of rows) {
      const pdf = new Uint8Array(bytes);
      expect(checkPdf(pdf)).toEqual({ ok: true });
      expect(pdf.byteLength).toBe(d.byteSize);
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(d.sha256);
    }
  });
});
