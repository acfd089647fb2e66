import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents } from '../../../db/schema';
import { bulkExportLines, parseBulkTypes } from '../../../lib/fhir/bulk';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { recordResult } from '../../../lib/results/mutations';
import { actorOf, addToTeam, makeClinic, makePatient } from '../fixtures';
import { fhirSchemaErrors } from '../../support/fhir-schema';

// $export: NDJSON of every patient on the clinician's care teams, nobody else's; each patient's read
// audited; shared resources once; limited by _type; patients and administrators refused.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;

beforeEach(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
});

async function collect(actor: Actor, types: Parameters<typeof bulkExportLines>[1] = null) {
  const lines: string[] = [];
  for await (const line of bulkExportLines(actor, types)) lines.push(line);
  return lines;
}

describe('bulk export', () => {
  it('writes one valid resource per line for the care-team patients only, Practitioners once, and audits each patient', async () => {
    const second = await makePatient({ givenName: 'Ines', familyName: 'Duarte' });
    await addToTeam(second.id, c.dermOnTeam.id);
    expect((await recordResult(derm, c.patient.id, 'score', { effectiveDate: '2026-01-02', instrument: 'easi', value: 12 })).ok).toBe(true);
    const lines = await collect(derm);
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const resources = lines.map((l) => JSON.parse(l) as { resourceType: string; id: string; subject?: { reference?: string } });
    const patientIds = resources.filter((r) => r.resourceType === 'Patient').map((r) => r.id).sort();
    expect(patientIds).toEqual([c.patient.id, second.id].sort());
    expect(patientIds).not.toContain(c.otherPatient.id);
    const keys = resources.map((r) => `${r.resourceType}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(resources.some((r) => r.resourceType === 'Observation')).toBe(true);
    for (const r of resources) expect(fhirSchemaErrors(r), `${r.resourceType}/${r.id}`).toEqual([]);
    const audits = await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, derm.userId), eq(auditEvents.action, 'fhir.export')));
    expect(new Set(audits.map((a) => a.patientId))).toEqual(new Set([c.patient.id, second.id]));
    const [bulk] = await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, derm.userId), eq(auditEvents.action, 'fhir.bulk_export')));
    expect(bulk?.detail).toMatchObject({ patients: 2 });
  });

  it('limits to the asked types, and says which asked types it does not know', async () => {
    const lines = await collect(derm, ['Patient']);
    expect(lines.map((l) => (JSON.parse(l) as { resourceType: string }).resourceType)).toEqual(['Patient']);
    expect(parseBulkTypes('Patient, Observation')).toEqual({ ok: true, types: ['Patient', 'Observation'] });
    expect(parseBulkTypes('')).toEqual({ ok: true, types: null });
    expect(parseBulkTypes('Patient,Bogus')).toMatchObject({ ok: false, error: expect.stringMatching(/not "Bogus"/) });
  });

  it('refuses patients and administrators before writing anything, audited', async () => {
    await expect(collect(actorOf(c.patientUser))).rejects.toThrow();
    await expect(collect(actorOf(c.admin))).rejects.toThrow();
    const denied = await getDb().select().from(auditEvents).where(and(eq(auditEvents.actorUserId, c.admin.id), eq(auditEvents.action, 'fhir.bulk_export'), eq(auditEvents.outcome, 'denied')));
    expect(denied).toHaveLength(1);
  });
});
