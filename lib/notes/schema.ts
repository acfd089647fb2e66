import { z } from 'zod';
import { NOTE_VISIBILITIES } from '@/db/schema/enum-values';

// What the note forms send, checked at the boundary. Shared by lib/notes/mutations.ts and the forms'
// types; no database access here.

export const NOTE_BODY_MAX = 20_000;
export const NOTE_LINK_TARGET_TYPES = ['intervention', 'result'] as const;
export type NoteLinkTargetType = (typeof NOTE_LINK_TARGET_TYPES)[number];

const body = z
  .string({ error: 'Write the note before saving.' })
  .refine((s) => s.trim().length > 0, 'Write the note before saving.')
  .refine((s) => s.length <= NOTE_BODY_MAX, `Keep the note under ${NOTE_BODY_MAX.toLocaleString('en-GB')} characters.`);

/** Care team unless the clinician chose to share: a missing value never shares a note. */
const visibility = z.enum(NOTE_VISIBILITIES, { error: 'Choose who can see this note.' }).default('care_team');

const link = z.object({
  targetType: z.enum(NOTE_LINK_TARGET_TYPES, { error: 'A note can be tagged to plan items and results only.' }),
  targetId: z.uuid({ error: 'That tag is not a plan item or result on this record.' }),
});

const linkList = z
  .array(link)
  .max(50, 'Tag at most 50 plan items and results.')
  .transform((list) => list.filter((l, i) => list.findIndex((o) => o.targetType === l.targetType && o.targetId === l.targetId) === i));
const links = linkList.default([]);

const task = z.object({
  assigneeId: z.uuid({ error: 'Choose a colleague on the care team.' }),
  description: z
    .string({ error: 'Say what needs doing.' })
    .trim()
    .min(3, 'Say what needs doing (at least 3 characters).')
    .max(500, 'Keep the task under 500 characters.'),
});

const tasks = z.array(task).max(10, 'Assign at most 10 tasks with one note.').default([]);

export const saveNoteSchema = z.object({
  body,
  visibility,
  links,
  tasks,
  sign: z.boolean().default(false),
});
export type SaveNoteInput = z.input<typeof saveNoteSchema>;

const noteRef = {
  noteId: z.uuid({ error: 'This note does not exist.' }),
  // Bounded to PostgreSQL's integer: a forged huge number (or a Date, which coerces) is a refusal, not a 500.
  expectedVersion: z.coerce.number({ error: 'Reload the note and try again.' }).int('Reload the note and try again.').min(1).max(2_147_483_647, 'Reload the note and try again.'),
};

export const reviseDraftSchema = z.object({ ...noteRef, body, visibility, links, tasks, sign: z.boolean().default(false) });
export type ReviseDraftInput = z.input<typeof reviseDraftSchema>;

export const signNoteSchema = z.object(noteRef);
export type SignNoteInput = z.input<typeof signNoteSchema>;

export const amendNoteSchema = z.object({
  ...noteRef,
  body,
  reason: z
    .string({ error: 'Say why the signed note is being amended.' })
    .trim()
    .min(3, 'Say why the signed note is being amended.')
    .max(500, 'Keep the reason under 500 characters.'),
  /** Omitted: the amendment keeps the note's current visibility and tags. */
  visibility: z.enum(NOTE_VISIBILITIES, { error: 'Choose who can see this note.' }).optional(),
  links: linkList.optional(),
  tasks,
});
export type AmendNoteInput = z.input<typeof amendNoteSchema>;
