import { expect, test, type APIResponse, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { HTTP_STATUS, MATRIX_ACTORS, PAGES, ROUTE_HANDLERS, type HttpEntry, type HttpOutcome, type MatrixActor } from '../support/access-matrix';
import { ADMIN, DEMO_PASSWORD, DERMATOLOGIST, PORTAL_PATIENT, screenshot, signIn } from './helpers';

// Every page and route handler in the declared matrix (tests/support/access-matrix.ts), requested over
// HTTP by every actor against the built app and the demo clinic. The record is Rafael Moreau's: his
// own portal account is "patientSelf", his care team supplies one clinician per specialty (the
// gastroenterologist is added if the seed left him off), and a throwaway clinician on his team is
// deactivated by the administrator while signed in. Refused responses must not contain his name or MRN.

test.describe.configure({ mode: 'serial' });

const RECORD_NAME = { given: 'Rafael', family: 'Moreau' };
const THROWAWAY = { name: 'Dr. Matrix Throwaway', email: 'matrix.throwaway@axis.test' };
const CLINICIANS = {
  'elena.rivera@axis.test': { name: 'Dr. Elena Rivera', specialty: 'Dermatology' },
  'samuel.okafor@axis.test': { name: 'Dr. Samuel Okafor', specialty: 'Dermatology' },
  'nina.patel@axis.test': { name: 'Nina Patel, RD', specialty: 'Nutrition' },
  'tomas.berg@axis.test': { name: 'Tomas Berg, RD', specialty: 'Nutrition' },
  'kenji.sato@axis.test': { name: 'Dr. Kenji Sato', specialty: 'Gastroenterology' },
} as const;
type ClinicianEmail = keyof typeof CLINICIANS;

const HOME_OF: Record<MatrixActor, string | null> = {
  anonymous: null,
  patientSelf: '/portal',
  patientOther: '/portal',
  dermOnTeam: '/patients',
  nutritionistOnTeam: '/patients',
  gastroOnTeam: '/patients',
  clinicianOffTeam: '/patients',
  admin: '/admin',
  deactivated: null,
};

/** Values for the URL parameters, found while setting up (each new [param] needs a line here). */
const PARAM_SOURCES: Record<string, (ids: RecordIds) => string> = {
  patientId: (ids) => ids.patientId,
  resultId: (ids) => ids.resultId,
  noteId: (ids) => ids.noteId,
  kind: () => 'breath-test',
  conversationId: (ids) => ids.conversationId,
  photoId: (ids) => ids.photoId,
  documentId: (ids) => ids.documentId,
  instrument: () => 'dlqi',
};

interface RecordIds {
  patientId: string;
  mrn: string;
  resultId: string;
  noteId: string;
  /** A patient conversation on the record (the demo seed's answered question). */
  conversationId: string;
  /** A photo the care team took on the record, not shared with the patient (the demo seed's). */
  photoId: string;
  /** The demo lab report on the record, shared with the patient. */
  documentId: string;
}

const contexts = new Map<MatrixActor, BrowserContext>();
let ids: RecordIds;
/** Set when this spec shared the result, so afterAll can stop sharing it: later specs expect it unshared. */
let sharedHere = false;

async function newSignedInContext(browser: Browser, email: string | null): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (email) {
    await signIn(page, email, DEMO_PASSWORD);
    await expect(page).not.toHaveURL(/\/sign-in/);
  }
  return { context, page };
}

