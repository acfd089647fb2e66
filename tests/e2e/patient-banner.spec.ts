import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DERMATOLOGIST, PHONE, screenshot, signInAndWait } from './helpers';

// Wrong-patient safety: every page under a patient names the patient (name, age and date of birth, sex,
// MRN, active conditions) in one banner from the record's layout. The routes come from the app folder
// itself, so a page added later is checked without anyone remembering to list it here.

const RECORD_DIR = path.join(process.cwd(), 'app/(clinician)/patients/[patientId]');

function patientPageRoutes(dir = RECORD_DIR, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...patientPageRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`));
    else if (entry.name === 'page.tsx') out.push(prefix || '/');
  }
  return out.sort();
}

/** Chen, Maya's record: the demo clinic's first seeded patient on Dr. Rivera's team. */
async function openChen(page: Page): Promise<string> {
  await page.goto('/patients?q=maya+chen');
  await page.getByTestId('caseload-row').first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chen, Maya' })).toBeVisible();
  const id = /\/patients\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no patient id in ${page.url()}`);
  return id;
}

async function firstIdLinked(page: Page, pattern: RegExp): Promise<string> {
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) {
    const m = pattern.exec(href);
    if (m?.[1]) return m[1];
  }
  throw new Error(`no link matching ${pattern}`);
}

async function expectBanner(page: Page, route: string, mrn: string) {
  const banner = page.getByTestId('patient-banner');
  await expect(banner, route).toBeVisible();
  await expect(banner.getByRole('link', { name: 'Chen, Maya' }), route).toBeVisible();
  await expect(banner, route).toContainText(`MRN ${mrn}`);
  await expect(banner, route).toContainText(/\d+ y · born \d{1,2} \w{3} \d{4} · (Female|Male|Other|Unknown)/);
  await expect(banner.getByRole('list', { name: 'Active conditions' }).getByRole('listitem').first(), route).toBeVisible();
}

test('every page under a patient carries the one patient banner, sticky on scroll and printed', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  const patientId = await openChen(page);
  const mrn = (await page.getByTestId('patient-banner').locator('.font-mono').innerText()).trim();
  expect(mrn).toMatch(/^AX-\d{6}$/);
  const resultId = await firstIdLinked(page, /\/results\/([0-9a-f-]{36})$/);
  await page.goto(`/patients/${patientId}/notes`);
  const noteId = await firstIdLinked(page, /\/notes\/([0-9a-f-]{36})$/);
  await page.goto(`/patients/${patientId}/messages`);
  const conversationId = await firstIdLinked(page, /\/messages\/([0-9a-f-]{36})$/);
  await page.goto(`/patients/${patientId}/documents`);
  const documentId = await firstIdLinked(page, /\/documents\/([0-9a-f-]{36})$/);

  const concrete: Record<string, string> = { '[resultId]': resultId, '[noteId]': noteId, '[kind]': 'breath-test', '[conversationId]': conversationId, '[documentId]': documentId };
  const routes = patientPageRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(12);
  for (const route of routes) {
    const url = `/patients/${patientId}${route === '/' ? '' : route.replace(/\[\w+\]/g, (seg) => concrete[seg] ?? seg)}`;
    expect(url, `a value for every dynamic segment of ${route}`).not.toMatch(/\[/);
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    await expectBanner(page, route, mrn);
  }

  // Sticky: after scrolling a long page the banner is still at the top of the viewport.
  await page.goto(`/patients/${patientId}/timeline`);
  await page.mouse.wheel(0, 3000);
  await expect.poll(async () => (await page.getByTestId('patient-banner').boundingBox())?.y ?? -1).toBeLessThanOrEqual(1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'patient-banner-timeline');

  // Printed: the app's header is hidden in print, the banner is not.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('patient-banner')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  await page.setViewportSize(PHONE);
  await page.goto(`/patients/${patientId}/results/${resultId}`);
  await expectBanner(page, 'result on a phone', mrn);
  await screenshot(page, 'patient-banner-result-phone');
});

test('a record the clinician may not read shows no banner, only the not-available page', async ({ page }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await page.goto('/patients/00000000-0000-4000-8000-000000000000/timeline');
  await expect(page.getByRole('heading', { name: 'Patient record not available' })).toBeVisible();
  await expect(page.getByTestId('patient-banner')).toHaveCount(0);
});
