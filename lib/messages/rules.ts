// Secure messaging rules (issue 19), pure and browser-safe: limits, the retraction window, who is told of a
// new message, and the portal's promise about response time. The data layer (mutations.ts) applies them.
import type { Specialty } from '@/db/schema/enum-values';

export const SUBJECT_MAX = 150;
export const MESSAGE_MAX = 5000;
/** A sender may retract a message this long after sending it; the original stays in the audit trail. */
export const RETRACT_WINDOW_MINUTES = 5;

export type ConversationAudience = 'patient' | 'team';

export const EMERGENCY_NOTICE =
  'Messages are not for emergencies. If you feel very unwell, have trouble breathing, swelling of the lips or tongue, or a spreading rash with fever, call your local emergency number now.';

export function responseTimeText(workingDays: number): string {
  return `Your care team usually answers within ${workingDays} working day${workingDays === 1 ? '' : 's'}.`;
}

/** Until when a message may be retracted. */
export function retractableUntil(sentAt: Date): Date {
  return new Date(sentAt.getTime() + RETRACT_WINDOW_MINUTES * 60_000);
}

export type RetractCheck = { ok: true } | { ok: false; reason: string };

export function checkRetract(message: { senderId: string; createdAt: Date; retractedAt: Date | null }, userId: string, now: Date): RetractCheck {
  if (message.senderId !== userId) return { ok: false, reason: 'Only the sender can retract a message.' };
  if (message.retractedAt) return { ok: false, reason: 'This message was already retracted.' };
  if (now > retractableUntil(message.createdAt)) return { ok: false, reason: `A message can be retracted only in the first ${RETRACT_WINDOW_MINUTES} minutes after it was sent. Send a correction instead.` };
  return { ok: true };
}

export interface TeamMember {
  userId: string;
  specialty: Specialty | null;
  role: 'lead' | 'member';
  active: boolean;
}

/**
 * Who answers a patient conversation by default: the lead of the addressed specialty, else its first member,
 * else (no specialty, or nobody of it) the care team's lead. Null when the team has no active clinician.
 */
export function responsibleFor(team: readonly TeamMember[], specialty: Specialty | null): string | null {
  const active = team.filter((m) => m.active);
  const pool = specialty ? active.filter((m) => m.specialty === specialty) : active;
  const choose = (ms: TeamMember[]) => (ms.find((m) => m.role === 'lead') ?? ms[0])?.userId ?? null;
  return choose(pool) ?? choose(active);
}

/**
 * Who is told of a new message (in-app unread counts and, where they allow it, an e-mail):
 * - in a patient conversation, a message from the patient goes to the addressed specialty's clinicians (the
 *   whole team when none is addressed or none of it is on the team); a clinician's goes to the patient and to
 *   the other clinicians it was addressed to;
 * - in a team conversation, to every other clinician on the team. Never the sender, never an inactive account.
 */
export function recipientsOf(input: { audience: ConversationAudience; specialty: Specialty | null; senderId: string; patientUserId: string | null; team: readonly TeamMember[] }): string[] {
  const active = input.team.filter((m) => m.active);
  const addressed = input.audience === 'patient' && input.specialty ? active.filter((m) => m.specialty === input.specialty) : active;
  const clinicians = (addressed.length > 0 ? addressed : active).map((m) => m.userId);
  const fromPatient = input.patientUserId !== null && input.senderId === input.patientUserId;
  const out = input.audience === 'team' ? active.map((m) => m.userId) : fromPatient ? clinicians : [...(input.patientUserId ? [input.patientUserId] : []), ...clinicians];
  return [...new Set(out)].filter((id) => id !== input.senderId);
}
