import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

// Two-step sign-in (TOTP, RFC 6238) per account. A row exists once an administrator requires it for
// the account or the person starts enrolling. Secrets are stored encrypted (lib/platform/auth/mfa-crypto.ts).
export const userMfa = pgTable(
  'user_mfa',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    // Set by an administrator for this one account (the clinic-wide rule is clinic_security_settings).
    required: boolean('required').notNull().default(false),
    // The confirmed authenticator: AES-256-GCM ciphertext of the TOTP secret, never the secret itself.
    secretCiphertext: text('secret_ciphertext'),
    enabledAt: timestamp('enabled_at', { withTimezone: true }),
    // The last TOTP time step accepted: a code for this step or an earlier one is a replay.
    lastUsedStep: bigint('last_used_step', { mode: 'number' }),
    // A secret shown during enrolment but not yet confirmed with a code.
    pendingSecretCiphertext: text('pending_secret_ciphertext'),
    pendingCreatedAt: timestamp('pending_created_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('user_mfa_enabled_consistent', sql`(${t.secretCiphertext} is null) = (${t.enabledAt} is null)`),
    check('user_mfa_pending_consistent', sql`(${t.pendingSecretCiphertext} is null) = (${t.pendingCreatedAt} is null)`),
  ],
);

// One-time recovery codes for a lost authenticator. Only a SHA-256 hash is kept: the codes carry 80
// random bits, so a fast hash is enough and the plain codes are shown once, at creation.
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('mfa_recovery_codes_user_idx').on(t.userId), uniqueIndex('mfa_recovery_codes_user_hash_unique').on(t.userId, t.codeHash)],
);

// Clinic-wide sign-in rules: a single row (id is always true).
export const clinicSecuritySettings = pgTable(
  'clinic_security_settings',
  {
    id: boolean('id').primaryKey().default(true),
    // Every clinician and administrator must use two-step sign-in.
    requireMfaForStaff: boolean('require_mfa_for_staff').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [check('clinic_security_settings_single_row', sql`${t.id}`)],
);
