import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * THE ACCESS MATRIX: who gets what from every page, route handler and server action under app/.
 *
 * The tree is walked (enumerateApp below), so a route or action without an entry here fails
 * tests/unit/platform/access/route-enumeration.test.ts, and so does an entry whose file or export is gone.
 * The cells are then exercised for real:
 *   - pages and route handlers over HTTP by tests/e2e/access-matrix.spec.ts (signed-in sessions
 *     against the built app and the demo clinic);
 *   - server actions by tests/integration/access/route-matrix.test.ts (each actor, row counts
 *     before and after), and their inputs by tests/integration/fuzz/actions.fuzz.test.ts.
 *
 * HOW TO ADD AN ENTRY
 *   1. Pages and route handlers go in PAGES / ROUTE_HANDLERS, keyed by URL pattern: the file path
 *      under app/ without route groups `(x)` and without the file name, e.g.
 *      app/(clinician)/patients/[patientId]/plan/page.tsx → '/patients/[patientId]/plan'.
 *      Give `expect` a full row (one outcome per actor); the presets below cover the usual shapes.
 *      The e2e spec fills `[param]`s from ids it discovers; a new parameter name needs a line in
 *      PARAM_SOURCES there (or set `sample` to a concrete path template).
 *   2. Server actions go in ACTIONS, keyed `<file under app/>#<exportedName>`, with a row whose
 *      semantics are those of ACTION_OUTCOMES. Add the call (valid payload per actor, tables it
 *      touches) to the `ACTION_CALLS` map in tests/integration/access/route-matrix.test.ts (an action
 *      whose success is a redirect sets `allowedAs`) and a hostile-argument spec to
 *      tests/integration/fuzz/clinician-actions.test.ts or portal-admin-actions.test.ts; both fail
 *      until you do. If it cannot be exercised yet, list it in ACTIONS_NOT_YET_EXERCISED with why.
 *   3. A new route handler also needs a line in FUZZED_ROUTE_HANDLERS in tests/e2e/fuzz-routes.spec.ts.
 */

/** The kinds of people the matrix tries. "Record" means the patient record the URL or payload is about. */
export const MATRIX_ACTORS = [
  'anonymous',
  /** The record's own portal account. */
  'patientSelf',
  /** Another patient's portal account. */
  'patientOther',
  /** Clinicians on the record's care team, one per specialty. */
  'dermOnTeam',
  'nutritionistOnTeam',
  'gastroOnTeam',
  /** A clinician not on the record's care team. */
  'clinicianOffTeam',
  'admin',
  /**
   * A user deactivated while their session was alive. Over HTTP the session stops resolving, so they
   * are sent to sign-in. For server actions the test goes further: it hands the action the actor as
   * if the session had been resolved a moment before deactivation (of the role the action needs),
   * and the data layer must refuse it on its own.
   */
  'deactivated',
] as const;
export type MatrixActor = (typeof MATRIX_ACTORS)[number];

/**
 * Pages and route handlers:
 *   allow        200 and the content
 *   sign-in      307 redirect to /sign-in
 *   home         307 redirect to the actor's own home (/patients, /portal or /admin)
 *   not-found    404, nothing of the record in the body
 *   forbidden    403, nothing of the record in the body
 *   unauthorized 401, nothing of the record in the body
 *   redirect     307 redirect to the entry's `redirectTo`
 */
export type HttpOutcome = 'allow' | 'sign-in' | 'home' | 'not-found' | 'forbidden' | 'unauthorized' | 'redirect';

/**
 * Server actions:
 *   allow    returns { ok: true } for the valid payload built for that actor
 *   sign-in  the action redirects to /sign-in before touching anything
 *   home     the action redirects to the actor's home before touching anything (wrong role)
 *   refused  returns { ok: false, error } (never throws) and no row changes
 */
export type ActionOutcome = 'allow' | 'sign-in' | 'home' | 'refused';

export const HTTP_STATUS: Record<HttpOutcome, number> = {
  allow: 200,
  'sign-in': 307,
  home: 307,
  'not-found': 404,
  forbidden: 403,
  unauthorized: 401,
  redirect: 307,
};

