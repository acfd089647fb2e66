import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DERMATOLOGIST, OTHER_DERMATOLOGIST, screenshot, signInAndWait } from './helpers';

// FHIR R4 export (download and GET /api/fhir/Patient/{id}/$everything) and lab-bundle import with preview.

async function openChen(page: Page): Promise<string> {
  await page.goto('/patients?q=maya+chen');
  await page.getByTestId('caseload-row').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chen, Maya' })).toBeVisible();
  const id = /\/patients\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no patient id in ${page.url()}`);
  return id;
}

const resultRows = (page: Page) => page.getByRole('region', { name: 'Results' }).locator('tbody tr');

test('a clinician downloads the record as a FHIR R4 bundle; the API answers 401 signed out and 404 off the team', async ({ page, browser, playwright }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  const chenId = await openChen(page);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export FHIR' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^axis-fhir-AX-100155-\d{4}-\d{2}-\d{2}\.json$/);
  const bundle = JSON.parse(readFileSync(await download.path(), 'utf8')) as { resourceType: string; type: string; entry: { resource: { resourceType: string; identifier?: { value: string }[] } }[] };
  expect(bundle.resourceType).toBe('Bundle');
  expect(bundle.type).toBe('searchset');
  const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource;
  expect(patient?.identifier?.[0]?.value).toBe('AX-100155');
  const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
  for (const t of ['Condition', 'CareTeam', 'CarePlan', 'DiagnosticReport', 'Observation']) expect(types).toContain(t);

  // The URL is exactly FHIR's, with a literal $everything.
  const url = `/api/fhir/Patient/${chenId}/$everything`;
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/fhir+json');
  expect(response.headers()['content-disposition']).toMatch(/attachment; filename="axis-fhir-AX-100155-/);

  const anonymous = await playwright.request.newContext({ baseURL: page.url().replace(/\/patients.*$/, '') });
  const signedOut = await anonymous.get(url, { maxRedirects: 0 });
  expect(signedOut.status()).toBe(401);
  expect((await signedOut.json()).resourceType).toBe('OperationOutcome');
  await anonymous.dispose();

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInAndWait(otherPage, OTHER_DERMATOLOGIST, /\/patients$/);
  expect((await otherPage.request.get(url)).status()).toBe(404);
  expect((await otherPage.request.get('/api/fhir/Patient/00000000-0000-4000-8000-000000000000/$everything')).status()).toBe(404);
  await other.close();
});

test('$export streams the clinician’s care-team patients as NDJSON; a patient account is refused', async ({ page, browser }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  const response = await page.request.get('/api/fhir/$export?_type=Patient');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/fhir+ndjson');
  const lines = (await response.text()).trim().split('\n');
  const resources = lines.map((l) => JSON.parse(l) as { resourceType: string; identifier?: { value?: string }[] });
  expect(resources.every((r) => r.resourceType === 'Patient')).toBe(true);
  expect(resources.map((r) => r.identifier?.[0]?.value)).toContain('AX-100155');
  expect((await page.request.get('/api/fhir/$export?_type=Bogus')).status()).toBe(400);
  const other = await browser.newPage();
  await signInAndWait(other, 'rafael.moreau@patients.axis.test', /\/portal$/);
  expect((await other.request.get('/api/fhir/$export')).status()).toBe(403);
  await other.close();
});

test('a broken file gets a clear error, keeps what was pasted and saves nothing', async ({ page }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await openChen(page);
  const before = await resultRows(page).count();
  await page.getByRole('link', { name: 'Import FHIR' }).click();
  await expect(page.getByRole('heading', { name: 'Import lab results (FHIR R4 Bundle)' })).toBeVisible();

  await page.getByLabel('Bundle file (.json)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"resourceType": "Bundle", "entry": [') });
  await page.getByRole('button', { name: 'Preview import' }).click();
  // (Next's route announcer is an alert too: pick ours by its text.)
  const importError = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await expect(importError).toContainText('The file is not valid JSON');
  await expect(page.getByLabel('Or paste the Bundle JSON')).toHaveValue('{"resourceType": "Bundle", "entry": [');

  await page.getByLabel('Or paste the Bundle JSON').fill('{"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Observation", "id": "x", "code": {"text": "H. pylori"}}}]}');
  await page.getByRole('button', { name: 'Preview import' }).click();
  await expect(importError).toContainText('Entry 1 (Observation/x) is not a valid FHIR Observation');
  await screenshot(page, 'fhir-import-error');
  await expect(page.getByRole('button', { name: /^Import \d+ result/ })).toHaveCount(0);

  await page.getByRole('link', { name: /← Chen, Maya/ }).click();
  await expect(resultRows(page)).toHaveCount(before);
});

test('bundles are measured in bytes: 1.4 MB of accented text previews (it crashed the page before), over 5 MB gets the one limit message', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await openChen(page);
  await page.getByRole('link', { name: 'Import FHIR' }).click();
  const lab = JSON.parse(readFileSync('tests/e2e/fixtures/fhir-lab-bundle.json', 'utf8')) as { entry: { resource: Record<string, unknown> }[] };
  const padded = (accents: number) => {
    const copy = structuredClone(lab);
    const patient = copy.entry.find((e) => e.resource.resourceType === 'Patient');
    if (patient) patient.resource.text = { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${'é'.repeat(accents)}</div>` };
    return Buffer.from(JSON.stringify(copy), 'utf8');
  };
  // 700,000 characters but 1.4 MB: under the old character cap, over the old 1 MB body limit.
  await page.getByLabel('Bundle file (.json)').setInputFiles({ name: 'lab-with-narrative.json', mimeType: 'application/json', buffer: padded(700_000) });
  await page.getByRole('button', { name: 'Preview import' }).click();
  await expect(page.getByRole('heading', { name: 'Will be created (3)' })).toBeVisible();

  await page.getByLabel('Bundle file (.json)').setInputFiles({ name: 'too-big.json', mimeType: 'application/json', buffer: padded(2_600_000) });
  const limit = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await expect(limit).toContainText(/too-big\.json: The bundle is 5\.2 MB \(5,2\d\d,\d{3} bytes\); the limit is 5 MB/);
  await screenshot(page, 'fhir-import-too-large');
});

