import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, DiagnosticReport, DocumentReference, Observation, Resource } from '@medplum/fhirtypes';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, clinicalDocuments, documentContents, patients, results, users } from '../../../db/schema';
import { demoPdf } from '../../../db/seed/demo-pdf';
import { DEMO_STAFF, seedDemoClinic } from '../../../db/seed/demo-clinic';
import { DEMO_RESULTS_FEATURED_MRN } from '../../../db/seed/demo-results';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { ForbiddenError } from '../../../lib/platform/errors';
import { previewFhirImport, saveFhirImport } from '../../../lib/fhir/mutations';
import { endEmergencyAccess, requestEmergencyAccess } from '../../../lib/emergency-access/mutations';
import { exportPatientBundle } from '../../../lib/fhir/queries';
import { recordResultsBatch } from '../../../lib/results/mutations';
import { fhirR4Validator, fhirSchemaErrors } from '../../support/fhir-schema';
import { Fhir } from 'fhir';
import { actorOf, addToTeam, makePatient, makeUser } from '../fixtures';

// The FHIR export and import against a real database (PGlite, or PostgreSQL with DATABASE_URL), on the
// seeded demo clinic: Chen, Maya is exported, imported into a fresh patient and exported again.

const NOW = new Date('2026-11-23T09:00:00.000Z');
const LAB_BUNDLE = readFileSync(path.join(import.meta.dirname, '../../e2e/fixtures/fhir-lab-bundle.json'), 'utf8');

let rivera: Actor;
let okafor: Actor;
let admin: Actor;
let chenId: string;