type Row<O> = Record<MatrixActor, O>;

// ---- presets -------------------------------------------------------------------------------------

const ON_TEAM = { dermOnTeam: 'allow', nutritionistOnTeam: 'allow', gastroOnTeam: 'allow' } as const;

/** A clinician page about one patient: the care team sees it; anyone else learns nothing. */
const clinicianRecordPage: Row<HttpOutcome> = {
  anonymous: 'sign-in',
  patientSelf: 'home',
  patientOther: 'home',
  ...ON_TEAM,
  clinicianOffTeam: 'not-found',
  admin: 'home',
  deactivated: 'sign-in',
};

/** A clinician page not about one patient (the caseload): every clinician. */
const clinicianPage: Row<HttpOutcome> = { ...clinicianRecordPage, clinicianOffTeam: 'allow' };

const adminPage: Row<HttpOutcome> = {
  anonymous: 'sign-in',
  patientSelf: 'home',
  patientOther: 'home',
  dermOnTeam: 'home',
  nutritionistOnTeam: 'home',
  gastroOnTeam: 'home',
  clinicianOffTeam: 'home',
  admin: 'allow',
  deactivated: 'sign-in',
};

/** A portal page showing the signed-in patient's own data (no record id in the URL). */
const portalOwnPage: Row<HttpOutcome> = {
  anonymous: 'sign-in',
  patientSelf: 'allow',
  patientOther: 'allow',
  dermOnTeam: 'home',
  nutritionistOnTeam: 'home',
  gastroOnTeam: 'home',
  clinicianOffTeam: 'home',
  admin: 'home',
  deactivated: 'sign-in',
};

const everyoneHome: Row<HttpOutcome> = {
  anonymous: 'sign-in',
  patientSelf: 'home',
  patientOther: 'home',
  dermOnTeam: 'home',
  nutritionistOnTeam: 'home',
  gastroOnTeam: 'home',
  clinicianOffTeam: 'home',
  admin: 'home',
  deactivated: 'sign-in',
};

const everyone = (outcome: HttpOutcome): Row<HttpOutcome> =>
  Object.fromEntries(MATRIX_ACTORS.map((a) => [a, outcome])) as Row<HttpOutcome>;

const clinicianWriteAction: Row<ActionOutcome> = {
  anonymous: 'sign-in',
  patientSelf: 'home',
  patientOther: 'home',
  dermOnTeam: 'allow',
  nutritionistOnTeam: 'allow',
  gastroOnTeam: 'allow',
  clinicianOffTeam: 'refused',
  admin: 'home',
  deactivated: 'refused',
};

const adminAction: Row<ActionOutcome> = {
  anonymous: 'sign-in',
  patientSelf: 'home',
  patientOther: 'home',
  dermOnTeam: 'home',
  nutritionistOnTeam: 'home',
  gastroOnTeam: 'home',
  clinicianOffTeam: 'home',
  admin: 'allow',
  deactivated: 'refused',
};

/** Portal writes act on the signed-in patient's own record only; there is no record id to forge. */
const patientOwnAction: Row<ActionOutcome> = {
  anonymous: 'sign-in',
  patientSelf: 'allow',
  patientOther: 'allow',
  dermOnTeam: 'home',
  nutritionistOnTeam: 'home',
  gastroOnTeam: 'home',
  clinicianOffTeam: 'home',
  admin: 'home',
  deactivated: 'refused',
};

// ---- the table ---------------------------------------------------------------------------------

export interface HttpEntry {
  expect: Row<HttpOutcome>;
  /** A concrete path template to request instead of the URL pattern (params still filled in). */
  sample?: string;
  /** Where 'redirect' cells must point. */
  redirectTo?: string;
  /** Why the row looks the way it does, when it is not obvious. */
  note?: string;
}

