import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DERMATOLOGIST, PHONE, PORTAL_PATIENT, screenshot, signInAndWait } from './helpers';

// Patient-reported outcomes: Rafael fills in the DLQI with the keyboard only and adds a diary entry;
// axe finds no serious or critical problems on either page, at desktop and phone widths; then
// Dr. Rivera, on his care team, sees both on his record marked as patient-reported.

async function expectNoSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Presses Tab until the focused element matches, so the test uses the keyboard as a person would. */
async function tabUntil(page: Page, matches: (el: { tag: string; name: string | null; type: string | null; text: string }) => boolean, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement;
      return { tag: a?.tagName.toLowerCase() ?? '', name: a?.getAttribute('name') ?? null, type: a?.getAttribute('type') ?? null, text: a?.textContent?.trim() ?? '' };
    });
    if (matches(el)) return;
  }
  throw new Error('never reached the element with Tab');
}

test('a patient completes the DLQI by keyboard and adds a diary entry; the care team sees both', async ({ page, browser }) => {
  await signInAndWait(page, PORTAL_PATIENT, /\/portal$/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questionnaires' }).click();
  await expect(page.getByRole('heading', { name: 'Questionnaires', level: 1 })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByRole('link', { name: /Dermatology Life Quality Index/ }).click();
  await expect(page.getByRole('heading', { name: 'Dermatology Life Quality Index', level: 1 })).toBeVisible();
  await expect(page.getByRole('group', { name: /how itchy, sore, painful or stinging has your skin been/ })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await screenshot(page, 'portal-dlqi-form');

  // Keyboard only: Tab into each question, Space or the arrow keys choose an answer.
  await tabUntil(page, (el) => el.name === 'answer:q1');
  await page.keyboard.press('Space'); // q1: Very much (3)
  await tabUntil(page, (el) => el.name === 'answer:q2');
  await page.keyboard.press('ArrowDown'); // q2: A lot (2)
  for (let q = 3; q <= 10; q++) {
    await tabUntil(page, (el) => el.name === `answer:q${q}`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // Not at all / No — not a problem at all (0)
  }
  await expect(page.getByText('10 of 10 questions answered')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Very much' }).first()).toBeChecked();
  await tabUntil(page, (el) => el.tag === 'button' && el.text === 'Send my answers');
  await page.keyboard.press('Enter');

  const result = page.getByTestId('questionnaire-result');
  await expect(result).toContainText('Your DLQI score is 5 out of 30.');
  await expect(result).toContainText('a small effect on your life');
  await expect(result).toBeFocused();
  await screenshot(page, 'portal-dlqi-result');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'portal-dlqi-result-phone');
  await page.goto('/portal/questionnaires/dlqi');
  await expectNoSeriousAxeViolations(page);
  await screenshot(page, 'portal-dlqi-form-phone');
  await page.setViewportSize({ width: 1280, height: 720 });

  // The diary.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Diary' }).click();
  await expect(page.getByRole('heading', { name: 'My food and symptom diary' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel('Meal 1 time').fill('08:15');
  await page.getByLabel('Meal 1: what you had').fill('Porridge with banana');
  await page.getByRole('button', { name: '+ Add another meal' }).click();
  await expect(page.getByLabel('Meal 2: what you had')).toBeFocused();
  await page.keyboard.type('Lentil soup and rye bread');
  await page.getByRole('radio', { name: /Type 4/ }).check();
  await page.getByRole('group', { name: 'How itchy was your skin today?' }).getByRole('radio', { name: '3', exact: true }).check();
  await page.getByRole('group', { name: 'How bad was your skin flare today?' }).getByRole('radio', { name: '2', exact: true }).check();
  await screenshot(page, 'portal-diary-form');
  await page.getByRole('button', { name: 'Save diary entry' }).click();
  await expect(page.getByRole('status')).toContainText('Saved');
  const recent = page.getByTestId('diary-entries');
  await expect(recent).toContainText('Porridge with banana');
  await expect(recent).toContainText('Type 4');
  await expect(recent).toContainText('3 out of 10');
  await expectNoSeriousAxeViolations(page);
  await screenshot(page, 'portal-diary');
  await page.setViewportSize(PHONE);
  await expectNoSeriousAxeViolations(page);
  await screenshot(page, 'portal-diary-phone');

  // Dr. Rivera, on Rafael's care team, sees both, marked as patient-reported.
  const context = await browser.newContext();
  const clinician = await context.newPage();
  await signInAndWait(clinician, DERMATOLOGIST, /\/patients$/);
  await clinician.getByLabel('Search name or MRN').fill('rafael moreau');
  await expect(clinician.getByTestId('caseload-row')).toHaveCount(1);
  await clinician.getByTestId('caseload-row').first().getByRole('link').first().click();
  await expect(clinician.getByRole('heading', { name: 'Moreau, Rafael' })).toBeVisible();
  const diary = clinician.getByRole('region', { name: 'Patient diary' });
  await expect(diary).toContainText('Patient-reported');
  await expect(diary).toContainText('Porridge with banana');
  await expect(diary).toContainText('Type 4');
  const scores = clinician.getByRole('region', { name: 'Skin and gut scores' });
  await scores.getByText('All score entries').click();
  const dlqiRow = scores.getByRole('row').filter({ hasText: 'DLQI (patient-reported)' }).first();
  await expect(dlqiRow).toBeVisible();
  await expect(dlqiRow.getByText('Patient-reported', { exact: true })).toBeVisible();
  await screenshot(clinician, 'portal-reports-clinician-record');

  await clinician.getByRole('link', { name: 'Timeline' }).first().click();
  await expect(clinician.locator('[data-testid="timeline-entry"][data-kind="diary"]').first()).toContainText('Patient-reported');
  await context.close();
});
