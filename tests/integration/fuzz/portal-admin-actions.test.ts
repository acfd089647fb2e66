import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ACTIONS, ACTIONS_NOT_YET_EXERCISED } from '../../support/access-matrix';
import { actorOf, makeUser, TEST_PASSWORD } from '../fixtures';
import { makeActionClinic, setSessionActor, type ActionClinic } from '../access/action-harness';
import { freshProtocol } from '../reintroduction/inputs';
import { expectHandled, expectRefusedCleanly, hostileValue, mangledForm } from './hostile';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('@/lib/platform/auth/session', async (importOriginal) => (await import('../access/action-harness')).sessionModuleMock(importOriginal));

// Two-step sign-in encrypts its secrets with a key derived from this, as the running app does.
process.env.NEXTAUTH_SECRET ??= 'fuzz-test-secret-0123456789abcdef-0123456789';
const diary = await import('../../../app/(portal)/portal/diary/actions');
const reintroduction = await import('../../../app/(portal)/portal/reintroduction/actions');
const questionnaires = await import('../../../app/(portal)/portal/questionnaires/actions');
const admin = await import('../../../app/(admin)/admin/actions');
const account = await import('../../../app/(account)/account/actions');
const portalMessages = await import('../../../app/(portal)/portal/messages/actions');
const portalPhotos = await import('../../../app/(portal)/portal/photos/actions');

// The form-posting server actions (the patient's diary and questionnaires, the administrator's
// accounts and care teams), sent hostile arguments by the role they serve: something other than a form
// is refused with a message; a form with hostile fields is accepted or refused cleanly, never a throw,
// a stack trace, SQL or a half-written row.

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

interface FormFuzzSpec {
  who: 'patient' | 'admin' | 'clinician';
  /** Hostile values in every argument (the form included). */
  call: (args: unknown[]) => Promise<unknown>;
  arity: number;
  /** The form a valid submission posts. */
  form: (c: ActionClinic, extra: { userId: string; membershipId: string; conversationId: string; messageId: string }) => Record<string, string>;
  /** The action reads nothing from its arguments, so garbage in them is not a refusal, only harmless. */
  ignoresArguments?: boolean;
  /** Calls the action with that form (mangled). */
  submit: (form: FormData) => Promise<unknown>;
  /** Where the action redirects when it accepts the input. */
  succeedsByRedirect?: RegExp;
}

const today = () => new Date().toISOString().slice(0, 10);
type Loose = (...args: unknown[]) => Promise<unknown>;
const loose = (fn: unknown) => fn as Loose;

