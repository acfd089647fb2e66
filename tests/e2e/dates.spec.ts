import { expect, test } from '@playwright/test';
import { DERMATOLOGIST, screenshot, signInAndWait } from './helpers';
import { E2E_CLINIC_TIME_ZONE } from './server-log';

// One clinic time zone for every time shown (the e2e server runs in America/New_York, not UTC), and
// dates typed the unambiguous way, read back in words, never the browser's mm/dd/yyyy picker.

test("times show in the clinic's zone, named; dates are typed unambiguously and read back", async ({ page }) => {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await expect(page.locator('html')).toHaveAttribute('data-clinic-tz', E2E_CLINIC_TIME_ZONE);

  await page.goto('/patients?q=maya+chen');
  await page.getByTestId('caseload-row').first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chen, Maya' })).toBeVisible();
  const results = page.getByRole('region', { name: 'Results', exact: true });
  await results.getByRole('row').nth(1).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/results\/[0-9a-f-]{36}$/);
  // "GMT-5" (winter) or "GMT-4" (summer): never "UTC" while the clinic is in New York.
  const header = page.locator('header').filter({ has: page.getByRole('heading', { level: 1 }) });
  await expect(header).toContainText(/GMT-[45]/);
  await expect(header).not.toContainText('UTC');

  const patientUrl = page.url().replace(/\/results\/.*$/, '');
  await page.goto(`${patientUrl}/results/new/score`);
  const date = page.getByLabel('Date assessed');
  await expect(date).toHaveAttribute('type', 'text');
  await expect(date).toHaveAttribute('placeholder', 'YYYY-MM-DD');
  await date.fill('4 Dec 2025');
  await expect(page.getByText('Thursday, 4 December 2025')).toBeVisible();
  await date.blur();
  await expect(date).toHaveValue('2025-12-04');
  // dd/mm or mm/dd? Refused, never guessed.
  await date.fill('04/12/2025');
  await expect(page.getByText(/Not a date yet: type it as YYYY-MM-DD/)).toBeVisible();
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'dates-score-form');
});
