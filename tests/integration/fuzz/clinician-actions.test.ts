import fc from 'fast-check';
import { beforeAll, describe, it, vi } from 'vitest';
import { acceptIntervention, addGoal, proposeIntervention } from '../../../lib/care-plans/mutations';
import { saveNote } from '../../../lib/notes/mutations';
import { ACTIONS } from '../../support/access-matrix';
import { lgg } from '../care-plans/inputs';
import { freshProtocol, protocolInput } from '../reintroduction/inputs';
import { actorOf } from '../fixtures';
import { recordOk, siboBreathTest } from '../results/inputs';
import { makeActionClinic, setSessionActor, type ActionClinic } from '../access/action-harness';
import { expectHandled, expectRefusedCleanly, hostileStrings, hostileValue, mangled, mangledForm } from './hostile';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('@/lib/platform/auth/session', async (importOriginal) => (await import('../access/action-harness')).sessionModuleMock(importOriginal));

const results = await import('../../../app/(clinician)/patients/[patientId]/results/actions');
const shares = await import('../../../app/(clinician)/patients/[patientId]/results/[resultId]/share-actions');
const notes = await import('../../../app/(clinician)/patients/[patientId]/notes/actions');
const plan = await import('../../../app/(clinician)/patients/[patientId]/plan/actions');
const emergency = await import('../../../app/(clinician)/emergency-access/actions');
const endEmergency = await import('../../../app/(clinician)/patients/[patientId]/emergency-actions');
const fhirImport = await import('../../../app/(clinician)/patients/[patientId]/fhir-import/actions');
const messaging = await import('../../../app/(clinician)/patients/[patientId]/messages/actions');
const photosActions = await import('../../../app/(clinician)/patients/[patientId]/photos/actions');
const documentsActions = await import('../../../app/(clinician)/patients/[patientId]/documents/actions');
const { uploadDocument } = await import('../../../lib/documents/mutations');
const { demoPdf } = await import('../../../db/seed/demo-pdf');
const { recordPhotoConsent, uploadPhoto } = await import('../../../lib/photos/mutations');
const sharp = (await import('sharp')).default;
const { startConversation } = await import('../../../lib/messages/mutations');
const { getConversation } = await import('../../../lib/messages/queries');

// Every clinician server action, sent random and hostile arguments by a dermatologist on the care
// team (the actor who could do the most damage): garbage in every argument is refused with a message
// and changes nothing; a valid payload with hostile fields is either accepted or refused cleanly.
// Bounded: RUNS per property keeps this file to a few seconds per action.

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const DIR = 'app/(clinician)/patients/[patientId]';

interface Ids {
  patientId: string;
  resultId: string;
  draftNoteId: string;
  signedNoteId: string;
  taskId: string;
  proposedId: string;
  activeId: string;
  goalId: string;
  protocolId: string;
  conversationId: string;
  /** The patient's message in that conversation; the dermatologist's own is ownMessageId. */
  messageId: string;
  ownMessageId: string;
  photoId: string;
  documentId: string;
}

interface FuzzSpec {
  /** Every argument replaced by a hostile value: must be refused cleanly. */
  arity: number;
  call: (...args: unknown[]) => Promise<unknown>;
  /** A valid call with hostile fields: must be handled (accepted or refused cleanly). */
  mangledArgs: (ids: Ids) => fc.Arbitrary<unknown[]>;
  /** Where the action redirects when it accepts the input. */
  succeedsByRedirect?: RegExp;
}

const asAny = <T extends (...args: never[]) => Promise<unknown>>(fn: T) => fn as unknown as (...args: unknown[]) => Promise<unknown>;

