import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'axis-demo-clinic';
export const DERMATOLOGIST = 'elena.rivera@axis.test';
export const OTHER_DERMATOLOGIST = 'samuel.okafor@axis.test';
export const ADMIN = 'admin@axis.test';
export const PORTAL_PATIENT = 'rafael.moreau@patients.axis.test';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAndWait(page: Page, email: string, path: RegExp) {
  await signIn(page, email);
  await expect(page).toHaveURL(path);
}

/** Full-page screenshots land in test-results/screenshots/, kept after the run for review. */
export async function screenshot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export const PHONE = { width: 390, height: 844 };
