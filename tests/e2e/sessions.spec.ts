import { expect, test, type Page, type Response } from '@playwright/test';
import { screenshot, signIn } from './helpers';

// tomas.berg is used here because no other browser test depends on his sessions.
const USER = 'tomas.berg@axis.test';

function setCookies(response: Response): Promise<string[]> {
  return response.headersArray().then((headers) => headers.filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value));
}

function attributesOf(cookie: string | undefined): string[] {
  return (cookie ?? '').split(';').map((part) => part.trim().toLowerCase());
}

async function signInAs(page: Page) {
  await signIn(page, USER);
  await expect(page).toHaveURL(/\/patients/);
}

test('session and CSRF cookies are httpOnly and SameSite=Lax after a real sign-in', async ({ page }) => {
  await page.goto('/sign-in');
  const callback = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials') && r.request().method() === 'POST');
  const csrf = page.waitForResponse((r) => r.url().includes('/api/auth/csrf'));
  await page.getByLabel('Email').fill(USER);
  await page.getByLabel('Password').fill('axis-demo-clinic');
  await page.getByRole('button', { name: 'Sign in' }).click();

  const csrfCookie = (await setCookies(await csrf)).find((c) => c.startsWith('next-auth.csrf-token='));
  const sessionCookie = (await setCookies(await callback)).find((c) => c.startsWith('next-auth.session-token='));
  await expect(page).toHaveURL(/\/patients/);

  for (const cookie of [csrfCookie, sessionCookie]) {
    expect(cookie).toBeDefined();
    const attributes = attributesOf(cookie);
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    // Served over plain http in this test: Secure would make the browser drop it (the https
    // configuration is pinned in tests/unit/platform/auth/cookies.test.ts).
    expect(attributes).not.toContain('secure');
  }
  // The browser agrees: script cannot read them.
  expect(await page.evaluate(() => document.cookie)).not.toContain('next-auth.session-token');
  const stored = await page.context().cookies();
  expect(stored.find((c) => c.name === 'next-auth.session-token')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
});

test('a session signed out from the sessions page is signed out on its next request', async ({ page, browser }) => {
  const otherContext = await browser.newContext({
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  });
  const other = await otherContext.newPage();
  await signInAs(other);
  await signInAs(page);

  await page.getByRole('link', { name: 'Your account' }).click();
  await expect(page).toHaveURL(/\/account\/sessions/);
  await expect(page.getByRole('heading', { name: 'Your sessions' })).toBeVisible();
  const current = page.locator('[data-testid="session-row"][data-current="true"]');
  await expect(current).toHaveCount(1);
  await expect(current).toContainText('This device');
  const phone = page.getByTestId('session-row').filter({ hasText: 'Safari on iPhone' });
  await expect(phone).toHaveCount(1);
  await screenshot(page, 'account-sessions');

  await phone.getByRole('button', { name: 'Sign out Safari on iPhone' }).click();
  await expect(page.getByTestId('session-row').filter({ hasText: 'Safari on iPhone' })).toHaveCount(0);

  // The other browser's next request finds its session gone.
  await other.reload();
  await expect(other).toHaveURL(/\/sign-in\?reason=revoked/);
  await expect(other.getByTestId('signed-out-notice')).toContainText('signed out from another device');
  await screenshot(other, 'sign-in-revoked-elsewhere');
  // This one carries on.
  await page.goto('/patients');
  await expect(page).toHaveURL(/\/patients/);
  await otherContext.close();
});

test('"sign out all other sessions" ends every other session and keeps this one', async ({ page, browser }) => {
  const contexts = [await browser.newContext(), await browser.newContext()];
  const others = await Promise.all(contexts.map((c) => c.newPage()));
  for (const other of others) await signInAs(other);
  await signInAs(page);
  await page.goto('/account/sessions');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Sign out all other sessions' }).click();
  await expect(page.getByText('You are not signed in anywhere else.')).toBeVisible();
  for (const other of others) {
    await other.goto('/patients');
    await expect(other).toHaveURL(/\/sign-in/);
  }
  await page.goto('/patients');
  await expect(page).toHaveURL(/\/patients/);
  for (const c of contexts) await c.close();
});

test('the sign-in page explains an idle sign-out honestly', async ({ page }) => {
  await page.goto('/sign-in?reason=idle');
  await expect(page.getByTestId('signed-out-notice')).toHaveText(
    'You were signed out after 15 minutes without activity. Sign in again to continue; everything you saved is kept, but anything typed and not yet saved was not.',
  );
  await screenshot(page, 'sign-in-idle');
  await page.goto('/sign-in?reason=<b>nonsense</b>');
  await expect(page.getByTestId('signed-out-notice')).toHaveCount(0);
});

test('signing out ends the session on the server: a copy of the old cookie no longer works', async ({ page, browser }) => {
  await signInAs(page);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name === 'next-auth.session-token')).toBe(true);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Someone who copied the cookie before sign-out (a shared computer, a stolen laptop) gets nothing.
  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  const stolen = await copy.newPage();
  await stolen.goto('/patients');
  await expect(stolen).toHaveURL(/\/sign-in/);
  await copy.close();
});
