import { describe, expect, it } from 'vitest';
import { checkRetract, recipientsOf, responsibleFor, responseTimeText, RETRACT_WINDOW_MINUTES, type TeamMember } from '@/lib/messages/rules';
import { newConversationSchema } from '@/lib/messages/schema';

const team: TeamMember[] = [
  { userId: 'derm-lead', specialty: 'dermatology', role: 'lead', active: true },
  { userId: 'nutr-1', specialty: 'nutrition', role: 'member', active: true },
  { userId: 'nutr-2', specialty: 'nutrition', role: 'member', active: true },
  { userId: 'nutr-gone', specialty: 'nutrition', role: 'lead', active: false },
  { userId: 'gastro', specialty: 'gastroenterology', role: 'member', active: true },
];

describe('who answers a patient conversation', () => {
  it('the addressed specialty’s active lead, else its first member, else the team lead', () => {
    expect(responsibleFor(team, 'nutrition')).toBe('nutr-1'); // the nutrition lead is deactivated
    expect(responsibleFor(team, 'dermatology')).toBe('derm-lead');
    expect(responsibleFor(team, null)).toBe('derm-lead');
    expect(responsibleFor(team, 'other')).toBe('derm-lead');
    expect(responsibleFor([], null)).toBeNull();
  });
});

describe('who is told of a new message', () => {
  const base = { team, patientUserId: 'patient' };
  it('a patient’s message goes to the addressed specialty, never to the sender or an inactive account', () => {
    expect(recipientsOf({ ...base, audience: 'patient', specialty: 'nutrition', senderId: 'patient' }).sort()).toEqual(['nutr-1', 'nutr-2']);
    expect(recipientsOf({ ...base, audience: 'patient', specialty: null, senderId: 'patient' }).sort()).toEqual(['derm-lead', 'gastro', 'nutr-1', 'nutr-2']);
  });
  it('a clinician’s reply goes to the patient and the other addressed clinicians', () => {
    expect(recipientsOf({ ...base, audience: 'patient', specialty: 'nutrition', senderId: 'nutr-1' }).sort()).toEqual(['nutr-2', 'patient']);
  });
  it('a team conversation never reaches the patient', () => {
    expect(recipientsOf({ ...base, audience: 'team', specialty: null, senderId: 'derm-lead' }).sort()).toEqual(['gastro', 'nutr-1', 'nutr-2']);
  });
  it('a patient without a portal account is simply not told', () => {
    expect(recipientsOf({ team, patientUserId: null, audience: 'patient', specialty: 'dermatology', senderId: 'derm-lead' })).toEqual([]);
  });
});

describe('retracting', () => {
  const sentAt = new Date('2026-12-07T10:00:00Z');
  const message = { senderId: 'me', createdAt: sentAt, retractedAt: null };
  it(`is the sender’s, within ${RETRACT_WINDOW_MINUTES} minutes, once`, () => {
    expect(checkRetract(message, 'me', new Date(sentAt.getTime() + RETRACT_WINDOW_MINUTES * 60_000))).toEqual({ ok: true });
    expect(checkRetract(message, 'me', new Date(sentAt.getTime() + RETRACT_WINDOW_MINUTES * 60_000 + 1))).toMatchObject({ ok: false });
    expect(checkRetract(message, 'someone-else', sentAt)).toEqual({ ok: false, reason: 'Only the sender can retract a message.' });
    expect(checkRetract({ ...message, retractedAt: sentAt }, 'me', sentAt)).toEqual({ ok: false, reason: 'This message was already retracted.' });
  });
});

describe('inputs', () => {
  it('trims, bounds and names every problem', () => {
    const r = newConversationSchema.safeParse({ audience: 'x', specialty: 'vet', subject: ' '.repeat(3), body: '' });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    expect(paths.sort()).toEqual(['audience', 'body', 'specialty', 'subject']);
    expect(newConversationSchema.parse({ audience: 'patient', specialty: '', subject: ' Hi ', body: ' Hello ' })).toEqual({ audience: 'patient', subject: 'Hi', body: 'Hello' });
  });
  it('promises the configured response time in words', () => {
    expect(responseTimeText(1)).toBe('Your care team usually answers within 1 working day.');
    expect(responseTimeText(3)).toBe('Your care team usually answers within 3 working days.');
  });
});
