import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { UserRole } from '../../../db/schema/enums';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { acceptIntervention, addGoal, proposeIntervention } from '../../../lib/care-plans/mutations';
import { saveNote } from '../../../lib/notes/mutations';
import { shareResult } from '../../../lib/results/sharing';
import { ACTIONS, ACTIONS_NOT_YET_EXERCISED, MATRIX_ACTORS, type ActionOutcome, type MatrixActor } from '../../support/access-matrix';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { actorOf, addToTeam, makePatient, makeUser, TEST_PASSWORD } from '../fixtures';
import { lgg } from '../care-plans/inputs';
import { freshProtocol, protocolInput, stopRunningProtocols } from '../reintroduction/inputs';
import { addDays } from '../../../lib/clinical/dates';
import { recordOk, siboBreathTest } from '../results/inputs';
import {
  changedTables,
  dataFingerprint,
  deniedAuditCount,
  expectNoInternals,
  makeActionClinic,
  matrixActorOf,
  redirectTargetOf,
  setSessionActor,
  type ActionClinic,
} from './action-harness';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('@/lib/platform/auth/session', async (importOriginal) => (await import('./action-harness')).sessionModuleMock(importOriginal));

// Two-step sign-in encrypts its secrets with a key derived from this, as the running app does.
process.env.NEXTAUTH_SECRET ??= 'route-matrix-test-secret-0123456789abcdef';
const results = await import('../../../app/(clinician)/patients/[patientId]/results/actions');
const shares = await import('../../../app/(clinician)/patients/[patientId]/results/[resultId]/share-actions');
const notes = await import('../../../app/(clinician)/patients/[patientId]/notes/actions');
const plan = await import('../../../app/(clinician)/patients/[patientId]/plan/actions');
const diary = await import('../../../app/(portal)/portal/diary/actions');
const reintroduction = await import('../../../app/(portal)/portal/reintroduction/actions');
const questionnaires = await import('../../../app/(portal)/portal/questionnaires/actions');
const admin = await import('../../../app/(admin)/admin/actions');
const emergency = await import('../../../app/(clinician)/emergency-access/actions');
const fhirImport = await import('../../../app/(clinician)/patients/[patientId]/fhir-import/actions');
const { previewFhirImport } = await import('../../../lib/fhir/mutations');
// Imported after NEXTAUTH_SECRET is set above: the TOTP secret key is derived from it.
const { beginMfaEnrolment, confirmMfaEnrolment, getMfaOverview } = await import('../../../lib/platform/auth/mfa');
const { totpCodeAt } = await import('../../../lib/platform/auth/totp');
const endEmergency = await import('../../../app/(clinician)/patients/[patientId]/emergency-actions');
const { requestEmergencyAccess } = await import('../../../lib/emergency-access/mutations');
const account = await import('../../../app/(account)/account/actions');
const portalMessages = await import('../../../app/(portal)/portal/messages/actions');
const clinicianMessages = await import('../../../app/(clinician)/patients/[patientId]/messages/actions');
const { startConversation } = await import('../../../lib/messages/mutations');
const photosActions = await import('../../../app/(clinician)/patients/[patientId]/photos/actions');
const documentsActions = await import('../../../app/(clinician)/patients/[patientId]/documents/actions');
const { uploadDocument } = await import('../../../lib/documents/mutations');
const { demoPdf } = await import('../../../db/seed/demo-pdf');
const portalPhotos = await import('../../../app/(portal)/portal/photos/actions');
const { recordPhotoConsent, uploadPhoto } = await import('../../../lib/photos/mutations');
const sharp = (await import('sharp')).default;
const { messages: messagesTable } = await import('../../../db/schema');
const { eq: eqColumn } = await import('drizzle-orm');
const { createSession } = await import('../../../lib/platform/auth/sessions');
const { getDb } = await import('../../../db/client');
const { QUESTIONNAIRES } = await import('../../../lib/questionnaires/definitions');

// Every exported server action, called as every actor of the matrix (tests/support/access-matrix.ts).
// An allowed actor gets { ok: true } for a valid payload built for them; a refused one gets a redirect
// or an { ok: false } value (never a throw), leaves a denied audit event when the data layer refused,
// and changes no row of any table.