export const PAGES: Record<string, HttpEntry> = {
  '/': { expect: everyoneHome, note: 'sends everyone to their own home' },
  '/sign-in': {
    expect: { ...everyoneHome, anonymous: 'allow', deactivated: 'allow' },
    note: "a deactivated user's session no longer resolves, so they see the sign-in form",
  },
  '/patients': { expect: clinicianPage },
  '/patients/[patientId]': { expect: clinicianRecordPage },
  '/patients/[patientId]/timeline': { expect: clinicianRecordPage },
  '/patients/[patientId]/plan': { expect: clinicianRecordPage },
  '/patients/[patientId]/notes': { expect: clinicianRecordPage },
  '/patients/[patientId]/notes/new': { expect: clinicianRecordPage },
  '/patients/[patientId]/notes/[noteId]': { expect: clinicianRecordPage },
  '/patients/[patientId]/notes/[noteId]/edit': {
    expect: clinicianRecordPage,
    note: 'a team member who is not the author gets 200 with "only the author can edit", no editor',
  },
  '/patients/[patientId]/notes/[noteId]/amend': { expect: clinicianRecordPage },
  '/patients/[patientId]/results/new/[kind]': { expect: clinicianRecordPage },
  '/patients/[patientId]/results/[resultId]': { expect: clinicianRecordPage },
  '/patients/[patientId]/results/[resultId]/correct': { expect: clinicianRecordPage },
  '/patients/[patientId]/fhir-import': { expect: clinicianRecordPage },
  '/patients/[patientId]/messages': { expect: clinicianRecordPage },
  '/patients/[patientId]/photos': { expect: clinicianRecordPage },
  '/patients/[patientId]/documents': { expect: clinicianRecordPage },
  '/patients/[patientId]/documents/[documentId]': { expect: clinicianRecordPage, note: 'a document on the record (the demo lab report); the patient reads shared ones at /portal/documents/…' },
  '/patients/[patientId]/messages/[conversationId]': { expect: clinicianRecordPage, note: "a patient conversation on the record; the patient's own page is /portal/messages/…" },
  '/messages': { expect: clinicianPage, note: "conversations on the viewer's own care teams only (an off-team clinician's inbox is empty)" },
  '/emergency-access': { expect: clinicianPage, note: 'the request form only; it names no record' },
  '/outcomes': {
    expect: clinicianPage,
    sample: '/outcomes?condition=atopic-dermatitis&instrument=easi&list=mine',
    note: 'clinic aggregates (small cells withheld) and, asked for, the viewer’s own patients only',
  },
  '/account': { expect: { ...everyone('redirect'), anonymous: 'sign-in', deactivated: 'sign-in' }, redirectTo: '/account/sessions' },
  '/account/sessions': { expect: { ...everyone('allow'), anonymous: 'sign-in', deactivated: 'sign-in' }, note: "every role's own sessions" },
  '/account/notifications': { expect: { ...everyone('allow'), anonymous: 'sign-in', deactivated: 'sign-in' }, note: "every role's own e-mail setting" },
  '/account/security': { expect: { ...everyone('allow'), anonymous: 'sign-in', deactivated: 'sign-in' }, note: "every role's own two-step sign-in" },
  '/admin': { expect: adminPage },
  '/admin/patients': { expect: adminPage },
  '/admin/patients/[patientId]': { expect: adminPage, note: 'the care team and demographics only, no clinical data' },
  '/admin/patients/[patientId]/audit': { expect: adminPage },
  '/admin/audit': { expect: adminPage },
  '/portal': { expect: portalOwnPage },
  '/portal/diary': { expect: portalOwnPage },
  '/portal/messages': { expect: portalOwnPage },
  '/portal/photos': { expect: portalOwnPage },
  '/portal/documents': { expect: portalOwnPage },
  '/portal/documents/[documentId]': {
    expect: { ...portalOwnPage, patientOther: 'not-found' },
    note: "a document shared with the record's patient; another patient gets the not-found page",
  },
  '/portal/messages/[conversationId]': {
    expect: { ...portalOwnPage, patientOther: 'not-found' },
    note: "a conversation on the record's own patient; another patient gets the not-found page",
  },
  '/portal/reintroduction': { expect: portalOwnPage },
  '/portal/questionnaires': { expect: portalOwnPage },
  '/portal/questionnaires/[instrument]': { expect: portalOwnPage, sample: '/portal/questionnaires/dlqi' },
  '/portal/results/[resultId]': {
    expect: { ...portalOwnPage, patientOther: 'not-found' },
    note: "a result shared with the record's patient; another patient gets the not-available page",
  },
};

