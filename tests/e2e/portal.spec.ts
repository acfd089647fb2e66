import { expect, test } from '@playwright/test';
import { PHONE, PORTAL_PATIENT, screenshot, signInAndWait } from './helpers';

test('a patient reaches only their own portal home', async ({ page }) => {
  await signInAndWait(page, PORTAL_PATIENT, /\/portal$/);
  await expect(page.getByRole('heading', { name: 'Hello, Rafael' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your care team' })).toContainText('Dr. Elena Rivera');
  await expect(page.getByRole('region', { name: 'Results shared with you' })).toBeVisible();
  await screenshot(page, 'portal-home');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'portal-home-phone');

  // Clinician and admin pages send a patient back to their portal.
  for (const path of ['/patients', '/admin', '/admin/patients']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/portal$/);
  }
});
