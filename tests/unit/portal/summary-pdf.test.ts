import { describe, expect, it } from 'vitest';
import type { PortalSummary } from '@/lib/portal/queries';
import { pdfSafe, renderSummaryPdf } from '@/lib/portal/summary-pdf';

const summary: PortalSummary = {
  patient: { givenName: 'Zoë', familyName: 'Müller', dateOfBirth: '1980-05-17', sex: 'female', mrn: 'AX-1' },
  conditions: [{ code: 'L20.9', display: 'Atopic dermatitis, unspecified', clinicalStatus: 'active', onsetDate: '2020-01-01' }],
  careTeam: [{ name: 'Dr. Elena Rivera', specialty: 'dermatology', role: 'lead' }],
  plan: [
    { id: 'p1', title: 'Low-FODMAP diet', kindLabel: 'Diet change', details: 'Elimination phase', why: 'Fewer flares', until: { date: '2025-06-30', basis: 'end' }, startDate: null, paused: false, ownerName: 'Nina Patel, RD', ownerSpecialty: 'nutrition' },
  ],
  results: [
    {
      id: 'r1',
      kind: 'breath_test',
      kindLabel: 'Breath test',
      title: 'Lactulose 10 g breath test',
      effectiveDate: '2025-03-10',
      flag: 'abnormal',
      explanation: { headline: 'Your breath test showed an early rise in hydrogen.', paragraphs: ['H₂ rose ≥ 20 ppm → SIBO.'], caution: null },
      messageToPatient: 'See you soon “next week”.',
      sharedAt: '2025-03-11T10:00:00.000Z',
      sharedByName: 'Dr. Elena Rivera',
    },
  ],
  notes: [{ id: 'n1', body: '## Plan\n\n- **Low-FODMAP** for 6 weeks', authorName: 'Nina Patel, RD', authorSpecialty: 'nutrition', signedAt: '2025-03-12T10:00:00.000Z', isAmendment: false }],
  scoreTrends: [
    { instrument: 'easi', label: 'EASI', fullName: 'Eczema Area and Severity Index', min: 0, max: 72, bands: [], points: [{ effectiveDate: '2025-01-01', value: 12, reportedByMe: false }] },
  ],
  scoreChanges: [{ interventionTitle: 'Rifaximin 550 mg', instrumentLabel: 'DLQI', early: false, text: 'Since you started Rifaximin 550 mg, your DLQI score went down by 58% (lower is better): from 12 on 17 Jan 2026 to 5 on 14 Apr 2026.' }],
  generatedAt: '2025-04-01T09:00:00.000Z',
};

describe('summary PDF', () => {
  it('renders a PDF document', async () => {
    const pdf = await renderSummaryPdf(summary);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(pdf.length).toBeGreaterThan(1000);
  });

  it('spells out symbols the built-in fonts cannot draw, keeping accented letters and typographic quotes', () => {
    expect(pdfSafe('H₂ ≥ 20 ppm → SIBO; CH₄ ≤ 10; −5')).toBe('H2 >= 20 ppm -> SIBO; CH4 <= 10; -5');
    expect(pdfSafe('Zoë Müller “quoted” – ok')).toBe('Zoë Müller “quoted” – ok');
    expect(pdfSafe('emoji 🙂')).toBe('emoji ?');
  });
});