interface ActionCall {
  /** The role the action serves; decides which deactivated account plays "deactivated". */
  role: UserRole;
  /** Sets up what the call needs (as a team member) and returns the call itself. */
  prepare: (c: ActionClinic, actor: Actor | null, allowed: boolean) => Promise<() => Promise<unknown>>;
  /** For actions whose success is a redirect (and may write nothing): what "allow" looks like. */
  allowedAs?: { redirectTo: (c: ActionClinic) => string; writes: (kind: MatrixActor) => boolean };
  /** An allowed call that only reads (a preview): ok, and nothing but the audit log written. */
  allowedReadsOnly?: boolean;
  /** Set (with why) when a refusal is known not to leave a denied audit event yet. */
  refusalNotAudited?: string;
}

/** A second session of the actor's own (the actor's current one is a fixed id that has no row). */
async function anotherSessionOf(actor: Actor | null) {
  if (!actor) return '00000000-0000-4000-8000-00000000dead';
  return createSession(getDb(), actor.userId, { address: '203.0.113.9', userAgent: 'matrix test' }, new Date());
}

const today = () => new Date().toISOString().slice(0, 10);
let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

function form(values: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  return f;
}

const derm = (c: ActionClinic) => actorOf(c.dermOnTeam);
/** Who owns or authors what the call acts on: the actor when they are meant to succeed, a colleague otherwise. */
const principal = (c: ActionClinic, actor: Actor | null, allowed: boolean) => (allowed && actor ? actor : derm(c));

async function newResult(c: ActionClinic) {
  return recordOk(derm(c), c.patient.id, 'breath_test', siboBreathTest('2025-03-10'));
}

async function newNote(c: ActionClinic, author: Actor, options: { sign?: boolean; tasks?: { assigneeId: string; description: string }[] } = {}) {
  const out = await saveNote(author, c.patient.id, { body: 'Reviewed the breath test with the patient.', sign: options.sign ?? false, tasks: options.tasks ?? [] });
  if (!out.ok) throw new Error(`note not saved: ${JSON.stringify(out)}`);
  return out.data;
}

async function newIntervention(c: ActionClinic, owner: Actor, accepted = false) {
  const out = await proposeIntervention(derm(c), c.patient.id, lgg(owner.userId));
  if (!out.ok) throw new Error(`not proposed: ${JSON.stringify(out)}`);
  if (!accepted) return { interventionId: out.data.interventionId, version: out.data.version };
  const acc = await acceptIntervention(owner, { interventionId: out.data.interventionId, expectedVersion: out.data.version });
  if (!acc.ok) throw new Error(`not accepted: ${JSON.stringify(acc)}`);
  return { interventionId: acc.data.interventionId, version: acc.data.version };
}

