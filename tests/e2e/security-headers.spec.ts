import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DERMATOLOGIST, PORTAL_PATIENT, screenshot, signInAndWait } from './helpers';

// The nonce-based Content-Security-Policy must hold on the real pages with zero violations (Next's own
// inline scripts carry the nonce, charts and the Markdown editor work), and every kind of response —
// page, route handler, static asset, 404, redirect — carries the security headers.

function cspDirectives(header: string | undefined): Map<string, string[]> {
  expect(header, 'Content-Security-Policy header').toBeTruthy();
  return new Map(
    (header ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

function expectSecurityHeaders(response: APIResponse, what: string) {
  const h = response.headers();
  expect.soft(h['x-content-type-options'], what).toBe('nosniff');
  expect.soft(h['referrer-policy'], what).toBe('no-referrer');
  expect.soft(h['x-frame-options'], what).toBe('DENY');
  expect.soft(h['permissions-policy'], what).toContain('camera=()');
  expect.soft(h['cross-origin-opener-policy'], what).toBe('same-origin');
  expect.soft(h['x-powered-by'], what).toBeUndefined();
  // Served over plain http://localhost: HSTS would be ignored by browsers and is not sent (unit-tested for HTTPS).
  expect.soft(h['strict-transport-security'], what).toBeUndefined();
  const csp = cspDirectives(h['content-security-policy']);
  const scriptSrc = csp.get('script-src') ?? [];
  expect.soft(scriptSrc, what).toContain("'strict-dynamic'");
  expect.soft(scriptSrc.some((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s)), `${what}: script nonce`).toBe(true);
  expect.soft(scriptSrc, what).not.toContain("'unsafe-inline'");
  expect.soft(scriptSrc, what).not.toContain("'unsafe-eval'");
  expect.soft(csp.get('object-src'), what).toEqual(["'none'"]);
  expect.soft(csp.get('base-uri'), what).toEqual(["'none'"]);
  expect.soft(csp.get('form-action'), what).toEqual(["'self'"]);
  expect.soft(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect.soft(csp.get('connect-src'), what).toEqual(["'self'"]);
}

/** Collects CSP violations (the DOM event) and console errors from the moment the page is created. */
async function watchForViolations(page: Page) {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()} [${message.location().url}]`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  await page.addInitScript(() => {
    const store: string[] = [];
    (window as unknown as { __cspViolations?: string[] }).__cspViolations = store;
    document.addEventListener('securitypolicyviolation', (e) => store.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
  return {
    async check(label: string) {
      const violations = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
      expect(violations, `CSP violations on ${label}`).toEqual([]);
      expect(consoleErrors, `console errors up to ${label}`).toEqual([]);
    },
  };
}

test('a clinician and a patient use the app under the strict CSP with zero violations', async ({ browser }) => {
  const clinician = await browser.newPage();
  const watch = await watchForViolations(clinician);

  await clinician.goto('/sign-in');
  await expect(clinician.getByRole('button', { name: 'Sign in' })).toBeVisible();
  // The nonce Next stamped on its scripts is the one in this response's CSP, and every script has one.
  const scripts = await clinician.locator('script').evaluateAll((els) => els.map((e) => ({ nonce: (e as HTMLScriptElement).nonce, src: (e as HTMLScriptElement).src })));
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) expect(s.nonce, `script ${s.src || 'inline'} has the nonce`).not.toBe('');
  await watch.check('sign-in');

  await signInAndWait(clinician, DERMATOLOGIST, /\/patients$/);
  await clinician.goto('/patients?q=maya+chen&sort=name');
  await expect(clinician.getByTestId('caseload-row').first()).toBeVisible();
  await watch.check('caseload');

  await clinician.getByTestId('caseload-row').first().getByRole('link').click();
  await expect(clinician.getByRole('heading', { level: 1, name: 'Chen, Maya' })).toBeVisible();
  // Charts render to <canvas> through Chart.js, loaded by the nonce'd bundle ('strict-dynamic').
  await expect(clinician.locator('canvas').first()).toBeVisible();
  await screenshot(clinician, 'csp-patient-record');
  await watch.check('patient record with charts');
  const recordUrl = clinician.url();

  const resultHref = await clinician
    .locator('a[href*="/results/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? '').find((href) => /\/results\/[0-9a-f-]{36}$/.test(href)));
  expect(resultHref, 'a link to a result').toBeTruthy();
  await clinician.goto(resultHref ?? '');
  await expect(clinician.getByRole('heading', { level: 1 })).toBeVisible();
  await watch.check('result page');

  await clinician.goto(`${recordUrl}/notes/new`);
  const body = clinician.getByLabel('Note (Markdown)');
  await body.fill('**Bold** preview <script>alert(1)</script> and [a link](https://example.org)');
  await expect(clinician.getByTestId('note-preview').locator('strong')).toHaveText('Bold');
  await watch.check('notes editor');

  await clinician.goto(`${recordUrl}/timeline`);
  await expect(clinician.locator('canvas').first()).toBeVisible();
  await watch.check('timeline');
  await clinician.close();

  const patient = await browser.newPage();
  const patientWatch = await watchForViolations(patient);
  await patient.goto('/sign-in');
  await patient.getByLabel('Email').fill(PORTAL_PATIENT);
  await patient.getByLabel('Password').fill(DEMO_PASSWORD);
  await patient.getByRole('button', { name: 'Sign in' }).click();
  await expect(patient).toHaveURL(/\/portal$/);
  await expect(patient.getByRole('heading', { level: 1 })).toBeVisible();
  await screenshot(patient, 'csp-portal-summary');
  await patientWatch.check('portal summary');
  await patient.close();
});

test('every kind of response carries the security headers, with a fresh nonce per response', async ({ page, request }) => {
  const signInPage = await request.get('/sign-in');
  expect(signInPage.status()).toBe(200);
  expectSecurityHeaders(signInPage, 'page /sign-in');

  // The nonce differs per response, and the page's scripts carry this response's nonce.
  const again = await request.get('/sign-in');
  const nonceOf = (r: APIResponse) => /'nonce-([^']+)'/.exec(r.headers()['content-security-policy'] ?? '')?.[1];
  expect(nonceOf(again)).toBeTruthy();
  expect(nonceOf(again)).not.toBe(nonceOf(signInPage));
  const html = await again.text();
  expect(html).toContain(`nonce="${nonceOf(again)}"`);
  expect(html).not.toContain(`nonce="${nonceOf(signInPage)}"`);

  const csrf = await request.get('/api/auth/csrf');
  expect(csrf.status()).toBe(200);
  expectSecurityHeaders(csrf, 'route handler /api/auth/csrf');

  const missing = await request.get('/no-such-page-anywhere');
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing, '404');

  const redirect = await request.get('/patients', { maxRedirects: 0 });
  expect([302, 303, 307, 308]).toContain(redirect.status());
  expectSecurityHeaders(redirect, 'redirect to sign-in');

  const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset, 'a static script on the page').toBeTruthy();
  const staticAsset = await request.get(asset ?? '');
  expect(staticAsset.status()).toBe(200);
  expectSecurityHeaders(staticAsset, `static asset ${asset}`);

  // A route handler that serves a file: the patient's PDF summary.
  await signInAndWait(page, PORTAL_PATIENT, /\/portal$/);
  const pdf = await page.request.get('/portal/summary.pdf');
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expectSecurityHeaders(pdf, 'route handler /portal/summary.pdf');
});
