// Starting points for the notes a gut–skin clinic writes most. Pure and browser-safe. A template is
// added to what is already typed, never put in its place, so choosing one loses nothing.

export interface NoteTemplate {
  id: 'soap' | 'follow-up' | 'nutrition-assessment';
  label: string;
  body: string;
}

export const NOTE_TEMPLATES: readonly NoteTemplate[] = [
  {
    id: 'soap',
    label: 'SOAP note',
    body: ['## Subjective', '', '', '## Objective', '', '', '## Assessment', '', '', '## Plan', '', ''].join('\n'),
  },
  {
    id: 'follow-up',
    label: 'Follow-up visit',
    body: [
      '## Since the last visit',
      '- Skin: ',
      '- Gut symptoms: ',
      '- Adherence to the plan: ',
      '',
      '## Scores today',
      '- ',
      '',
      '## Changes to the plan',
      '- ',
      '',
      '## Next review',
      '- ',
    ].join('\n'),
  },
  {
    id: 'nutrition-assessment',
    label: 'Nutrition assessment',
    body: [
      '## Diet history',
      '- Typical day: ',
      '- Foods avoided and why: ',
      '- Supplements and probiotics (strain, dose): ',
      '',
      '## Gut symptoms and stool form',
      '- ',
      '',
      '## Nutritional risks',
      '- Calcium and vitamin D (if dairy is excluded): ',
      '- Growth (under 18): ',
      '',
      '## Plan',
      '- Elimination (foods, length, reintroduction date): ',
      '- Follow-up: ',
    ].join('\n'),
  },
];

/** The note with a template added: the template alone when nothing is typed yet, else after what is there. */
export function withTemplate(body: string, template: NoteTemplate): string {
  return body.trim() === '' ? template.body : `${body.replace(/\s+$/, '')}\n\n${template.body}`;
}
