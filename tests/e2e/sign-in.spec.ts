import { expect, test, type Page } from '@playwright/test';
import { DERMATOLOGIST, screenshot, signIn } from './helpers';

const FAILED = /did not match an active account/;
// Next's route announcer also has role=alert; the form's message is the one with text.
const formError = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

test('a wrong password gets a clear message and keeps the email', async ({ page }) => {
  await signIn(page, DERMATOLOGIST, 'not-the-password');
  await expect(formError(page)).toHaveText(FAILED);
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByLabel('Email')).toHaveValue(DERMATOLOGIST);
  await screenshot(page, 'sign-in-wrong-password');
});

test('an unknown email gets exactly the same message as a wrong password', async ({ page }) => {
  await signIn(page, DERMATOLOGIST, 'not-the-password');
  const wrongPassword = await formError(page).textContent();
  await signIn(page, 'nobody@axis.test', 'whatever-password');
  await expect(formError(page)).toHaveText(wrongPassword ?? '');
});

test('signed-out visitors are sent to sign in', async ({ page }) => {
  for (const path of ['/', '/patients', '/portal', '/admin']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in/);
  }
  await screenshot(page, 'sign-in');
});

test('responses carry the baseline security headers', async ({ request }) => {
  const response = await request.get('/sign-in');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['referrer-policy']).toBe('no-referrer');
  expect(response.headers()['x-frame-options']).toBe('DENY');
  expect(response.headers()['x-powered-by']).toBeUndefined();
});