const ACTION_CALLS: Record<string, ActionCall> = {
  'app/(clinician)/patients/[patientId]/results/actions.ts#recordResultAction': {
    role: 'clinician',
    prepare: async (c) => () => results.recordResultAction(c.patient.id, 'breath_test', siboBreathTest('2025-04-01')),
  },
  'app/(clinician)/patients/[patientId]/results/actions.ts#correctResultAction': {
    role: 'clinician',
    prepare: async (c) => {
      const resultId = await newResult(c);
      return () => results.correctResultAction(c.patient.id, { resultId, expectedVersion: 1, reason: 'Readings were transposed', values: siboBreathTest('2025-03-11') });
    },
  },
  'app/(clinician)/patients/[patientId]/results/actions.ts#markReviewedAction': {
    role: 'clinician',
    prepare: async (c) => {
      const resultId = await newResult(c);
      return () => results.markReviewedAction(c.patient.id, resultId);
    },
  },
  'app/(clinician)/patients/[patientId]/results/[resultId]/share-actions.ts#shareResultAction': {
    role: 'clinician',
    prepare: async (c) => {
      const resultId = await newResult(c);
      return () => shares.shareResultAction(c.patient.id, resultId, 'We will discuss this at your visit.');
    },
  },
  'app/(clinician)/patients/[patientId]/results/[resultId]/share-actions.ts#unshareResultAction': {
    role: 'clinician',
    prepare: async (c) => {
      const resultId = await newResult(c);
      const shared = await shareResult(derm(c), resultId, {});
      if (!shared.ok) throw new Error('not shared');
      return () => shares.unshareResultAction(c.patient.id, resultId);
    },
  },
  'app/(clinician)/patients/[patientId]/notes/actions.ts#saveNoteAction': {
    role: 'clinician',
    prepare: async (c) => () => notes.saveNoteAction(c.patient.id, { body: 'Started a low-FODMAP trial.' }),
  },
  'app/(clinician)/patients/[patientId]/notes/actions.ts#reviseDraftAction': {
    role: 'clinician',
    prepare: async (c, actor, allowed) => {
      const note = await newNote(c, principal(c, actor, allowed));
      return () => notes.reviseDraftAction(c.patient.id, { noteId: note.noteId, expectedVersion: note.version, body: 'Revised after the call.' });
    },
  },
  'app/(clinician)/patients/[patientId]/notes/actions.ts#signNoteAction': {
    role: 'clinician',
    prepare: async (c, actor, allowed) => {
      const note = await newNote(c, principal(c, actor, allowed));
      return () => notes.signNoteAction(c.patient.id, { noteId: note.noteId, expectedVersion: note.version });
    },
  },
  'app/(clinician)/patients/[patientId]/notes/actions.ts#amendNoteAction': {
    role: 'clinician',
    prepare: async (c, actor, allowed) => {
      const note = await newNote(c, principal(c, actor, allowed), { sign: true });
      return () => notes.amendNoteAction(c.patient.id, { noteId: note.noteId, expectedVersion: note.version, body: 'Amended dose.', reason: 'Dose was wrong' });
    },
  },
  'app/(clinician)/patients/[patientId]/notes/actions.ts#completeTaskAction': {
    role: 'clinician',
    prepare: async (c, actor, allowed) => {
      const assignee = allowed && actor ? actor : actorOf(c.nutritionistOnTeam);
      const author = assignee.userId === c.dermOnTeam.id ? actorOf(c.nutritionistOnTeam) : derm(c);
      const note = await newNote(c, author, { tasks: [{ assigneeId: assignee.userId, description: 'Check the breath test' }] });
      const taskId = note.taskIds[0];
      if (!taskId) throw new Error('no task');
      return () => notes.completeTaskAction(taskId);
    },
  },
  'app/(clinician)/patients/[patientId]/plan/actions.ts#proposeInterventionAction': {
    role: 'clinician',
    prepare: async (c) => () => plan.proposeInterventionAction(c.patient.id, lgg(c.dermOnTeam.id)),
  },
  'app/(clinician)/patients/[patientId]/plan/actions.ts#updateInterventionAction': {
    role: 'clinician',
    prepare: async (c, actor, allowed) => {
      const owner = principal(c, actor, allowed);
      const item = await newIntervention(c, owner);
      return () => plan.updateInterventionAction(c.patient.id, { ...lgg(owner.userId), title: 'LGG, 10 billion CFU', interventionId: item.interventionId, expectedVersion: item.version });
    },
  },
  'app/(clinician)/patients/[patientId]/plan/actions.ts#acceptInterventionAction': {
    role: 'clinician',
    prepare: async (c, actor, allowed) => {
      const item = await newIntervention(c, principal(c, actor, allowed));
      return () => plan.acceptInterventionAction(c.patient.id, { interventionId: item.interventionId, expectedVersion: item.version });
    },
  },
  'app/(clinician)/patients/[patientId]/plan/actions.ts#declineInterventionAction': {
    role: 'clinician',
    prepare: async (c, actor, allowed) => {
      const item = await newIntervention(c, principal(c, actor, allowed));
      return () => plan.declineInterventionAction(c.patient.id, { interventionId: item.interventionId, expectedVersion: item.version, reason: 'Not indicated now' });
    },
  },
  'app/(clinician)/patients/[patientId]/plan/actions.ts#changeInterventionStatusAction': {
    role: 'clinician',
    prepare: async (c, actor, allowed) => {
      const item = await newIntervention(c, principal(c, actor, allowed), true);
      return () => plan.changeInterventionStatusAction(c.patient.id, { interventionId: item.interventionId, expectedVersion: item.version, status: 'paused', reason: 'Travelling' });
    },
  },
  'app/(clinician)/patients/[patientId]/plan/actions.ts#addGoalAction': {
    role: 'clinician',
    prepare: async (c) => () => plan.addGoalAction(c.patient.id, { description: 'EASI 50 within 12 weeks' }),
  },
  'app/(clinician)/patients/[patientId]/plan/actions.ts#updateGoalAction': {
    role: 'clinician',
    prepare: async (c) => {
      const goal = await addGoal(derm(c), c.patient.id, { description: 'Itch under 3/10' });
      if (!goal.ok) throw new Error('no goal');
      return () => plan.updateGoalAction(c.patient.id, { goalId: goal.data.goalId, expectedVersion: goal.data.version, description: 'Itch under 3/10', status: 'met' });
    },
  },
  'app/(clinician)/patients/[patientId]/plan/actions.ts#startProtocolAction': {
    role: 'clinician',
    prepare: async (c, actor, allowed) => {
      // One running protocol per patient: stop the previous actor's first.
      await stopRunningProtocols(derm(c), c.patient.id);
      return () => plan.startProtocolAction(c.patient.id, protocolInput(principal(c, actor, allowed).userId));
    },
  },
  'app/(clinician)/patients/[patientId]/plan/actions.ts#acceptProtocolAction': {
    role: 'clinician',
    prepare: async (c, actor, allowed) => {
      const supervisor = principal(c, actor, allowed);
      // Proposed by a colleague of the supervisor, so it awaits them.
      const proposer = supervisor.userId === c.dermOnTeam.id ? actorOf(c.nutritionistOnTeam) : derm(c);
      const protocol = await freshProtocol(proposer, derm(c), c.patient.id, supervisor.userId);
      return () => plan.acceptProtocolAction(c.patient.id, { protocolId: protocol.protocolId, expectedVersion: protocol.version });
    },
  },
  'app/(clinician)/patients/[patientId]/plan/actions.ts#stopProtocolAction': {
    role: 'clinician',
    prepare: async (c) => {
      const protocol = await freshProtocol(derm(c), derm(c), c.patient.id, c.dermOnTeam.id);
      return () => plan.stopProtocolAction(c.patient.id, { protocolId: protocol.protocolId, expectedVersion: protocol.version, reason: 'Patient unwell' });
    },
  },
  'app/(clinician)/patients/[patientId]/plan/actions.ts#updateChallengesAction': {
    role: 'clinician',
    prepare: async (c) => {
      const protocol = await freshProtocol(derm(c), derm(c), c.patient.id, c.dermOnTeam.id);
      const challenges = [...protocolInput(c.dermOnTeam.id).challenges].reverse();
      return () => plan.updateChallengesAction(c.patient.id, { protocolId: protocol.protocolId, expectedVersion: protocol.version, challenges });
    },
  },
  'app/(clinician)/patients/[patientId]/plan/actions.ts#confirmVerdictAction': {
    role: 'clinician',
    prepare: async (c) => {
      const protocol = await freshProtocol(derm(c), derm(c), c.patient.id, c.dermOnTeam.id, { readyForVerdict: true });
      const reviewDate = addDays(today(), 90);
      return () => plan.confirmVerdictAction(c.patient.id, { protocolId: protocol.protocolId, expectedVersion: protocol.version, food: 'Wheat / gluten', verdict: 'inconclusive', reviewDate });
    },
  },
  'app/(portal)/portal/reintroduction/actions.ts#reportReactionAction': {
    role: 'patient',
    prepare: async (c, actor) => {
      // The reporting patient needs a running protocol of their own, supervised by their team's lead.
      if (actor?.patientId === c.patient.id) await freshProtocol(derm(c), derm(c), c.patient.id, c.dermOnTeam.id);
      if (actor?.patientId === c.otherPatient.id) await freshProtocol(actorOf(c.dermOffTeam), actorOf(c.dermOffTeam), c.otherPatient.id, c.dermOffTeam.id);
      return () => reintroduction.reportReactionAction(null, form({ occurredOn: today(), occurredTime: '19:30', symptom: 'Itchy rash on the arms', severity: 'moderate', notes: '' }));
    },
  },
  'app/(portal)/portal/diary/actions.ts#addDiaryEntryAction': {
    role: 'patient',
    prepare: async () => () => diary.addDiaryEntryAction(null, form({ entryDate: today(), itch: '3', meal_time: '08:00', meal_description: 'Oat porridge' })),
  },
  'app/(portal)/portal/questionnaires/actions.ts#submitQuestionnaireAction': {
    role: 'patient',
    prepare: async () => {
      const answers = Object.fromEntries(QUESTIONNAIRES.poem.items.map((item) => [`answer:${item.id}`, item.options[0]?.value ?? '']));
      return () => questionnaires.submitQuestionnaireAction('poem', null, form({ effectiveDate: today(), ...answers }));
    },
  },
  'app/(admin)/admin/actions.ts#createUserAction': {
    role: 'admin',
    prepare: async () => () =>
      admin.createUserAction(null, form({ name: 'Dr. New Colleague', email: `new.${uniq()}@axis.test`, role: 'clinician', specialty: 'nutrition', password: TEST_PASSWORD })),
  },
  'app/(admin)/admin/actions.ts#setUserActiveAction': {
    role: 'admin',
    prepare: async () => {
      const target = await makeUser('clinician', { specialty: 'nutrition' });
      return () => admin.setUserActiveAction(null, form({ userId: target.id, active: 'false' }));
    },
  },
  'app/(admin)/admin/actions.ts#addCareTeamMemberAction': {
    role: 'admin',
    prepare: async (c) => {
      const target = await makeUser('clinician', { specialty: 'gastroenterology' });
      return () => admin.addCareTeamMemberAction(null, form({ patientId: c.patient.id, userId: target.id, role: 'member' }));
    },
  },
  'app/(admin)/admin/actions.ts#removeCareTeamMemberAction': {
    role: 'admin',
    prepare: async (c) => {
      const target = await makeUser('clinician', { specialty: 'nutrition' });
      await addToTeam(c.patient.id, target.id);
      const { getDb } = await import('../../../db/client');
      const { careTeamMembers } = await import('../../../db/schema');
      const { and, eq } = await import('drizzle-orm');
      const [membership] = await getDb()
        .select({ id: careTeamMembers.id })
        .from(careTeamMembers)
        .where(and(eq(careTeamMembers.patientId, c.patient.id), eq(careTeamMembers.userId, target.id)));
      if (!membership) throw new Error('no membership');
      return () => admin.removeCareTeamMemberAction(null, form({ patientId: c.patient.id, membershipId: membership.id }));
    },
  },
};

