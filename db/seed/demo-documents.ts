import { createHash } from 'node:crypto';
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../client';
import { clinicalDocuments, results } from '../schema';
import { checkPdf } from '../../lib/documents/pdf';
import type { DocumentCategory } from '../../lib/documents/categories';
import { documentStorage } from '../../lib/documents/storage';
import type { DemoResultsPatient } from './demo-results';
import { demoPdf } from './demo-pdf';
import { createRandom, seededUuid } from './random';

// Generated PDFs (a lab's report attached to a result, a referral letter) for two demo patients, so the documents
// pages, the viewer and the FHIR DocumentReference export have something real on a fresh clone. Written with
// PDFKit (already used for the portal summary) and checked exactly as an upload is (lib/documents/pdf.ts).

const SEED = 18_181_818;
const DAY = 86_400_000;

interface Planned {
  patient: DemoResultsPatient;
  category: DocumentCategory;
  title: string;
  heading: string;
  lines: string[];
  daysAgo: number;
  forResult: boolean;
  shared: boolean;
}

export async function seedDemoDocuments(db: Executor, patients: readonly DemoResultsPatient[], featuredMrn: string, now: Date): Promise<{ documents: number }> {
  const ids = createRandom(SEED);
  const featured = patients.find((p) => p.mrn === featuredMrn);
  const firstPortal = [...patients].filter((p) => p.hasPortalAccount).sort((a, b) => a.mrn.localeCompare(b.mrn))[0];
  const planned: Planned[] = [];
  for (const p of [firstPortal, featured]) {
    if (!p) continue;
    planned.push({
      patient: p,
      category: 'lab_report',
      title: 'Laboratory report',
      heading: 'Northfield Diagnostics (demo): laboratory report',
      lines: [`Patient identifier: ${p.mrn}`, 'Specimen received and analysed as requested.', 'The structured values are entered in Axis; this is the laboratory’s own report as issued.'],
      daysAgo: 0,
      forResult: true,
      shared: p === firstPortal,
    });
  }
  if (featured) {
    planned.push({
      patient: featured,
      category: 'referral_letter',
      title: 'Referral from the family doctor',
      heading: 'Referral letter (demo)',
      lines: [`Re: ${featured.mrn}`, 'Dear colleague, thank you for seeing this patient with a skin condition that flares with gut symptoms.', 'Current medication and history are summarised in the record.', 'Yours sincerely, the referring practice (demo)'],
      daysAgo: 160,
      forResult: false,
      shared: false,
    });
  }
  let count = 0;
  for (const d of planned) {
    const lead = d.patient.team.find((m) => m.specialty === 'dermatology') ?? d.patient.team[0];
    if (!lead) continue;
    const [result] = d.forResult
      ? await db
          .select({ seriesId: results.seriesId, title: results.title, effectiveDate: results.effectiveDate })
          .from(results)
          .where(and(eq(results.patientId, d.patient.id), eq(results.isCurrent, true), ne(results.kind, 'score')))
          .orderBy(desc(results.effectiveDate))
          .limit(1)
      : [];
    if (d.forResult && !result) continue;
    const bytes = await demoPdf(d.heading, result ? [...d.lines, `Test: ${result.title}`, `Collected: ${result.effectiveDate}`] : d.lines);
    const check = checkPdf(bytes);
    if (!check.ok) throw new Error(`demo document: ${check.error}`);
    const id = seededUuid(ids);
    const documentDate = result?.effectiveDate ?? new Date(now.getTime() - d.daysAgo * DAY).toISOString().slice(0, 10);
    await db.insert(clinicalDocuments).values({
      id,
      patientId: d.patient.id,
      category: d.category,
      title: result ? `${d.title}: ${result.title}` : d.title,
      documentDate,
      resultSeriesId: result?.seriesId ?? null,
      uploadedBy: lead.userId,
      uploadedAt: now,
      origin: 'upload',
      contentType: 'application/pdf',
      byteSize: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sharedWithPatient: d.shared,
    });
    await documentStorage.put(db, id, bytes);
    count++;
  }
  return { documents: count };
}
