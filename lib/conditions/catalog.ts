// Conditions Axis co-manages, with ICD-10-CM codes from ../shared/DOMAIN.md §5.1 (source keys beside
// each). Shared by the seed, the caseload filter and later the FHIR export.

export const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';

export interface ConditionCode {
  code: string;
  display: string;
}

export interface ConditionGroup {
  /** Stable key used in URLs (?condition=atopic-dermatitis). */
  key: string;
  label: string;
  /** ICD-10-CM codes that count as this condition: exact codes, or a category ending in '*'. */
  match: string[];
  codes: ConditionCode[];
}

export const CONDITION_GROUPS: ConditionGroup[] = [
  // [ICD-ACNE]
  { key: 'acne', label: 'Acne', match: ['L70*'], codes: [{ code: 'L70.0', display: 'Acne vulgaris' }] },
  // [ICD-ROS]
  {
    key: 'rosacea',
    label: 'Rosacea',
    match: ['L71*'],
    codes: [
      { code: 'L71.9', display: 'Rosacea, unspecified' },
      { code: 'L71.8', display: 'Other rosacea' },
      { code: 'L71.1', display: 'Rhinophyma' },
    ],
  },
  // [ICD-CH12]
  { key: 'atopic-dermatitis', label: 'Atopic dermatitis', match: ['L20*'], codes: [{ code: 'L20.9', display: 'Atopic dermatitis, unspecified' }] },
  // [ICD-PSO]
  { key: 'psoriasis', label: 'Psoriasis', match: ['L40*'], codes: [{ code: 'L40.0', display: 'Psoriasis vulgaris' }] },
  // [ICD-L508], [ICD-L50]: chronic urticaria is an inclusion term under L50.8.
  {
    key: 'urticaria',
    label: 'Chronic urticaria',
    match: ['L50*'],
    codes: [
      { code: 'L50.8', display: 'Other urticaria (chronic urticaria)' },
      { code: 'L50.1', display: 'Idiopathic urticaria' },
    ],
  },
  // [ICD-SIBO]: K63.821 is not billable; use its subtypes.
  {
    key: 'sibo',
    label: 'SIBO',
    match: ['K63.821*'],
    codes: [
      { code: 'K63.8211', display: 'Small intestinal bacterial overgrowth, hydrogen-subtype' },
      { code: 'K63.8219', display: 'Small intestinal bacterial overgrowth, unspecified' },
      { code: 'K63.8212', display: 'Small intestinal bacterial overgrowth, hydrogen sulfide-subtype' },
    ],
  },
  // [ICD-HP]: B96.81 is an etiology code, paired with a gastritis code such as K29.70.
  {
    key: 'h-pylori',
    label: 'H. pylori',
    match: ['B96.81'],
    codes: [{ code: 'B96.81', display: 'Helicobacter pylori as the cause of diseases classified elsewhere' }],
  },
];

export function findConditionGroup(key: string): ConditionGroup | undefined {
  return CONDITION_GROUPS.find((g) => g.key === key);
}

/** SQL LIKE patterns for a group's codes ('L70*' → 'L70%', exact codes unchanged). */
export function likePatternsFor(group: ConditionGroup): string[] {
  return group.match.map((m) => (m.endsWith('*') ? `${m.slice(0, -1)}%` : m));
}
