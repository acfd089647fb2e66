// A full-history patient bundle written the way Synthea writes them (transaction Bundle, urn:uuid fullUrls,
// US Core profiles, SNOMED CT conditions, conditional references to Practitioner/Organization, encounters,
// years of vital signs, a note DiagnosticReport with a base64 presentedForm, a CarePlan), with two H. pylori
// results coded the way labs send them (SNOMED CT answers with no display; a UBT with no reading). Its shape
// follows synthetichealth/synthea's sample_complete_patient.json (Apache-2.0); the values are generated here,
// deterministically, to reach the size of a real full-history export (over 1 MB, over 2,000 entries).

const PATIENT = 'd5582579-7193-4866-5560-a01e723b6552';
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const PRACTITIONER = { reference: 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999962229', display: 'Dr. Alphonso102 Nienow652' };

export function syntheaStyleBundle(options: { mrn: string; years?: number }): string {
  const entries: { fullUrl: string; resource: Record<string, unknown>; request: { method: 'POST'; url: string } }[] = [];
  const add = (resource: Record<string, unknown> & { resourceType: string; id: string }) => entries.push({ fullUrl: `urn:uuid:${resource.id}`, resource, request: { method: 'POST', url: resource.resourceType } });
  const subject = { reference: `urn:uuid:${PATIENT}` };
  add({
    resourceType: 'Patient',
    id: PATIENT,
    meta: { profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'] },
    text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Generated in the shape Synthea writes.</div>' },
    identifier: [
      { system: 'https://github.com/synthetichealth/synthea', value: PATIENT },
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical Record Number' }], text: 'Medical Record Number' }, system: 'http://hospital.smarthealthit.org', value: options.mrn },
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'SS', display: 'Social Security Number' }] }, system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-34-2070' },
    ],
    name: [{ use: 'official', family: 'Gerlach374', given: ['Lindsay928'], prefix: ['Mr.'] }],
    gender: 'male',
    birthDate: '1950-10-24',
    address: [{ line: ['690 Raynor Overpass'], city: 'Randolph', state: 'MA', country: 'US' }],
  });
  let n = 1;
  const years = options.years ?? 40;
  for (let y = 0; y < years; y++) {
    const year = 1985 + y;
    for (const month of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']) {
      const when = `${year}-${month}-02T11:44:52-05:00`;
      const encounter = uuid(n++);
      add({
        resourceType: 'Encounter',
        id: encounter,
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        type: [{ coding: [{ system: 'http://snomed.info/sct', code: '162673000', display: 'General examination of patient (procedure)' }], text: 'General examination of patient (procedure)' }],
        subject,
        participant: [{ individual: PRACTITIONER }],
        period: { start: when, end: when },
      });
      // Vital signs, as Synthea records them at each visit.
      for (const [code, display, value, unit] of [
        ['8302-2', 'Body Height', 175.3, 'cm'],
        ['29463-7', 'Body Weight', 80 + (y % 7), 'kg'],
        ['39156-5', 'Body mass index (BMI) [Ratio]', 26.1, 'kg/m2'],
        ['8867-4', 'Heart rate', 70 + (y % 11), '/min'],
        ['9279-1', 'Respiratory rate', 14, '/min'],
      ] as const) {
        add({
          resourceType: 'Observation',
          id: uuid(n++),
          status: 'final',
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'vital-signs' }] }],
          code: { coding: [{ system: 'http://loinc.org', code, display }], text: display },
          subject,
          encounter: { reference: `urn:uuid:${encounter}` },
          effectiveDateTime: when,
          issued: when,
          valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
        });
      }
      add({
        resourceType: 'DiagnosticReport',
        id: uuid(n++),
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '34117-2', display: 'History and physical note' }] },
        subject,
        encounter: { reference: `urn:uuid:${encounter}` },
        effectiveDateTime: when,
        performer: [PRACTITIONER],
        presentedForm: [{ contentType: 'text/plain; charset=utf-8', data: Buffer.from(`${when}\n\n# Chief Complaint\nNo complaints.\n\n# Plan\nContinue. Réévaluation dans un an.\n`.repeat(3), 'utf8').toString('base64') }],
      });
    }
  }
  add({
    resourceType: 'Condition',
    id: uuid(n++),
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    code: { coding: [{ system: 'http://snomed.info/sct', code: '15777000', display: 'Prediabetes' }], text: 'Prediabetes' },
    subject,
    onsetDateTime: '1979-01-02T11:44:52-05:00',
  });
  add({
    resourceType: 'CarePlan',
    id: uuid(n++),
    status: 'active',
    intent: 'order',
    subject,
    activity: [{ detail: { code: { coding: [{ system: 'http://snomed.info/sct', code: '160670007', display: 'Diabetic diet' }] }, status: 'in-progress' } }],
  });
  // The lab results, coded the way many labs send them.
  add({
    resourceType: 'Observation',
    id: 'hp-stool-antigen',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '31843-6' }] },
    subject,
    effectiveDateTime: '2026-09-14T08:30:00-04:00',
    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '10828004' }] },
  });
  add({
    resourceType: 'Observation',
    id: 'hp-ubt',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '29891-9' }] },
    subject,
    effectiveDateTime: '2026-11-02T09:00:00-05:00',
    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] },
  });
  return JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: entries }, null, 2);
}