export const ROUTE_HANDLERS: Record<string, HttpEntry> = {
  '/portal/summary.pdf': {
    expect: {
      anonymous: 'unauthorized',
      patientSelf: 'allow',
      patientOther: 'allow',
      dermOnTeam: 'forbidden',
      nutritionistOnTeam: 'forbidden',
      gastroOnTeam: 'forbidden',
      clinicianOffTeam: 'forbidden',
      admin: 'forbidden',
      deactivated: 'unauthorized',
    },
    note: "the signed-in patient's own summary; the patient id never comes from the request",
  },
  '/admin/audit/export': {
    expect: { ...everyone('forbidden'), anonymous: 'unauthorized', admin: 'allow', deactivated: 'unauthorized' },
    note: 'CSV of the audit log; the role check is in lib/platform/audit/export.ts and a refusal is audited',
  },
  '/outcomes/export': {
    expect: { ...everyone('forbidden'), anonymous: 'unauthorized', dermOnTeam: 'allow', nutritionistOnTeam: 'allow', gastroOnTeam: 'allow', clinicianOffTeam: 'allow', deactivated: 'unauthorized' },
    sample: '/outcomes/export?condition=atopic-dermatitis&instrument=easi',
    note: 'CSV of the clinic aggregates, suppressed like the page; any clinician, since it lists no patient',
  },
  '/api/fhir/Patient/[patientId]/$everything': {
    expect: { ...everyone('not-found'), ...ON_TEAM, anonymous: 'unauthorized', deactivated: 'unauthorized' },
    note: 'FHIR Bundle for the care team; anyone else gets 404 like the record page',
  },
  '/api/fhir/$export': {
    expect: { ...everyone('forbidden'), anonymous: 'unauthorized', dermOnTeam: 'allow', nutritionistOnTeam: 'allow', gastroOnTeam: 'allow', clinicianOffTeam: 'allow', deactivated: 'unauthorized' },
    note: "NDJSON of the caller's own care-team patients; any clinician (one with no patients gets an empty file); patients and admins 403",
  },
  '/api/photos/[photoId]/[rendition]': {
    expect: { ...everyone('not-found'), ...ON_TEAM, anonymous: 'unauthorized', deactivated: 'unauthorized' },
    sample: '/api/photos/[photoId]/thumb',
    note: "a photo the care team took (not shared with the patient); anyone who may not see it gets 404, every view audited",
  },
  '/api/documents/[documentId]/[purpose]': {
    expect: { ...everyone('not-found'), ...ON_TEAM, patientSelf: 'allow', anonymous: 'unauthorized', deactivated: 'unauthorized' },
    sample: '/api/documents/[documentId]/view',
    note: 'the demo lab report, shared with the patient; anyone who may not see it gets 404, every read audited',
  },
  '/api/messages/[conversationId]/state': {
    expect: { ...everyone('not-found'), ...ON_TEAM, patientSelf: 'allow', anonymous: 'unauthorized', deactivated: 'unauthorized' },
    note: 'message counts an open conversation polls; no text; anyone who may not read it gets 404',
  },
  '/api/auth/[...nextauth]': {
    expect: everyone('allow'),
    sample: '/api/auth/session',
    note: "next-auth's own endpoints; the session endpoint answers everyone (empty for the signed-out)",
  },
};

/** Any signed-in person acting on their own account (sessions, two-step sign-in). */
const ownAccountAction: Row<ActionOutcome> = {
  anonymous: 'sign-in',
  patientSelf: 'allow',
  patientOther: 'allow',
  dermOnTeam: 'allow',
  nutritionistOnTeam: 'allow',
  gastroOnTeam: 'allow',
  clinicianOffTeam: 'allow',
  admin: 'allow',
  deactivated: 'refused',
};

