// Why foods are eliminated: the choices the protocol form offers. Kept apart from ./schema (zod) so the form's
// first-load JavaScript does not carry the schema library (docs/PERFORMANCE.md, first-load budget).

export const PROTOCOL_REASON_KINDS = ['food_panel', 'diary_pattern', 'clinical_suspicion'] as const;
export const PROTOCOL_REASON_LABELS: Record<(typeof PROTOCOL_REASON_KINDS)[number], string> = {
  food_panel: 'A food-panel result',
  diary_pattern: 'A pattern in the patient’s diary',
  clinical_suspicion: 'Clinical suspicion',
};
