import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { conversationReads, conversations, messages, users } from '../schema';
import type { Specialty } from '../schema/enum-values';
import type { DemoResultsPatient } from './demo-results';
import { createRandom, seededUuid } from './random';

// A few secure-message conversations (lib/messages), dated from "now" so they read as current: an answered
// question from the first portal patient, a question unanswered for two days (it shows on the caseload and
// in the inbox), and a team-only conversation about the featured patient's plan. Written as the system, like
// the rest of the seed; no e-mail is queued for them.

const SEED = 19_019_019;
const HOUR = 3_600_000;

interface Line {
  by: 'patient' | Specialty;
  hoursAgo: number;
  body: string;
}

interface Planned {
  patient: DemoResultsPatient;
  audience: 'patient' | 'team';
  specialty: Specialty | null;
  subject: string;
  lines: Line[];
}

export interface DemoMessagesSummary {
  conversations: number;
  /** The patient whose question is unanswered (the browser tests leave it alone). */
  unansweredMrn: string | null;
}

export async function seedDemoMessages(db: Executor, patients: readonly DemoResultsPatient[], featuredMrn: string, now: Date): Promise<DemoMessagesSummary> {
  const ids = createRandom(SEED);
  const portal = patients.filter((p) => p.hasPortalAccount).sort((a, b) => a.mrn.localeCompare(b.mrn));
  const has = (p: DemoResultsPatient, s: Specialty) => p.team.some((m) => m.specialty === s);
  const first = portal[0];
  const unanswered = portal.find((p, i) => i >= 4 && has(p, 'dermatology'));
  const featured = patients.find((p) => p.mrn === featuredMrn);
  const planned: Planned[] = [];
  if (first && has(first, 'nutrition')) {
    planned.push({
      patient: first,
      audience: 'patient',
      specialty: 'nutrition',
      subject: 'Oat milk instead of dairy?',
      lines: [
        { by: 'patient', hoursAgo: 80, body: 'While dairy is out, is oat milk fine in my coffee? The carton says it has added calcium.' },
        { by: 'nutrition', hoursAgo: 74, body: 'Yes, a calcium-fortified oat drink is a good choice while dairy is out. Keep noting your skin in the diary as usual.' },
      ],
    });
  }
  if (unanswered) {
    planned.push({
      patient: unanswered,
      audience: 'patient',
      specialty: 'dermatology',
      subject: 'New spots on my chin',
      lines: [{ by: 'patient', hoursAgo: 50, body: 'Since last week I have a few new red spots on my chin. Should I change anything before my next appointment?' }],
    });
  }
  if (featured && has(featured, 'dermatology') && has(featured, 'nutrition')) {
    planned.push({
      patient: featured,
      audience: 'team',
      specialty: null,
      subject: 'Dairy: supervised challenge only',
      lines: [
        { by: 'dermatology', hoursAgo: 30, body: 'Her milk sIgE is positive, so dairy stays out of the home challenges. Can you plan calcium and vitamin D while it is excluded?' },
        { by: 'nutrition', hoursAgo: 26, body: 'Yes. I will review her intake at the next visit and suggest a fortified alternative. Referral to allergy for a supervised challenge?' },
      ],
    });
  }

  for (const c of planned) {
    const [patientUser] = c.audience === 'patient' ? await db.select({ id: users.id }).from(users).where(eq(users.patientId, c.patient.id)) : [];
    const senderOf = (by: Line['by']) => {
      if (by === 'patient') {
        if (!patientUser) throw new Error(`demo messages: ${c.patient.mrn} has no portal account`);
        return patientUser.id;
      }
      const member = c.patient.team.find((m) => m.specialty === by && m.role === 'lead') ?? c.patient.team.find((m) => m.specialty === by);
      if (!member) throw new Error(`demo messages: no ${by} on ${c.patient.mrn}'s team`);
      return member.userId;
    };
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
    const responsible = c.audience === 'patient' && c.specialty ? senderOf(c.specialty) : null;
    const lastAt = at(Math.min(...c.lines.map((l) => l.hoursAgo)));
    const conversationId = seededUuid(ids);
    await db.insert(conversations).values({
      id: conversationId,
      patientId: c.patient.id,
      audience: c.audience,
      specialty: c.specialty,
      responsibleId: responsible,
      subject: c.subject,
      createdBy: senderOf(c.lines[0]?.by ?? 'patient'),
      createdAt: at(c.lines[0]?.hoursAgo ?? 0),
      lastMessageAt: lastAt,
    });
    await db.insert(messages).values(c.lines.map((l) => ({ id: seededUuid(ids), conversationId, senderId: senderOf(l.by), body: l.body, createdAt: at(l.hoursAgo) })));
    // Each sender has read up to their own last message; the rest is unread for whoever it was sent to.
    const lastBy = new Map<string, Date>();
    for (const l of c.lines) lastBy.set(senderOf(l.by), at(l.hoursAgo));
    await db.insert(conversationReads).values([...lastBy].map(([userId, lastReadAt]) => ({ conversationId, userId, lastReadAt })));
  }
  return { conversations: planned.length, unansweredMrn: unanswered?.mrn ?? null };
}