export const ACTIONS: Record<string, Row<ActionOutcome>> = {
  'app/(clinician)/patients/[patientId]/results/actions.ts#recordResultAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/results/actions.ts#correctResultAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/results/actions.ts#markReviewedAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/results/[resultId]/share-actions.ts#shareResultAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/results/[resultId]/share-actions.ts#unshareResultAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/notes/actions.ts#saveNoteAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/notes/actions.ts#reviseDraftAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/notes/actions.ts#signNoteAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/notes/actions.ts#amendNoteAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/notes/actions.ts#completeTaskAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/plan/actions.ts#proposeInterventionAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/plan/actions.ts#updateInterventionAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/plan/actions.ts#acceptInterventionAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/plan/actions.ts#declineInterventionAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/plan/actions.ts#changeInterventionStatusAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/plan/actions.ts#addGoalAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/plan/actions.ts#updateGoalAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/plan/actions.ts#startProtocolAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/plan/actions.ts#acceptProtocolAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/plan/actions.ts#stopProtocolAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/plan/actions.ts#updateChallengesAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/plan/actions.ts#confirmVerdictAction': clinicianWriteAction,
  'app/(portal)/portal/diary/actions.ts#addDiaryEntryAction': patientOwnAction,
  'app/(portal)/portal/messages/actions.ts#startConversationAction': patientOwnAction,
  // Refused for a patient whose consent to photographs is not recorded (patientOther in the test clinic).
  'app/(portal)/portal/photos/actions.ts#uploadMyPhotoAction': { ...patientOwnAction, patientOther: 'refused' },
  // A reply or retraction names a conversation or message of the record's patient: another patient is refused.
  'app/(portal)/portal/messages/actions.ts#replyAction': { ...patientOwnAction, patientOther: 'refused' },
  'app/(portal)/portal/messages/actions.ts#retractAction': { ...patientOwnAction, patientOther: 'refused' },
  'app/(clinician)/patients/[patientId]/messages/actions.ts#startConversationAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/photos/actions.ts#uploadPhotoAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/photos/actions.ts#recordPhotoConsentAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/photos/actions.ts#setPhotoSharedAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/documents/actions.ts#uploadDocumentAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/documents/actions.ts#setDocumentSharedAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/messages/actions.ts#replyAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/messages/actions.ts#retractAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/messages/actions.ts#messageToTaskAction': clinicianWriteAction,
  'app/(portal)/portal/reintroduction/actions.ts#reportReactionAction': patientOwnAction,
  'app/(portal)/portal/questionnaires/actions.ts#submitQuestionnaireAction': patientOwnAction,
  'app/(admin)/admin/actions.ts#createUserAction': adminAction,
  'app/(admin)/admin/actions.ts#setUserActiveAction': adminAction,
  'app/(admin)/admin/actions.ts#addCareTeamMemberAction': adminAction,
  'app/(admin)/admin/actions.ts#removeCareTeamMemberAction': adminAction,
  'app/(admin)/admin/actions.ts#setUserMfaRequiredAction': adminAction,
  'app/(admin)/admin/actions.ts#resetUserMfaAction': adminAction,
  'app/(admin)/admin/actions.ts#setClinicMfaPolicyAction': adminAction,
  // Break the glass: the point is that a clinician off the team may (read-only, audited); the team is
  // simply sent to the record. "allow" here means: redirected to the record.
  'app/(clinician)/emergency-access/actions.ts#requestEmergencyAccessAction': { ...clinicianWriteAction, clinicianOffTeam: 'allow' },
  // Ends one's own emergency access; only a clinician off the team can hold one. "allow": ended and
  // sent back to the caseload.
  'app/(clinician)/patients/[patientId]/emergency-actions.ts#endEmergencyAccessAction': { ...clinicianWriteAction, clinicianOffTeam: 'allow', dermOnTeam: 'refused', nutritionistOnTeam: 'refused', gastroOnTeam: 'refused' },
  'app/(clinician)/patients/[patientId]/fhir-import/actions.ts#previewFhirImportAction': clinicianWriteAction,
  'app/(clinician)/patients/[patientId]/fhir-import/actions.ts#saveFhirImportAction': clinicianWriteAction,
  'app/(account)/account/actions.ts#revokeSessionAction': ownAccountAction,
  'app/(account)/account/actions.ts#setEmailNotificationsAction': ownAccountAction,
  'app/(account)/account/actions.ts#revokeOtherSessionsAction': ownAccountAction,
  'app/(account)/account/actions.ts#beginMfaEnrolmentAction': ownAccountAction,
  'app/(account)/account/actions.ts#confirmMfaEnrolmentAction': ownAccountAction,
  'app/(account)/account/actions.ts#regenerateRecoveryCodesAction': ownAccountAction,
};

