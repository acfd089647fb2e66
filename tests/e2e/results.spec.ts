import { expect, test, type Page } from '@playwright/test';
import { DERMATOLOGIST, screenshot, signInAndWait } from './helpers';

const NUTRITIONIST = 'nina.patel@axis.test';

async function openChen(page: Page) {
  await page.goto('/patients?q=maya+chen');
  await page.getByTestId('caseload-row').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chen, Maya' })).toBeVisible();
}

/** Every instruction answered "as instructed" in one click; the context questions (PPI, probiotics) by hand. */
async function answerPreparation(page: Page) {
  await page.getByRole('button', { name: 'All as instructed' }).click();
  for (const item of ['No antibiotics', 'No promotility drugs', 'No fermentable foods', 'Fasted 8–12 hours', 'No smoking', 'Physical activity limited']) {
    await expect(page.getByRole('radiogroup', { name: new RegExp(item) }).getByLabel('Yes')).toBeChecked();
  }
  for (const item of ['proton pump inhibitor', 'probiotics']) await page.getByRole('radiogroup', { name: new RegExp(item) }).getByLabel('No').check();
}

test('a clinician imports a breath-test CSV, sees the chart and interpretation, and saves it', async ({ page }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await openChen(page);
  await page.getByRole('link', { name: '+ Breath test' }).click();
  await expect(page.getByRole('heading', { name: 'Record: Breath test (SIBO / IMO)' })).toBeVisible();

  // A lab export: metadata line, semicolons, decimal commas and a units row.
  await page.getByLabel('Import readings from the device or lab CSV').setInputFiles('tests/e2e/fixtures/breath-test-lactulose.csv');
  await expect(page.getByRole('status')).toContainText('Imported 9 readings from breath-test-lactulose.csv');
  await expect(page.getByLabel('Hydrogen ppm, reading 5')).toHaveValue('36.5');
  await expect(page.getByLabel('Methane ppm, reading 1')).toHaveValue('2.5');

  // Before the checklist is answered, the preview says what is missing.
  const preview = page.getByRole('region', { name: 'Interpretation preview' });
  await expect(preview.getByTestId('preview-missing')).toContainText(/Answer the preparation checklist \(\d+ questions left\)/);
  await answerPreparation(page);
  // "No" to an instruction is the deviation: the preview cautions about it.
  await page.getByRole('radiogroup', { name: /No smoking on the test day/ }).getByLabel('No').check();
  await expect(preview).toContainText(/smoked on the test day/i);
  await page.getByRole('radiogroup', { name: /No smoking on the test day/ }).getByLabel('Yes').check();
  await expect(preview).toContainText('Preview: Hydrogen rise consistent with SIBO');
  await expect(preview.getByRole('img', { name: /Breath test chart/ })).toBeVisible();
  await screenshot(page, 'results-breath-test-import');

  await page.getByRole('button', { name: 'Save breath test' }).click();
  await expect(page).toHaveURL(/\/results\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Lactulose 10 g breath test' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Interpretation' })).toContainText('Hydrogen rose 28.5 ppm over baseline (8 → 36.5 ppm) by 60 min');
  await expect(page.getByRole('list', { name: 'Interpretation' })).toContainText('Methane peaked at 6 ppm');
  await expect(page.getByRole('img', { name: /Breath test chart/ })).toBeVisible();
  await screenshot(page, 'results-breath-test-detail');

  // Back on the record it is the newest result.
  await page.getByRole('link', { name: '← Back to the patient record' }).click();
  const firstRow = page.getByRole('region', { name: 'Results' }).locator('tbody tr').first();
  await expect(firstRow).toContainText('Hydrogen rise consistent with SIBO: +28.5 ppm by 60 min');
});

test('a malformed CSV is refused with its row and column, and the grid is left as it was', async ({ page }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await openChen(page);
  await page.getByRole('link', { name: '+ Breath test' }).click();
  await page.getByLabel('Hydrogen ppm, reading 1').fill('7');
  await page.getByLabel('Import readings from the device or lab CSV').setInputFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('minute,H2,CH4\n0,5,2\n15,abc,3\n30,9,x\n'),
  });
  const alert = page.getByRole('alert').filter({ hasText: 'The file was not imported' });
  await expect(alert).toContainText('Row 3, column "H2": "abc" is not a number');
  await expect(alert).toContainText('Row 4, column "CH4"');
  await expect(page.getByLabel('Hydrogen ppm, reading 1')).toHaveValue('7');
  await expect(page.getByLabel('Hydrogen ppm, reading 2')).toHaveValue('');
  await screenshot(page, 'results-breath-test-bad-csv');

  // Saving an incomplete test is refused with messages, and what was typed stays.
  await page.getByRole('button', { name: 'Save breath test' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toBeVisible();
  await expect(page.getByLabel('Hydrogen ppm, reading 1')).toHaveValue('7');
});

test('a colleague’s score awaits review; out-of-range values are refused; a correction keeps the history', async ({ page }) => {
  // The nutritionist records an EASI score; 80 is out of range and refused without losing the form.
  await signInAndWait(page, NUTRITIONIST, /\/patients$/);
  await openChen(page);
  await page.getByRole('link', { name: '+ Score' }).click();
  await page.getByLabel('Instrument').selectOption('easi');
  await page.getByLabel('EASI score').fill('80');
  await page.getByRole('button', { name: 'Save score' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toContainText('EASI must be between 0 and 72 (got 80).');
  await expect(page.getByLabel('EASI score')).toHaveValue('80');
  await page.getByLabel('EASI score').fill('6.5');
  await page.getByRole('button', { name: 'Save score' }).click();
  await expect(page).toHaveURL(/\/results\/[0-9a-f-]{36}$/);
  const resultUrl = page.url();
  await expect(page.getByRole('heading', { level: 1, name: 'EASI' })).toBeVisible();
  await expect(page.getByText(/EASI 6\.5 — mild/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // The dermatologist sees it as new and awaiting review, and acknowledges it.
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await page.goto(resultUrl);
  await expect(page.getByText('To review').first()).toBeVisible();
  await page.getByRole('button', { name: 'Mark reviewed', exact: true }).click();
  await expect(page.getByRole('button', { name: /^Mark reviewed/ })).toHaveCount(0);
  // The status at the top says it, and the version's history names the reviewer.
  await expect(page.getByTestId('review-status')).toContainText('Reviewed by you');
  await expect(page.getByText(/^Reviewed by Dr\. Elena Rivera/)).toBeVisible();

  // A correction becomes version 2; version 1 stays in the history with the reason.
  await page.getByRole('link', { name: 'Correct this result' }).click();
  await expect(page.getByLabel('EASI score')).toHaveValue('6.5');
  await page.getByLabel('EASI score').fill('7.5');
  await page.getByLabel('Reason for correction').fill('Head and neck region was under-scored');
  await page.getByRole('button', { name: 'Save correction' }).click();
  await expect(page.getByText('version 2').first()).toBeVisible();
  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toContainText('Version 2 (current)');
  await expect(history).toContainText('Version 1 (superseded)');
  await expect(history).toContainText('Correction: Head and neck region was under-scored');
  await screenshot(page, 'results-score-corrected');
});