const SPECS: Record<string, FuzzSpec> = {
  [`${DIR}/results/actions.ts#recordResultAction`]: {
    arity: 3,
    call: asAny(results.recordResultAction),
    mangledArgs: (ids) =>
      fc.tuple(fc.constant(ids.patientId), fc.oneof(fc.constant('breath_test'), hostileStrings), mangled(siboBreathTest('2025-04-02'))),
  },
  [`${DIR}/results/actions.ts#correctResultAction`]: {
    arity: 2,
    call: asAny(results.correctResultAction),
    mangledArgs: (ids) =>
      fc.tuple(fc.constant(ids.patientId), mangled({ resultId: ids.resultId, expectedVersion: 1, reason: 'Transposed readings', values: siboBreathTest('2025-03-12') })),
  },
  [`${DIR}/results/actions.ts#markReviewedAction`]: {
    arity: 2,
    call: asAny(results.markReviewedAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), hostileValue),
  },
  [`${DIR}/results/[resultId]/share-actions.ts#shareResultAction`]: {
    arity: 3,
    call: asAny(shares.shareResultAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), fc.constant(ids.resultId), hostileValue),
  },
  [`${DIR}/results/[resultId]/share-actions.ts#unshareResultAction`]: {
    arity: 2,
    call: asAny(shares.unshareResultAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), hostileValue),
  },
  [`${DIR}/notes/actions.ts#saveNoteAction`]: {
    arity: 2,
    call: asAny(notes.saveNoteAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ body: 'Plan agreed.', visibility: 'care_team', links: [], tasks: [], sign: false })),
  },
  [`${DIR}/notes/actions.ts#reviseDraftAction`]: {
    arity: 2,
    call: asAny(notes.reviseDraftAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ noteId: ids.draftNoteId, expectedVersion: 1, body: 'Revised.', visibility: 'care_team', links: [], tasks: [] })),
  },
  [`${DIR}/notes/actions.ts#signNoteAction`]: {
    arity: 2,
    call: asAny(notes.signNoteAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ noteId: ids.draftNoteId, expectedVersion: 1 })),
  },
  [`${DIR}/notes/actions.ts#amendNoteAction`]: {
    arity: 2,
    call: asAny(notes.amendNoteAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ noteId: ids.signedNoteId, expectedVersion: 1, body: 'Amended.', reason: 'Dose corrected', tasks: [] })),
  },
  [`${DIR}/notes/actions.ts#completeTaskAction`]: {
    arity: 1,
    call: asAny(notes.completeTaskAction),
    mangledArgs: () => fc.tuple(hostileValue),
  },
  [`${DIR}/plan/actions.ts#proposeInterventionAction`]: {
    arity: 2,
    call: asAny(plan.proposeInterventionAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled(lgg('00000000-0000-4000-8000-000000000001'))),
  },
  [`${DIR}/plan/actions.ts#updateInterventionAction`]: {
    arity: 2,
    call: asAny(plan.updateInterventionAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ ...lgg('00000000-0000-4000-8000-000000000001'), interventionId: ids.proposedId, expectedVersion: 1 })),
  },
  [`${DIR}/plan/actions.ts#acceptInterventionAction`]: {
    arity: 2,
    call: asAny(plan.acceptInterventionAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ interventionId: ids.proposedId, expectedVersion: 1 })),
  },
  [`${DIR}/plan/actions.ts#declineInterventionAction`]: {
    arity: 2,
    call: asAny(plan.declineInterventionAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ interventionId: ids.proposedId, expectedVersion: 1, reason: 'Not now' })),
  },
  [`${DIR}/plan/actions.ts#changeInterventionStatusAction`]: {
    arity: 2,
    call: asAny(plan.changeInterventionStatusAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ interventionId: ids.activeId, expectedVersion: 2, status: 'paused', reason: 'Travelling' })),
  },
  [`${DIR}/plan/actions.ts#addGoalAction`]: {
    arity: 2,
    call: asAny(plan.addGoalAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ description: 'EASI 50', targetInstrument: 'easi', targetValue: '50%', targetDate: '2026-06-01' })),
  },
  [`${DIR}/fhir-import/actions.ts#previewFhirImportAction`]: {
    arity: 2,
    call: asAny(fhirImport.previewFhirImportAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), fc.oneof(hostileValue, hostileStrings.map((s) => `{"resourceType":"Bundle","type":"collection","entry":[{"resource":${JSON.stringify(s)}}]}`))),
  },
  [`${DIR}/fhir-import/actions.ts#saveFhirImportAction`]: {
    arity: 2,
    call: asAny(fhirImport.saveFhirImportAction),
    succeedsByRedirect: /^\/patients\/[0-9a-f-]{36}\?imported=/,
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ text: '{"resourceType":"Bundle","type":"collection","entry":[]}', fingerprint: 'abc', confirmIdentity: true })),
  },
  ['app/(clinician)/emergency-access/actions.ts#requestEmergencyAccessAction']: {
    arity: 2,
    call: asAny(emergency.requestEmergencyAccessAction),
    succeedsByRedirect: /^\/patients\/[0-9a-f-]{36}$/,
    mangledArgs: (ids) =>
      fc.tuple(fc.constant(null), mangledForm({ mrn: 'AX-999999', patientId: ids.patientId, reasonCategory: 'urgent_care', reason: 'Severe flare in clinic, team unreachable today' })),
  },
  [`${DIR}/emergency-actions.ts#endEmergencyAccessAction`]: {
    arity: 2,
    call: asAny(endEmergency.endEmergencyAccessAction),
    succeedsByRedirect: /^\/patients$/,
    mangledArgs: () => fc.tuple(fc.constant(null), mangledForm({ grantId: '00000000-0000-4000-8000-000000000001' })),
  },
  [`${DIR}/plan/actions.ts#startProtocolAction`]: {
    arity: 2,
    call: asAny(plan.startProtocolAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled(protocolInput('00000000-0000-4000-8000-000000000001'))),
  },
  [`${DIR}/plan/actions.ts#acceptProtocolAction`]: {
    arity: 2,
    call: asAny(plan.acceptProtocolAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ protocolId: ids.protocolId, expectedVersion: 1 })),
  },
  [`${DIR}/plan/actions.ts#stopProtocolAction`]: {
    arity: 2,
    call: asAny(plan.stopProtocolAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ protocolId: ids.protocolId, expectedVersion: 1, reason: 'Unwell' })),
  },
  [`${DIR}/plan/actions.ts#updateChallengesAction`]: {
    arity: 2,
    call: asAny(plan.updateChallengesAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ protocolId: ids.protocolId, expectedVersion: 1, challenges: protocolInput('x').challenges })),
  },
  [`${DIR}/plan/actions.ts#confirmVerdictAction`]: {
    arity: 2,
    call: asAny(plan.confirmVerdictAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ protocolId: ids.protocolId, expectedVersion: 1, food: 'Wheat / gluten', verdict: 'inconclusive', reviewDate: '2030-01-01', reason: 'Unclear' })),
  },
  [`${DIR}/messages/actions.ts#startConversationAction`]: {
    arity: 3,
    call: asAny(messaging.startConversationAction),
    succeedsByRedirect: /^\/patients\/[0-9a-f-]{36}\/messages\/[0-9a-f-]{36}$/,
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), fc.constant(null), mangledForm({ to: 'team-only', subject: 'Plan', body: 'Shall we pause?' })),
  },
  [`${DIR}/messages/actions.ts#replyAction`]: {
    arity: 3,
    call: asAny(messaging.replyAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.conversationId), fc.constant(null), mangledForm({ body: 'Yes, keep going.' })),
  },
  [`${DIR}/messages/actions.ts#retractAction`]: {
    arity: 3,
    call: asAny(messaging.retractAction),
    mangledArgs: (ids) => fc.tuple(fc.oneof(fc.constant(ids.ownMessageId), hostileStrings), fc.constant(null), mangledForm({ confirm: 'yes' })),
  },
  [`${DIR}/messages/actions.ts#messageToTaskAction`]: {
    arity: 3,
    call: asAny(messaging.messageToTaskAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.messageId), fc.constant(null), mangledForm({ assigneeId: '00000000-0000-4000-8000-000000000001' })),
  },
  [`${DIR}/photos/actions.ts#uploadPhotoAction`]: {
    arity: 3,
    call: asAny(photosActions.uploadPhotoAction),
    // The form's text fields mangled (the file is a real photo or missing): accepted or refused cleanly.
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), fc.constant(null), mangledForm({ bodySite: 'chin', bodySiteDetail: '', takenOn: '2026-11-20', caption: 'Flare', scoreResultId: '' })),
  },
  [`${DIR}/photos/actions.ts#recordPhotoConsentAction`]: {
    arity: 3,
    call: asAny(photosActions.recordPhotoConsentAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), fc.constant(null), mangledForm({ clinicalRecord: 'yes', shareWithPatient: 'yes', teaching: 'no' })),
  },
  [`${DIR}/photos/actions.ts#setPhotoSharedAction`]: {
    arity: 3,
    call: asAny(photosActions.setPhotoSharedAction),
    mangledArgs: (ids) => fc.tuple(fc.oneof(fc.constant(ids.photoId), hostileStrings), fc.constant(null), mangledForm({ shared: 'yes' })),
  },
  [`${DIR}/documents/actions.ts#uploadDocumentAction`]: {
    arity: 3,
    call: asAny(documentsActions.uploadDocumentAction),
    // The form's text fields mangled (the file missing, text, or a stray binary part): accepted or refused cleanly.
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), fc.constant(null), mangledForm({ file: 'not a file', category: 'lab_report', title: 'Report', documentDate: '2026-11-20', resultSeriesId: '' })),
  },
  [`${DIR}/documents/actions.ts#setDocumentSharedAction`]: {
    arity: 3,
    call: asAny(documentsActions.setDocumentSharedAction),
    mangledArgs: (ids) => fc.tuple(fc.oneof(fc.constant(ids.documentId), hostileStrings), fc.constant(null), mangledForm({ shared: 'yes' })),
  },
  [`${DIR}/plan/actions.ts#updateGoalAction`]: {
    arity: 2,
    call: asAny(plan.updateGoalAction),
    mangledArgs: (ids) => fc.tuple(fc.constant(ids.patientId), mangled({ goalId: ids.goalId, expectedVersion: 1, description: 'EASI 50', status: 'met' })),
  },
};

