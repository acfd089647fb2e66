import { expect, test } from '@playwright/test';
import { DERMATOLOGIST, OTHER_DERMATOLOGIST, PHONE, screenshot, signInAndWait } from './helpers';

test('a dermatologist searches the caseload and opens a patient', async ({ page }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await expect(page.getByRole('heading', { name: 'My patients' })).toBeVisible();
  await expect(page.getByTestId('signed-in-name')).toHaveText('Dr. Elena Rivera');
  const rows = page.getByTestId('caseload-row');
  await expect(rows).toHaveCount(20);
  await expect(page.getByText(/Showing 1–20 of \d+ patients/)).toBeVisible();
  await screenshot(page, 'clinician-caseload');

  // Server-side search; the URL carries the state.
  await page.getByLabel('Search name or MRN').fill('maya chen');
  await expect(page).toHaveURL(/\?q=maya\+chen/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Chen, Maya');
  await screenshot(page, 'clinician-caseload-search');

  // The back button returns to the unfiltered caseload.
  await page.goBack();
  await expect(page).toHaveURL(/\/patients$/);
  await expect(rows).toHaveCount(20);
  await page.goForward();
  await expect(rows).toHaveCount(1);

  // A shared link reproduces the same view: filter by condition, sort by name.
  await page.goto('/patients?condition=atopic-dermatitis&sort=name&dir=asc');
  await expect(page.getByLabel('Condition')).toHaveValue('atopic-dermatitis');
  const names = await rows.locator('td:first-child a').allTextContents();
  expect(names.length).toBeGreaterThan(1);
  expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
  for (const row of await rows.all()) await expect(row).toContainText('L20.9');

  // Sorting by clicking a header changes the URL and the order.
  await page.getByRole('button', { name: /Age/ }).click();
  await expect(page).toHaveURL(/sort=age/);

  // Open a patient from the search.
  await page.goto('/patients?q=maya+chen');
  await rows.first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chen, Maya' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Conditions' })).toContainText('L20.9');
  await expect(page.getByRole('region', { name: 'Care team' })).toContainText('Dr. Elena Rivera');
  await expect(page.getByRole('region', { name: 'Results' })).toContainText('Lactulose 10 g breath test');
  await expect(page.getByRole('region', { name: 'Skin and gut scores' }).getByRole('img', { name: /EASI trend/ })).toBeVisible();
  await screenshot(page, 'clinician-patient');

  await page.setViewportSize(PHONE);
  await screenshot(page, 'clinician-patient-phone');
});

test('a clinician off the care team cannot open the record by URL', async ({ page }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await page.getByLabel('Search name or MRN').fill('maya chen');
  await expect(page.getByTestId('caseload-row')).toHaveCount(1);
  const href = await page.getByTestId('caseload-row').first().getByRole('link').getAttribute('href');
  expect(href).toMatch(/^\/patients\/[0-9a-f-]{36}$/);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInAndWait(page, OTHER_DERMATOLOGIST, /\/patients$/);
  const response = await page.goto(href ?? '/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Patient record not available' })).toBeVisible();
  await expect(page.getByText('Chen')).toHaveCount(0);
  await screenshot(page, 'clinician-off-team-refused');
});

test('signing out ends the session: pages send you back to sign in', async ({ page }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/patients');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('the caseload sends no prefetch requests, and a patient link still navigates without a page load', async ({ page }) => {
  // Every page renders per request for the signed-in person, so Next's prefetch of each link in view
  // was a server render apiece (15–24 per caseload view, docs/PERFORMANCE.md) that a click could not reuse.
  const prefetches: string[] = [];
  const documents: string[] = [];
  page.on('request', (request) => {
    if (request.headers()['next-router-prefetch']) prefetches.push(request.url());
    if (request.resourceType() === 'document') documents.push(request.url());
  });
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  const rows = page.getByTestId('caseload-row');
  await expect(rows).toHaveCount(20);
  // Scroll every row into view and hover a link, the two things that start a prefetch.
  await rows.last().scrollIntoViewIfNeeded();
  const firstLink = rows.first().locator('td:first-child a');
  await firstLink.hover();
  await page.getByRole('link', { name: 'Messages' }).first().hover();
  await page.waitForTimeout(1500);
  expect(prefetches).toEqual([]);

  // A click is still a client-side navigation: no new document request.
  const documentsBefore = documents.length;
  const name = (await firstLink.textContent()) ?? '';
  await firstLink.click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  expect(documents.length).toBe(documentsBefore);
  expect(prefetches).toEqual([]);
});