ACTION_CALLS['app/(clinician)/emergency-access/actions.ts#requestEmergencyAccessAction'] = {
  role: 'clinician',
  prepare: async (c) => () =>
    emergency.requestEmergencyAccessAction(null, form({ mrn: c.patient.mrn, patientId: '', reasonCategory: 'urgent_care', reason: 'Patient seen in clinic today with a severe flare, team unreachable' })),
  allowedAs: { redirectTo: (c) => `/patients/${c.patient.id}`, writes: (kind) => kind === 'clinicianOffTeam' },
};
ACTION_CALLS['app/(account)/account/actions.ts#revokeSessionAction'] = {
  role: 'clinician',
  prepare: async (_c, actor) => {
    const sessionId = await anotherSessionOf(actor);
    return () => account.revokeSessionAction(null, form({ sessionId }));
  },
};
ACTION_CALLS['app/(account)/account/actions.ts#revokeOtherSessionsAction'] = {
  role: 'clinician',
  prepare: async (_c, actor) => {
    await anotherSessionOf(actor);
    return () => account.revokeOtherSessionsAction(null, form({}));
  },
};

ACTION_CALLS['app/(admin)/admin/actions.ts#setUserMfaRequiredAction'] = {
  role: 'admin',
  prepare: async () => {
    const target = await makeUser('clinician', { specialty: 'nutrition' });
    return () => admin.setUserMfaRequiredAction(null, form({ userId: target.id, required: 'true' }));
  },
};
ACTION_CALLS['app/(admin)/admin/actions.ts#resetUserMfaAction'] = {
  role: 'admin',
  prepare: async () => {
    // An account with two-step sign-in set up (the secret's ciphertext is never read by a reset).
    const target = await makeUser('clinician', { specialty: 'nutrition' });
    const { userMfa } = await import('../../../db/schema');
    await getDb().insert(userMfa).values({ userId: target.id, secretCiphertext: 'not-a-real-ciphertext', enabledAt: new Date() });
    return () => admin.resetUserMfaAction(null, form({ userId: target.id }));
  },
};
ACTION_CALLS['app/(clinician)/patients/[patientId]/emergency-actions.ts#endEmergencyAccessAction'] = {
  role: 'clinician',
  prepare: async (c, actor, allowed) => {
    // The grant belongs to the actor when they are meant to end it, to another off-team clinician otherwise.
    const holder = allowed && actor ? actor : actorOf(await makeUser('clinician', { specialty: 'dermatology' }));
    const granted = await requestEmergencyAccess(holder, { mrn: c.patient.mrn, reasonCategory: 'urgent_care', reason: 'Severe flare seen today, the care team is away' });
    if (!granted.ok || !granted.data.grantId) throw new Error(`no grant: ${JSON.stringify(granted)}`);
    const grantId = granted.data.grantId;
    return () => endEmergency.endEmergencyAccessAction(null, form({ grantId }));
  },
  allowedAs: { redirectTo: () => '/patients', writes: () => true },
};
/** A conversation on the clinic's patient, started by `by`, with its first message's id. */
async function newConversation(c: ActionClinic, by: Actor, audience: 'patient' | 'team' = 'patient') {
  const started = await startConversation(by, c.patient.id, { audience, specialty: '', subject: 'Question about the plan', body: 'Is it fine to keep the moisturiser twice a day?' });
  if (!started.ok) throw new Error(`conversation not started: ${JSON.stringify(started)}`);
  const [first] = await getDb().select({ id: messagesTable.id }).from(messagesTable).where(eqColumn(messagesTable.conversationId, started.data.conversationId));
  if (!first) throw new Error('no first message');
  return { conversationId: started.data.conversationId, messageId: first.id };
}
const patientOf = (c: ActionClinic) => actorOf(c.patientUser);
ACTION_CALLS['app/(portal)/portal/messages/actions.ts#startConversationAction'] = {
  role: 'patient',
  prepare: async () => () => portalMessages.startConversationAction(null, form({ to: 'team', subject: 'A question', body: 'Can I swim with the cream on?' })),
  allowedAs: { redirectTo: () => '/portal/messages/', writes: () => true },
};
ACTION_CALLS['app/(portal)/portal/messages/actions.ts#replyAction'] = {
  role: 'patient',
  prepare: async (c) => {
    const { conversationId } = await newConversation(c, patientOf(c));
    return () => portalMessages.replyAction(conversationId, null, form({ body: 'And one more thing.' }));
  },
};
ACTION_CALLS['app/(portal)/portal/messages/actions.ts#retractAction'] = {
  role: 'patient',
  prepare: async (c) => {
    const { conversationId, messageId } = await newConversation(c, patientOf(c));
    return () => portalMessages.retractAction(messageId, conversationId, null, form({}));
  },
};
ACTION_CALLS['app/(clinician)/patients/[patientId]/messages/actions.ts#startConversationAction'] = {
  role: 'clinician',
  prepare: async (c) => () => clinicianMessages.startConversationAction(c.patient.id, null, form({ to: 'team-only', subject: 'Plan change', body: 'Shall we pause the elimination?' })),
  allowedAs: { redirectTo: (c) => `/patients/${c.patient.id}/messages/`, writes: () => true },
};
ACTION_CALLS['app/(clinician)/patients/[patientId]/messages/actions.ts#replyAction'] = {
  role: 'clinician',
  prepare: async (c) => {
    const { conversationId } = await newConversation(c, patientOf(c));
    return () => clinicianMessages.replyAction(conversationId, null, form({ body: 'Yes, twice a day is right.' }));
  },
};
ACTION_CALLS['app/(clinician)/patients/[patientId]/messages/actions.ts#retractAction'] = {
  role: 'clinician',
  prepare: async (c, actor, allowed) => {
    const { messageId } = await newConversation(c, principal(c, actor, allowed), 'team');
    return () => clinicianMessages.retractAction(messageId, null, form({}));
  },
};
ACTION_CALLS['app/(clinician)/patients/[patientId]/messages/actions.ts#messageToTaskAction'] = {
  role: 'clinician',
  prepare: async (c) => {
    const { messageId } = await newConversation(c, patientOf(c));
    return () => clinicianMessages.messageToTaskAction(messageId, null, form({ assigneeId: c.dermOnTeam.id }));
  },
};
ACTION_CALLS['app/(account)/account/actions.ts#setEmailNotificationsAction'] = {
  role: 'clinician',
  prepare: async () => () => account.setEmailNotificationsAction(null, form({ emailNotifications: 'off' })),
};
const photoBytes = async () => new Uint8Array(await sharp({ create: { width: 200, height: 150, channels: 3, background: '#c9a' } }).jpeg().toBuffer());
async function photoConsented(c: ActionClinic) {
  const outcome = await recordPhotoConsent(derm(c), c.patient.id, { clinicalRecord: 'yes', shareWithPatient: 'yes', teaching: 'no' });
  if (!outcome.ok) throw new Error('no consent');
}
function photoForm(bytes: Uint8Array, fields: Record<string, string>): FormData {
  const f = form(fields);
  f.set('file', new Blob([bytes as BlobPart], { type: 'image/jpeg' }), 'elbow.jpg');
  return f;
}
ACTION_CALLS['app/(clinician)/patients/[patientId]/photos/actions.ts#uploadPhotoAction'] = {
  role: 'clinician',
  prepare: async (c) => {
    await photoConsented(c);
    const bytes = await photoBytes();
    return () => photosActions.uploadPhotoAction(c.patient.id, null, photoForm(bytes, { bodySite: 'elbow_flexures', takenOn: '2026-11-20' }));
  },
};
ACTION_CALLS['app/(portal)/portal/photos/actions.ts#uploadMyPhotoAction'] = {
  role: 'patient',
  prepare: async (c) => {
    await photoConsented(c);
    const bytes = await photoBytes();
    return () => portalPhotos.uploadMyPhotoAction(null, photoForm(bytes, { bodySite: 'hand_left' }));
  },
};
ACTION_CALLS['app/(clinician)/patients/[patientId]/photos/actions.ts#recordPhotoConsentAction'] = {
  role: 'clinician',
  prepare: async (c) => () => photosActions.recordPhotoConsentAction(c.patient.id, null, form({ clinicalRecord: 'yes', shareWithPatient: 'no', teaching: 'no' })),
};
ACTION_CALLS['app/(clinician)/patients/[patientId]/photos/actions.ts#setPhotoSharedAction'] = {
  role: 'clinician',
  prepare: async (c) => {
    await photoConsented(c);
    const uploaded = await uploadPhoto(derm(c), c.patient.id, { bytes: await photoBytes(), meta: { bodySite: 'chin' } });
    if (!uploaded.ok) throw new Error('no photo');
    return () => photosActions.setPhotoSharedAction(uploaded.data.photoId, null, form({ shared: 'yes' }));
  },
};
/** A PDF no record holds yet (the same file is refused twice on one record). */
let pdfCount = 0;
const freshPdf = () => demoPdf(`Route-matrix report ${++pdfCount}`, ['Calprotectin 40 µg/g']);
function pdfForm(bytes: Uint8Array, fields: Record<string, string>): FormData {
  const f = form(fields);
  f.set('file', new Blob([bytes as BlobPart], { type: 'application/pdf' }), 'report.pdf');
  return f;
}
ACTION_CALLS['app/(clinician)/patients/[patientId]/documents/actions.ts#uploadDocumentAction'] = {
  role: 'clinician',
  prepare: async (c) => {
    const bytes = await freshPdf();
    return () => documentsActions.uploadDocumentAction(c.patient.id, null, pdfForm(bytes, { category: 'lab_report', title: 'Calprotectin report', documentDate: '2026-11-20' }));
  },
};
ACTION_CALLS['app/(clinician)/patients/[patientId]/documents/actions.ts#setDocumentSharedAction'] = {
  role: 'clinician',
  prepare: async (c) => {
    const uploaded = await uploadDocument(derm(c), c.patient.id, { bytes: await freshPdf(), meta: { category: 'referral_letter', title: 'Referral' } });
    if (!uploaded.ok) throw new Error('no document');
    return () => documentsActions.setDocumentSharedAction(uploaded.data.documentId, null, form({ shared: 'yes' }));
  },
};
const LAB_BUNDLE = readFileSync(path.join(process.cwd(), 'tests/e2e/fixtures/fhir-lab-bundle.json'), 'utf8');