let c: ActionClinic;
let ids: Ids;

beforeAll(async () => {
  c = await makeActionClinic();
  const derm = actorOf(c.dermOnTeam);
  const nutritionist = actorOf(c.nutritionistOnTeam);
  const resultId = await recordOk(derm, c.patient.id, 'breath_test', siboBreathTest('2025-03-10'));
  const draft = await saveNote(derm, c.patient.id, { body: 'Draft to revise.' });
  const signed = await saveNote(derm, c.patient.id, { body: 'Signed note.', sign: true });
  const withTask = await saveNote(nutritionist, c.patient.id, { body: 'Please review.', tasks: [{ assigneeId: derm.userId, description: 'Review the breath test' }] });
  const proposed = await proposeIntervention(nutritionist, c.patient.id, lgg(derm.userId));
  const toAccept = await proposeIntervention(nutritionist, c.patient.id, lgg(derm.userId));
  const goal = await addGoal(derm, c.patient.id, { description: 'Itch under 3/10' });
  if (!draft.ok || !signed.ok || !withTask.ok || !proposed.ok || !toAccept.ok || !goal.ok) throw new Error('fuzz fixtures not created');
  const active = await acceptIntervention(derm, { interventionId: toAccept.data.interventionId, expectedVersion: 1 });
  if (!active.ok) throw new Error('fuzz fixture not accepted');
  ids = {
    patientId: c.patient.id,
    resultId,
    draftNoteId: draft.data.noteId,
    signedNoteId: signed.data.noteId,
    taskId: withTask.data.taskIds[0] ?? '',
    proposedId: proposed.data.interventionId,
    activeId: active.data.interventionId,
    goalId: goal.data.goalId,
    protocolId: '',
    conversationId: '',
    messageId: '',
    ownMessageId: '',
    photoId: '',
    documentId: '',
  };
  await recordPhotoConsent(derm, c.patient.id, { clinicalRecord: 'yes', shareWithPatient: 'yes', teaching: 'no' });
  const photo = await uploadPhoto(derm, c.patient.id, { bytes: new Uint8Array(await sharp({ create: { width: 200, height: 150, channels: 3, background: '#c9a' } }).jpeg().toBuffer()), meta: { bodySite: 'chin' } });
  if (!photo.ok) throw new Error('fuzz photo not created');
  ids.photoId = photo.data.photoId;
  const document = await uploadDocument(derm, c.patient.id, { bytes: await demoPdf('Fuzz report', ['40 µg/g']), meta: { category: 'lab_report', title: 'Fuzz report' } });
  if (!document.ok) throw new Error('fuzz document not created');
  ids.documentId = document.data.documentId;
  const asked = await startConversation(actorOf(c.patientUser), c.patient.id, { audience: 'patient', specialty: '', subject: 'Cream question', body: 'Can I use the cream twice a day?' });
  const own = await startConversation(derm, c.patient.id, { audience: 'team', subject: 'Team note', body: 'Shall we review the plan?' });
  if (!asked.ok || !own.ok) throw new Error('fuzz conversations not created');
  ids.conversationId = asked.data.conversationId;
  ids.messageId = (await getConversation(derm, asked.data.conversationId)).messages[0]?.id ?? '';
  ids.ownMessageId = (await getConversation(derm, own.data.conversationId)).messages[0]?.id ?? '';
  const protocol = await freshProtocol(derm, derm, c.patient.id, derm.userId, { readyForVerdict: true });
  ids.protocolId = protocol.protocolId;
  setSessionActor(derm);
});

it('fuzzes every clinician action in the declared matrix', async () => {
  const { expect } = await import('vitest');
  const declared = Object.keys(ACTIONS).filter((k) => k.startsWith('app/(clinician)/'));
  expect(Object.keys(SPECS).sort()).toEqual(declared.sort());
});

describe.each(Object.keys(SPECS))('%s', (key) => {
  const spec = SPECS[key] as FuzzSpec;

  it('refuses hostile values in every argument with a message, changing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostileValue, { minLength: spec.arity, maxLength: spec.arity }), async (args) => {
        await expectRefusedCleanly(() => spec.call(...args));
      }),
      { numRuns: RUNS },
    );
  });

  it('handles a valid call with hostile fields: accepted, or refused cleanly with nothing changed', async () => {
    await fc.assert(
      fc.asyncProperty(spec.mangledArgs(ids), async (args) => {
        await expectHandled(() => spec.call(...args), spec.succeedsByRedirect);
      }),
      { numRuns: RUNS },
    );
  });
});
