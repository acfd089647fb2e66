// Conditions Axis co-manages, with ICD-10-CM codes from ../shared/DOMAIN.md §5.1 (source keys beside
// each). Shared by the seed, the caseload filter and later the FHIR export.

export const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';

export interface ConditionCode {
  code: string;
  display: string;
  /** What a busy clinician reads in a banner or a table cell; the full display goes in a tooltip. */
  short: string;
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
  { key: 'acne', label: 'Acne', match: ['L70*'], codes: [{ code: 'L70.0', display: 'Acne vulgaris', short: 'Acne' }] },
  // [ICD-ROS]
  {
    key: 'rosacea',
    label: 'Rosacea',
    match: ['L71*'],
    codes: [
      { code: 'L71.9', display: 'Rosacea, unspecified', short: 'Rosacea' },
      { code: 'L71.8', display: 'Other rosacea', short: 'Rosacea' },
      { code: 'L71.1', display: 'Rhinophyma', short: 'Rhinophyma' },
    ],
  },
  // [ICD-CH12]
  { key: 'atopic-dermatitis', label: 'Atopic dermatitis', match: ['L20*'], codes: [{ code: 'L20.9', display: 'Atopic dermatitis, unspecified', short: 'Atopic dermatitis' }] },
  // [ICD-PSO]
  { key: 'psoriasis', label: 'Psoriasis', match: ['L40*'], codes: [{ code: 'L40.0', display: 'Psoriasis vulgaris', short: 'Psoriasis' }] },
  // [ICD-L508], [ICD-L50]: chronic urticaria is an inclusion term under L50.8.
  {
    key: 'urticaria',
    label: 'Chronic urticaria',
    match: ['L50*'],
    codes: [
      { code: 'L50.8', display: 'Other urticaria (chronic urticaria)', short: 'Chronic urticaria' },
      { code: 'L50.1', display: 'Idiopathic urticaria', short: 'Idiopathic urticaria' },
    ],
  },
  // [ICD-SIBO]: K63.821 is not billable; use its subtypes.
  {
    key: 'sibo',
    label: 'SIBO',
    match: ['K63.821*'],
    codes: [
      { code: 'K63.8211', display: 'Small intestinal bacterial overgrowth, hydrogen-subtype', short: 'SIBO, hydrogen' },
      { code: 'K63.8219', display: 'Small intestinal bacterial overgrowth, unspecified', short: 'SIBO' },
      { code: 'K63.8212', display: 'Small intestinal bacterial overgrowth, hydrogen sulfide-subtype', short: 'SIBO, hydrogen sulfide' },
    ],
  },
  // [ICD-HP]: B96.81 is an etiology code, paired with a gastritis code such as K29.70.
  {
    key: 'h-pylori',
    label: 'H. pylori',
    match: ['B96.81'],
    codes: [{ code: 'B96.81', display: 'Helicobacter pylori as the cause of diseases classified elsewhere', short: 'H. pylori' }],
  },
];

export function findConditionGroup(key: string): ConditionGroup | undefined {
  return CONDITION_GROUPS.find((g) => g.key === key);
}

/** SQL LIKE patterns for a group's codes ('L70*' → 'L70%', exact codes unchanged). */
export function likePatternsFor(group: ConditionGroup): string[] {
  return group.match.map((m) => (m.endsWith('*') ? `${m.slice(0, -1)}%` : m));
}

/** Longest label a banner or caseload cell shows for a condition Axis does not catalogue. */
const SHORT_LABEL_MAX = 32;

function matchesPattern(code: string, pattern: string): boolean {
  return pattern.endsWith('*') ? code.startsWith(pattern.slice(0, -1)) : code === pattern;
}

/**
 * A condition as a clinician says it ("SIBO, hydrogen", "Rosacea"): the catalogue's short form, else the
 * group's label for a code in a known category (an imported L70.1), else the display up to its first
 * comma, cut at a word. The full ICD-10-CM text belongs beside it as a tooltip, never replaced by it.
 */
export function shortConditionLabel(code: string, display: string): string {
  for (const group of CONDITION_GROUPS) {
    const known = group.codes.find((c) => c.code === code);
    if (known) return known.short;
  }
  const group = CONDITION_GROUPS.find((g) => g.match.some((m) => matchesPattern(code, m)));
  if (group) return group.label;
  const head = (display.split(',')[0] ?? display).trim() || code;
  if (head.length <= SHORT_LABEL_MAX) return head;
  // One character more than fits, so a word ending exactly at the limit is kept whole.
  const lastSpace = head.slice(0, SHORT_LABEL_MAX + 1).lastIndexOf(' ');
  return `${(lastSpace > 12 ? head.slice(0, lastSpace) : head.slice(0, SHORT_LABEL_MAX)).trimEnd()}…`;
}
