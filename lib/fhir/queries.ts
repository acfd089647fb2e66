import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Bundle } from '@medplum/fhirtypes';
import { getDb } from '@/db/client';
import { carePlanGoals, carePlanInterventions, clinicalDocuments, clinicalNotes, documentContents, eliminationProtocols, patients, results, users } from '@/db/schema';
import { DOCUMENT_CATEGORIES, isDocumentCategory } from '@/lib/documents/categories';
import { protocolSchedule } from '@/lib/clinical/reintroduction/schedule';
import { PROTOCOL_REASON_LABELS } from '@/lib/reintroduction/schema';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { summarizeDetails } from '@/lib/care-plans/describe';
import { loadCareTeams, loadConditions } from '@/lib/patients/queries';
import { readStoredResult } from '@/lib/results/stored';
import { buildPatientBundle, exportFileName, type ExportResult, type ExportSource } from './export-mapping';

export interface PatientExport {
  bundle: Bundle;
  fileName: string;
}

/**
 * The patient's record as a FHIR R4 Bundle ($everything): demographics, conditions, care team, plan,
 * current results and notes shared with the patient. One access check (care-team clinicians only —
 * unlike the record page, not under an emergency grant) and one audit event for the whole export; a refusal throws ForbiddenError
 * (callers answer 404, as the record page does, so an outsider cannot tell "no such patient").
 */
