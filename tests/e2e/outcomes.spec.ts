import { expect, test, type Page } from '@playwright/test';
import { DERMATOLOGIST, PHONE, screenshot, signInAndWait } from './helpers';
import { E2E_CLINIC_TIME_ZONE } from './server-log';

// Outcomes, as a clinician walks them: a patient's "What worked", then the same question across the
// clinic (aggregates, small cells withheld, observational), their own patients on request, the CSV; and an
// H. pylori therapy ending schedules its test of cure, shown on the record and in the caseload.

async function openPatientByMrn(page: Page, mrn: string) {
  await page.goto(`/patients?q=${mrn}`);
  const row = page.getByTestId('caseload-row').filter({ hasText: mrn });
  await expect(row).toHaveCount(1);
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
}

test('from a patient’s What worked to the clinic outcomes, the CSV and the viewer’s own patients', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  // AX-300001: rosacea, positive SIBO breath test, rifaximin, DLQI before and at week 12 (demo-outcomes.ts).
  await openPatientByMrn(page, 'AX-300001');
  const card = page.getByRole('region', { name: 'What worked' });
  await expect(card).toBeVisible();
  const response = card.getByTestId('response').first();
  await expect(response).toHaveAttribute('data-status', 'assessed');
  await expect(response).toContainText(/DLQI (fell|rose|unchanged)/);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'outcomes-what-worked');

  // The timeline's chart table answers by the same rule, and labels the follow-up it was judged on.
  const recordUrl = page.url();
  await card.getByRole('link', { name: 'See on the timeline' }).click();
  await expect(page.getByTestId('overlay-response').first()).toContainText(/Assessed.*DLQI (fell|rose|unchanged)/);
  await page.getByRole('region', { name: 'Outcomes' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'outcomes-timeline');
  await page.goto(recordUrl);
  await expect(card).toBeVisible();

  await card.getByRole('link', { name: 'Compare across the clinic' }).click();
  await expect(page).toHaveURL(/\/outcomes\?condition=rosacea&instrument=dlqi/);
  await expect(page.getByRole('heading', { name: 'Outcomes', level: 1 })).toBeVisible();
  await expect(page.getByText('Observational: not evidence of cause.').first()).toBeVisible();

  // Narrow to patients with a positive breath test: cohort and comparison, both with real numbers.
  await page.getByLabel('Gut finding (optional)').selectOption('breath_test_positive');
  await page.getByRole('button', { name: 'Show outcomes' }).click();
  await expect(page).toHaveURL(/finding=breath_test_positive/);
  const table = page.getByTestId('outcomes-table');
  await expect(table.getByTestId('outcome-cohort')).toContainText(/\d+%/);
  await expect(table.getByTestId('outcome-comparison')).toContainText(/\d+%/);
  await expect(table).toContainText('DLQI ≥ 4 points');
  await screenshot(page, 'outcomes-clinic');

  // The CSV is the same aggregate, with its caveats.
  const csv = await page.request.get(`/outcomes/export?condition=rosacea&finding=breath_test_positive&instrument=dlqi`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const body = await csv.text();
  expect(body).toContain('Observational: not evidence of cause.');
  expect(body).toMatch(/Cohort,.*Rosacea with a positive breath test/);
  expect(body).not.toContain('AX-3');

  // A cell too small to show: psoriasis with a positive H. pylori test has almost no one in the demo.
  await page.goto('/outcomes?condition=psoriasis&finding=h_pylori_positive&instrument=pasi');
  await expect(page.getByTestId('outcome-cohort')).toContainText(/fewer than 10/);

  // The viewer's own patients, on request only.
  await page.goto('/outcomes?condition=rosacea&finding=breath_test_positive&instrument=dlqi');
  await expect(page.getByRole('region', { name: 'My patients in these groups' })).toHaveCount(0);
  await page.getByRole('link', { name: 'List my own patients in these groups' }).click();
  const mine = page.getByRole('region', { name: 'My patients in these groups' });
  await expect(mine).toBeVisible();
  await expect(mine).toContainText('AX-300001');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'outcomes-clinic-phone');

  // An incomplete question says what is missing instead of failing.
  await page.goto('/outcomes?condition=rosacea');
  await expect(page.getByRole('alert').filter({ hasText: 'missing parts' })).toContainText('Choose a score.');
});

test('ending an H. pylori therapy schedules its test of cure, shown on the record and in the caseload', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  // AX-300005: one of Dr. Rivera's outcome-history patients, used by no other browser test.
  await openPatientByMrn(page, 'AX-300005');
  const recordUrl = page.url();
  await page.goto(`${recordUrl}/plan`);
  await page.getByRole('button', { name: /Propose an intervention/ }).click();
  const form = page.getByRole('form', { name: 'Propose an intervention' });
  await form.getByLabel('Kind').selectOption('medication');
  await form.getByLabel('Title').fill('Bismuth quadruple therapy 14 days');
  await form.getByLabel('Drug').fill('bismuth, metronidazole, tetracycline, omeprazole');
  await form.getByLabel('Dose', { exact: true }).fill('standard adult doses');
  await form.getByLabel('Frequency').fill('four times daily for 14 days');
  await form.getByLabel('Owner').selectOption({ label: 'Dr. Elena Rivera (Dermatology)' });
  await form.getByLabel('Treats a gut finding (optional)').selectOption('h_pylori');
  await expect(form.getByLabel(/Last PPI dose/)).toBeVisible();
  await screenshot(page, 'outcomes-plan-gut-target');
  await form.getByRole('button', { name: 'Propose intervention' }).click();

  const item = page.getByTestId('intervention').filter({ hasText: 'Bismuth quadruple therapy 14 days' });
  await expect(item).toContainText('Treats: H. pylori (eradication therapy)');
  await item.getByRole('button', { name: 'Accept Bismuth quadruple therapy 14 days' }).click();
  await expect(item.getByRole('button', { name: /Mark completed/ })).toBeVisible();
  await item.getByRole('button', { name: /Mark completed/ }).click();
  await expect(item.getByText(/test of cure is scheduled/)).toBeVisible();
  await item.getByRole('button', { name: 'Confirm: mark completed' }).click();
  await expect(item).toContainText('Completed');

  await page.goto(recordUrl);
  const followUps = page.getByRole('region', { name: 'Follow-up tests' });
  await expect(followUps).toContainText('H. pylori test of cure');
  await expect(followUps).toContainText('Scheduled');
  await expect(followUps).toContainText('4 weeks after therapy ended');
  await followUps.scrollIntoViewIfNeeded();
  await screenshot(page, 'outcomes-follow-ups');

  await page.goto('/patients?q=AX-300005');
  await expect(page.getByTestId('caseload-row').filter({ hasText: 'AX-300005' })).toContainText(/Test of cure from/);

  // A stool antigen today is weeks too early: it is saved, and its page says it does not count, and why.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: E2E_CLINIC_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  await page.goto(`${recordUrl}/results/new/h-pylori`);
  await page.getByLabel('Test date').fill(today);
  await page.getByLabel('Method').selectOption('stool_antigen');
  await page.getByLabel('Result', { exact: true }).selectOption('negative');
  await page.getByRole('button', { name: 'Save H. pylori test' }).click();
  await expect(page).toHaveURL(/\/results\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('follow-up-validity')).toContainText(/Test of cure after Bismuth quadruple therapy 14 days: not valid for cure\. Taken 28 days before the earliest valid date/);
  await screenshot(page, 'outcomes-early-test-of-cure');
});
