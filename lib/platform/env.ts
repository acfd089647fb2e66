import { z } from 'zod';
import { isValidTimeZone } from './clinic-time';

// Read and validated once; a bad variable stops the process at start with a message naming it.
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),
  // PostgreSQL connections per server process (db/client.ts). Fewer connections pipeline a page's parallel
  // statements on one socket (issue 21, docs/PERFORMANCE.md); more let a slow query block fewer others.
  AXIS_DB_POOL: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(10),
  NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Sign-out after this long without a request, for clinicians and administrators (lib/platform/auth/session-policy.ts).
  AXIS_IDLE_TIMEOUT_MINUTES: z.coerce.number().int('must be a whole number of minutes').min(1, 'must be at least 1').max(1440, 'must be at most 1440').default(15),
  // Patients see only their own record and fill in questionnaires slowly, so they get longer.
  AXIS_PATIENT_IDLE_TIMEOUT_MINUTES: z.coerce.number().int('must be a whole number of minutes').min(1, 'must be at least 1').max(1440, 'must be at most 1440').default(30),
  // Absolute lifetime of a session, however active.
  AXIS_SESSION_MAX_HOURS: z.coerce.number().int('must be a whole number of hours').min(1, 'must be at least 1').max(168, 'must be at most 168').default(8),
  // How long a break-the-glass grant lasts (lib/emergency-access); the database caps it at 24 hours.
  // The clinic's time zone for showing times (IANA name, e.g. Europe/London); the server's own by default.
  AXIS_CLINIC_TIME_ZONE: z
    .string()
    .trim()
    .refine(isValidTimeZone, 'must be an IANA time zone name such as Europe/London or America/New_York')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  AXIS_EMERGENCY_ACCESS_MINUTES: z.coerce.number().int('must be a whole number of minutes').min(5, 'must be at least 5').max(1440, 'must be at most 1440 (24 hours)').default(60),
  // Treatment response (lib/clinical/outcomes/response.ts, docs/OUTCOMES.md): clinic settings, not published figures.
  AXIS_RESPONSE_BASELINE_DAYS: z.coerce.number().int('must be a whole number of days').min(0, 'must be at least 0').max(365, 'must be at most 365').default(28),
  AXIS_RESPONSE_WEEKS: z.coerce.number().int('must be a whole number of weeks').min(1, 'must be at least 1').max(104, 'must be at most 104').default(12),
  AXIS_RESPONSE_TOLERANCE_DAYS: z.coerce.number().int('must be a whole number of days').min(0, 'must be at least 0').max(60, 'must be at most 60').default(14),
  // A follow-up test (test of cure, breath retest) turns "overdue" this many days after it became due.
  AXIS_FOLLOW_UP_OVERDUE_DAYS: z.coerce.number().int('must be a whole number of days').min(1, 'must be at least 1').max(365, 'must be at most 365').default(28),
  // Clinic outcomes: any cell counting fewer patients than this shows "fewer than N". Never below 5.
  AXIS_OUTCOMES_MIN_CELL: z.coerce.number().int('must be a whole number').min(5, 'must be at least 5 (smaller cells can identify patients)').max(1000, 'must be at most 1000').default(10),
  // Secure messages (lib/messages): the response time the portal promises, in working days, and where
  // "you have a new message" e-mails go out (no e-mail at all when SMTP_URL is unset).
  AXIS_MESSAGE_RESPONSE_DAYS: z.coerce.number().int('must be a whole number of days').min(1, 'must be at least 1').max(14, 'must be at most 14').default(2),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SMTP_FROM: z.string().trim().min(3).default('Axis <no-reply@axis.invalid>'),
  NEXTAUTH_URL: z.string().url('must be a URL such as https://axis.example.org').optional().or(z.literal('').transform(() => undefined)),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function readEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