const SPECS: Record<string, FormFuzzSpec> = {
  'app/(account)/account/actions.ts#beginMfaEnrolmentAction': {
    who: 'clinician',
    arity: 2,
    call: (args) => loose(account.beginMfaEnrolmentAction)(...args),
    ignoresArguments: true,
    form: () => ({ code: '123456' }),
    submit: (form) => account.beginMfaEnrolmentAction(null, form),
  },
  // Hostile codes never match a real one (a random 6-digit guess has a one-in-a-million chance).
  'app/(account)/account/actions.ts#confirmMfaEnrolmentAction': {
    who: 'clinician',
    arity: 2,
    call: (args) => loose(account.confirmMfaEnrolmentAction)(...args),
    form: () => ({ code: '123456' }),
    submit: (form) => account.confirmMfaEnrolmentAction(null, form),
  },
  'app/(account)/account/actions.ts#regenerateRecoveryCodesAction': {
    who: 'clinician',
    arity: 2,
    call: (args) => loose(account.regenerateRecoveryCodesAction)(...args),
    form: () => ({ code: '123456' }),
    submit: (form) => account.regenerateRecoveryCodesAction(null, form),
  },
  'app/(admin)/admin/actions.ts#setUserMfaRequiredAction': {
    who: 'admin',
    arity: 2,
    call: (args) => loose(admin.setUserMfaRequiredAction)(...args),
    form: (_c, extra) => ({ userId: extra.userId, required: 'true' }),
    submit: (form) => admin.setUserMfaRequiredAction(null, form),
  },
  'app/(admin)/admin/actions.ts#resetUserMfaAction': {
    who: 'admin',
    arity: 2,
    call: (args) => loose(admin.resetUserMfaAction)(...args),
    form: (_c, extra) => ({ userId: extra.userId }),
    submit: (form) => admin.resetUserMfaAction(null, form),
  },
  'app/(admin)/admin/actions.ts#setClinicMfaPolicyAction': {
    who: 'admin',
    arity: 2,
    call: (args) => loose(admin.setClinicMfaPolicyAction)(...args),
    // Any value other than "true" means "not required": garbage is a valid (harmless) choice.
    ignoresArguments: true,
    form: () => ({ requireMfaForStaff: 'false' }),
    submit: (form) => admin.setClinicMfaPolicyAction(null, form),
  },
  'app/(account)/account/actions.ts#revokeSessionAction': {
    who: 'clinician',
    arity: 2,
    call: (args) => loose(account.revokeSessionAction)(...args),
    form: (_c, extra) => ({ sessionId: extra.userId }),
    submit: (form) => account.revokeSessionAction(null, form),
  },
  'app/(account)/account/actions.ts#revokeOtherSessionsAction': {
    who: 'clinician',
    arity: 2,
    call: (args) => loose(account.revokeOtherSessionsAction)(...args),
    ignoresArguments: true,
    form: () => ({ sessionId: 'all' }),
    submit: (form) => account.revokeOtherSessionsAction(null, form),
  },
  'app/(account)/account/actions.ts#setEmailNotificationsAction': {
    who: 'clinician',
    arity: 2,
    call: (args) => loose(account.setEmailNotificationsAction)(...args),
    form: () => ({ emailNotifications: 'off' }),
    submit: (form) => account.setEmailNotificationsAction(null, form),
  },
  'app/(portal)/portal/messages/actions.ts#startConversationAction': {
    who: 'patient',
    arity: 2,
    call: (args) => loose(portalMessages.startConversationAction)(...args),
    form: () => ({ to: 'team', subject: 'A question', body: 'Can I swim with the cream on?' }),
    submit: (form) => portalMessages.startConversationAction(null, form),
    succeedsByRedirect: /^\/portal\/messages\/[0-9a-f-]{36}$/,
  },
  'app/(portal)/portal/photos/actions.ts#uploadMyPhotoAction': {
    who: 'patient',
    arity: 2,
    call: (args) => loose(portalPhotos.uploadMyPhotoAction)(...args),
    form: () => ({ bodySite: 'hand_left', bodySiteDetail: '', takenOn: today(), caption: 'Flare' }),
    submit: (form) => portalPhotos.uploadMyPhotoAction(null, form),
  },
  'app/(portal)/portal/messages/actions.ts#replyAction': {
    who: 'patient',
    arity: 3,
    call: (args) => loose(portalMessages.replyAction)(...args),
    form: () => ({ body: 'Thank you.' }),
    submit: (form) => portalMessages.replyAction(extra.conversationId, null, form),
  },
  'app/(portal)/portal/messages/actions.ts#retractAction': {
    who: 'patient',
    arity: 4,
    call: (args) => loose(portalMessages.retractAction)(...args),
    form: () => ({ confirm: 'yes' }),
    submit: (form) => portalMessages.retractAction(extra.messageId, extra.conversationId, null, form),
  },
  'app/(portal)/portal/diary/actions.ts#addDiaryEntryAction': {
    who: 'patient',
    arity: 2,
    call: (args) => loose(diary.addDiaryEntryAction)(...args),
    form: () => ({ entryDate: today(), meal_time: '08:00', meal_description: 'Oat porridge', stoolForm: '4', itch: '3', flare: '2', notes: 'Felt fine' }),
    submit: (form) => diary.addDiaryEntryAction(null, form),
  },
  'app/(portal)/portal/reintroduction/actions.ts#reportReactionAction': {
    who: 'patient',
    arity: 2,
    call: (args) => loose(reintroduction.reportReactionAction)(...args),
    form: () => ({ occurredOn: today(), occurredTime: '19:30', symptom: 'Itchy rash', severity: 'mild', gutOnly: 'on', notes: 'After lunch' }),
    submit: (form) => reintroduction.reportReactionAction(null, form),
  },
  'app/(portal)/portal/questionnaires/actions.ts#submitQuestionnaireAction': {
    who: 'patient',
    arity: 3,
    call: (args) => loose(questionnaires.submitQuestionnaireAction)(...args),
    form: () => ({ effectiveDate: today(), 'answer:q1': 'very_much', 'answer:q2': 'a_lot', 'answer:q3': 'not_relevant' }),
    submit: (form) => questionnaires.submitQuestionnaireAction('dlqi', null, form),
  },
  'app/(admin)/admin/actions.ts#createUserAction': {
    who: 'admin',
    arity: 2,
    call: (args) => loose(admin.createUserAction)(...args),
    form: () => ({ name: 'Dr. Fuzz', email: `fuzz.${Math.random().toString(36).slice(2)}@axis.test`, role: 'clinician', specialty: 'nutrition', patientMrn: '', password: TEST_PASSWORD }),
    submit: (form) => admin.createUserAction(null, form),
  },
  'app/(admin)/admin/actions.ts#setUserActiveAction': {
    who: 'admin',
    arity: 2,
    call: (args) => loose(admin.setUserActiveAction)(...args),
    form: (_c, extra) => ({ userId: extra.userId, active: 'false' }),
    submit: (form) => admin.setUserActiveAction(null, form),
  },
  'app/(admin)/admin/actions.ts#addCareTeamMemberAction': {
    who: 'admin',
    arity: 2,
    call: (args) => loose(admin.addCareTeamMemberAction)(...args),
    form: (c, extra) => ({ patientId: c.otherPatient.id, userId: extra.userId, role: 'member' }),
    submit: (form) => admin.addCareTeamMemberAction(null, form),
  },
  'app/(admin)/admin/actions.ts#removeCareTeamMemberAction': {
    who: 'admin',
    arity: 2,
    call: (args) => loose(admin.removeCareTeamMemberAction)(...args),
    form: (c, extra) => ({ patientId: c.patient.id, membershipId: extra.membershipId }),
    submit: (form) => admin.removeCareTeamMemberAction(null, form),
  },
};