test('a clinician imports a lab bundle: the preview lists mapped and unmapped, confirm saves, results appear on the record', async ({ page }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await openChen(page);
  const before = await resultRows(page).count();
  await page.getByRole('link', { name: 'Import FHIR' }).click();

  await page.getByLabel('Bundle file (.json)').setInputFiles('tests/e2e/fixtures/fhir-lab-bundle.json');
  await expect(page.getByLabel('Or paste the Bundle JSON')).toHaveValue(/"resourceType": "Bundle"/);
  await page.getByRole('button', { name: 'Preview import' }).click();

  const created = page.getByRole('table', { name: 'Results to be created' });
  await expect(page.getByRole('heading', { name: 'Will be created (3)' })).toBeVisible();
  await expect(created).toContainText('Food panel: Specific IgE (sIgE, blood)');
  await expect(created).toContainText('H. pylori urea breath test');
  await expect(created).toContainText('H. pylori stool antigen');
  const notImported = page.getByRole('list', { name: 'Not imported' });
  await expect(page.getByRole('heading', { name: 'Not imported (2)' })).toBeVisible();
  await expect(notImported).toContainText('Glucose');
  await expect(notImported).toContainText('IgE [Units/volume] in Serum or Plasma');
  await expect(notImported.getByText(/not one Axis maps/).first()).toBeVisible();
  await screenshot(page, 'fhir-import-preview');

  await page.getByRole('button', { name: 'Import 3 results' }).click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}\?imported=3/);
  await expect(page.getByRole('heading', { level: 1, name: 'Chen, Maya' })).toBeVisible();
  await expect(resultRows(page)).toHaveCount(before + 3);
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results).toContainText('Food panel: Specific IgE (sIgE, blood)');
  await expect(results).toContainText('H. pylori stool antigen');
  await screenshot(page, 'fhir-import-done');
});
