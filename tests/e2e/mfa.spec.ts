import { expect, test, type Browser, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { ADMIN, DEMO_PASSWORD, screenshot, signIn, signInAndWait } from './helpers';

// Each test makes its own accounts through the admin page, so no demo login other tests rely on
// ever needs a code. Codes are computed here with the same library and parameters as the server.

const formError = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

/** Codes for the current or next 30-second step, never one already used (the server refuses replays). */
function authenticator(secretBase32: string) {
  const totp = new TOTP({ secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: 30 });
  let lastStep = -1;
  return () => {
    const now = Date.now();
    const current = Math.floor(now / 30_000);
    // One step of drift is accepted, so the next step's code is good now too.
    const step = Math.max(current, lastStep + 1);
    if (step > current + 1) throw new Error('both usable steps already spent');
    lastStep = step;
    return totp.generate({ timestamp: step * 30_000 });
  };
}

async function createClinician(browser: Browser, name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${Date.now().toString(36)}@axis.test`;
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signInAndWait(admin, ADMIN, /\/admin$/);
  const form = admin.getByRole('region', { name: 'New account' });
  await form.getByLabel('Full name').fill(name);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Specialty').selectOption('dermatology');
  await form.getByLabel('Initial password').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByRole('status')).toHaveText('Account created.');
  await context.close();
  return email;
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test('a clinician turns on two-step sign-in, then signs in with a code or a recovery code', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = await createClinician(browser, 'Dr Mfa Tester');
  await signInAndWait(page, email, /\/patients/);

  await page.getByRole('link', { name: 'Your account' }).click();
  await page.getByRole('link', { name: 'Two-step sign-in' }).click();
  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByTestId('mfa-secret').textContent())?.replace(/\s/g, '') ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await screenshot(page, 'mfa-enrolment');
  const nextCode = authenticator(secret);

  // A wrong code is refused with a clear message.
  await page.getByLabel('Authentication code').fill('000000');
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await expect(page.getByText(/That code did not match/)).toBeVisible();

  await page.getByLabel('Authentication code').fill(nextCode());
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await expect(page.getByTestId('recovery-code')).toHaveCount(10);
  const recoveryCodes = await page.getByTestId('recovery-code').allTextContents();
  await screenshot(page, 'mfa-recovery-codes');
  await page.getByRole('link', { name: /I have saved them/ }).click();
  await expect(page.getByTestId('mfa-status')).toContainText('On since');
  await expect(page.getByTestId('recovery-codes-left')).toHaveText('10');

  // Password alone now leads to the code step, with the email and password kept.
  await signOut(page);
  await signIn(page, email);
  await expect(page.getByLabel('Authentication code')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await screenshot(page, 'sign-in-code-step');
  await page.getByLabel('Authentication code').fill('123456');
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(formError(page)).toHaveText(/That code did not match/);
  await expect(page.getByLabel('Authentication code')).toBeVisible();
  await screenshot(page, 'sign-in-code-wrong');
  await page.getByLabel('Authentication code').fill(nextCode());
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page).toHaveURL(/\/patients/);

  // A recovery code works once.
  await signOut(page);
  await signIn(page, email);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[0] ?? '');
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page).toHaveURL(/\/patients/);
  await signOut(page);
  await signIn(page, email);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[0] ?? '');
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(formError(page)).toHaveText(/That code did not match/);
});

test('an administrator requires two-step sign-in: the clinician must set it up before anything else, and a reset signs them out', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = await createClinician(browser, 'Dr Must Enrol');
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAndWait(admin, ADMIN, /\/admin$/);
  const row = admin.getByTestId('account-row').filter({ hasText: email });
  await row.getByRole('button', { name: /^Require two-step sign-in for/ }).click();
  await expect(row.getByTestId('account-mfa')).toContainText('Required, not set up');
  await screenshot(admin, 'admin-mfa-controls');

  // After the password, only the set-up page opens.
  await signIn(page, email);
  await expect(page).toHaveURL(/\/account\/security/);
  await expect(page.getByTestId('mfa-required-notice')).toContainText('Your clinic administrator requires two-step sign-in');
  for (const path of ['/patients', '/account/sessions', '/']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/account\/security/);
  }
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Two-step sign-in']);
  await screenshot(page, 'mfa-required-enrolment');

  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  const secret = (await page.getByTestId('mfa-secret').textContent())?.replace(/\s/g, '') ?? '';
  await page.getByLabel('Authentication code').fill(authenticator(secret)());
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await expect(page.getByTestId('recovery-code')).toHaveCount(10);
  await page.getByRole('link', { name: /I have saved them/ }).click();
  await expect(page).toHaveURL(/\/patients/);

  // Lost phone: the administrator resets it; the clinician's session ends on its next request.
  await admin.reload();
  await expect(row.getByTestId('account-mfa')).toContainText('On');
  admin.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: /^Reset two-step sign-in for/ }).click();
  await expect(row.getByTestId('account-mfa')).toContainText('Required, not set up');
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in\?reason=mfa-reset/);
  await expect(page.getByTestId('signed-out-notice')).toContainText('reset your two-step sign-in');
  await adminContext.close();
});
