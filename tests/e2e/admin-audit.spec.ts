import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { ADMIN, OTHER_DERMATOLOGIST, screenshot, signInAndWait } from './helpers';

const REASON = '=HYPERLINK("http://evil.example") patient collapsed in the waiting room, records needed now';

test('an administrator filters the audit log to emergency access and downloads it as CSV', async ({ page, browser }) => {
  // Dr. Okafor breaks the glass on Chen, Maya, so there is something to find.
  const okaforContext = await browser.newContext();
  const okafor = await okaforContext.newPage();
  await signInAndWait(okafor, OTHER_DERMATOLOGIST, /\/patients$/);
  await okafor.goto('/emergency-access');
  await okafor.getByLabel('Patient MRN').fill('AX-100155');
  await okafor.getByLabel('Reason category').selectOption('urgent_care');
  await okafor.getByLabel('Reason', { exact: true }).fill(REASON);
  await okafor.getByRole('button', { name: 'Break the glass and open the record' }).click();
  await expect(okafor.getByTestId('emergency-banner')).toBeVisible();
  // He ends it, so later tests find Chen's record closed to him again.
  await okafor.getByRole('button', { name: 'End emergency access now' }).click();
  await expect(okafor).toHaveURL(/\/patients$/);
  await okaforContext.close();

  await signInAndWait(page, ADMIN, /\/admin$/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();

  // A bad filter is explained beside its field and what was typed stays.
  await page.getByLabel('Action').fill('drop table;');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText(/Use an action name such as patient.read/)).toBeVisible();
  await expect(page.getByLabel('Action')).toHaveValue('drop table;');
  await page.getByLabel('Action').fill('');

  await page.getByLabel('Patient MRN').fill('AX-100155');
  await page.getByLabel('Emergency access only').check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/emergency=1/);
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(3); // the grant, the record read under it, and its end
  await expect(rows.filter({ hasText: 'emergency_access.end' })).toHaveCount(1);
  await expect(page.locator('[data-testid="audit-row"]:not([data-emergency="true"])')).toHaveCount(0);
  await expect(rows.filter({ hasText: 'emergency_access.grant' })).toContainText('Dr. Samuel Okafor');
  await expect(rows.filter({ hasText: 'patient.read' }).first()).toContainText('Emergency access');
  await screenshot(page, 'admin-audit-emergency');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^axis-audit-log-.*\.csv$/);
  const path = await download.path();
  const csv = await readFile(path, 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('id,occurred_at_utc,actor_name,actor_email,actor_role,action,outcome,patient_mrn,patient_id,entity_type,entity_id,request_address,emergency_access_id,detail_json');
  expect(lines).toHaveLength(count + 1);
  expect(csv).toContain('emergency_access.grant');
  expect(csv).toContain('samuel.okafor@axis.test');
  expect(lines.every((line) => !/(^|,)[=+\-@]/.test(line))).toBe(true);

  // The export itself is in the log.
  await page.goto('/admin/audit?action=audit.export');
  await expect(page.getByTestId('audit-row').first()).toContainText('audit.export');
  await screenshot(page, 'admin-audit-export-logged');
});

test('the CSV export refuses anyone but an administrator', async ({ page }) => {
  await signInAndWait(page, OTHER_DERMATOLOGIST, /\/patients$/);
  const response = await page.request.get('/admin/audit/export');
  expect(response.status()).toBe(403);
  await page.goto('/admin/audit');
  await expect(page).toHaveURL(/\/patients$/);
});