function pathFor(pattern: string, entry: HttpEntry): string {
  return (entry.sample ?? pattern).replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_m, name: string) => {
    const source = PARAM_SOURCES[name];
    if (!source) throw new Error(`No id source for [${name}] in ${pattern}: add it to PARAM_SOURCES`);
    return encodeURIComponent(source(ids));
  });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  // The administrator: finds another patient's portal account, creates the throwaway clinician,
  // and reads (and completes) Rafael's care team.
  const { context: adminContext, page: admin } = await newSignedInContext(browser, ADMIN);
  contexts.set('admin', adminContext);
  await admin.goto('/admin');
  const accountsText = (await admin.getByTestId('account-row').allInnerTexts()).join('\n');
  const otherPortal = [...accountsText.matchAll(/[a-z.]+@patients\.axis\.test/g)].map((m) => m[0]).find((e) => e !== PORTAL_PATIENT);
  if (!otherPortal) throw new Error('no second portal account in the demo clinic');

  const form = admin.getByRole('region', { name: 'New account' });
  await form.getByLabel('Full name').fill(THROWAWAY.name);
  await form.getByLabel('Email').fill(THROWAWAY.email);
  await form.getByLabel('Specialty').selectOption('dermatology');
  await form.getByLabel('Initial password').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByRole('status')).toHaveText('Account created.');

  await admin.getByRole('link', { name: 'Care teams' }).click();
  await admin.getByLabel('Search name or MRN').fill(RECORD_NAME.family);
  await admin.getByRole('button', { name: 'Search' }).click();
  await admin.getByRole('link', { name: `${RECORD_NAME.family}, ${RECORD_NAME.given}` }).click();
  await expect(admin.getByRole('heading', { name: `${RECORD_NAME.family}, ${RECORD_NAME.given}` })).toBeVisible();
  const patientId = /\/admin\/patients\/([0-9a-f-]{36})/.exec(admin.url())?.[1];
  if (!patientId) throw new Error(`no patient id in ${admin.url()}`);
  const teamText = async () => (await admin.getByTestId('team-member').allInnerTexts()).join('\n');
  const addToTeam = async (label: string) => {
    await admin.getByLabel('Clinician', { exact: true }).selectOption({ label });
    await admin.getByRole('button', { name: 'Add to care team' }).click();
    await expect(admin.getByTestId('team-member').filter({ hasText: label.replace(/ \(.*\)$/, '') })).toBeVisible();
  };
  if (!(await teamText()).includes(CLINICIANS['kenji.sato@axis.test'].name)) await addToTeam('Dr. Kenji Sato (Gastroenterology)');
  await addToTeam(`${THROWAWAY.name} (Dermatology)`);
  const team = await teamText();
  const onTeam = (email: ClinicianEmail) => team.includes(CLINICIANS[email].name);
  const pick = (want: (email: ClinicianEmail) => boolean, what: string) => {
    const email = (Object.keys(CLINICIANS) as ClinicianEmail[]).find(want);
    if (!email) throw new Error(`no ${what} for ${RECORD_NAME.family}'s record; team: ${team}`);
    return email;
  };
  const emails: Record<MatrixActor, string | null> = {
    anonymous: null,
    patientSelf: PORTAL_PATIENT,
    patientOther: otherPortal,
    dermOnTeam: pick((e) => onTeam(e) && CLINICIANS[e].specialty === 'Dermatology', 'dermatologist on the team'),
    nutritionistOnTeam: pick((e) => onTeam(e) && CLINICIANS[e].specialty === 'Nutrition', 'nutritionist on the team'),
    gastroOnTeam: pick((e) => onTeam(e) && CLINICIANS[e].specialty === 'Gastroenterology', 'gastroenterologist on the team'),
    clinicianOffTeam: pick((e) => !onTeam(e), 'clinician off the team'),
    admin: ADMIN,
    deactivated: THROWAWAY.email,
  };
  expect(emails.dermOnTeam).toBe(DERMATOLOGIST);

  for (const actor of MATRIX_ACTORS) {
    if (actor === 'admin') continue;
    contexts.set(actor, (await newSignedInContext(browser, emails[actor])).context);
  }

  // The dermatologist on the team: the record's MRN, a result (shared with the patient so the portal's
  // result page has something to show) and a draft note.
  const derm = await (contexts.get('dermOnTeam') as BrowserContext).newPage();
  await derm.goto(`/patients/${patientId}`);
  await expect(derm.getByRole('heading', { level: 1, name: `${RECORD_NAME.family}, ${RECORD_NAME.given}` })).toBeVisible();
  const mrn = /MRN\s+(AX-\d+)/.exec(await derm.locator('main').innerText())?.[1];
  if (!mrn) throw new Error('no MRN on the record page');
  const hrefs = await derm.locator(`a[href^="/patients/${patientId}/results/"]`).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const resultId = hrefs.map((h) => /\/results\/([0-9a-f-]{36})$/.exec(h)?.[1]).find(Boolean);
  if (!resultId) throw new Error(`no result link on the record page (${hrefs.join(', ')})`);
  await derm.goto(`/patients/${patientId}/results/${resultId}`);
  const sharing = derm.getByRole('region', { name: 'Patient portal' });
  if (await sharing.getByRole('button', { name: 'Share with patient' }).isVisible()) {
    await sharing.getByRole('button', { name: 'Share with patient' }).click();
    await expect(sharing).toContainText('Shared with the patient');
    sharedHere = true;
  }
  await derm.goto(`/patients/${patientId}/notes/new`);
  await derm.getByLabel('Note (Markdown)').fill('Access-matrix check: draft note.');
  await derm.getByRole('button', { name: 'Save draft' }).click();
  await expect(derm).toHaveURL(/\/notes\/[0-9a-f-]{36}$/);
  const noteId = /\/notes\/([0-9a-f-]{36})$/.exec(derm.url())?.[1] as string;
  await derm.goto(`/patients/${patientId}/messages`);
  const conversationId = /\/messages\/([0-9a-f-]{36})"/.exec(await derm.content())?.[1];
  if (!conversationId) throw new Error('no conversation on the record: the demo seed gives the first portal patient one');
  await derm.goto(`/patients/${patientId}/photos`);
  const photoId = /\/api\/photos\/([0-9a-f-]{36})\/thumb/.exec(await derm.content())?.[1];
  if (!photoId) throw new Error('no photo on the record: the demo seed gives the first portal patient two');
  await derm.goto(`/patients/${patientId}/documents`);
  const documentId = /\/documents\/([0-9a-f-]{36})"/.exec(await derm.content())?.[1];
  if (!documentId) throw new Error('no document on the record: the demo seed gives the first portal patient a shared lab report');
  await derm.close();
  ids = { patientId, mrn, resultId, noteId, conversationId, photoId, documentId };

  // The throwaway clinician's session works, then the administrator deactivates the account.
  const throwaway = contexts.get('deactivated') as BrowserContext;
  expect((await throwaway.request.get(`/patients/${patientId}`, { maxRedirects: 0 })).status()).toBe(200);
  await admin.getByRole('link', { name: 'Accounts' }).click();
  admin.once('dialog', (d) => void d.accept());
  await admin.getByRole('button', { name: `Deactivate ${THROWAWAY.name}` }).click();
  await expect(admin.getByTestId('account-row').filter({ hasText: THROWAWAY.email })).toContainText('Deactivated');
  await screenshot(admin, 'access-matrix-throwaway-deactivated');
  await admin.close();
});

