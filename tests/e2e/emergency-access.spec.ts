import { expect, test, type Page } from '@playwright/test';
import { DERMATOLOGIST, OTHER_DERMATOLOGIST, screenshot, signInAndWait } from './helpers';

// Chen, Maya (AX-100155): Dr. Rivera and Nina Patel are on her team; Dr. Okafor and Tomas Berg are not.
const CHEN_MRN = 'AX-100155';
const OFF_TEAM_NUTRITIONIST = 'tomas.berg@axis.test';
const REASON = 'Seen in the emergency department tonight with a widespread eczema flare; Dr. Rivera cannot be reached.';

async function chenRecordUrl(page: Page): Promise<string> {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await page.getByLabel('Search name or MRN').fill(CHEN_MRN);
  await expect(page.getByTestId('caseload-row')).toHaveCount(1);
  const href = await page.getByTestId('caseload-row').getByRole('link', { name: 'Chen, Maya' }).getAttribute('href');
  if (!href) throw new Error('no link to Chen, Maya');
  return href;
}

test('Dr. Okafor breaks the glass on Chen, Maya by MRN; the care team sees it on the record', async ({ page, browser }) => {
  await signInAndWait(page, OTHER_DERMATOLOGIST, /\/patients$/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Emergency access' }).click();
  await expect(page.getByRole('heading', { name: 'Emergency access', exact: true })).toBeVisible();
  await expect(page.getByTestId('emergency-warning')).toContainText('It is logged and shown to the patient’s care team.');

  // Mistakes are shown by field, and nothing typed is lost.
  await page.getByLabel('Patient MRN').fill('AX-999999');
  await page.getByLabel('Reason', { exact: true }).fill('flare');
  await page.getByRole('button', { name: 'Break the glass and open the record' }).click();
  await expect(page.getByText('Choose why you need emergency access.')).toBeVisible();
  await expect(page.getByText(/Write at least 20 characters/)).toBeVisible();
  await expect(page.getByLabel('Patient MRN')).toHaveValue('AX-999999');
  await expect(page.getByLabel('Reason', { exact: true })).toHaveValue('flare');
  await screenshot(page, 'emergency-access-errors');

  await page.getByLabel('Reason category').selectOption({ label: 'Urgent clinical care' });
  await page.getByLabel('Reason', { exact: true }).fill(REASON);
  await page.getByRole('button', { name: 'Break the glass and open the record' }).click();
  await expect(page.getByText(/No patient has this MRN/)).toBeVisible();
  await expect(page.getByLabel('Reason', { exact: true })).toHaveValue(REASON);
  await expect(page.getByLabel('Reason category')).toHaveValue('urgent_care');

  await page.getByLabel('Patient MRN').fill(CHEN_MRN.toLowerCase());
  await page.getByRole('button', { name: 'Break the glass and open the record' }).click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Chen, Maya' })).toBeVisible();
  const banner = page.getByTestId('emergency-banner');
  await expect(banner).toContainText('Emergency access');
  await expect(banner).toContainText(/(59|60) min left|1 h left/);
  // Read-only: no buttons that lead to forms.
  await expect(page.getByRole('link', { name: '+ Breath test' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '+ Note' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Import FHIR' })).toHaveCount(0);
  // Nor can the whole record be carried away: no export link, and the API refuses it as not found.
  await expect(page.getByRole('link', { name: 'Export FHIR' })).toHaveCount(0);
  const patientId = new URL(page.url()).pathname.split('/').pop();
  expect((await page.request.get(`/api/fhir/Patient/${patientId}/$everything`)).status()).toBe(404);
  // Newest first (admin-audit.spec may have broken the glass on her earlier in the same run).
  await expect(page.getByTestId('emergency-access-entry').first()).toContainText('Dr. Samuel Okafor');
  await screenshot(page, 'emergency-access-record');

  // The banner follows him through the record.
  await page.getByRole('link', { name: 'Timeline' }).first().click();
  await expect(page).toHaveURL(/\/timeline/);
  await expect(page.getByTestId('emergency-banner')).toBeVisible();
  await screenshot(page, 'emergency-access-timeline');

  // Dr. Rivera, on the team, sees who broke the glass, when, for how long and why.
  const riveraContext = await browser.newContext();
  const rivera = await riveraContext.newPage();
  const chenUrl = await chenRecordUrl(rivera);
  // Her home page's "For you" list has it too.
  await rivera.goto('/patients');
  const forYou = rivera.getByTestId('for-you-emergency').first();
  await expect(forYou).toContainText('Chen, Maya');
  await expect(forYou).toContainText('By Dr. Samuel Okafor (Dermatology)');
  await screenshot(rivera, 'emergency-access-for-you');
  await rivera.goto(chenUrl);
  await expect(rivera.getByRole('heading', { name: 'Chen, Maya' })).toBeVisible();
  await expect(rivera.getByTestId('emergency-banner')).toHaveCount(0);
  const entry = rivera.getByTestId('emergency-access-entry').first();
  await expect(entry).toContainText('Emergency access by Dr. Samuel Okafor (Dermatology)');
  await expect(entry).toContainText('1 h');
  await expect(entry).toContainText(`Urgent clinical care: ${REASON}`);
  await expect(entry).toContainText('Running now');
  await rivera.getByRole('region', { name: 'Emergency access' }).scrollIntoViewIfNeeded();
  await screenshot(rivera, 'emergency-access-seen-by-care-team');
  await riveraContext.close();

  // Done: he ends it himself, and the record closes to him at once (later tests expect it closed).
  await page.getByRole('button', { name: 'End emergency access now' }).click();
  await expect(page).toHaveURL(/\/patients$/);
  expect((await page.goto(chenUrl))?.status()).toBe(404);
});

test('a refused direct link offers emergency access for that same record', async ({ page, browser }) => {
  const riveraContext = await browser.newContext();
  const href = await chenRecordUrl(await riveraContext.newPage());
  await riveraContext.close();

  await signInAndWait(page, OFF_TEAM_NUTRITIONIST, /\/patients$/);
  const response = await page.goto(href);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Patient record not available' })).toBeVisible();
  await expect(page.getByText('Chen')).toHaveCount(0);
  await screenshot(page, 'emergency-access-refused-link');

  await page.getByRole('link', { name: 'Emergency access…' }).click();
  await expect(page).toHaveURL(/\/emergency-access\?patient=/);
  await expect(page.getByLabel('Patient MRN')).toHaveCount(0);
  await expect(page.getByText('Chen')).toHaveCount(0); // nothing about the patient before the glass is broken
  await page.getByLabel('Reason category').selectOption({ label: 'Covering for an absent care-team member' });
  await page.getByLabel('Reason', { exact: true }).fill('Covering Nina Patel’s nutrition clinic today; patient is here asking about her diet plan.');
  await screenshot(page, 'emergency-access-form-from-link');
  await page.getByRole('button', { name: 'Break the glass and open the record' }).click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole('heading', { name: 'Chen, Maya' })).toBeVisible();
  await expect(page.getByTestId('emergency-banner')).toBeVisible();

  // Writing stays refused: the form's page is not available under emergency access.
  const write = await page.goto(`${href}/results/new/score`);
  expect(write?.status()).toBe(404);

  await page.goto(href);
  await page.getByRole('button', { name: 'End emergency access now' }).click();
  await expect(page).toHaveURL(/\/patients$/);
  expect((await page.goto(href))?.status()).toBe(404);
});
