import { expect, test, type Page } from '@playwright/test';
import { DERMATOLOGIST, screenshot, signInAndWait } from './helpers';

const NUTRITIONIST = 'nina.patel@axis.test';
const DIET = 'Dairy and gluten elimination';
const DETOX = 'Detox cleanse tea';

async function openChen(page: Page) {
  await page.goto('/patients?q=maya+chen');
  await page.getByTestId('caseload-row').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chen, Maya' })).toBeVisible();
}

async function openPlan(page: Page) {
  await page.getByRole('region', { name: 'Care plan' }).getByRole('link', { name: 'Open the care plan →' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Care plan' })).toBeVisible();
}

test('a dermatologist proposes, the nutritionist who owns it accepts; guardrails ask for a reintroduction date and acknowledgement of a detox caution', async ({ page }) => {
  // Dr. Rivera (dermatology) proposes an elimination diet owned by Nina Patel (nutrition).
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await openChen(page);
  await openPlan(page);
  await page.getByRole('button', { name: '+ Propose an intervention' }).click();
  const form = page.getByRole('form', { name: 'Propose an intervention' });
  await form.getByLabel('Kind').selectOption('diet');
  await form.getByLabel('Title').fill(DIET);
  await form.getByLabel('Foods').fill('dairy, gluten');
  await form.getByLabel('Owner').selectOption({ label: 'Nina Patel, RD (Nutrition)' });
  await form.getByLabel('Start date (optional)').fill('2026-12-01');

  // No reintroduction date yet: flagged as you type (DOMAIN.md §7: elimination is temporary); dairy
  // excluded: a calcium and vitamin D review (DOMAIN.md §10.2).
  const guardrails = form.getByRole('region', { name: 'Evidence guardrails' });
  await expect(guardrails).toContainText('Flag: This elimination diet has no planned reintroduction date.');
  await expect(guardrails).toContainText('Dairy is excluded: review calcium and vitamin D');
  await screenshot(page, 'care-plan-propose-diet-flag');
  await form.getByLabel('Planned reintroduction date').fill('2027-01-15');
  await expect(form).toContainText('Nina Patel, RD will be asked to accept it.');
  // Maya Chen has a positive cow's milk sIgE: bringing dairy back at home is refused (DOMAIN.md §10.4).
  await form.getByRole('button', { name: 'Propose intervention' }).click();
  const refusal = form.getByRole('alert');
  await expect(refusal).toContainText('An at-home reintroduction was refused for safety. Nothing was saved.');
  await expect(refusal).toContainText('dairy cannot be brought back at home. A positive specific IgE to Dairy');
  await expect(refusal).toContainText('It needs a supervised oral food challenge');
  await expect(form.getByLabel('Title')).toHaveValue(DIET);
  await screenshot(page, 'care-plan-reintroduction-refused');
  // Dairy stays out (for the allergist); gluten and sugar come back at home.
  await form.getByLabel('Foods').fill('gluten, sugar');
  await expect(guardrails).toHaveCount(0);
  await form.getByRole('button', { name: 'Propose intervention' }).click();
  const diet = page.getByRole('listitem', { name: DIET });
  await expect(diet).toBeVisible();
  await expect(diet).toContainText('Proposed');
  await expect(diet).toContainText('Awaiting acceptance by Nina Patel, RD.');
  await expect(diet).toContainText('Elimination phase: gluten, sugar; reintroduction planned 2027-01-15');

  // A "detox cleanse" supplement: the caution must be ticked before the server will save it.
  await page.getByRole('button', { name: '+ Propose an intervention' }).click();
  await form.getByLabel('Kind').selectOption('supplement');
  await form.getByLabel('Title').fill(DETOX);
  await form.getByLabel('Supplement').fill('Herbal detox blend');
  await form.getByLabel('Dose', { exact: true }).fill('1 cup');
  await form.getByLabel('Owner').selectOption({ label: 'Nina Patel, RD (Nutrition)' });
  await expect(form.getByRole('region', { name: 'Evidence guardrails' })).toContainText('Caution: Detox and cleanse regimens have no supporting evidence');
  await form.getByRole('button', { name: 'Propose intervention' }).click();
  await expect(form.getByRole('alert')).toContainText('Please read the caution below and tick it to confirm before saving. Nothing was saved.');
  // Nothing typed is lost.
  await expect(form.getByLabel('Title')).toHaveValue(DETOX);
  await screenshot(page, 'care-plan-propose-detox-caution');
  await form.getByLabel('I have read this caution and still want to propose it').check();
  await form.getByRole('button', { name: 'Propose intervention' }).click();
  const detox = page.getByRole('listitem', { name: DETOX });
  await expect(detox).toContainText('Caution acknowledged by the proposer: detox or cleanse.');
  await expect(page.getByRole('region', { name: 'Change history' })).toContainText(`Proposed “${DETOX}”`);
  await screenshot(page, 'care-plan-proposed');
  // Only the owner can accept: the proposer is offered no Accept button.
  await expect(diet.getByRole('button', { name: `Accept ${DIET}` })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Nina Patel sees both awaiting her acceptance, on the record and in the plan.
  await signInAndWait(page, NUTRITIONIST, /\/patients$/);
  await openChen(page);
  const summary = page.getByRole('region', { name: 'Care plan' });
  // The demo clinic already has a proposal awaiting her (a probiotic), so count from what is shown.
  await expect(summary).toContainText(/\d+ interventions awaiting your acceptance/);
  await expect(summary).toContainText(DIET);
  await screenshot(page, 'care-plan-record-summary-awaiting');
  await openPlan(page);
  const banner = page.getByRole('status').filter({ hasText: 'awaiting your acceptance' });
  const awaitingBefore = Number((await banner.textContent())?.match(/^(\d+)/)?.[1]);
  expect(awaitingBefore).toBeGreaterThanOrEqual(2);
  await expect(diet).toContainText('Awaiting your acceptance');
  await screenshot(page, 'care-plan-awaiting-acceptance');

  await diet.getByRole('button', { name: `Accept ${DIET}` }).click();
  await expect(diet).toContainText('Active');
  await expect(diet).toContainText('Accepted by: Nina Patel, RD');
  await expect(diet).not.toContainText('Awaiting your acceptance');
  await expect(diet).toContainText('1 Dec 2026');

  // She declines the detox tea, saying why; it leaves the current plan but stays in the history.
  await detox.getByRole('button', { name: `Decline ${DETOX}` }).click();
  await detox.getByLabel('Decline: reason').fill('No evidence for detox teas; focusing on the elimination diet.');
  await detox.getByRole('button', { name: 'Confirm: decline' }).click();
  const past = page.getByRole('region', { name: 'Interventions' }).locator('details');
  await past.getByText(/Completed, stopped and declined \(\d+\)/).click();
  await expect(past.getByRole('listitem', { name: DETOX })).toContainText('Declined');
  const history = page.getByRole('region', { name: 'Change history' });
  await expect(history).toContainText(`Accepted “${DIET}”`);
  await expect(history).toContainText('Reason: No evidence for detox teas');
  const awaitingAfter = awaitingBefore - 2;
  if (awaitingAfter === 0) await expect(banner).toHaveCount(0);
  else await expect(banner).toHaveText(awaitingAfter === 1 ? '1 intervention is awaiting your acceptance.' : `${awaitingAfter} interventions are awaiting your acceptance.`);
  await screenshot(page, 'care-plan-accepted');

  // Back on the record, the plan summary shows it active.
  await page.getByRole('link', { name: '← Chen, Maya' }).click();
  await expect(page.getByRole('region', { name: 'Care plan' })).toContainText(DIET);
  await expect(page.getByRole('region', { name: 'Care plan' })).toContainText('Active');
  await screenshot(page, 'care-plan-record-summary-active');
});

test('two clinicians edit the same intervention at once: the second save is told what changed and keeps what was typed', async ({ browser }) => {
  const title = 'Tacrolimus 0.03% ointment to the face';
  const elena = await (await browser.newContext()).newPage();
  const nina = await (await browser.newContext()).newPage();

  await signInAndWait(elena, DERMATOLOGIST, /\/patients$/);
  await openChen(elena);
  await openPlan(elena);
  await elena.getByRole('button', { name: '+ Propose an intervention' }).click();
  const form = elena.getByRole('form', { name: 'Propose an intervention' });
  await form.getByLabel('Kind').selectOption('topical');
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Product or drug').fill('Tacrolimus 0.03% ointment');
  await form.getByLabel('Dose', { exact: true }).fill('thin layer');
  await form.getByLabel('Frequency', { exact: true }).fill('twice daily');
  await form.getByLabel('Owner').selectOption({ label: 'Dr. Elena Rivera (Dermatology)' });
  await form.getByRole('button', { name: 'Propose intervention' }).click();
  const mine = elena.getByRole('listitem', { name: title });
  await expect(mine).toContainText('Version 1');

  // Both open the editor on version 1.
  await signInAndWait(nina, NUTRITIONIST, /\/patients$/);
  await openChen(nina);
  await openPlan(nina);
  const theirs = nina.getByRole('listitem', { name: title });
  await theirs.getByRole('button', { name: `Edit ${title}` }).click();
  await mine.getByRole('button', { name: `Edit ${title}` }).click();

  // Nina saves first.
  await theirs.getByLabel('Frequency', { exact: true }).fill('once daily at night');
  await theirs.getByRole('button', { name: 'Save changes' }).click();
  await expect(theirs).toContainText('Version 2');

  // Elena's save is refused, naming Nina and showing her change; Elena's typing stays.
  await mine.getByLabel('Dose', { exact: true }).fill('fingertip unit to face and neck');
  await mine.getByRole('button', { name: 'Save changes' }).click();
  const alert = mine.getByRole('alert');
  await expect(alert).toContainText('Nina Patel, RD changed this intervention since you opened it (now version 2); your change was not saved.');
  await expect(alert.getByTestId('conflict')).toContainText('Details: Tacrolimus 0.03% ointment, thin layer, twice daily → Tacrolimus 0.03% ointment, thin layer, once daily at night');
  await expect(mine.getByLabel('Dose', { exact: true })).toHaveValue('fingertip unit to face and neck');
  await screenshot(elena, 'care-plan-edit-conflict');

  // She takes Nina's change into her edit and saves over version 2; both versions stay in the history.
  await mine.getByLabel('Frequency', { exact: true }).fill('once daily at night');
  await alert.getByRole('button', { name: 'Save my edits over version 2' }).click();
  await expect(mine).toContainText('Version 3');
  await expect(mine).toContainText('Tacrolimus 0.03% ointment, fingertip unit to face and neck, once daily at night');
  const history = elena.getByRole('region', { name: 'Change history' });
  await expect(history.getByText(`Edited “${title}”`)).toHaveCount(2);
  await screenshot(elena, 'care-plan-edit-conflict-resolved');
});
