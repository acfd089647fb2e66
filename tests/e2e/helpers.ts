import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'axis-demo-clinic';
export const DERMATOLOGIST = 'elena.rivera@axis.test';
export const OTHER_DERMATOLOGIST = 'samuel.okafor@axis.test';
export const ADMIN = 'admin@axis.test';
export const PORTAL_PATIENT = 'rafael.moreau@patients.axis.test';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAndWait(page: Page, email: string, path: RegExp) {
  await signIn(page, email);
  await expect(page).toHaveURL(path);
}

/** Full-page screenshots land in test-results/screenshots/, kept after the run for review. */
export async function screenshot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export const PHONE = { width: 390, height: 844 };

/** The first id a page links to that matches `pattern` (group 1); fails loudly when there is none. */
export async function firstLinkedId(request: APIRequestContext, path: string, pattern: RegExp): Promise<string> {
  const id = pattern.exec(await (await request.get(path)).text())?.[1];
  if (!id) throw new Error(`no id matching ${pattern} on ${path}`);
  return id;
}

/** Values for the access matrix's route parameters, from Maya Chen's record as a clinician on her team sees it. */
export async function demoRouteValues(clinician: APIRequestContext): Promise<Record<string, string>> {
  const patientId = await firstLinkedId(clinician, '/patients?q=maya+chen', /\/patients\/([0-9a-f-]{36})/);
  return {
    '[patientId]': patientId,
    '[resultId]': await firstLinkedId(clinician, `/patients/${patientId}`, /\/results\/([0-9a-f-]{36})"/),
    '[noteId]': await firstLinkedId(clinician, `/patients/${patientId}/notes`, /\/notes\/([0-9a-f-]{36})"/),
    '[kind]': 'breath-test',
    '[conversationId]': await firstLinkedId(clinician, `/patients/${patientId}/messages`, /\/messages\/([0-9a-f-]{36})"/),
    '[photoId]': await firstLinkedId(clinician, `/patients/${patientId}/photos`, /\/api\/photos\/([0-9a-f-]{36})\/thumb/),
    '[documentId]': await firstLinkedId(clinician, `/patients/${patientId}/documents`, /\/documents\/([0-9a-f-]{36})"/),
  };
}

/** A route pattern with its [params] filled in; a parameter with no value fails the test rather than being visited as is. */
export function fillRoute(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[[\w.]+\]/g, (segment) => {
    const value = values[segment];
    if (!value) throw new Error(`no value for ${segment} in ${pattern}`);
    return value;
  });
}