/** A patient with the same care team as the clinic's, so an import always lands on an empty record. */
async function freshTeamPatient(c: ActionClinic) {
  const patient = await makePatient();
  for (const member of [c.dermOnTeam, c.nutritionistOnTeam, c.gastroOnTeam, c.deactivatedClinician]) await addToTeam(patient.id, member.id);
  return patient;
}

ACTION_CALLS['app/(clinician)/patients/[patientId]/fhir-import/actions.ts#previewFhirImportAction'] = {
  role: 'clinician',
  prepare: async (c) => () => fhirImport.previewFhirImportAction(c.patient.id, LAB_BUNDLE),
  allowedReadsOnly: true,
};
ACTION_CALLS['app/(clinician)/patients/[patientId]/fhir-import/actions.ts#saveFhirImportAction'] = {
  role: 'clinician',
  prepare: async (c) => {
    const patient = await freshTeamPatient(c);
    const preview = await previewFhirImport(derm(c), patient.id, LAB_BUNDLE);
    if (!preview.ok) throw new Error(preview.error);
    const fingerprint = preview.plan.fingerprint;
    return () => fhirImport.saveFhirImportAction(patient.id, { text: LAB_BUNDLE, fingerprint, confirmIdentity: true });
  },
  allowedAs: { redirectTo: () => '/patients/', writes: () => true },
};
ACTION_CALLS['app/(account)/account/actions.ts#beginMfaEnrolmentAction'] = {
  role: 'clinician',
  prepare: async () => () => account.beginMfaEnrolmentAction(null, form({})),
};

