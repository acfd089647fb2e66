import { expect, test } from '@playwright/test';
import { ADMIN, DEMO_PASSWORD, screenshot, signInAndWait } from './helpers';

test('an administrator creates a clinician, staffs a care team, and deactivation ends the clinician’s session', async ({ page, browser }) => {
  await signInAndWait(page, ADMIN, /\/admin$/);
  await expect(page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible();

  // Validation errors keep what was typed.
  const form = page.getByRole('region', { name: 'New account' });
  await form.getByLabel('Full name').fill('Dr. Ada Lindqvist');
  await form.getByLabel('Email').fill('ada.lindqvist@axis.test');
  await form.getByLabel('Initial password').fill('short');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByText('Choose the clinician’s specialty.')).toBeVisible();
  await expect(form.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(form.getByLabel('Full name')).toHaveValue('Dr. Ada Lindqvist');
  await expect(form.getByLabel('Email')).toHaveValue('ada.lindqvist@axis.test');
  await screenshot(page, 'admin-create-user-errors');

  await form.getByLabel('Specialty').selectOption('nutrition');
  await form.getByLabel('Initial password').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByRole('status')).toHaveText('Account created.');
  await expect(page.getByTestId('account-row').filter({ hasText: 'ada.lindqvist@axis.test' })).toContainText('Active');
  await screenshot(page, 'admin-accounts');

  // Add her to Maya Chen's care team.
  await page.getByRole('link', { name: 'Care teams' }).click();
  await page.getByLabel('Search name or MRN').fill('Chen');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: 'Chen, Maya' }).click();
  await expect(page.getByRole('heading', { name: 'Chen, Maya' })).toBeVisible();
  await page.getByLabel('Clinician', { exact: true }).selectOption({ label: 'Dr. Ada Lindqvist (Nutrition)' });
  await page.getByRole('button', { name: 'Add to care team' }).click();
  await expect(page.getByTestId('team-member').filter({ hasText: 'Dr. Ada Lindqvist' })).toBeVisible();
  await expect(page.getByText('Atopic dermatitis')).toHaveCount(0); // administrators see no clinical data
  await screenshot(page, 'admin-care-team');

  // She signs in elsewhere and sees the patient.
  const other = await browser.newContext();
  const clinician = await other.newPage();
  await signInAndWait(clinician, 'ada.lindqvist@axis.test', /\/patients$/);
  await expect(clinician.getByTestId('caseload-row')).toHaveCount(1);
  await expect(clinician.getByTestId('caseload-row').first()).toContainText('Chen, Maya');

  // The administrator deactivates her; her next request ends her session.
  await page.getByRole('link', { name: 'Accounts' }).click();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Deactivate Dr. Ada Lindqvist' }).click();
  await expect(page.getByTestId('account-row').filter({ hasText: 'ada.lindqvist@axis.test' })).toContainText('Deactivated');
  await clinician.reload();
  await expect(clinician).toHaveURL(/\/sign-in/);
  await other.close();

  // The audit trail shows her access and the administrator's changes.
  await page.getByRole('link', { name: 'Care teams' }).click();
  await page.getByLabel('Search name or MRN').fill('Chen');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: 'Chen, Maya' }).click();
  await page.getByRole('link', { name: 'Audit trail →' }).click();
  await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'care_team.add' })).toHaveCount(1);
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Dr. Ada Lindqvist' }).first()).toBeVisible();
  await screenshot(page, 'admin-audit');
});