let c: ActionClinic;
let extra: { userId: string; membershipId: string; conversationId: string; messageId: string };

beforeAll(async () => {
  c = await makeActionClinic();
  // A running protocol, so "I reacted" with hostile fields reaches its parsing, not only "nothing running".
  await freshProtocol(actorOf(c.dermOnTeam), actorOf(c.dermOnTeam), c.patient.id, c.dermOnTeam.id);
  const spare = await makeUser('clinician', { specialty: 'gastroenterology' });
  const { getDb } = await import('../../../db/client');
  const { careTeamMembers } = await import('../../../db/schema');
  const { eq } = await import('drizzle-orm');
  const [membership] = await getDb().select({ id: careTeamMembers.id }).from(careTeamMembers).where(eq(careTeamMembers.userId, c.nutritionistOnTeam.id));
  if (!membership) throw new Error('no membership');
  const { startConversation } = await import('../../../lib/messages/mutations');
  const { messages } = await import('../../../db/schema');
  const asked = await startConversation(actorOf(c.patientUser), c.patient.id, { audience: 'patient', specialty: '', subject: 'Cream', body: 'Twice a day?' });
  if (!asked.ok) throw new Error('no conversation');
  const [first] = await getDb().select({ id: messages.id }).from(messages).where(eq(messages.conversationId, asked.data.conversationId));
  extra = { userId: spare.id, membershipId: membership.id, conversationId: asked.data.conversationId, messageId: first?.id ?? '' };
});

it('fuzzes every portal and admin action in the declared matrix', () => {
  const declared = Object.keys(ACTIONS).filter(
    (k) => (k.startsWith('app/(portal)/') || k.startsWith('app/(admin)/') || k.startsWith('app/(account)/')) && !(k in ACTIONS_NOT_YET_EXERCISED),
  );
  expect(Object.keys(SPECS).sort()).toEqual(declared.sort());
});

describe.each(Object.keys(SPECS))('%s', (key) => {
  const spec = SPECS[key] as FormFuzzSpec;
  const signIn = () => setSessionActor(actorOf(spec.who === 'patient' ? c.patientUser : spec.who === 'clinician' ? c.dermOnTeam : c.admin));

  it('refuses anything but a form (hostile values in every argument) with a message, changing nothing', async () => {
    signIn();
    await fc.assert(
      fc.asyncProperty(fc.array(hostileValue, { minLength: spec.arity, maxLength: spec.arity }), async (args) => {
        await (spec.ignoresArguments ? expectHandled : expectRefusedCleanly)(() => spec.call(args));
      }),
      { numRuns: RUNS },
    );
  });

  it('handles a form with hostile fields: accepted, or refused cleanly with nothing changed', async () => {
    signIn();
    await fc.assert(
      fc.asyncProperty(mangledForm(spec.form(c, extra)), async (form) => {
        await expectHandled(() => spec.submit(form), spec.succeedsByRedirect);
      }),
      { numRuns: RUNS },
    );
  });
});