// Two-step sign-in needs real codes: the test plays the authenticator app with the secret the set-up
// page shows. Secrets are kept per user so the recovery-code call can answer for an enrolled account.
const totpSecrets = new Map<string, string>();
async function pendingSecretOf(actor: Actor): Promise<string | null> {
  try {
    await beginMfaEnrolment(actor);
    const secret = (await getMfaOverview(actor)).pending?.secret ?? null;
    if (secret) totpSecrets.set(actor.userId, secret);
    return secret;
  } catch {
    return null; // refused (e.g. deactivated): the call under test must be refused too
  }
}
// A code from the next 30-second step: still within the accepted drift, and never a replay of a code
// used a moment ago for the same account.
const nextStepCode = (secret: string) => totpCodeAt(secret, new Date(Date.now() + 30_000));

ACTION_CALLS['app/(account)/account/actions.ts#confirmMfaEnrolmentAction'] = {
  role: 'clinician',
  prepare: async (_c, actor) => {
    const secret = actor ? await pendingSecretOf(actor) : null;
    const code = secret ? totpCodeAt(secret, new Date()) : '000000';
    return () => account.confirmMfaEnrolmentAction(null, form({ code }));
  },
};
ACTION_CALLS['app/(account)/account/actions.ts#regenerateRecoveryCodesAction'] = {
  role: 'clinician',
  prepare: async (_c, actor, allowed) => {
    if (!actor || !allowed) return () => account.regenerateRecoveryCodesAction(null, form({ code: '000000' }));
    let secret = totpSecrets.get(actor.userId);
    if (!(await getMfaOverview(actor)).enrolled) {
      secret = (await pendingSecretOf(actor)) ?? undefined;
      if (!secret) throw new Error('could not start enrolment for an allowed actor');
      const confirmed = await confirmMfaEnrolment(actor, { code: totpCodeAt(secret, new Date()) });
      if (!confirmed.ok) throw new Error(confirmed.error);
    }
    if (!secret) throw new Error('enrolled without a known secret');
    const code = nextStepCode(secret);
    return () => account.regenerateRecoveryCodesAction(null, form({ code }));
  },
};
let clinicPolicy = false;
ACTION_CALLS['app/(admin)/admin/actions.ts#setClinicMfaPolicyAction'] = {
  role: 'admin',
  // Flips the policy each time, so an allowed call always changes something.
  prepare: async () => () => admin.setClinicMfaPolicyAction(null, form({ requireMfaForStaff: String((clinicPolicy = !clinicPolicy)) })),
};