async function staff(key: string): Promise<Actor> {
  const email = DEMO_STAFF.find((s) => s.key === key)?.email ?? key;
  const [u] = await getDb().select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no ${key}`);
  return actorOf(u);
}

async function resultCount(patientId: string): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(results).where(eq(results.patientId, patientId));
  return row?.n ?? 0;
}

async function audit(actor: Actor, action: string) {
  return getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, actor.userId), eq(auditEvents.action, action)));
}

/** A fresh patient on Dr. Rivera's team, with nothing recorded. */
async function freshPatient() {
  const p = await makePatient({ givenName: 'Round', familyName: 'Trip' });
  await addToTeam(p.id, rivera.userId, 'lead');
  return p;
}

/**
 * The lab content of a bundle, comparable across patients: each DiagnosticReport with its observations
 * inlined, and the observations no report holds. Ids, meta, subjects, issue times and references differ
 * by design; everything else must match.
 */
function labContent(bundle: Bundle): unknown[] {
  const resources = (bundle.entry ?? []).flatMap((e) => (e.resource ? [{ fullUrl: e.fullUrl, resource: e.resource }] : []));
  const byUrl = new Map(resources.map((r) => [r.fullUrl, r.resource]));
  const strip = (r: Resource): Record<string, unknown> => {
    const { id: _id, meta: _meta, subject: _subject, issued: _issued, result: _result, ...rest } = r as Resource & { subject?: unknown; issued?: unknown; result?: unknown };
    return rest;
  };
  const inReports = new Set<string>();
  const reports = resources
    .filter((r): r is { fullUrl: string | undefined; resource: DiagnosticReport } => r.resource.resourceType === 'DiagnosticReport')
    .map(({ resource }) => {
      const members = (resource.result ?? []).map((ref) => {
        inReports.add(ref.reference ?? '');
        const member = byUrl.get(ref.reference);
        return member ? strip(member) : { missing: ref.reference };
      });
      return { ...strip(resource), members };
    });
  const loose = resources.filter((r) => r.resource.resourceType === 'Observation' && !inReports.has(r.fullUrl ?? '')).map((r) => strip(r.resource as Observation));
  return [...reports, ...loose].map((x) => JSON.stringify(x)).sort();
}

beforeAll(async () => {
  expect((await seedDemoClinic(getDb(), NOW)).seeded).toBe(true);
  rivera = await staff('derm1');
  okafor = await staff('derm2');
  const [a] = await getDb().select().from(users).where(eq(users.role, 'admin'));
  if (!a) throw new Error('no admin');
  admin = actorOf(a);
  const [chen] = await getDb().select().from(patients).where(eq(patients.mrn, DEMO_RESULTS_FEATURED_MRN));
  if (!chen) throw new Error('no Maya Chen');
  chenId = chen.id;
  fhirR4Validator('Bundle'); // compile the FHIR schema once (a few seconds)
}, 120_000);

describe('export', () => {
  it('gives a care-team clinician a valid FHIR R4 bundle of the whole record, audited as one export event', async () => {
    const before = (await audit(rivera, 'fhir.export')).length;
    const { bundle, fileName } = await exportPatientBundle(rivera, chenId);
    expect(fileName).toMatch(/^axis-fhir-AX-100155-\d{4}-\d{2}-\d{2}\.json$/);
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    // And an independent structural validator (FHIR.js), on the demo record with its elimination protocol.
    expect(new Fhir().validate(JSON.parse(JSON.stringify(bundle)) as object).messages.filter((m) => m.severity === 'error')).toEqual([]);
    const types = new Set((bundle.entry ?? []).map((e) => e.resource?.resourceType));
    // Goals and DocumentReferences (shared notes) are exercised by the demo record too, not only by fixtures.
    for (const t of ['Patient', 'Condition', 'CareTeam', 'CarePlan', 'Goal', 'DocumentReference', 'Practitioner', 'DiagnosticReport', 'Observation', 'NutritionOrder']) expect(types, t).toContain(t);
    const [current] = await getDb().select({ n: count() }).from(results).where(and(eq(results.patientId, chenId), eq(results.isCurrent, true)));
    expect(current?.n).toBeGreaterThan(5);
    const events = await audit(rivera, 'fhir.export');
    expect(events.length - before).toBe(1);
    expect(events.at(-1)).toMatchObject({ outcome: 'allowed', patientId: chenId });
  });

  it.each([
    ['a dermatologist off the care team', () => okafor, 'not-on-care-team'],
    ['an administrator', () => admin, 'admin-reads-no-clinical-data'],
  ])('refuses %s, and audits the refusal', async (_who, actorOf, reason) => {
    const actor = actorOf();
    await expect(exportPatientBundle(actor, chenId)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await audit(actor, 'fhir.export')).at(-1)).toMatchObject({ outcome: 'denied', detail: expect.objectContaining({ reason }) });
  });

  it('refuses a clinician reading under emergency access: a grant is for reading, not for carrying the record away', async () => {
    const grant = await requestEmergencyAccess(okafor, {
      mrn: DEMO_RESULTS_FEATURED_MRN,
      reasonCategory: 'urgent_care',
      reason: 'Seen in the emergency department tonight with a severe flare; the care team cannot be reached.',
    });
    if (!grant.ok) throw new Error(grant.error);
    try {
      await expect(exportPatientBundle(okafor, chenId)).rejects.toBeInstanceOf(ForbiddenError);
      expect((await audit(okafor, 'fhir.export')).at(-1)).toMatchObject({ outcome: 'denied', detail: expect.objectContaining({ reason: 'emergency-access-excludes-export' }) });
    } finally {
      if (!grant.data.grantId) throw new Error("Dr. Okafor is unexpectedly on the care team");
      const ended = await endEmergencyAccess(okafor, grant.data.grantId);
      expect(ended.ok).toBe(true);
    }
  });

  it('refuses the patient themself (the portal has its own summary)', async () => {
    const [chen] = await getDb().select().from(users).where(eq(users.patientId, chenId));
    const self = chen ? actorOf(chen) : actorOf(await makeUser('patient', { patientId: chenId }));
    await expect(exportPatientBundle(self, chenId)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('round trip', () => {
  it('export → import into a fresh patient → export gives the same lab resources', async () => {
    const first = (await exportPatientBundle(rivera, chenId)).bundle;
    const target = await freshPatient();
    const text = JSON.stringify(first);
    const preview = await previewFhirImport(rivera, target.id, text);
    if (!preview.ok) throw new Error(preview.error);
    const labEntries = (first.entry ?? []).filter((e) => e.resource?.resourceType === 'DiagnosticReport' || e.resource?.resourceType === 'Observation');
    expect(preview.plan.candidates.length).toBeGreaterThan(5);
    // Every result is flagged: the bundle names Chen's MRN, not the fresh patient's.
    expect(preview.plan.candidates.every((c) => c.identityMismatch?.includes(DEMO_RESULTS_FEATURED_MRN))).toBe(true);
    // No lab resource is left out unexplained.
    expect(preview.plan.notImported.filter((n) => /Observation|DiagnosticReport/.test(n.source))).toEqual([]);

    const refused = await saveFhirImport(rivera, target.id, { text, fingerprint: preview.plan.fingerprint });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/different patient identifier/) });
    expect(await resultCount(target.id)).toBe(0);

    const saved = await saveFhirImport(rivera, target.id, { text, fingerprint: preview.plan.fingerprint, confirmIdentity: true });
    if (!saved.ok) throw new Error(saved.error);
    expect(saved.resultIds).toHaveLength(preview.plan.candidates.length);
    // Chen's PDFs (the lab report attached to a result, the referral letter) came along, the report still attached.
    expect(saved.documentIds).toHaveLength(2);
    const kept = await getDb().select().from(clinicalDocuments).where(eq(clinicalDocuments.patientId, target.id));
    expect(kept.map((d) => `${d.category} ${d.origin} linked=${d.resultSeriesId !== null}`).sort()).toEqual(['lab_report fhir-import linked=true', 'referral_letter fhir-import linked=false']);

    const second = (await exportPatientBundle(rivera, target.id)).bundle;
    const pdfs = (b: Bundle) =>
      (b.entry ?? [])
        .flatMap((e) => (e.resource?.resourceType === 'DocumentReference' ? [e.resource as DocumentReference] : []))
        .filter((d) => d.content[0]?.attachment.contentType === 'application/pdf')
        .map((d) => ({ hash: d.content[0]?.attachment.hash, title: d.description, related: Boolean(d.context?.related) }))
        .sort((a, b) => String(a.title).localeCompare(String(b.title)));
    expect(pdfs(second)).toEqual(pdfs(first));
    expect(pdfs(first)).toHaveLength(2);
    expect(fhirSchemaErrors(second)).toEqual([]);
    expect(labContent(first).length).toBeGreaterThan(5);
    expect(labContent(second)).toEqual(labContent(first));
    expect(labEntries.length).toBeGreaterThan(10);
  });
});

describe('import', () => {
  it('keeps a lab’s PDF carried in a DocumentReference on its own, checked and audited, never twice', async () => {
    const target = await freshPatient();
    const pdf = await demoPdf('Northfield Diagnostics: faecal calprotectin', ['Calprotectin 40 µg/g']);
    const bundle = JSON.stringify({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: { resourceType: 'DocumentReference', id: 'lab-pdf', status: 'current', type: { coding: [{ system: 'http://loinc.org', code: '11502-2' }] }, description: 'Calprotectin report', date: '2026-11-20', content: [{ attachment: { contentType: 'application/pdf', data: Buffer.from(pdf).toString('base64'), size: pdf.byteLength } }] } }],
    });
    const preview = await previewFhirImport(rivera, target.id, bundle);
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.plan.documents).toMatchObject([{ title: 'Calprotectin report', category: 'lab_report', documentDate: '2026-11-20' }]);
    const saved = await saveFhirImport(rivera, target.id, { text: bundle, fingerprint: preview.plan.fingerprint });
    if (!saved.ok) throw new Error(saved.error);
    expect(saved).toMatchObject({ resultIds: [], documentIds: [expect.any(String)] });
    const [content] = await getDb().select().from(documentContents).where(eq(documentContents.documentId, saved.documentIds[0] as string));
    expect(Buffer.from(content?.bytes ?? []).equals(Buffer.from(pdf))).toBe(true);
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.patientId, target.id));
    expect(events.filter((e) => e.action === 'document.upload' && e.outcome === 'allowed')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'fhir.import' && e.outcome === 'allowed')).toHaveLength(1);
    const again = await previewFhirImport(rivera, target.id, bundle);
    if (!again.ok) throw new Error(again.error);
    expect(again.plan.documents).toEqual([]);
    expect(again.plan.notImported[0]?.reason).toMatch(/already on the record as “Calprotectin report”/);
  });


  it('imports a lab bundle in one transaction, audited per result and once for the import', async () => {
    const target = await makePatient({ mrn: 'AX-100155-LAB' });
    await addToTeam(target.id, rivera.userId);
    // The fixture names MRN AX-100155; here the target has another MRN, so confirm identity.
    const preview = await previewFhirImport(rivera, target.id, LAB_BUNDLE);
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.plan.candidates.map((c) => c.kind)).toEqual(['food_panel', 'h_pylori', 'h_pylori']);
    const saved = await saveFhirImport(rivera, target.id, { text: LAB_BUNDLE, fingerprint: preview.plan.fingerprint, confirmIdentity: true });
    if (!saved.ok) throw new Error(saved.error);
    const rows = await getDb().select().from(results).where(eq(results.patientId, target.id));
    expect(rows.map((r) => r.title).sort()).toEqual(['Food panel: Specific IgE (sIgE, blood)', 'H. pylori stool antigen', 'H. pylori urea breath test']);
    // Interpreted by the same rules as manual entry.
    expect(rows.find((r) => r.title === 'H. pylori urea breath test')?.criteriaSet).toBe('Lab-stated cut-off: DOB ≥ 4‰');
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.patientId, target.id));
    expect(events.filter((e) => e.action === 'result.create' && e.outcome === 'allowed')).toHaveLength(3);
    expect(events.filter((e) => e.action === 'fhir.import')).toEqual([expect.objectContaining({ outcome: 'allowed', detail: expect.objectContaining({ imported: 3, notImported: 2 }) })]);

    // The same bundle again: everything is already on the record, so nothing is imported twice.
    const again = await previewFhirImport(rivera, target.id, LAB_BUNDLE);
    if (!again.ok) throw new Error(again.error);
    expect(again.plan.candidates).toEqual([]);
    expect(again.plan.notImported.filter((n) => /already on the record/.test(n.reason))).toHaveLength(3);
    expect(await saveFhirImport(rivera, target.id, { text: LAB_BUNDLE, fingerprint: again.plan.fingerprint, confirmIdentity: true })).toMatchObject({ ok: false });
    expect(await resultCount(target.id)).toBe(3);
  });

  it('saves nothing for a broken bundle, a changed bundle or an empty one', async () => {
    const target = await freshPatient();
    const broken = await previewFhirImport(rivera, target.id, '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation"}}]}');
    expect(broken).toMatchObject({ ok: false, error: expect.stringMatching(/Entry 1 \(Observation\/entry-1\).*Nothing was imported/) });
    const preview = await previewFhirImport(rivera, target.id, LAB_BUNDLE);
    if (!preview.ok) throw new Error(preview.error);
    const changed = LAB_BUNDLE.replace('"value": 2.1', '"value": 21');
    expect(await saveFhirImport(rivera, target.id, { text: changed, fingerprint: preview.plan.fingerprint, confirmIdentity: true })).toMatchObject({ ok: false, error: expect.stringMatching(/not the one you previewed/) });
    const nothing = JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Condition', id: 'c1' } }] });
    const emptyPreview = await previewFhirImport(rivera, target.id, nothing);
    if (!emptyPreview.ok) throw new Error(emptyPreview.error);
    expect(await saveFhirImport(rivera, target.id, { text: nothing, fingerprint: emptyPreview.plan.fingerprint })).toMatchObject({ ok: false, error: expect.stringMatching(/Nothing in this bundle/) });
    expect(await saveFhirImport(rivera, target.id, { text: '{', fingerprint: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/preview/i) });
    expect(await resultCount(target.id)).toBe(0);
  });

  it('refuses a clinician off the care team (preview and save), audited, nothing saved', async () => {
    await expect(previewFhirImport(okafor, chenId, LAB_BUNDLE)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveFhirImport(okafor, chenId, { text: LAB_BUNDLE, fingerprint: 'a'.repeat(64) })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await audit(okafor, 'fhir.import')).at(-1)).toMatchObject({ outcome: 'denied' });
  });

  it('recordResultsBatch saves all or nothing', async () => {
    const target = await freshPatient();
    const good = { effectiveDate: '2025-01-01', method: 'serology', result: 'positive' };
    const bad = { effectiveDate: '2025-01-01', method: 'serology' };
    const outcome = await recordResultsBatch(rivera, target.id, [{ kind: 'h_pylori', input: good }, { kind: 'h_pylori', input: bad }], { source: 'test' });
    expect(outcome).toMatchObject({ ok: false, itemErrors: [{ index: 1, fieldErrors: { result: [expect.stringMatching(/Enter the result/)] } }] });
    expect(await resultCount(target.id)).toBe(0);
    const ok = await recordResultsBatch(rivera, target.id, [{ kind: 'h_pylori', input: good }, { kind: 'score', input: { effectiveDate: '2025-01-02', instrument: 'dlqi', value: 4 } }], { source: 'test' });
    expect(ok).toMatchObject({ ok: true, data: { resultIds: [expect.any(String), expect.any(String)] } });
    expect(await resultCount(target.id)).toBe(2);
  });
});
