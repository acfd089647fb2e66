import { expect, test, type Browser, type Page } from '@playwright/test';
import { PHONE, screenshot, signInAndWait } from './helpers';
import { E2E_CLINIC_TIME_ZONE } from './server-log';

// Elimination → reintroduction as the two sides live it (DOMAIN.md §10): the nutritionist starts a protocol,
// the patient on a phone sees today's challenge, reports a reaction and writes the diary (tagged with the
// challenge day), and the nutritionist confirms the verdict the diary suggests. Plus the at-home refusal a
// positive sIgE brings (Maya Chen, demo clinic).

const NUTRITIONIST = 'nina.patel@axis.test';
// Keiko Larsen (AX-100015): a portal patient on Nina Patel's team with no protocol in the demo clinic.
const PATIENT = 'keiko.larsen@patients.axis.test';
const MRN = 'AX-100015';

function clinicDate(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: E2E_CLINIC_TIME_ZONE }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

async function openPlan(page: Page, mrn: string) {
  await page.goto(`/patients?q=${mrn}`);
  const row = page.getByTestId('caseload-row').filter({ hasText: mrn });
  await expect(row).toHaveCount(1);
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
  await page.goto(`${page.url()}/plan`);
}

async function phonePatient(browser: Browser) {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signInAndWait(page, PATIENT, /\/portal$/);
  return page;
}

test('a nutritionist starts a protocol, the patient logs the challenge on a phone, the nutritionist confirms the verdict', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await signInAndWait(page, NUTRITIONIST, /\/patients$/);
  await openPlan(page, MRN);
  const section = page.getByRole('region', { name: 'Elimination and reintroduction', exact: true });
  await section.getByRole('button', { name: 'Start an elimination protocol' }).click();
  const form = page.getByRole('form', { name: 'Start an elimination protocol' });
  await form.getByLabel('Added sugar').check();
  await form.getByLabel('Why').selectOption('clinical_suspicion');
  await form.getByLabel('What was seen').fill('Flares after sweets at the weekend');
  // One week of elimination that began a week ago: the first challenge day is today.
  await form.getByLabel('Elimination starts').fill(clinicDate(-7));
  await form.getByLabel('Weeks of elimination').fill('1');
  const row = form.getByTestId('challenge-row');
  await expect(row).toHaveCount(1);
  await row.getByLabel('Day 1').fill('1 teaspoon of sugar in tea');
  await row.getByLabel('Day 2').fill('2 teaspoons of sugar');
  await row.getByLabel('Day 3').fill('a small slice of cake');
  await expect(form.getByTestId('protocol-preview')).toContainText('challenges until');
  await screenshot(page, 'reintroduction-start-form');
  await form.getByRole('button', { name: 'Start protocol' }).click();

  const protocol = section.getByTestId('protocol');
  await expect(protocol).toContainText('Running');
  await expect(protocol).toContainText('Today: Added sugar challenge: day 1 of 3 (1 teaspoon of sugar in tea)');

  // The patient, on a phone: today's card, "I reacted", and the diary tagged with the challenge day.
  const phone = await phonePatient(browser);
  const today = phone.getByTestId('today-card');
  await expect(today).toContainText('Test day 1 of 3: Added sugar');
  await expect(today).toContainText('Today, eat 1 teaspoon of sugar in tea.');
  await screenshot(phone, 'reintroduction-portal-today-phone');
  await today.getByRole('link', { name: 'I reacted' }).click();
  await expect(phone).toHaveURL(/\/portal\/reintroduction#react$/);
  const reaction = phone.getByRole('form', { name: 'I reacted' });
  // A refusal keeps what was typed: no symptom first.
  await reaction.getByLabel(/Moderate/).check();
  await reaction.getByRole('button', { name: 'Send to my care team' }).click();
  await expect(reaction.getByText('Say what happened.')).toBeVisible();
  await expect(reaction.getByLabel(/Moderate/)).toBeChecked();
  await reaction.getByLabel('What happened?').fill('Itchy red rash on my neck');
  await reaction.getByRole('button', { name: 'Send to my care team' }).click();
  await expect(phone.getByRole('status')).toContainText('Your care team can see your report.');
  await screenshot(phone, 'reintroduction-portal-reacted-phone');

  await phone.goto('/portal/diary');
  await phone.getByLabel('Date', { exact: true }).fill(clinicDate());
  await phone.getByRole('group', { name: 'How itchy was your skin today?' }).getByRole('radio', { name: '6', exact: true }).check();
  await phone.getByRole('button', { name: 'Save diary entry' }).click();
  await expect(phone.getByTestId('diary-entries')).toContainText('Challenge: Added sugar, day 1 of 3 (1 teaspoon of sugar in tea)');
  // The PDF summary carries the plan too.
  const pdf = await phone.request.get('/portal/summary.pdf');
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await phone.context().close();

  // Back with the nutritionist: the reaction is there, the diary suggests "reacted"; confirm it with a review date.
  await page.reload();
  await expect(protocol).toContainText('Itchy red rash on my neck (moderate)');
  const verdict = protocol.getByRole('form', { name: 'Verdict for Added sugar' });
  await expect(verdict).toBeVisible();
  await expect(protocol).toContainText('Suggested from the diary: Reacted');
  await verdict.getByLabel('Review on').fill(clinicDate(90));
  await screenshot(page, 'reintroduction-verdict');
  await verdict.getByRole('button', { name: 'Confirm verdict' }).click();
  await expect(protocol).toContainText(/Confirmed Reacted by Nina Patel/);
  await expect(protocol.getByRole('table')).toContainText('Stays out; review');
  await expect(page.getByRole('region', { name: 'Change history' })).toContainText('Verdict confirmed');
  await screenshot(page, 'reintroduction-confirmed');

  // The timeline carries the same grid, with the skin score over the same dates.
  await page.goto(page.url().replace(/\/plan.*$/, '/timeline'));
  const onTimeline = page.getByRole('region', { name: 'Elimination and reintroduction', exact: true });
  await expect(onTimeline.getByRole('table')).toContainText('Added sugar');
  await expect(onTimeline.getByRole('table')).toContainText('Reacted');
  await onTimeline.scrollIntoViewIfNeeded();
  await screenshot(page, 'reintroduction-timeline');
});

test('a positive sIgE keeps dairy out of the at-home challenges, with an allergist referral', async ({ page }) => {
  await signInAndWait(page, NUTRITIONIST, /\/patients$/);
  await openPlan(page, 'AX-100155');
  const protocol = page.getByRole('region', { name: 'Elimination and reintroduction', exact: true }).getByTestId('protocol');
  await expect(protocol.getByRole('table')).toContainText('Supervised challenge only');
  await expect(protocol).toContainText(/Refer to an allergist for a supervised oral food challenge to Dairy/);
  await expect(protocol).toContainText('Today: Eliminating');
});