export async function exportPatientBundle(actor: Actor, patientId: string, now = new Date()): Promise<PatientExport> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-export', { action: 'fhir.export', detail: { format: 'fhir-r4-bundle' } });
  const [p] = await db.select().from(patients).where(eq(patients.id, patientId));
  if (!p) throw new Error(`patient ${patientId} vanished after the access check`);

  const [conditionsBy, teamsBy, goals, interventions, notes, resultRows, protocolRows, documentRows] = await Promise.all([
    loadConditions(db, [patientId]),
    loadCareTeams(db, [patientId]),
    db.select().from(carePlanGoals).where(eq(carePlanGoals.patientId, patientId)).orderBy(asc(carePlanGoals.createdAt), asc(carePlanGoals.id)),
    db.select().from(carePlanInterventions).where(eq(carePlanInterventions.patientId, patientId)).orderBy(asc(carePlanInterventions.proposedAt), asc(carePlanInterventions.id)),
    db
      .select({ id: clinicalNotes.id, authorId: clinicalNotes.authorId, body: clinicalNotes.body, signedAt: clinicalNotes.signedAt, isAmendment: clinicalNotes.isAmendment })
      .from(clinicalNotes)
      .where(and(eq(clinicalNotes.patientId, patientId), eq(clinicalNotes.isCurrent, true), eq(clinicalNotes.status, 'signed'), eq(clinicalNotes.visibility, 'patient')))
      .orderBy(desc(clinicalNotes.signedAt), asc(clinicalNotes.id)),
    db
      .select()
      .from(results)
      .where(and(eq(results.patientId, patientId), eq(results.isCurrent, true)))
      .orderBy(desc(results.effectiveDate), asc(results.enteredAt), asc(results.id)),
    db.select().from(eliminationProtocols).where(eq(eliminationProtocols.patientId, patientId)).orderBy(asc(eliminationProtocols.createdAt), asc(eliminationProtocols.id)),
    // Kept documents (lib/documents), the PDF inline, with the current version of the result each belongs to.
    db
      .select({ d: clinicalDocuments, bytes: documentContents.bytes, resultId: results.id })
      .from(clinicalDocuments)
      .innerJoin(documentContents, eq(documentContents.documentId, clinicalDocuments.id))
      .leftJoin(results, and(eq(results.seriesId, clinicalDocuments.resultSeriesId), eq(results.isCurrent, true)))
      .where(eq(clinicalDocuments.patientId, patientId))
      .orderBy(desc(clinicalDocuments.documentDate), asc(clinicalDocuments.id)),
  ]);
  const careTeam = teamsBy.get(patientId) ?? [];

  const practitionerIds = new Set<string>([...careTeam.map((m) => m.userId), ...interventions.map((i) => i.ownerUserId), ...notes.map((n) => n.authorId), ...protocolRows.map((p) => p.supervisorId), ...documentRows.map((r) => r.d.uploadedBy)]);
  const practitioners = practitionerIds.size
    ? await db.select({ id: users.id, name: users.name, specialty: users.specialty }).from(users).where(inArray(users.id, [...practitionerIds])).orderBy(asc(users.name), asc(users.id))
    : [];

  const generatedAt = now.toISOString();
  const source: ExportSource = {
    patient: { id: p.id, mrn: p.mrn, givenName: p.givenName, familyName: p.familyName, dateOfBirth: p.dateOfBirth, sex: p.sex, email: p.email, phone: p.phone, addressLine: p.addressLine },
    conditions: (conditionsBy.get(patientId) ?? []).map((c) => ({ id: c.id, codeSystem: c.codeSystem, code: c.code, display: c.display, onsetDate: c.onsetDate, clinicalStatus: c.clinicalStatus })),
    practitioners,
    careTeam: careTeam.map((m) => ({ userId: m.userId, role: m.role, addedAt: m.addedAt })),
    goals: goals.map((g) => ({ id: g.id, description: g.description, targetInstrument: g.targetInstrument, targetValue: g.targetValue, targetDate: g.targetDate, status: g.status })),
    interventions: interventions.map((i) => ({
      id: i.id,
      goalId: i.goalId,
      kind: i.kind,
      title: i.title,
      description: summarizeDetails(i.kind, i.details),
      ownerUserId: i.ownerUserId,
      ownerSpecialty: i.ownerSpecialty,
      status: i.status,
      statusReason: i.statusReason,
      startDate: i.startDate,
      endDate: i.endDate,
    })),
    protocols: protocolRows.map((p) => {
      const schedule = protocolSchedule(p);
      return {
        id: p.id,
        status: p.status,
        statusReason: p.statusReason,
        createdAt: p.createdAt.toISOString(),
        supervisorId: p.supervisorId,
        foods: p.foods,
        eliminationFrom: schedule.eliminationFrom,
        eliminationTo: schedule.eliminationTo,
        reason: [PROTOCOL_REASON_LABELS[p.reasonKind], p.reasonText].filter(Boolean).join(': '),
        challenges: schedule.challenges.map((c) => {
          const v = p.verdicts[c.food];
          return {
            food: c.food,
            days: c.days.map((d) => ({ date: d.date, portion: d.portion })),
            washoutTo: c.washout?.to ?? null,
            verdict: v ? { verdict: v.verdict, reason: v.reason, reviewDate: v.reviewDate, confirmedAt: v.confirmedAt } : null,
          };
        }),
        supervisedOnly: p.supervisedOnly,
      };
    }),
    sharedNotes: notes.flatMap((n) => (n.signedAt ? [{ id: n.id, authorId: n.authorId, body: n.body, signedAt: n.signedAt.toISOString(), isAmendment: n.isAmendment }] : [])),
    results: resultRows.map((r): ExportResult => {
      const stored = readStoredResult(r.kind, r.data, r.interpretation);
      const base = { id: r.id, version: r.version, title: r.title, summary: r.summary, enteredAt: r.enteredAt.toISOString() };
      return stored.kind === 'h_pylori' ? { ...base, kind: 'h_pylori', input: stored.input, interpretation: { result: stored.interpretation.result } } : ({ ...base, kind: stored.kind, input: stored.input } as ExportResult);
    }),
    documents: documentRows.map(({ d, bytes, resultId }) => ({
      id: d.id,
      category: d.category,
      categoryLabel: isDocumentCategory(d.category) ? DOCUMENT_CATEGORIES[d.category] : d.category,
      title: d.title,
      documentDate: d.documentDate,
      uploadedBy: d.uploadedBy,
      uploadedAt: d.uploadedAt.toISOString(),
      resultId,
      contentType: d.contentType,
      bytes: new Uint8Array(bytes),
    })),
    generatedAt,
  };
  return { bundle: buildPatientBundle(source), fileName: exportFileName(p.mrn, generatedAt) };
}

