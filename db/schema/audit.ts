import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditOutcome, userRole } from './enums';

// Append-only: migration 0001 installs triggers that refuse UPDATE, DELETE and TRUNCATE.
// No foreign keys, so an event outlives anything it mentions and can record attempts on ids that
// do not exist.
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorRole: userRole('actor_role'),
    action: text('action').notNull(),
    outcome: auditOutcome('outcome').notNull(),
    patientId: uuid('patient_id'),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    requestAddress: text('request_address'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_patient_time_idx').on(t.patientId, t.occurredAt),
    index('audit_actor_time_idx').on(t.actorUserId, t.occurredAt),
    // The administrators' whole-log view pages newest first by (occurred_at, id) keyset.
    index('audit_time_id_idx').on(t.occurredAt, t.id),
  ],
);
