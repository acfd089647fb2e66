import { expect, test, type Page } from '@playwright/test';
import { DERMATOLOGIST, screenshot, signInAndWait } from './helpers';

// The result forms load their live preview (schemas and interpretation rules) after the page is
// interactive, so it is not part of their first-load JavaScript (docs/PERFORMANCE.md). The form must
// work from the first paint, and saving must never depend on the preview having arrived.

// A message only the H. pylori input schema contains: the chunk that carries it is the preview engine.
const PREVIEW_ENGINE_MARKER = 'Choose positive, negative or indeterminate.';

async function openHPyloriForm(page: Page) {
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await page.goto('/patients?q=maya+chen');
  await page.getByTestId('caseload-row').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chen, Maya' })).toBeVisible();
  await page.getByRole('link', { name: '+ H. pylori' }).click();
  await expect(page.getByRole('heading', { name: /Record: H\. pylori/ })).toBeVisible();
}

async function enterPositiveStoolAntigen(page: Page) {
  await page.getByLabel('Method').selectOption('stool_antigen');
  await page.getByLabel('Result').selectOption('positive');
}

test('the H. pylori form previews its interpretation once the rules have loaded', async ({ page }) => {
  await openHPyloriForm(page);
  await enterPositiveStoolAntigen(page);
  const preview = page.getByRole('region', { name: 'Interpretation preview' });
  await expect(preview).toContainText('H. pylori stool antigen positive');
  await expect(preview).toContainText('Reported positive by stool antigen.');
  await screenshot(page, 'results-h-pylori-preview');
});

test('without the preview engine the form still saves, and says why there is no preview', async ({ page }) => {
  let blocked = 0;
  await page.route('**/_next/static/chunks/**', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes(PREVIEW_ENGINE_MARKER)) {
      blocked += 1;
      await route.abort('failed');
      return;
    }
    await route.fulfill({ response });
  });
  await openHPyloriForm(page);
  const preview = page.getByRole('region', { name: 'Interpretation preview' });
  await expect(preview).toContainText('The preview could not be loaded');
  // The engine was asked for after the page had loaded, and only then (it is not in the first load).
  expect(blocked).toBeGreaterThan(0);

  await enterPositiveStoolAntigen(page);
  await screenshot(page, 'results-h-pylori-preview-unavailable');
  await page.getByRole('button', { name: 'Save H. pylori test' }).click();
  await expect(page).toHaveURL(/\/results\/[0-9a-f-]{36}$/);
  await expect(page.getByText('H. pylori stool antigen positive').first()).toBeVisible();
});
