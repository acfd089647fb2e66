import { expect, test } from '@playwright/test';
import { demoPdf } from '../../db/seed/demo-pdf';
import { axeViolations } from './axe';
import { DERMATOLOGIST, PHONE, screenshot, signInAndWait } from './helpers';

// A dermatologist on a phone attaches the lab's PDF to a result from the result page: a script renamed .pdf is
// refused with the reason and nothing typed is lost; the real PDF is kept, drawn page by page by the viewer
// (pdf.js on canvas, never the browser's plugin), served as an uncached attachment, and shared with the patient,
// who then reads it in the portal.

const MRN = 'AX-100029'; // Keiko Nakamura: no other browser test attaches documents to her record
const PATIENT = 'keiko.nakamura@patients.axis.test';

/** The viewer drew at least one page with ink on it (not a blank canvas). */
async function expectDrawnPage(page: import('@playwright/test').Page) {
  await expect(page.getByTestId('pdf-status')).toHaveText('1 page.');
  const pageCanvas = page.getByTestId('pdf-page');
  await expect(pageCanvas).toHaveCount(1);
  await expect(pageCanvas).toHaveAttribute('aria-label', /: page 1 of 1$/);
  // Wait until pdf.js has finished drawing the page, then count the ink.
  await expect(page.getByRole('group', { name: /, pages$/ })).toHaveAttribute('data-drawn', '1');
  const inked = await pageCanvas.evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? { data: new Uint8ClampedArray() };
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] as number) < 128) dark++;
    return dark;
  });
  expect(inked).toBeGreaterThan(300);
}

test.use({ viewport: PHONE });

test('documents: attach the lab’s PDF to a result from a phone, view it, download it, share it with the patient', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const pdf = Buffer.from(await demoPdf('Northfield Diagnostics: urea breath test', ['Delta over baseline 12.4 per mil', 'Result: positive']));
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await page.goto(`/patients?q=${MRN}`);
  await page.getByTestId('caseload-row').first().getByRole('link').first().click();
  await page.getByRole('link', { name: /H\. pylori urea breath test/ }).first().click();
  const report = page.getByRole('region', { name: 'Lab’s report' });
  await expect(report).toContainText('No PDF attached.');
  await report.getByRole('link', { name: 'Attach the lab’s PDF' }).click();

  const attach = page.getByRole('region', { name: 'Attach a document' });
  await expect(attach.getByLabel('Belongs to a result (optional)')).toHaveValue(/[0-9a-f-]{36}/);
  await expect(attach.getByLabel('Kind of document')).toHaveValue('lab_report');
  await attach.getByLabel('PDF file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<script>alert(document.cookie)</script>') });
  await attach.getByLabel('Title').fill('UBT report, Northfield');
  await attach.getByRole('button', { name: 'Attach document' }).click();
  await expect(attach.getByRole('alert')).toHaveText('This file is not a PDF. Choose the report or letter as a PDF file.');
  await expect(attach.getByLabel('Title')).toHaveValue('UBT report, Northfield');
  await screenshot(page, 'documents-refused-phone');

  await attach.getByLabel('PDF file').setInputFiles({ name: 'ubt.pdf', mimeType: 'application/pdf', buffer: pdf });
  await attach.getByRole('button', { name: 'Attach document' }).click();
  await expect(attach.getByRole('status')).toHaveText('Attached.');
  const row = page.getByRole('region', { name: 'Documents' }).getByTestId('document-row').filter({ hasText: 'UBT report, Northfield' });
  await expect(row).toContainText('Lab report');
  await expect(row).toContainText('for H. pylori urea breath test');
  await expect(row).toContainText('not shared');

  await row.getByRole('link', { name: 'UBT report, Northfield' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'UBT report, Northfield' })).toBeVisible();
  await expectDrawnPage(page);
  await screenshot(page, 'documents-viewer-phone');
  const axe = await axeViolations(page);
  expect(axe.failing, axe.failing.join('\n')).toEqual([]);

  // The file route: the same bytes, an attachment never rendered as a page of the site, never cached.
  const href = (await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href')) ?? '';
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('application/pdf');
  expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="UBT report_ Northfield\.pdf"/);
  expect(download.headers()['cache-control']).toBe('private, no-store');
  expect(download.headers()['content-security-policy']).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
  expect(Buffer.compare(await download.body(), pdf)).toBe(0);

  // The patient cannot read it until it is shared.
  const patientContext = await browser.newContext({ viewport: PHONE });
  const patient = await patientContext.newPage();
  await signInAndWait(patient, PATIENT, /\/portal$/);
  expect((await patient.request.get(href)).status()).toBe(404);
  await page.getByRole('button', { name: 'Share with the patient' }).click();
  await expect(page.getByText('Shared: the patient can read it in their portal.')).toBeVisible();

  await patient.getByRole('link', { name: 'Documents' }).click();
  await patient.getByRole('link', { name: 'UBT report, Northfield' }).click();
  await expectDrawnPage(patient);
  await screenshot(patient, 'documents-portal-phone');
  const portalAxe = await axeViolations(patient);
  expect(portalAxe.failing, portalAxe.failing.join('\n')).toEqual([]);
  await patientContext.close();

  // The result it belongs to lists it.
  await page.getByRole('link', { name: /^H\. pylori urea breath test, / }).click();
  await expect(page.getByRole('region', { name: 'Lab’s report' }).getByRole('link', { name: 'UBT report, Northfield' })).toBeVisible();
});