/**
 * Declared above but not yet called by tests/integration/access/route-matrix.test.ts (each with the
 * reason). The test fails if one of these gains a call, or a declared action is in neither place.
 */
export const ACTIONS_NOT_YET_EXERCISED: Record<string, string> = {};

// ---- enumeration of the tree -----------------------------------------------------------------

export interface AppTree {
  /** URL patterns of page.tsx files. */
  pages: string[];
  /** URL patterns of route.ts files. */
  routeHandlers: string[];
  /** `<file>#<export>` of every exported function of a 'use server' module. */
  actions: string[];
}

// The repository root: vitest and Playwright both run from it (import.meta is unavailable to Playwright's CommonJS transform).
const ROOT = process.cwd();

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** app/(group)/a/[id]/page.tsx → /a/[id] */
export function urlPatternOf(relativeFile: string): string {
  const segments = relativeFile.split('/').slice(1, -1).filter((s) => !/^\(.*\)$/.test(s));
  return '/' + segments.join('/');
}

/** Top-level exported names of a module, from its source (no import: 'use server' modules need Next). */
export function exportedFunctionsOf(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^export\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/gm)) names.add(m[1] as string);
  for (const m of source.matchAll(/^export\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1] as string);
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of (m[1] as string).split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name && !name.startsWith('type ')) names.add(name);
    }
  }
  if (/^export\s+default\b/m.test(source)) names.add('default');
  return [...names].sort();
}

export function isUseServerModule(source: string): boolean {
  // The directive must be the first statement; comments may precede it.
  const stripped = source.replace(/^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '');
  return /^['"]use server['"]/.test(stripped);
}

export function enumerateApp(root = ROOT): AppTree {
  const files = walk(path.join(root, 'app')).map((f) => path.relative(root, f).split(path.sep).join('/'));
  const pages = files.filter((f) => /\/page\.(tsx|ts|jsx|js|mdx)$/.test(f)).map(urlPatternOf);
  const routeHandlers = files.filter((f) => /\/route\.(ts|js)$/.test(f)).map(urlPatternOf);
  const actions: string[] = [];
  for (const f of files.filter((name) => /\.(ts|tsx)$/.test(name))) {
    const source = readFileSync(path.join(root, f), 'utf8');
    if (!isUseServerModule(source)) continue;
    for (const name of exportedFunctionsOf(source)) actions.push(`${f}#${name}`);
  }
  return { pages: pages.sort(), routeHandlers: routeHandlers.sort(), actions: actions.sort() };
}

/** Where the declared table and the tree disagree; both lists empty means every route is covered. */
export function compareWithTree(tree: AppTree = enumerateApp()) {
  const diff = (actual: string[], declared: string[]) => ({
    undeclared: actual.filter((x) => !declared.includes(x)),
    stale: declared.filter((x) => !actual.includes(x)),
  });
  return {
    pages: diff(tree.pages, Object.keys(PAGES)),
    routeHandlers: diff(tree.routeHandlers, Object.keys(ROUTE_HANDLERS)),
    actions: diff(tree.actions, Object.keys(ACTIONS)),
  };
}