test.afterAll(async () => {
  // Leave the record as the seed made it: the portal-summary spec shares this result itself.
  const dermContext = contexts.get('dermOnTeam');
  if (sharedHere && dermContext && ids) {
    const derm = await dermContext.newPage();
    await derm.goto(`/patients/${ids.patientId}/results/${ids.resultId}`);
    const sharing = derm.getByRole('region', { name: 'Patient portal' });
    await sharing.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(sharing.getByRole('button', { name: 'Share with patient' })).toBeVisible();
  }
  for (const context of contexts.values()) await context.close();
});

/** Soft checks: one run reports every cell that differs from the table, not just the first. */
async function expectOutcome(response: APIResponse, actor: MatrixActor, expected: HttpOutcome, label: string, entry: HttpEntry) {
  const binary = /pdf|csv|fhir/.test(response.headers()['content-type'] ?? '') && response.status() === 200;
  const body = binary ? '' : await response.text();
  const where = `${label} as ${actor} (expected ${expected})`;
  expect.soft(response.status(), `${where}: status`).toBe(HTTP_STATUS[expected]);
  expect.soft(response.status(), `${where}: never a server error`).toBeLessThan(500);
  if (expected === 'sign-in' || expected === 'home' || expected === 'redirect') {
    const location = response.headers()['location'] ?? '';
    const target = location ? new URL(location, 'http://localhost').pathname : '(no Location header)';
    const want = expected === 'sign-in' ? '/sign-in' : expected === 'home' ? HOME_OF[actor] : entry.redirectTo;
    expect.soft(target, `${where}: redirect target`).toBe(want);
  }
  if (expected !== 'allow' && expected !== 'redirect' && actor !== 'patientSelf') {
    // Refused: nothing that identifies the record (to anyone but its own patient).
    for (const secret of [ids.mrn, RECORD_NAME.family, `${RECORD_NAME.given} ${RECORD_NAME.family}`]) {
      expect.soft(body.includes(secret), `${where}: the refusal must not contain "${secret}"`).toBe(false);
    }
  }
  expect.soft(body, `${where}: no stack trace`).not.toMatch(/\n\s+at [\w.<>]+ \(|node_modules\//);
}

test('every page and route handler answers every actor as the matrix declares', async () => {
  test.setTimeout(300_000);
  const tables = [...Object.entries(PAGES), ...Object.entries(ROUTE_HANDLERS)];
  for (const [pattern, entry] of tables) {
    const path = pathFor(pattern, entry);
    for (const actor of MATRIX_ACTORS) {
      const context = contexts.get(actor);
      if (!context) throw new Error(`no context for ${actor}`);
      const response = await context.request.get(path, { maxRedirects: 0 });
      await expectOutcome(response, actor, entry.expect[actor], path, entry);
    }
  }
});

test('the allowed views of the record show it, so the refusals above are meaningful', async () => {
  const derm = contexts.get('dermOnTeam') as BrowserContext;
  const record = await (await derm.request.get(`/patients/${ids.patientId}`)).text();
  expect(record).toContain(ids.mrn);
  const portal = contexts.get('patientSelf') as BrowserContext;
  const result = await portal.request.get(`/portal/results/${ids.resultId}`);
  expect(result.status()).toBe(200);
});

test('a refused page looks like "not found", and says nothing of the record', async () => {
  const page = await (contexts.get('clinicianOffTeam') as BrowserContext).newPage();
  await page.goto(`/patients/${ids.patientId}`);
  await expect(page.getByText(ids.mrn)).toHaveCount(0);
  await screenshot(page, 'access-matrix-off-team-refused');
  await page.close();
});

test('the deactivated clinician is sent to sign in and cannot sign in again', async () => {
  const context = contexts.get('deactivated') as BrowserContext;
  const page = await context.newPage();
  await page.goto(`/patients/${ids.patientId}`);
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, THROWAWAY.email);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.close();
});