const HOME: Record<UserRole, string> = { clinician: '/patients', patient: '/portal', admin: '/admin' };

let c: ActionClinic;
beforeAll(async () => {
  c = await makeActionClinic();
});

it('has a call for every action in the declared matrix (but those declared not yet exercised), and no other', () => {
  const pending = Object.keys(ACTIONS_NOT_YET_EXERCISED);
  expect(Object.keys(ACTION_CALLS).filter((k) => pending.includes(k))).toEqual([]);
  expect([...Object.keys(ACTION_CALLS), ...pending].sort()).toEqual(Object.keys(ACTIONS).sort());
});

describe.each(Object.keys(ACTION_CALLS))('%s', (key) => {
  const row = ACTIONS[key] as Record<MatrixActor, ActionOutcome>;
  it.each(MATRIX_ACTORS.map((kind) => [kind, row[kind]] as const))('as %s: %s', async (kind, expected) => {
    const call = ACTION_CALLS[key];
    if (!call) throw new Error(`no call for ${key}`);
    const actor = matrixActorOf(kind, c, call.role);
    const run = await call.prepare(c, actor, expected === 'allow');
    setSessionActor(actor);
    const before = await dataFingerprint();
    const deniedBefore = actor ? await deniedAuditCount(actor.userId) : 0;

    let outcome: unknown;
    let thrown: unknown;
    try {
      outcome = await run();
    } catch (error) {
      thrown = error;
    } finally {
      setSessionActor(null);
    }
    const after = await dataFingerprint();

    if (expected === 'allow' && call.allowedAs) {
      expect(redirectTargetOf(thrown) ?? JSON.stringify(outcome)).toContain(call.allowedAs.redirectTo(c));
      expect(changedTables(before, after).length > 0).toBe(call.allowedAs.writes(kind));
      return;
    }
    if (expected === 'allow') {
      expect(thrown).toBeUndefined();
      expect(outcome).toMatchObject({ ok: true });
      expect(changedTables(before, after).length > 0).toBe(!call.allowedReadsOnly);
      return;
    }
    // Refused one way or another: nothing stored, changed or deleted anywhere.
    expect(changedTables(before, after)).toEqual([]);
    if (expected === 'sign-in' || expected === 'home') {
      expect(redirectTargetOf(thrown)).toBe(expected === 'sign-in' ? '/sign-in' : HOME[actor?.role ?? 'patient']);
      return;
    }
    expect(thrown).toBeUndefined();
    expect(outcome).toMatchObject({ ok: false, error: expect.any(String) });
    expectNoInternals(outcome);
    if (actor && !call.refusalNotAudited) expect(await deniedAuditCount(actor.userId)).toBeGreaterThan(deniedBefore);
  });
});
