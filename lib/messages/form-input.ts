import 'server-only';
import { formText as text } from '@/lib/platform/action-input';

// What the message forms post, read into the shapes lib/messages validates. A forged call that sends no form
// reads as empty fields, which the schemas refuse field by field.

/** "to" is "team" (whole care team), a specialty, or "team-only" (clinicians' own conversation). */
export function newConversationFromForm(form: unknown): Record<string, unknown> {
  const to = text(form, 'to');
  return {
    audience: to === 'team-only' ? 'team' : 'patient',
    specialty: to === 'team' || to === 'team-only' ? '' : to,
    subject: text(form, 'subject'),
    body: text(form, 'body'),
  };
}

export const replyFromForm = (form: unknown) => ({ body: text(form, 'body') });
export const taskFromForm = (form: unknown) => ({ assigneeId: text(form, 'assigneeId'), description: text(form, 'description') });
