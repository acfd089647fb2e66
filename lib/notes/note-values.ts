// The note enums, for app/ code, which may not import db/ (see eslint.config.mjs).
export { NOTE_STATUSES, NOTE_VISIBILITIES, TASK_KINDS, type NoteStatus, type NoteVisibility, type TaskKind } from '@/db/schema/enum-values';
export { NOTE_BODY_MAX, NOTE_LINK_TARGET_TYPES, type NoteLinkTargetType } from './schema';
