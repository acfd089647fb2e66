import { expect, test, type Page } from '@playwright/test';
import { DERMATOLOGIST, PHONE, screenshot, signInAndWait } from './helpers';

async function openChenTimeline(page: Page) {
  await page.goto('/patients?q=maya+chen');
  await page.getByTestId('caseload-row').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chen, Maya' })).toBeVisible();
  await page.getByRole('link', { name: 'Timeline', exact: true }).click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}\/timeline$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Timeline: Chen, Maya' })).toBeVisible();
}

test('the timeline shows outcomes with intervention periods and filters by specialty in the URL', async ({ page }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await openChenTimeline(page);

  // The outcomes chart: EASI by default, with the seeded interventions named in its text alternative.
  const chart = page.getByRole('img', { name: /Outcomes chart: EASI/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('aria-label', /Low-FODMAP elimination phase from 15 Jan 2026 ongoing/);
  await expect(chart).toHaveAttribute('aria-label', /Rifaximin 550 mg tid 14 days from 5 Dec 2025 to 19 Dec 2025/);
  const outcomes = page.getByRole('region', { name: 'Outcomes' });
  await expect(outcomes.getByRole('cell', { name: /^Low-FODMAP elimination phase/ })).toBeVisible();
  await expect(outcomes.getByText('Dupilumab')).toHaveCount(0);

  // Entries of every kind, newest month first.
  const entries = page.getByTestId('timeline-entry');
  await expect(entries.first()).toBeVisible();
  const allCount = await entries.count();
  expect(allCount).toBeGreaterThan(10);
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="plan"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="result"]').first()).toBeVisible();
  await expect(page.getByText('Low-FODMAP elimination phase accepted by Dr. Elena Rivera')).toBeVisible();
  await screenshot(page, 'timeline-desktop');

  // Switch the chart to another score.
  await outcomes.getByLabel('Score').selectOption('poem');
  await expect(page.getByRole('img', { name: /Outcomes chart: POEM/ })).toBeVisible();

  // Nutrition only: the URL says so, and only the nutritionist's entries remain.
  await page.getByRole('group', { name: 'Specialty' }).getByLabel('Nutrition').check();
  await expect(page).toHaveURL(/\/timeline\?specialty=nutrition$/);
  await expect(page.getByText('Low-FODMAP elimination phase proposed by Nina Patel, RD')).toBeVisible();
  await expect(page.getByText('Low-FODMAP elimination phase accepted by Dr. Elena Rivera')).toHaveCount(0);
  const nutritionCount = await entries.count();
  expect(nutritionCount).toBeGreaterThan(0);
  expect(nutritionCount).toBeLessThan(allCount);
  for (const text of await page.getByTestId('timeline-entry').allInnerTexts()) expect(text).toContain('Nutrition');
  await screenshot(page, 'timeline-nutrition-only');

  // Plan changes only, on top of the specialty: both in the URL.
  await page.getByRole('group', { name: 'Show' }).getByLabel('Plan changes').check();
  await expect(page).toHaveURL(/specialty=nutrition&kind=plan$/);
  await expect(page.locator('[data-testid="timeline-entry"]:not([data-kind="plan"])')).toHaveCount(0);

  // Back twice restores the unfiltered timeline and its checkboxes.
  await page.goBack();
  await expect(page).toHaveURL(/\/timeline\?specialty=nutrition$/);
  await expect(page.getByRole('group', { name: 'Show' }).getByLabel('Plan changes')).not.toBeChecked();
  await page.goBack();
  await expect(page).toHaveURL(/\/timeline$/);
  await expect(page.getByRole('group', { name: 'Specialty' }).getByLabel('Nutrition')).not.toBeChecked();
  await expect(entries).toHaveCount(allCount);
});

test('a shared timeline link opens with its filter, also on a phone', async ({ page }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await openChenTimeline(page);
  const url = page.url();
  await page.setViewportSize(PHONE);
  await page.goto(`${url}?specialty=dermatology&kind=plan&kind=note&specialty=bogus`);
  await expect(page.getByRole('group', { name: 'Specialty' }).getByLabel('Dermatology')).toBeChecked();
  await expect(page.getByRole('group', { name: 'Show' }).getByLabel('Plan changes')).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Ignored in the link' })).toContainText('specialty "bogus"');
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="result"]')).toHaveCount(0);
  await expect(page.getByText('Rifaximin 550 mg tid 14 days completed')).toBeVisible();
  await expect(page.getByRole('img', { name: /Outcomes chart/ })).toBeVisible();
  await screenshot(page, 'timeline-phone');
});
