import { z } from 'zod';
import { SPECIALTIES } from '@/db/schema/enum-values';
import { MESSAGE_MAX, SUBJECT_MAX } from './rules';

// Secure message inputs, parsed at the boundary (lib/messages/mutations.ts). The text is stored as typed and
// shown as safe Markdown (lib/notes/render.tsx): raw HTML or script is shown as the text that was typed.

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

export const messageBodySchema = z
  .string({ error: 'Write your message.' })
  .trim()
  .min(1, 'Write your message.')
  .max(MESSAGE_MAX, `Keep a message under ${MESSAGE_MAX.toLocaleString('en-US')} characters; send a second one if you need more.`);

export const newConversationSchema = z.object({
  audience: z.enum(['patient', 'team'], { error: 'Choose who the conversation is with.' }),
  specialty: z.preprocess(blankToUndefined, z.enum(SPECIALTIES, { error: 'Choose the care team or one specialty.' }).optional()),
  subject: z
    .string({ error: 'Give the message a subject.' })
    .trim()
    .min(1, 'Give the message a subject.')
    .max(SUBJECT_MAX, `Keep the subject under ${SUBJECT_MAX} characters.`),
  body: messageBodySchema,
});

export const replySchema = z.object({ body: messageBodySchema });

export const messageTaskSchema = z.object({
  assigneeId: z.uuid('Choose who the task is for.'),
  description: z.preprocess(blankToUndefined, z.string().trim().max(500, 'Keep the task under 500 characters.').optional()),
});

export type NewConversationInput = z.infer<typeof newConversationSchema>;
